// Stacks of programs in other languages that use the tencentcloud-ccc provider plugin from this
// repository (plugin/pulumi-resource-tencentcloud-ccc on PATH, running dist/plugin), against an emulator.
import { execFileSync } from "child_process";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { ensurePulumi, LocalStack, REPO } from "../../scripts/pulumi-cli";
import { SDK_APP_ID, SECRET_ID, SECRET_KEY } from "../support/provider-harness";

export const PLUGIN_DIR = path.join(REPO, "plugin");

/** The CLI, the language hosts and the SDK generators (built once into .tools/). */
export function pluginTools(): { bin: string; hosts: string; generators: string } {
    const bin = ensurePulumi();
    const out = execFileSync("bash", [path.join(REPO, "scripts", "ensure-langhosts.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const [hosts, generators] = out.trim().split("\n").slice(-2);
    return { bin, hosts, generators };
}

/** PATH for the CLI: the plugin from this repository, then the language hosts. */
export function pluginPath(tools: { bin: string; hosts: string }, ...first: string[]): string {
    return [...first, tools.bin, PLUGIN_DIR, tools.hosts, process.env.PATH].join(path.delimiter);
}

/** A fresh stack of the program in `projectDir`, configured for the plugin and the emulator. */
export async function pluginStack(name: string, projectDir: string, emu: Emulator, env: Record<string, string> = {}): Promise<LocalStack> {
    const tools = pluginTools();
    const stack = new LocalStack(tools.bin, name, { PATH: pluginPath(tools), ...env }, projectDir);
    await stack.init();
    await stack.setConfig("tencentcloud-ccc:secretId", SECRET_ID);
    await stack.setConfig("tencentcloud-ccc:secretKey", SECRET_KEY, true);
    await stack.setConfig("tencentcloud-ccc:cccEndpoint", emu.url);
    await stack.setConfig("sdkAppId", String(SDK_APP_ID));
    return stack;
}
