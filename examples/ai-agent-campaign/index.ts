// One AI-agent campaign declared in code. Run from this folder with a stack configured as in the
// docs/configuration.md (tencentcloud:secretId, tencentcloud:secretKey, optionally tencentcloud:cccEndpoint).
import * as pulumi from "@pulumi/pulumi";
import { CalloutTask } from "../../provider";

const config = new pulumi.Config();
const customers = [
    { number: "+8613012345678", name: "Li" },
    { number: "+8613112345678", name: "Wang" },
];

const task = new CalloutTask("renewal-offers", {
    sdkAppId: 1400123455,
    name: "renewal-offers",
    notBefore: "2027-12-06T10:00:00+08:00",
    notAfter: "2027-12-10T18:00:00+08:00",
    timeZone: "Asia/Shanghai",
    callers: ["+8602012345678"],
    callees: customers.map((c) => c.number),
    calleeAttributes: customers.map((c) => ({ callee: c.number, variables: { customerName: c.name } })),
    aiAgentId: 3021,
    tries: 2,
    retryInterval: 7200,
    retryHangupTypes: ["202", "203"],
    concurrencyLimit: 5,
    availableWorkTimeConfig: [
        { dayType: "BusinessDay", timeRanges: [{ start: "10:00", end: "12:00" }, { start: "14:00", end: "17:30" }] },
    ],
    paused: config.getBoolean("paused") ?? false,
});

export const taskId = task.taskId;
export const state = task.stateName;
export const progress = task.progress;
