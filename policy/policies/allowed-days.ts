// Policy 2: calls only on allowed days of the week in the callee's local time. BusinessDay windows
// follow CCC's statutory calendar (some workdays fall on weekends) and Holiday windows can fall on
// any day, so both count as possibly running on every day unless configured otherwise.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { stringListSchema, weekdaysSchema } from "../config-schema";
import { zonedGroups } from "../callees";
import { ALL_DAYS, ASSUMED_TIME_ZONE, localTimes, type Weekday, WindowProblems } from "../schedule";
import { anyUnknown, forCalloutTasks, reportSome } from "../task";

export interface AllowedDaysConfig {
    allowedDays: Weekday[];
    countries: Record<string, { allowedDays?: Weekday[]; zones?: string[] }>;
    businessDayMayFallOnWeekends: boolean;
}

export const allowedDays: ResourceValidationPolicy = {
    name: "ccc-allowed-days",
    description:
        "Calls only on allowed days of the week, counted in the callee's local time (a Saturday-evening window in Shanghai is a Saturday morning in New York). By default every day but Sunday. BusinessDay windows follow CCC's statutory calendar, which moves some workdays onto weekends; Holiday windows run on weekends and public holidays: both are checked against every day they can fall on.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedDays: { ...weekdaysSchema, default: ALL_DAYS.filter((d) => d !== "Sunday"), description: "Allowed days for every country without an override." },
            countries: {
                type: "object",
                additionalProperties: { type: "object", properties: { allowedDays: weekdaysSchema, zones: stringListSchema } },
                default: {},
                description: 'Per-country overrides by ISO code: allowed days, and the zones its numbers can be in instead of the zones of their prefixes (e.g. {"DE": {"allowedDays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]}}).',
            },
            businessDayMayFallOnWeekends: {
                type: "boolean",
                default: true,
                description: "Treat BusinessDay windows as possibly running on Saturday and Sunday (statutory make-up workdays).",
            },
        },
    },
    validateResource: forCalloutTasks<AllowedDaysConfig>([], (task, config, report, view) => {
        if (anyUnknown(task.callees, task.notBefore, task.notAfter, task.timeZone, task.availableTime, task.availableWorkTimeConfig)) return;
        // Unknown zones, starts and windows are the violations of ccc-time-zone, ccc-schedule and ccc-allowed-hours.
        if (task.notBefore === undefined || !task.callees || ["timeZone", "availableTime", "availableWorkTimeConfig"].some((f) => view.failed.has(f))) return;
        const taskZone = task.timeZone ?? ASSUMED_TIME_ZONE;
        const local = localTimes({ ...task, notBefore: task.notBefore }, taskZone, { businessDayWeekends: config.businessDayMayFallOnWeekends });
        const problems = new WindowProblems("in ");
        for (const group of zonedGroups(task.callees as string[], config.countries)) {
            const allowed = config.countries[group.country ?? ""]?.allowedDays ?? config.allowedDays;
            for (const zone of group.zones) {
                for (const l of local.in(zone)) {
                    const bad = l.days.find((d) => !allowed.includes(d));
                    if (!bad) continue;
                    const label = l.occurrence.window.label;
                    const why = label === "BusinessDay" || label === "Holiday" ? `${label} can fall on ${bad}; ` : "";
                    problems.add(l.occurrence.window, `${why}allowed days are ${allowed.join(", ")}`, group, zone, `on ${bad}`, l.start);
                }
            }
        }
        reportSome(problems.messages(taskZone), report);
    }),
};
