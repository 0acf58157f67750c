// Policy 1: every call window, converted into every time zone a callee's number can be in, falls
// inside the allowed hours there (per-country overrides), on a single local day.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { hourRangeSchema, stringListSchema } from "../config-schema";
import { anyUnknown, forCalloutTasks, reportSome } from "../task";
import { ASSUMED_TIME_ZONE, calleeOf, type HourRange, hhmm, occurrences, WindowProblems, withinHours } from "../schedule";

export interface AllowedHoursConfig {
    allowedHours: HourRange[];
    countries: Record<string, { allowedHours?: HourRange[]; zones?: string[] }>;
}

export const allowedHours: ResourceValidationPolicy = {
    name: "ccc-allowed-hours",
    description:
        "No call outside lawful hours in the callee's local time. Every call window of a task, in the task's time zone, is converted into every time zone the callee's number can be in (all zones of its country) on every day of the campaign, and must fall inside the allowed hours there. A task with no window at all would dial at any hour and is refused.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedHours: { type: "array", items: hourRangeSchema, default: [{ start: "08:00", end: "21:00" }], description: "Allowed local hours for every country without an override." },
            countries: {
                type: "object",
                additionalProperties: { type: "object", properties: { allowedHours: { type: "array", items: hourRangeSchema }, zones: stringListSchema } },
                default: {},
                description:
                    'Per-country overrides by ISO code: allowed hours, and the zones its numbers can be in when narrower than the zone database (e.g. {"US": {"allowedHours": [{"start": "10:00", "end": "13:00"}, {"start": "14:00", "end": "20:00"}]}, "CN": {"zones": ["Asia/Shanghai"]}}).',
            },
        },
    },
    validateResource: forCalloutTasks<AllowedHoursConfig>((task, config, report) => {
        if (anyUnknown(task.callees, task.notBefore, task.notAfter, task.timeZone, task.availableTime, task.availableWorkTimeConfig)) return;
        if (!task.availableTime?.length && !task.availableWorkTimeConfig?.length) {
            return report("no call window (availableTime or availableWorkTimeConfig): the task would dial at any hour");
        }
        const taskZone = task.timeZone ?? ASSUMED_TIME_ZONE;
        const slots = occurrences(task, taskZone);
        const problems = new WindowProblems();
        for (const number of task.callees) {
            const callee = calleeOf(number, config.countries);
            const allowed = config.countries[callee.country ?? ""]?.allowedHours ?? config.allowedHours;
            const rule = `outside ${allowed.map((r) => `${r.start}–${r.end}`).join(", ")}`;
            for (const zone of callee.zones) {
                for (const o of slots) {
                    if (withinHours(o.start, o.end, zone, allowed)) continue;
                    const local = o.start.setZone(zone);
                    problems.add(o.window, callee.country ?? "", rule, zone, `${hhmm(local)}–${hhmm(o.end.setZone(zone))}`, local, number);
                }
            }
        }
        reportSome(problems.messages(taskZone), report);
    }),
};
