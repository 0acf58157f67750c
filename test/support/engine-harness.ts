// A local stack of the default program, with its own campaign folder, pointed at an emulator.
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import type { Emulator } from "../../emulator";
import { ensurePulumi, LocalStack, REPO } from "../../scripts/pulumi-cli";
import { SECRET_ID, SECRET_KEY } from "./provider-harness";

export interface EngineStack {
    stack: LocalStack;
    campaigns: string;
    writeCampaign(name: string, inputs: Record<string, unknown>): void;
    removeCampaign(name: string): void;
}

/**
 * Builds (or reuses) the CLI, creates a fresh stack and campaign folder, and sets the stack config. `env`
 * reaches every CLI run (e.g. another backend); `projectDir` is a program of project `ccc-campaigns`
 * other than the repository's own.
 */
export async function engineStack(
    name: string,
    emu: Emulator,
    config: Record<string, string> = {},
    secrets: Record<string, string> = {},
    env: Record<string, string> = {},
    projectDir?: string,
): Promise<EngineStack> {
    const stack = new LocalStack(ensurePulumi(), name, env, projectDir);
    await stack.init();
    const campaigns = path.join(REPO, ".state", `${name}-campaigns`);
    fs.rmSync(campaigns, { recursive: true, force: true });
    fs.mkdirSync(campaigns, { recursive: true });
    await stack.setConfig("tencentcloud:secretId", SECRET_ID);
    await stack.setConfig("tencentcloud:secretKey", SECRET_KEY, true);
    await stack.setConfig("tencentcloud:cccEndpoint", emu.url);
    await stack.setConfig("ccc-campaigns:campaignsDir", campaigns);
    for (const [k, v] of Object.entries(config)) await stack.setConfig(k, v);
    for (const [k, v] of Object.entries(secrets)) await stack.setConfig(k, v, true);
    return {
        stack,
        campaigns,
        writeCampaign: (file, inputs) => fs.writeFileSync(path.join(campaigns, `${file}.yaml`), stringify(inputs)),
        removeCampaign: (file) => fs.rmSync(path.join(campaigns, `${file}.yaml`)),
    };
}
