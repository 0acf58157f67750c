// Policy 4: the schedule makes sense: it ends, after it starts, within a maximum length; at least one
// window opens while it runs; no window crosses midnight or falls into a DST gap.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ASSUMED_TIME_ZONE, declaredWindows, occurrences, short } from "../schedule";
import { anyUnknown, forCalloutTasks } from "../task";

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
            maxCampaignDays: { type: "number", minimum: 1, default: 14, description: "Longest campaign, from notBefore to notAfter, in days." },
            requireNotAfter: { type: "boolean", default: true, description: "Require an explicit end (notAfter)." },
        },
    },
    validateResource: forCalloutTasks<ScheduleConfig>((task, config, report) => {
        if (anyUnknown(task.notBefore, task.notAfter)) return;
        if (task.notAfter === undefined) {
            if (config.requireNotAfter) report("notAfter is not set: the task never ends");
        } else {
            if (task.notAfter <= task.notBefore) report("notAfter is not after notBefore");
            const days = (task.notAfter - task.notBefore) / 86400;
            if (days > config.maxCampaignDays) report(`the campaign runs ${days.toFixed(1)} days: longer than ${config.maxCampaignDays}`);
        }
        if (anyUnknown(task.availableTime, task.availableWorkTimeConfig, task.timeZone)) return;
        const zone = task.timeZone ?? ASSUMED_TIME_ZONE;
        const windows = declaredWindows(task);
        if (!windows.length) return; // no window at all is ccc-allowed-hours' violation
        const slots = occurrences(task, zone);
        if (!slots.length) report(`no call window opens between notBefore and ${task.notAfter === undefined ? "the next 14 days" : "notAfter"}: the task can never dial`);
        for (const w of windows) {
            if (w.start === "00:00:00" && windows.some((o) => o !== w && o.end >= "23:59:00" && o.days.some((d) => w.days.includes(d)))) {
                report(`windows ${short(w.start)}–${short(w.end)} and one ending at midnight together run across midnight in ${zone}`);
            }
        }
        const gaps = slots.filter((s) => s.inDstGap);
        if (gaps.length) report(`window ${short(gaps[0].window.start)}–${short(gaps[0].window.end)} starts or ends in a daylight-saving gap in ${zone} on ${gaps[0].start.toFormat("yyyy-LL-dd")}: that local time does not exist`);
    }),
};
