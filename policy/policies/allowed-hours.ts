// Policy 1: every call window, converted into every time zone a callee's number can be in, falls
// inside the allowed hours there (per-country overrides), on a single local day.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describeCallees, zonedGroups } from "../../campaign/callees";
import { localTimes, span } from "../../campaign/windows";
import { allKnown, anyFailed, forCampaigns, reportSome } from "../campaign";
import { hourRangeSchema, stringListSchema } from "../config-schema";
import { type HourRange, WindowProblems, withinHours } from "../window-problems";

export interface AllowedHoursConfig {
    allowedHours: HourRange[];
    countries: Record<string, { allowedHours?: HourRange[]; zones?: string[] }>;
}

export const allowedHours: ResourceValidationPolicy = {
    name: "ccc-allowed-hours",
    description:
        "No call outside lawful hours in the callee's local time. Every call window of a task, in the task's time zone, is converted into every time zone the callee's number can be in (by its prefix, from Google libphonenumber's data) on every day of the campaign, and must fall inside the allowed hours there. A task with no window at all would dial at any hour and is refused; so is a window the schema rejects (one that ends before it starts or crosses midnight).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedHours: { type: "array", items: hourRangeSchema, default: [{ start: "08:00", end: "21:00" }], description: "Allowed local hours for every country without an override." },
            countries: {
                type: "object",
                additionalProperties: { type: "object", properties: { allowedHours: { type: "array", items: hourRangeSchema }, zones: stringListSchema } },
                default: {},
                description:
                    'Per-country overrides by ISO code: allowed hours, and the zones its numbers can be in instead of the zones of their prefixes (e.g. {"US": {"allowedHours": [{"start": "10:00", "end": "13:00"}, {"start": "14:00", "end": "20:00"}]}}).',
            },
        },
    },
    validateResource: forCampaigns<AllowedHoursConfig>(["windows"], (campaign, config, report, view) => {
        if (!allKnown(view, "callees", "start", "end", "timeZone", "windows")) return;
        if (anyFailed(view, "windows")) return; // reported above
        const { start, end, timeZone: taskZone, windows = [] } = campaign.schedule;
        if (!windows.length) return report(`no call window (${view.kind.fields.windows}): the task would dial at any hour`);
        // An unknown zone or start is ccc-time-zone's and ccc-schedule's violation.
        if (start === undefined || !campaign.callees || taskZone === undefined) return;
        const local = localTimes({ start, end, timeZone: taskZone, windows });
        const problems = new WindowProblems();
        const messages: string[] = [];
        for (const group of zonedGroups(campaign.callees, config.countries)) {
            if (!group.zones.length) {
                messages.push(`${describeCallees(group.numbers)} ${group.where}: their local hours cannot be checked`);
                continue;
            }
            const allowed = config.countries[group.country ?? ""]?.allowedHours ?? config.allowedHours;
            const rule = `outside ${allowed.map((r) => span(r.start, r.end)).join(", ")}`;
            for (const zone of group.zones) {
                for (const l of local.in(zone)) {
                    if (!withinHours(l, allowed)) problems.add(l.occurrence.window, rule, group, zone, span(l.from, l.to), l.start);
                }
            }
        }
        reportSome([...messages, ...problems.messages(taskZone)], report);
    }),
};
