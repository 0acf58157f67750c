// The engine's own floor: the same campaign files, loaded and validated by the same package, declared
// as dynamic resources whose provider does nothing (no API call, outputs of the same shape and size
// as a CalloutTask's). `pulumi up` and `destroy` of that program measure what the engine and the
// state backend cost by themselves, so the rollout figures can be split into the engine's part and ours.
import * as fs from "fs";
import * as path from "path";
import { engineStack } from "../test/support/engine-harness";
import { startTestEmulator } from "../test/support/provider-harness";
import { benchCampaign } from "./campaigns";
import { type EngineProfile, profileFile, summarizeProfile } from "./engine-profile";
import { installedProgram, type StepResult, timedStep } from "./rollout";

const PROGRAM = `const pulumi = require("@pulumi/pulumi");
const { loadCampaigns } = require("../program/node_modules/pulumi-tencentcloud-ccc");
// Outputs shaped like a CalloutTask's: the inputs plus what the provider adds.
const noop = {
    async create(inputs) {
        const total = inputs.callees.length;
        const progress = { answered: 0, awaitingRetry: 0, calling: 0, initial: total, notAnswered: 0, total };
        return { id: inputs.name, outs: { ...inputs, taskId: 1, state: 1, stateName: "running", progress, skippedCallees: 0 } };
    },
    async delete() {},
};
// Registered as CalloutTask registers (without the per-promise stack traces; see its constructor).
const limit = Error.stackTraceLimit;
Error.stackTraceLimit = 0;
for (const c of loadCampaigns(new pulumi.Config().require("campaignsDir"))) {
    const inputs = { ...c.inputs, callees: pulumi.secret(c.inputs.callees), lineage: "0000000000000000" };
    new pulumi.dynamic.Resource(noop, c.name, inputs, { additionalSecretOutputs: ["callees"] });
}
Error.stackTraceLimit = limit;
`;

export function engineAloneProgram(): string {
    const dir = path.join(path.dirname(installedProgram()), "engine-alone");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: ccc-campaigns\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench-engine-alone", private: true, main: "index.js" }));
    fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
    return dir;
}

/**
 * `pulumi up` and `destroy` of N no-op resources with the bench's campaigns, at `--parallel`; with
 * `profileTo`, the up runs with the CLI's `--profiling` and its profile is summarized.
 */
export async function engineAlone(n: number, parallel: number, progress: (m: string) => void, profileTo?: string): Promise<{ steps: StepResult[]; profile?: EngineProfile }> {
    const emu = await startTestEmulator(); // unused by the program; the stack's settings point at it
    try {
        const env = await engineStack("bench-engine-alone", emu, {}, {}, {}, engineAloneProgram());
        for (let i = 0; i < n; i++) env.writeCampaign(`bench-${i}`, benchCampaign(i));
        const p = ["--parallel", String(parallel)];
        if (profileTo) fs.rmSync(path.dirname(profileTo), { recursive: true, force: true }), fs.mkdirSync(path.dirname(profileTo), { recursive: true });
        const profiling = profileTo ? ["--profiling", profileTo] : [];
        const up = await timedStep("engine alone: up", n, emu, env.stack, ["up", "--yes", "--skip-preview", ...p, ...profiling], progress);
        const resources: { type: string }[] = JSON.parse(await env.stack.exportState()).deployment.resources ?? [];
        up.done = resources.filter((r) => r.type === "pulumi-nodejs:dynamic:Resource").length;
        const destroy = await timedStep("engine alone: destroy", n, emu, env.stack, ["destroy", "--yes", "--skip-preview", ...p], progress);
        const file = profileTo && profileFile(profileTo);
        return { steps: [up, destroy], profile: file ? summarizeProfile(path.join(env.stack.bin, "pulumi"), file) : undefined };
    } finally {
        await emu.close();
    }
}
