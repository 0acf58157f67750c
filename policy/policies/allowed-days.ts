// Policy 2: calls only on allowed days of the week in the callee's local time. BusinessDay windows
// follow CCC's statutory calendar (some workdays fall on weekends) and Holiday windows can fall on
// any day, so both count as possibly running on every day unless configured otherwise.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { stringListSchema, weekdaysSchema } from "../config-schema";
import { ALL_DAYS, ASSUMED_TIME_ZONE, calleeOf, occurrences, type Weekday, WindowProblems } from "../schedule";
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
                description: 'Per-country overrides by ISO code: allowed days, and the zones its numbers can be in (e.g. {"DE": {"allowedDays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]}, "CN": {"zones": ["Asia/Shanghai"]}}).',
            },
            businessDayMayFallOnWeekends: {
                type: "boolean",
                default: true,
                description: "Treat BusinessDay windows as possibly running on Saturday and Sunday (statutory make-up workdays).",
            },
        },
    },
    validateResource: forCalloutTasks<AllowedDaysConfig>((task, config, report) => {
        if (anyUnknown(task.callees, task.notBefore, task.notAfter, task.timeZone, task.availableTime, task.availableWorkTimeConfig)) return;
        const taskZone = task.timeZone ?? ASSUMED_TIME_ZONE;
        const slots = occurrences(task, taskZone, { businessDayWeekends: config.businessDayMayFallOnWeekends });
        const problems = new WindowProblems();
        for (const number of task.callees) {
            const callee = calleeOf(number, config.countries);
            const allowed = config.countries[callee.country ?? ""]?.allowedDays ?? config.allowedDays;
            for (const zone of callee.zones) {
                for (const o of slots) {
                    const local = o.start.setZone(zone);
                    const days = [local, o.end.minus({ seconds: 1 }).setZone(zone)].map((d) => d.setLocale("en-US").toFormat("cccc") as Weekday);
                    const bad = days.find((d) => !allowed.includes(d));
                    if (!bad) continue;
                    const why = o.window.label === "BusinessDay" || o.window.label === "Holiday" ? `${o.window.label} can fall on ${bad}; ` : "";
                    problems.add(o.window, callee.country ?? "", `${why}allowed days are ${allowed.join(", ")}`, zone, `on ${bad} in`, local, number);
                }
            }
        }
        reportSome(problems.messages(taskZone), report);
    }),
};
