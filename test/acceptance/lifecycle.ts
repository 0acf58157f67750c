// The real lifecycle through the real engine, the way the e2e suites drive it (engine-harness), pointed
// at the vendor's endpoint: up, refresh, pause, resume, a replacement (CCC) or an update in place
// (AICCS), destroy, each checked through the vendor's own API. One campaign, the maintainer's callee
// only, starting months from now.
import type OpenApiClient from "@alicloud/openapi-core";
import type { Client as SdkClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client";
import { DateTime } from "luxon";
import type { LocalStack } from "../../scripts/pulumi-cli";
import { engineStack, type EngineTarget } from "../support/engine-harness";
import type { AiccsEnv, CccEnv } from "./config";
import { acs } from "./probes/aiccs";
import { FAR_AHEAD_SECONDS, type Guard } from "./probes/common";

export interface Step {
    step: string;
    ok: boolean;
    detail?: string;
}

/** What a vendor's run hands its lifecycle: the variables, the vendor's SDK client, the run's marker. */
export interface VendorRun<E, C, Id> {
    env: E;
    client: C;
    /** Starts every task name of this run. */
    marker: string;
    /** Called with each task id as soon as it is known (the cleanup stops it). */
    track(taskId: Id): void;
    /** Every engine command and create goes through it. */
    guard: Guard;
    /** Removes a folder at the end of the run, whatever ends it. */
    removeLater(folder: string): void;
    say(line: string): void;
}

/** A vendor's lifecycle: the steps it passed, up to the first that failed. */
export type Lifecycle<E, C, Id> = (run: VendorRun<E, C, Id>) => Promise<Step[]>;

/** [D] CCC task states the steps expect. */
const STATE = { initial: 0, terminated: 4, paused: 5 } as const;
/** [D] AICCS list Status: 0 init (a SCHEDULE task waiting for its start), 2 stopped. */
const AICCS_STATUS = { init: 0, stopped: 2 } as const;
const CAMPAIGN = "acceptance";

class StepFailed extends Error {}

type EngineResult = { code: number; stdout: string; stderr: string };

/**
 * A vendor's lifecycle on a fresh engine stack: `steps` of engine commands, each checked through the
 * vendor's API; the first failure ends it. The stack and campaign folder (they hold the real callee,
 * encrypted, the passphrase beside them) are removed at the end of the run.
 */
async function onEngineStack<Id>(
    vendor: string,
    { marker, track, guard, removeLater, say }: Pick<VendorRun<unknown, unknown, Id>, "marker" | "track" | "guard" | "removeLater" | "say">,
    target: EngineTarget,
    credentials: Record<string, string>,
    isId: (id: unknown) => id is Id,
    steps: (t: { stack: LocalStack; campaign: (inputs: Record<string, unknown>) => void; taskId: () => Promise<Id>; step: (name: string, run: () => Promise<EngineResult>, check: (stdout: string) => Promise<string | undefined>) => Promise<void> }) => Promise<void>,
): Promise<Step[]> {
    const done: Step[] = [];
    const { stack, campaigns, writeCampaign } = await engineStack(`acceptance-${marker}`, target, {}, {}, credentials);
    removeLater(stack.dir);
    removeLater(campaigns);
    const taskId = async (): Promise<Id> => {
        const id = (await stack.outputs()).campaigns?.[CAMPAIGN]?.taskId;
        if (!isId(id)) throw new Error("no taskId in the stack outputs");
        track(id);
        return id;
    };
    const step = async (name: string, run: () => Promise<EngineResult>, check: (stdout: string) => Promise<string | undefined>) => {
        say(`${vendor}: lifecycle: ${name} …`);
        // The check too: it reads the stack (and tracks the new task) before the cleanup may remove it.
        const problem = await guard(async () => {
            try {
                const r = await run();
                return r.code !== 0 ? `exited ${r.code}: ${errorLines(r.stdout + r.stderr)}` : await check(r.stdout);
            } catch (e) {
                return e instanceof Error ? e.message : String(e);
            }
        });
        done.push({ step: name, ok: !problem, detail: problem });
        if (problem) throw new StepFailed(`${name}: ${problem}`);
    };
    try {
        await steps({ stack, campaign: (inputs) => writeCampaign(CAMPAIGN, inputs), taskId, step });
    } catch (e) {
        if (!(e instanceof StepFailed)) done.push({ step: "(engine run)", ok: false, detail: e instanceof Error ? e.message : String(e) });
    }
    return done;
}

const refreshStep = (stack: LocalStack) => async () => {
    const r = await stack.refresh();
    return r.code === 0 ? stack.preview(["--expect-no-changes"]) : r;
};

/** The given variables that are set (the provider reads its credentials from its environment: they never reach the stack's files). */
const present = <E extends object>(env: E, names: (keyof E & string)[]): Record<string, string> => Object.fromEntries(names.flatMap((n) => (env[n] ? [[n, String(env[n])]] : [])));

export const cccLifecycle: Lifecycle<CccEnv, SdkClient, number> = async (run) => {
    const { env, client: sdk } = run;
    const notBefore = Math.floor(Date.now() / 1000) + FAR_AHEAD_SECONDS;
    const credentials = present(env, ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SESSION_TOKEN"]);
    const isId = (id: unknown): id is number => typeof id === "number";
    return onEngineStack("ccc", run, { url: env.TENCENTCLOUD_CCC_ENDPOINT, credentialsFromEnv: true }, credentials, isId, async ({ stack, campaign: write, taskId, step }) => {
        const campaign = (over: Record<string, unknown> = {}) =>
            write({
                sdkAppId: env.TENCENTCLOUD_CCC_SDK_APP_ID,
                name: `${run.marker}-life`,
                notBefore,
                callees: [env.TENCENTCLOUD_ACCEPTANCE_CALLEE],
                callers: [env.TENCENTCLOUD_ACCEPTANCE_CALLER],
                ivrId: env.TENCENTCLOUD_ACCEPTANCE_IVR_ID,
                tries: 1,
                timeZone: "Asia/Shanghai",
                availableTime: [{ start: "09:00", end: "12:00" }],
                ...over,
            });
        const expectState = async (id: number, want: number) => {
            const got = (await sdk.DescribeAutoCalloutTask({ SdkAppId: env.TENCENTCLOUD_CCC_SDK_APP_ID, TaskId: id })).State;
            return got === want ? undefined : `task ${id} reports State ${got}, expected ${want}`;
        };
        campaign();
        let id = 0;
        await step("up", () => stack.up(), async () => expectState((id = await taskId()), STATE.initial));
        await step("refresh, then a preview with no changes", refreshStep(stack), async () => undefined);
        campaign({ paused: true });
        await step("pause (paused: true)", () => stack.up(), async () => expectState(id, STATE.paused));
        campaign();
        await step("resume (paused: false)", () => stack.up(), async () => expectState(id, STATE.initial));
        campaign({ tries: 2 });
        const old = id;
        await step("replacement (tries 1 → 2)", () => stack.up(), async (out) => {
            if (!/1 replaced/.test(out)) return "the engine did not report a replacement";
            id = await taskId();
            return id === old ? "the task id did not change" : ((await expectState(old, STATE.terminated)) ?? (await expectState(id, STATE.initial)));
        });
        await step("destroy", () => stack.destroy(), async () => expectState(id, STATE.terminated));
    });
};

/** The weekday `days` from now in Shanghai (AICCS's window zone by default [I]), as AICCS names it. */
const weekdayAhead = (days: number) => DateTime.now().setZone("Asia/Shanghai").plus({ days }).toFormat("cccc").toUpperCase();

/**
 * AICCS's lifecycle: an AiCallTask (SCHEDULE, its start months ahead) with the maintainer's callee only.
 * Its one call day is three days from now: even a service that dialled a started task before its
 * start time would find no window while the run lasts. An update in place changes the window (AICCS
 * replaces a task only for another agent or number, and the run has one of each).
 */
export const aiccsLifecycle: Lifecycle<AiccsEnv, OpenApiClient, string> = async (run) => {
    const { env, client } = run;
    const credentials = present(env, ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_AICCS_ENDPOINT"]);
    const isId = (id: unknown): id is string => typeof id === "string" && id !== "";
    const taskStartTime = Math.floor(Date.now() / 1000) + FAR_AHEAD_SECONDS;
    // Once: a run that passes midnight must not change it between steps.
    const callDays = [weekdayAhead(3)];
    return onEngineStack("aiccs", run, { credentialsFromEnv: true }, credentials, isId, async ({ stack, campaign: write, taskId, step }) => {
        const campaign = (over: Record<string, unknown> = {}) =>
            write({
                kind: "AiCallTask",
                taskName: `${run.marker}-life`,
                agentId: env.ALIBABA_CLOUD_AICCS_AGENT_ID,
                virtualNumber: env.ALIBABA_CLOUD_AICCS_VIRTUAL_NUMBER,
                startType: "SCHEDULE",
                taskStartTime,
                callTime: [{ start: "10:00", end: "11:00" }],
                callDays,
                callRetryTimes: 0,
                callees: [env.ALIBABA_CLOUD_ACCEPTANCE_CALLEE],
                ...over,
            });
        const expectStatus = async (id: string, want: number) => {
            const r = await acs(client, "QueryAiCallTaskPage", { TaskId: id, PageNo: 1, PageSize: 1 });
            const got = r.data?.List?.find((t: { TaskId: unknown }) => String(t.TaskId) === id)?.Status;
            return r.success && Number(got) === want ? undefined : `task ${id} reports Status ${r.success ? got : `${r.code} ${r.message}`}, expected ${want}`;
        };
        campaign();
        let id = "";
        await step("up", () => stack.up(), async () => expectStatus((id = await taskId()), AICCS_STATUS.init));
        await step("refresh, then a preview with no changes", refreshStep(stack), async () => undefined);
        campaign({ paused: true });
        await step("pause (paused: true)", () => stack.up(), async () => expectStatus(id, AICCS_STATUS.stopped));
        campaign();
        await step("resume (paused: false)", () => stack.up(), async () => expectStatus(id, AICCS_STATUS.init));
        campaign({ callTime: [{ start: "10:30", end: "11:00" }] });
        await step("update in place (callTime 10:00–11:00 → 10:30–11:00)", () => stack.up(), async (out) => {
            if (!/1 updated/.test(out)) return "the engine did not report an update";
            if ((await taskId()) !== id) return "the task id changed";
            const d = await acs(client, "QueryAiCallTaskDetail", { TaskId: id });
            const windows = (d.data?.CallTimes ?? []).map((w: { StartTime: unknown; EndTime: unknown }) => `${String(w.StartTime).slice(0, 5)}–${String(w.EndTime).slice(0, 5)}`);
            return windows.join(",") !== "10:30–11:00" ? `task ${id} reports CallTimes ${windows.join(",") || `${d.code} ${d.message}`}, expected 10:30–11:00` : expectStatus(id, AICCS_STATUS.init);
        });
        // AICCS has no delete: destroy stops the task, which stays listed.
        await step("destroy", () => stack.destroy(), async () => expectStatus(id, AICCS_STATUS.stopped));
    });
};

/** The lifecycle per vendor. */
export const LIFECYCLES: { ccc: Lifecycle<CccEnv, SdkClient, number>; aiccs: Lifecycle<AiccsEnv, OpenApiClient, string> } = { ccc: cccLifecycle, aiccs: aiccsLifecycle };

/** The engine's error lines (the provider masks callees in its messages), or its last lines. */
function errorLines(output: string): string {
    const lines = output.trim().split("\n").map((l) => l.trim());
    const errors = lines.filter((l) => /error/i.test(l) && !/^\d+ errored$/.test(l));
    return (errors.length ? errors : lines.slice(-5)).join(" / ");
}
