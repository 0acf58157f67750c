// An AICCS rollout: N AiCallTasks, one callee each, through the engine (the campaign-file program,
// `kind: AiCallTask`), beside a hand-written loop over Alibaba's SDK runtime (@alicloud/openapi-core)
// doing what a task needs: CreateAiCallTask, ImportTaskNumberDatas, StartAiCallTask. Both against
// the emulator at RATE_LIMIT per action, the rate the provider is configured with.
import type Client from "@alicloud/openapi-core";
import { aiccsClient, call, callTimes, jsonArray, type Query } from "../test/emulator/aiccs/client";
import { engineStack } from "../test/support/engine-harness";
import { SECRET_ID, SECRET_KEY, startTestEmulator } from "../test/support/provider-harness";
import { calleeNumber, WEEKDAYS, WINDOW } from "./campaigns";
import { sleep } from "./measure";
import { installedProgram, RATE_LIMIT, type StepResult, stepResult, timedStep } from "./rollout";

const lossless: { parse(text: string): any } = require("json-bigint")({ storeAsString: true });
const DAYS = WEEKDAYS.map((d) => d.toUpperCase());

/** AI campaign `i` as a user writes it: weekdays 10:00–12:00 China time, one try more after an hour. */
export function aiCampaign(i: number) {
    return {
        kind: "AiCallTask",
        taskName: `bench-ai-${i}`,
        agentId: "agent-bench",
        virtualNumber: "057100000000",
        startType: "IMMEDIATE",
        callTime: [{ start: WINDOW.start.slice(0, 5), end: WINDOW.end.slice(0, 5) }],
        callDays: DAYS,
        missCallRetry: true,
        callRetryReason: ["NO_ANSWER"],
        callRetryTimes: 1,
        callRetryInterval: 60,
        taskCps: 2,
        callees: [calleeNumber(i)],
    };
}

export interface AiccsRollout {
    up: StepResult;
    sdkLoop: StepResult;
}

/** `pulumi up` of N AiCallTasks. */
async function engineUp(n: number, parallel: number, progress: (m: string) => void): Promise<StepResult> {
    const emu = await startTestEmulator({ rateLimitPerSecond: RATE_LIMIT });
    try {
        const config = { "alicloud:accessKey": SECRET_ID, "alicloud:aiccsEndpoint": emu.aiccs.endpoint, "alicloud:aiccsRequestsPerSecond": String(RATE_LIMIT) };
        const env = await engineStack("bench-aiccs", emu, config, { "alicloud:secretKey": SECRET_KEY }, {}, installedProgram());
        for (let i = 0; i < n; i++) env.writeCampaign(`bench-ai-${i}`, aiCampaign(i));
        return await timedStep("aiccs: up", n, emu.aiccs, env.stack, ["up", "--yes", "--skip-preview", "--parallel", String(parallel)], progress);
    } finally {
        await emu.close();
    }
}

/**
 * One paced queue per action: a request leaves at least 1/RATE_LIMIT s after the one before it left
 * (spaced from when it really left, so that late timers on a busy machine do not send a burst).
 */
function pacer(): () => Promise<void> {
    let last = -Infinity;
    let queue = Promise.resolve();
    return () =>
        (queue = queue.then(async () => {
            await sleep(last + 1000 / RATE_LIMIT - Date.now());
            last = Date.now();
        }));
}

/** The three calls of every task, tasks side by side; a throttled call waits for its next slot. */
async function sdkLoop(n: number): Promise<StepResult> {
    const emu = await startTestEmulator({ rateLimitPerSecond: RATE_LIMIT });
    try {
        const client: Client = aiccsClient(emu.aiccs.endpoint, { accessKeyId: SECRET_ID, accessKeySecret: SECRET_KEY });
        const slots = { CreateAiCallTask: pacer(), ImportTaskNumberDatas: pacer(), StartAiCallTask: pacer() };
        const act = async (action: keyof typeof slots, query: Query, body?: Record<string, string>): Promise<any> => {
            for (;;) {
                await slots[action]();
                try {
                    return lossless.parse(await call(client, action, query, body, "string")).Data;
                } catch (e) {
                    if (!String((e as { code?: string }).code).startsWith("Throttling")) throw e;
                }
            }
        };
        const started = Date.now();
        await Promise.all(
            Array.from({ length: n }, async (_, i) => {
                const c = aiCampaign(i);
                const taskId = await act("CreateAiCallTask", {
                    TaskName: c.taskName,
                    AgentId: c.agentId,
                    VirtualNumber: c.virtualNumber,
                    StartType: c.startType,
                    CallTime: callTimes([[WINDOW.start, WINDOW.end]]),
                    CallDay: jsonArray("CallDay", c.callDays),
                    MissCallRetry: c.missCallRetry,
                    CallRetryReason: jsonArray("CallRetryReason", c.callRetryReason),
                    CallRetryTimes: c.callRetryTimes,
                    CallRetryInterval: c.callRetryInterval,
                    TaskCps: c.taskCps,
                });
                await act("ImportTaskNumberDatas", { TaskId: taskId, DataType: "JSON" }, { PhoneNumberList: jsonArray("PhoneNumberList", [{ calleeNumber: c.callees[0].slice(3), outId: `callee-${i}` }]) });
                await act("StartAiCallTask", { TaskId: taskId });
            }),
        );
        const command = `SDK loop: ${n} × @alicloud/openapi-core callApi CreateAiCallTask, ImportTaskNumberDatas, StartAiCallTask, each action at most one every ${1000 / RATE_LIMIT} ms`;
        return stepResult("aiccs: sdk loop", n, started, emu.aiccs.requestLog(), { code: 0, output: "", command });
    } finally {
        await emu.close();
    }
}

export async function aiccsRollout(n: number, parallel: number, progress: (m: string) => void): Promise<AiccsRollout> {
    progress(`AICCS N=${n}: SDK loop`);
    const loop = await sdkLoop(n);
    return { up: await engineUp(n, parallel, progress), sdkLoop: loop };
}
