// Policy 3: the task declares its time zone, and that zone is near where its callees live.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { DateTime } from "luxon";
import { calleesByZone, describeCallees } from "../schedule";
import { anyUnknown, forCalloutTasks, reportSome } from "../task";

export interface TimeZoneConfig {
    maxOffsetHours: number;
}

export const timeZoneConsistent: ResourceValidationPolicy = {
    name: "ccc-time-zone",
    description:
        "Every task declares the IANA time zone its call windows are written in, and that zone is close to where its callees live: a zone many hours away from the callees usually means windows written for the wrong place.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            maxOffsetHours: { type: "number", minimum: 0, default: 3, description: "Largest allowed difference, in hours, between the task's zone and a callee's zone at the campaign's start." },
        },
    },
    validateResource: forCalloutTasks<TimeZoneConfig>((task, config, report) => {
        if (anyUnknown(task.timeZone, task.callees, task.notBefore)) return;
        if (!task.timeZone) return report("timeZone is not declared: the call windows' hours are ambiguous (declare an IANA zone such as Asia/Shanghai)");
        const at = DateTime.fromSeconds(task.notBefore);
        const taskOffset = at.setZone(task.timeZone).offset;
        const far: string[] = [];
        for (const [zone, numbers] of calleesByZone(task.callees)) {
            const hours = Math.abs(at.setZone(zone).offset - taskOffset) / 60;
            if (hours > config.maxOffsetHours) far.push(`timeZone ${task.timeZone} is ${hours}h from ${zone}, where ${describeCallees(numbers)} can be: more than ${config.maxOffsetHours}h`);
        }
        reportSome(far, report);
    }),
};
