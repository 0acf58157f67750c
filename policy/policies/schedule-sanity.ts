// Policy 4: the schedule makes sense: it ends, after it starts, within a maximum length; at least one
// window opens while it runs; no window crosses midnight or falls into a DST gap.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { campaignSpan, HORIZON_DAYS, occurrences, span, windowDays } from "../../campaign/windows";
import { allKnown, anyFailed, forCampaigns } from "../campaign";

export interface ScheduleConfig {
    maxCampaignDays: number;
    requireNotAfter: boolean;
}

export const scheduleSanity: ResourceValidationPolicy = {
    name: "ccc-schedule",
    description:
        "The campaign has an end after its start and no longer than the maximum length; at least one call window opens between its start and end (otherwise it can never dial); no window runs across midnight and none starts or ends in a daylight-saving gap.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            maxCampaignDays: { type: "number", minimum: 1, default: 14, description: "Longest campaign, from its start to its end, in days." },
            requireNotAfter: { type: "boolean", default: true, description: "Require an explicit end." },
        },
    },
    validateResource: forCampaigns<ScheduleConfig>(["start", "end"], ({ schedule }, config, report, view) => {
        const { start, end, timeZone: zone, windows } = schedule;
        const { fields } = view.kind;
        if (start === undefined || anyFailed(view, "end") || !allKnown(view, "start", "end")) return;
        if (end === undefined) {
            if (config.requireNotAfter) report(`${fields.end} is not set: the task never ends`);
        } else {
            const days = (end - start) / 86400;
            if (days > config.maxCampaignDays) report(`the campaign runs ${days.toFixed(1)} days: longer than ${config.maxCampaignDays}`);
        }
        if (!allKnown(view, "windows", "timeZone") || anyFailed(view, "timeZone", "windows") || zone === undefined || !windows?.length) return; // no window at all is ccc-allowed-hours' violation
        const timed = { start, end, timeZone: zone, windows };
        const slots = occurrences(timed);
        if (!slots.length) {
            // Say why: the campaign's dates and weekdays against the windows' days and hours.
            const { from, until } = campaignSpan(timed);
            const ending = end === undefined ? `the next ${HORIZON_DAYS} days` : `${fields.end} (${until.toFormat("ccc yyyy-LL-dd HH:mm")})`;
            const weekdays = new Set<string>();
            for (let d = from.startOf("day"); d < until && weekdays.size < 7; d = d.plus({ days: 1 })) weekdays.add(d.toFormat("ccc"));
            const declared = windows.map((w) => `${w.label} ${span(w.start, w.end)}`).join(", ");
            report(`no call window opens between ${fields.start} (${from.toFormat("ccc yyyy-LL-dd HH:mm")}) and ${ending} in ${zone}, which covers ${[...weekdays].join(", ")}: the windows are ${declared}: the task can never dial`);
        }
        for (const w of windows) {
            const days = windowDays(w);
            const before = w.start === "00:00:00" && windows.find((o) => o !== w && o.end >= "23:59:00" && windowDays(o).some((d) => days.includes(d)));
            if (before) report(`windows ${span(before.start, before.end)} and ${span(w.start, w.end)} together run across midnight in ${zone}`);
        }
        const gaps = slots.filter((s) => s.inDstGap);
        if (gaps.length) report(`window ${span(gaps[0].window.start, gaps[0].window.end)} starts or ends in a daylight-saving gap in ${zone} on ${gaps[0].start.toFormat("yyyy-LL-dd")}: that local time does not exist`);
    }),
};
