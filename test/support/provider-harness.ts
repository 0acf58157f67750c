// Points the real CalloutTask provider at an in-process emulator, through the real SDK over HTTP.
import { type Emulator, startEmulator } from "../../emulator";
import { resetProcessState } from "../../provider/shared/process";
import { CalloutTaskProvider } from "../../provider/callout-task/provider";
import { validateInputs } from "../../provider/callout-task/schema";

export const SECRET_ID = "AKIDTEST0000000000000000000000000001";
export const SECRET_KEY = "test-secret-key-do-not-leak-7f3a9c";
export const SDK_APP_ID = 1400123455;
/** Model clock start: 2027-11-30T00:00:00Z (08:00 in Shanghai). */
export const T0 = Date.UTC(2027, 10, 30, 0, 0, 0) / 1000;

export function configOf(values: Record<string, string | undefined>) {
    return {
        get: (k: string) => values[k],
        require: (k: string) => {
            const v = values[k];
            if (v === undefined) throw new Error(`missing ${k}`);
            return v;
        },
    };
}

export function stackConfig(emulator: Emulator, extra: Record<string, string> = {}) {
    return configOf({
        "tencentcloud:secretId": SECRET_ID,
        "tencentcloud:secretKey": SECRET_KEY,
        "tencentcloud:cccEndpoint": emulator.url,
        "tencentcloud:cccTimeoutSeconds": "2",
        ...extra,
    });
}

export async function startTestEmulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
    return startEmulator({ credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }], sdkAppIds: [SDK_APP_ID], clockStart: T0, ...options });
}

/** Forgets what the provider keeps per process (settings, pace, task listing), as a new provider process would. */
export const newProviderProcess = resetProcessState;

/** A provider configured the way the engine does it, in a fresh provider "process". */
export async function configuredProvider(emulator: Emulator, extra: Record<string, string> = {}): Promise<CalloutTaskProvider> {
    newProviderProcess();
    const provider = new CalloutTaskProvider();
    await provider.configure({ config: stackConfig(emulator, extra) });
    return provider;
}

/** Mocha hooks for a suite: one emulator, reset before each test, and a provider in a fresh provider process. */
export function useEmulator(extra: Record<string, string>, set: (emulator: Emulator, provider: CalloutTaskProvider) => void): void {
    let emulator: Emulator;
    before(async () => {
        emulator = await startTestEmulator();
    });
    after(() => emulator.close());
    beforeEach(async () => {
        emulator.reset();
        set(emulator, await configuredProvider(emulator, extra));
    });
}

/** An AiCallTask as a user writes it: IMMEDIATE, Tuesdays and Wednesdays 10:00–12:00, two callees. */
export const aiCallTask = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    taskName: "ai-reminders",
    agentId: "agent-1",
    virtualNumber: "057100000000",
    startType: "IMMEDIATE",
    callTime: [{ start: "10:00", end: "12:00" }],
    callDays: ["TUESDAY", "WEDNESDAY"],
    callRetryTimes: 1,
    taskCps: 2,
    callees: ["+8613800000001", "+8613800000002"],
    ...overrides,
});

/** A campaign as a user writes it: starts an hour after T0, dials 09:00–12:00 Shanghai time, ends after four days. */
export function campaign(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        sdkAppId: SDK_APP_ID,
        name: "winter-reminders",
        description: "Payment reminders",
        notBefore: "2027-11-30T09:00:00+08:00",
        notAfter: "2027-12-03T20:00:00+08:00",
        callees: ["008613012345678", "+8613112345678", "+8613212345678"],
        callers: ["008602012345678"],
        ivrId: 8,
        tries: 2,
        retryInterval: 600,
        timeZone: "Asia/Shanghai",
        availableTime: [{ start: "09:00", end: "12:00" }],
        ...overrides,
    };
}

/** What `check` hands to create/diff: the normalised inputs. */
export function checked(raw: Record<string, unknown>): Record<string, any> {
    const r = validateInputs(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.failures));
    return JSON.parse(JSON.stringify(r.inputs));
}

export function actions(emulator: Emulator, since = 0): string[] {
    return emulator.requestLog().slice(since).map((e) => e.action);
}

/** An AiCallTask campaign file: the task above with its `kind:`. */
export const aiTask = (over: Record<string, unknown> = {}) => ({ kind: "AiCallTask", ...aiCallTask(over) });

/** A predictive dialing campaign as a user writes it: starts an hour after T0 (09:00 Shanghai, Tuesday), dials 09:00–12:00, ends three days later. */
export function predictiveCampaign(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        sdkAppId: SDK_APP_ID,
        name: "winter-predictive",
        callees: ["008613012345678", "+8613112345678", "+8613212345678"],
        callers: ["008602012345678"],
        callOrder: 1,
        skillGroupId: 7,
        priority: 2,
        expectedAbandonRate: 10,
        retryInterval: 600,
        startTime: "2027-11-30T09:00:00+08:00",
        endTime: "2027-12-03T20:00:00+08:00",
        timeZone: "Asia/Shanghai",
        availableTime: [{ start: "09:00", end: "12:00" }],
        ...overrides,
    };
}

/** An agent cruise campaign file: T0 (08:00 Shanghai) to 18:00 that day, so it runs at once; four callees in order. */
export const cruiseCampaign = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    kind: "AgentCruiseDialingCampaign",
    sdkAppId: SDK_APP_ID,
    name: "agent-cruise",
    agent: "agent1@example.com",
    concurrencyNumber: 2,
    startTime: "2027-11-30T08:00:00+08:00",
    endTime: "2027-11-30T18:00:00+08:00",
    callees: ["+8613800000001", "+8613800000002", "+8613800000003", "+8613800000004"],
    callOrder: 1,
    ...over,
});
