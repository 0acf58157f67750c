// Policy 2: calls only on allowed days of the week in the callee's local time. Workday windows
// follow a statutory calendar (some workdays fall on weekends) and holiday windows can fall on any
// day, so both count as possibly running on every day unless configured otherwise.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { zonedGroups } from "../../campaign/callees";
import { type Weekday, WEEKDAYS } from "../../campaign/model";
import { localTimes } from "../../campaign/windows";
import { allKnown, anyFailed, forCampaigns, reportSome } from "../campaign";
import { stringListSchema, weekdaysSchema } from "../config-schema";
import { WindowProblems } from "../window-problems";

export interface AllowedDaysConfig {
    allowedDays: Weekday[];
    countries: Record<string, { allowedDays?: Weekday[]; zones?: string[] }>;
    businessDayMayFallOnWeekends: boolean;
}

export const allowedDays: ResourceValidationPolicy = {
    name: "ccc-allowed-days",
    description:
        "Calls only on allowed days of the week, counted in the callee's local time (a Saturday-evening window in Shanghai is a Saturday morning in New York). By default every day but Sunday. Windows on business days follow the vendor's statutory calendar, which moves some workdays onto weekends; holiday windows run on weekends and public holidays: both are checked against every day they can fall on.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedDays: { ...weekdaysSchema, default: WEEKDAYS.filter((d) => d !== "Sunday"), description: "Allowed days for every country without an override." },
            countries: {
                type: "object",
                additionalProperties: { type: "object", properties: { allowedDays: weekdaysSchema, zones: stringListSchema } },
                default: {},
                description: 'Per-country overrides by ISO code: allowed days, and the zones its numbers can be in instead of the zones of their prefixes (e.g. {"DE": {"allowedDays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]}}).',
            },
            businessDayMayFallOnWeekends: {
                type: "boolean",
                default: true,
                description: "Treat business-day windows as possibly running on Saturday and Sunday (statutory make-up workdays).",
            },
        },
    },
    validateResource: forCampaigns<AllowedDaysConfig>([], (campaign, config, report, view) => {
        if (!allKnown(view, "callees", "start", "end", "timeZone", "windows")) return;
        // Unknown zones, starts and windows are the violations of ccc-time-zone, ccc-schedule and ccc-allowed-hours.
        const { start, end, timeZone: taskZone, windows } = campaign.schedule;
        if (start === undefined || !campaign.callees || anyFailed(view, "timeZone", "windows") || taskZone === undefined || !windows) return;
        const local = localTimes({ start, end, timeZone: taskZone, windows }, { workdaysOnWeekends: config.businessDayMayFallOnWeekends });
        const problems = new WindowProblems("in ");
        for (const group of zonedGroups(campaign.callees, config.countries)) {
            const allowed = config.countries[group.country ?? ""]?.allowedDays ?? config.allowedDays;
            for (const zone of group.zones) {
                for (const l of local.in(zone)) {
                    const bad = l.days.find((d) => !allowed.includes(d));
                    if (!bad) continue;
                    const w = l.occurrence.window;
                    const why = w.calendar ? `${w.label} can fall on ${bad}; ` : "";
                    problems.add(l.occurrence.window, `${why}allowed days are ${allowed.join(", ")}`, group, zone, `on ${bad}`, l.start);
                }
            }
        }
        reportSome(problems.messages(taskZone), report);
    }),
};
