// The DIY backend's crash-safe knobs on the single N-task stack: compressed checkpoints
// (PULUMI_DIY_BACKEND_GZIP / _ZSTD, read in pkg/v3 backend/diy/backend.go) and fileblob's
// `metadata=skip` (no MD5 and `.attrs` sidecar per write; gocloud.dev blob/fileblob). Each `up` runs
// on a fresh stack and emulator, the default first, and is compared with it.
import * as path from "path";
import { REPO } from "../scripts/pulumi-cli";
import { engineStack } from "../test/support/engine-harness";
import { startTestEmulator } from "../test/support/provider-harness";
import { benchCampaign } from "./campaigns";
import { installedProgram, type StepResult, timedStep } from "./rollout";

const STACK = "bench-diy";
const BACKEND = `file://${path.join(REPO, ".state", STACK, "backend")}`;

/** Each knob's environment for the CLI (the default has none). */
export const KNOBS: Record<string, Record<string, string>> = {
    default: {},
    "PULUMI_DIY_BACKEND_GZIP=true": { PULUMI_DIY_BACKEND_GZIP: "true" },
    "PULUMI_DIY_BACKEND_ZSTD=true": { PULUMI_DIY_BACKEND_ZSTD: "true" },
    "file://…?metadata=skip": { PULUMI_BACKEND_URL: `${BACKEND}?metadata=skip` },
};

export interface KnobResult {
    knob: string;
    up: StepResult;
    /** This up over the default's; null for the default itself or when either did not succeed. */
    ratioToDefault: number | null;
}

export async function diyKnobs(n: number, parallel: number, progress: (m: string) => void): Promise<KnobResult[]> {
    const results: KnobResult[] = [];
    for (const [knob, env] of Object.entries(KNOBS)) {
        const emu = await startTestEmulator();
        try {
            const stack = await engineStack(STACK, emu, {}, {}, env, installedProgram());
            for (let i = 0; i < n; i++) stack.writeCampaign(`bench-${i}`, benchCampaign(i));
            progress(`DIY backend: ${knob}`);
            const up = await timedStep("up", n, emu, stack.stack, ["up", "--yes", "--skip-preview", "--parallel", String(parallel)], progress);
            const base = results[0]?.up;
            const comparable = base && up.exitCode === 0 && base.exitCode === 0;
            results.push({ knob, up, ratioToDefault: comparable ? up.seconds / base.seconds : null });
        } finally {
            await emu.close();
        }
    }
    return results;
}
