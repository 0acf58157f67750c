// Stacks of programs in other languages that use the provider plugin from this repository
// (plugin/pulumi-resource-<package> on PATH, running dist/plugin), against an emulator.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { createAiccsApi } from "../../provider/ai-call-task/client";
import { createQuery } from "../../provider/ai-call-task/mapping";
import { validateInputs as validateAiccsInputs } from "../../provider/ai-call-task/schema";
import { resolveSettings as resolveAiccsSettings } from "../../provider/ai-call-task/settings";
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

async function freshStack(name: string, projectDir: string, env: Record<string, string>): Promise<LocalStack> {
    const tools = pluginTools();
    const stack = new LocalStack(tools.bin, name, { PATH: pluginPath(tools), ...env }, projectDir);
    await stack.init();
    return stack;
}

/** A fresh stack of the program in `projectDir`, configured for the tencentcloud-ccc plugin and the emulator. */
export async function pluginStack(name: string, projectDir: string, emu: Emulator, env: Record<string, string> = {}): Promise<LocalStack> {
    const stack = await freshStack(name, projectDir, env);
    await stack.setConfig("tencentcloud-ccc:secretId", SECRET_ID);
    await stack.setConfig("tencentcloud-ccc:secretKey", SECRET_KEY, true);
    await stack.setConfig("tencentcloud-ccc:cccEndpoint", emu.url);
    await stack.setConfig("sdkAppId", String(SDK_APP_ID));
    return stack;
}

/** `pulumi up` of the stack, which must succeed and print what `expect` matches. */
export async function upExpecting(stack: LocalStack, expect: RegExp): Promise<void> {
    const r = await stack.up();
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, expect);
}

/** Settings of the alicloud-aiccs plugin but its secret key: the emulator's AICCS endpoint and a key it accepts. */
export const AICCS_PLUGIN_CONFIG = (emu: Emulator) => ({ "alicloud-aiccs:accessKey": SECRET_ID, "alicloud-aiccs:aiccsEndpoint": emu.aiccs.endpoint, "alicloud-aiccs:aiccsCreateSettleSeconds": "3" });

/** A fresh stack of the program in `projectDir`, configured for the alicloud-aiccs plugin and the emulator. */
export async function aiccsPluginStack(name: string, projectDir: string, emu: Emulator, env: Record<string, string> = {}): Promise<LocalStack> {
    const stack = await freshStack(name, projectDir, env);
    for (const [key, value] of Object.entries(AICCS_PLUGIN_CONFIG(emu))) await stack.setConfig(key, value);
    await stack.setConfig("alicloud-aiccs:secretKey", SECRET_KEY, true);
    return stack;
}

/**
 * An AICCS task made outside Pulumi, as the console makes one: CreateAiCallTask, then its callees
 * imported with outIds of the console's own (not the provider's). Returns the task's id.
 */
export async function consoleAiccsTask(emu: Emulator, inputs: Record<string, unknown>, callees: Record<string, string>[]): Promise<string> {
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: SECRET_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET_KEY, ALIBABA_CLOUD_AICCS_ENDPOINT: emu.aiccs.endpoint };
    const api = createAiccsApi(resolveAiccsSettings(env));
    const valid = validateAiccsInputs(inputs);
    if (!valid.ok) throw new Error(JSON.stringify(valid.failures));
    const taskId = String(await api.call("CreateAiCallTask", createQuery(valid.inputs)));
    await api.call("ImportTaskNumberDatas", { TaskId: taskId, DataType: "JSON" }, { PhoneNumberList: JSON.stringify(callees) });
    return taskId;
}
