// Policy 3: the task declares a valid time zone, and that zone is near where its callees are, by
// their numbers' prefixes.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { DateTime } from "luxon";
import { describeCallees, zonedGroups } from "../../campaign/callees";
import { allKnown, anyFailed, forCampaigns, reportSome } from "../campaign";

export interface TimeZoneConfig {
    maxOffsetHours: number;
}

export const timeZoneConsistent: ResourceValidationPolicy = {
    name: "ccc-time-zone",
    description:
        "Every task declares the IANA time zone its call windows are written in, and that zone is close to where its callees are (the zones of their numbers' prefixes; for a number that can be in several zones, the nearest): a zone many hours away from the callees usually means windows written for the wrong place.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            maxOffsetHours: { type: "number", minimum: 0, default: 3, description: "Largest allowed difference, in hours, between the task's zone and the nearest zone of each callee at the campaign's start." },
        },
    },
    validateResource: forCampaigns<TimeZoneConfig>(["timeZone"], ({ schedule, callees }, config, report, view) => {
        if (anyFailed(view, "timeZone") || !allKnown(view, "timeZone", "callees", "start")) return;
        const field = view.kind.fields.timeZone;
        const { timeZone, start } = schedule;
        if (!timeZone) return;
        if (schedule.timeZoneSource === "assumed") return report(`${field} is not declared: the call windows' hours are ambiguous (declare an IANA zone such as Asia/Shanghai)`);
        if (start === undefined || !callees) return;
        const at = DateTime.fromSeconds(start);
        const taskOffset = at.setZone(timeZone).offset;
        const far: string[] = [];
        for (const group of zonedGroups(callees)) {
            const nearest = group.zones
                .map((zone) => ({ zone, hours: Math.abs(at.setZone(zone).offset - taskOffset) / 60 }))
                .reduce<{ zone: string; hours: number } | undefined>((best, z) => (!best || z.hours < best.hours ? z : best), undefined);
            if (nearest && nearest.hours > config.maxOffsetHours) {
                const which = group.oneZone ? nearest.zone : `${nearest.zone}, the nearest of their zones`;
                far.push(`${describeCallees(group.numbers)} ${group.where}: ${field} ${timeZone} is ${nearest.hours}h from ${which}: more than ${config.maxOffsetHours}h`);
            }
        }
        reportSome(far, report);
    }),
};
