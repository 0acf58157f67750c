// The provider's own CPU per call, beside the bare SDK call. The emulator runs in another process,
// so the CPU this process spends (process.cpuUsage) is the provider's work plus the SDK's (signing,
// JSON, HTTP client), never the server's; the HTTP wait costs no CPU. Overhead = provider call −
// the bare SDK calls it made.
import { type ChildProcess, spawn } from "child_process";
import * as path from "path";
import { clientProcessState, createSdkClient } from "../provider/callout-task/client";
import { createRequestToApi } from "../provider/callout-task/mapping";
import { CalloutTaskProvider } from "../provider/callout-task/provider";
import type { CalloutTaskInputs } from "../provider/callout-task/schema";
import { REPO } from "../scripts/pulumi-cli";
import { checked, configOf, newProviderProcess, SDK_APP_ID, SECRET_ID, SECRET_KEY } from "../test/support/provider-harness";
import { benchCampaign } from "./campaigns";
import { cpuMs, median } from "./measure";

export interface CallCost {
    call: "check" | "diff" | "create" | "read";
    /** Median CPU ms of the provider method. */
    providerMs: number;
    /** Median API calls the method made. */
    apiCalls: number;
    /** Median CPU ms of the same calls made with the bare SDK client. */
    sdkMs: number;
    /** Median of (provider − its SDK calls), per call. */
    overheadMs: number;
}

export interface ProviderCost {
    samples: number;
    sdkCreateMs: number;
    sdkDescribeMs: number;
    calls: CallCost[];
}

/** The standalone emulator (the package's `ccc-emulator` command) with no practical rate limit: only CPU is measured here. */
async function emulatorProcess(): Promise<{ url: string; child: ChildProcess }> {
    const child = spawn(process.execPath, [path.join(REPO, require("../package.json").bin["ccc-emulator"]), "--port", "0", "--sdk-app-id", String(SDK_APP_ID), "--rate-limit", "1000000"], {
        env: { ...process.env, CCC_EMULATOR_CREDENTIALS: `${SECRET_ID}:${SECRET_KEY}` },
        stdio: ["ignore", "pipe", "inherit"],
    });
    const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (d) => {
            out += d;
            if (out.includes("\n")) resolve(out.split("\n")[0].trim());
        });
        child.on("exit", (code) => reject(new Error(`ccc-emulator exited ${code} before printing its URL`)));
    });
    return { url, child };
}

export async function providerCost(samples: number): Promise<ProviderCost> {
    const { url, child } = await emulatorProcess();
    try {
        newProviderProcess();
        const provider = new CalloutTaskProvider();
        await provider.configure({
            config: configOf({ "tencentcloud:secretId": SECRET_ID, "tencentcloud:secretKey": SECRET_KEY, "tencentcloud:cccEndpoint": url, "tencentcloud:cccRequestsPerSecond": "1000000" }),
        });
        const sdk = createSdkClient({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: url });
        const stats = clientProcessState().stats;
        // Distinct campaigns, so no create finds an earlier task; the first rounds warm the JIT and the listing up.
        const warmup = 5;
        let next = 0;
        const raw = () => ({ ...benchCampaign(next++), __provider: "serialized provider" });

        // Each round makes the bare SDK calls and then the provider's, so that both meet the same
        // conditions (a busy machine moves both); the overhead is the median of the paired differences.
        const sdkCreate: number[] = [];
        const sdkDescribe: number[] = [];
        const samplesOf = { check: [] as number[], diff: [] as number[], create: [] as number[], read: [] as number[] };
        const overheads = { check: [] as number[], diff: [] as number[], create: [] as number[], read: [] as number[] };
        const callsOf = { create: [] as number[], read: [] as number[] };
        for (let i = 0; i < samples + warmup; i++) {
            const keep = i >= warmup;
            const declared = checked(benchCampaign(next++)) as CalloutTaskInputs;
            const request = createRequestToApi(declared, "0123456789abcdef");
            const bareCreate = await cpuMs(() => sdk.CreateAutoCalloutTask(request));
            const bareDescribe = await cpuMs(() => sdk.DescribeAutoCalloutTask({ SdkAppId: SDK_APP_ID, TaskId: bareCreate.result.TaskId! }));
            const check = await cpuMs(() => provider.check({}, raw()));
            const inputs = check.result.inputs!;
            const calls0 = stats.calls;
            const create = await cpuMs(() => provider.create(inputs));
            const createCalls = stats.calls - calls0;
            const outs = { ...create.result.outs, __provider: inputs.__provider };
            const diff = await cpuMs(() => provider.diff(create.result.id, outs, JSON.parse(JSON.stringify(inputs))));
            const calls1 = stats.calls;
            // The task the bare SDK made: its inputs are new to this process, as each task's are in a refresh.
            const stored = { ...outs, ...declared, taskId: bareCreate.result.TaskId! };
            const read = await cpuMs(() => provider.read(String(bareCreate.result.TaskId), stored));
            const readCalls = stats.calls - calls1;
            if (!keep) continue;
            sdkCreate.push(bareCreate.ms), sdkDescribe.push(bareDescribe.ms);
            samplesOf.check.push(check.ms), overheads.check.push(check.ms);
            samplesOf.diff.push(diff.ms), overheads.diff.push(diff.ms);
            samplesOf.create.push(create.ms), callsOf.create.push(createCalls);
            // A create is one CreateAutoCalloutTask; its other calls are describes or listings.
            overheads.create.push(create.ms - bareCreate.ms - Math.max(0, createCalls - 1) * bareDescribe.ms);
            samplesOf.read.push(read.ms), callsOf.read.push(readCalls);
            overheads.read.push(read.ms - readCalls * bareDescribe.ms);
        }
        const sdkCreateMs = median(sdkCreate);
        const sdkDescribeMs = median(sdkDescribe);
        const cost = (call: CallCost["call"], sdkCalls: number, sdkMs: number): CallCost => ({
            call,
            providerMs: median(samplesOf[call]),
            apiCalls: sdkCalls,
            sdkMs,
            overheadMs: median(overheads[call]),
        });
        const createCalls = median(callsOf.create);
        const readCalls = median(callsOf.read);
        return {
            samples,
            sdkCreateMs,
            sdkDescribeMs,
            calls: [
                cost("check", 0, 0),
                cost("diff", 0, 0),
                cost("create", createCalls, sdkCreateMs + Math.max(0, createCalls - 1) * sdkDescribeMs),
                cost("read", readCalls, readCalls * sdkDescribeMs),
            ],
        };
    } finally {
        child.kill("SIGTERM");
    }
}
