// The real lifecycle through the real engine, the way the e2e suites drive it (engine-harness), pointed
// at the vendor's endpoint: up, refresh, pause, resume, a replacement, destroy, each checked through
// the vendor's own API. One campaign, the maintainer's callee only, starting months from now.
import type OpenApiClient from "@alicloud/openapi-core";
import type { Client as SdkClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client";
import { engineStack } from "../support/engine-harness";
import type { AiccsEnv, CccEnv } from "./config";
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
const CAMPAIGN = "acceptance";

class StepFailed extends Error {}

export const cccLifecycle: Lifecycle<CccEnv, SdkClient, number> = async ({ env, marker, track, guard, removeLater, say, client: sdk }) => {
    const steps: Step[] = [];
    const notBefore = Math.floor(Date.now() / 1000) + FAR_AHEAD_SECONDS;
    // The provider reads the credentials from its environment: they never reach the stack's files.
    const credentials = { TENCENTCLOUD_SECRET_ID: env.TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY: env.TENCENTCLOUD_SECRET_KEY, ...(env.TENCENTCLOUD_SESSION_TOKEN ? { TENCENTCLOUD_SESSION_TOKEN: env.TENCENTCLOUD_SESSION_TOKEN } : {}) };
    const { stack, campaigns, writeCampaign } = await engineStack(`acceptance-${marker}`, { url: env.TENCENTCLOUD_CCC_ENDPOINT, credentialsFromEnv: true }, {}, {}, credentials);
    // Its state and config hold a real callee (encrypted, the passphrase beside them): nothing of it stays on disk.
    removeLater(stack.dir);
    removeLater(campaigns);
    const campaign = (over: Record<string, unknown> = {}) =>
        writeCampaign(CAMPAIGN, {
            sdkAppId: env.TENCENTCLOUD_CCC_SDK_APP_ID,
            name: `${marker}-life`,
            notBefore,
            callees: [env.TENCENTCLOUD_ACCEPTANCE_CALLEE],
            callers: [env.TENCENTCLOUD_ACCEPTANCE_CALLER],
            ivrId: env.TENCENTCLOUD_ACCEPTANCE_IVR_ID,
            tries: 1,
            timeZone: "Asia/Shanghai",
            availableTime: [{ start: "09:00", end: "12:00" }],
            ...over,
        });
    const state = async (taskId: number) => (await sdk.DescribeAutoCalloutTask({ SdkAppId: env.TENCENTCLOUD_CCC_SDK_APP_ID, TaskId: taskId })).State;
    const taskId = async (): Promise<number> => {
        const id = (await stack.outputs()).campaigns?.[CAMPAIGN]?.taskId;
        if (typeof id !== "number") throw new Error("no taskId in the stack outputs");
        track(id);
        return id;
    };
    /** Runs one engine command and checks its result; the first failure ends the lifecycle. */
    const step = async (name: string, run: () => Promise<{ code: number; stdout: string; stderr: string }>, check: (stdout: string) => Promise<string | undefined>) => {
        say(`ccc: lifecycle: ${name} …`);
        // The check too: it reads the stack (and tracks the new task) before the cleanup may remove it.
        const problem = await guard(async () => {
            try {
                const r = await run();
                return r.code !== 0 ? `exited ${r.code}: ${errorLines(r.stdout + r.stderr)}` : await check(r.stdout);
            } catch (e) {
                return e instanceof Error ? e.message : String(e);
            }
        });
        steps.push({ step: name, ok: !problem, detail: problem });
        if (problem) throw new StepFailed(`${name}: ${problem}`);
    };
    const expectState = async (id: number, want: number) => {
        const got = await state(id);
        return got === want ? undefined : `task ${id} reports State ${got}, expected ${want}`;
    };
    try {
        campaign();
        let id = 0;
        await step("up", () => stack.up(), async () => expectState((id = await taskId()), STATE.initial));
        await step("refresh, then a preview with no changes", async () => {
            const r = await stack.refresh();
            return r.code === 0 ? stack.preview(["--expect-no-changes"]) : r;
        }, async () => undefined);
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
    } catch (e) {
        if (!(e instanceof StepFailed)) steps.push({ step: "(engine run)", ok: false, detail: e instanceof Error ? e.message : String(e) });
    }
    return steps;
};

/** The lifecycle per vendor. AICCS's plugs in here when its AiCallTask resource lands; until then its run is probes only. */
export const LIFECYCLES: { ccc: Lifecycle<CccEnv, SdkClient, number>; aiccs?: Lifecycle<AiccsEnv, OpenApiClient, string> } = { ccc: cccLifecycle };

/** The engine's error lines (the provider masks callees in its messages), or its last lines. */
function errorLines(output: string): string {
    const lines = output.trim().split("\n").map((l) => l.trim());
    const errors = lines.filter((l) => /error/i.test(l) && !/^\d+ errored$/.test(l));
    return (errors.length ? errors : lines.slice(-5)).join(" / ");
}
