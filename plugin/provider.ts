// The tencentcloud-ccc provider plugin's resource provider: the dynamic CalloutTask's lifecycle
// (CalloutTaskProvider), served under the type token `tencentcloud-ccc:index:CalloutTask` to
// programs in any language. It only adapts the wire: secrets, configuration and import.
import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { createCccApi } from "../provider/callout-task/client";
import { describeFromApi, type TaskOutputs } from "../provider/callout-task/mapping";
import { resourceLineage } from "../provider/shared/lineage";
import type { Warn } from "../provider/shared/engine-log";
import { CalloutTaskProvider } from "../provider/callout-task/provider";
import { FIELD_NAMES, SECRET_FIELDS } from "../provider/callout-task/schema";
import { resolveSettings } from "../provider/callout-task/settings";
import { PACKAGE_NAME, PLUGIN_TYPE_TOKEN } from "./schema";

// The engine's marker of a secret value in a property struct (the provider accepts secrets).
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_MARK = "1b47061264138c4ac30d75fd1eb44270";

function isSecret(v: unknown): v is { value: unknown } {
    return !!v && typeof v === "object" && (v as Record<string, unknown>)[SECRET_SIG] === SECRET_MARK;
}

/** Recorded state as the engine sends it: the lifecycle validates it before any use. */
const wire = (props: Record<string, unknown>) => props as TaskOutputs;

/** Plain values for the lifecycle: secrets arrive wrapped. */
export function reveal(value: any): any {
    if (isSecret(value)) return reveal(value.value);
    if (Array.isArray(value)) return value.map(reveal);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
    return value;
}

/** Marks the secret fields (callee numbers, callbacks) secret again, so that no plain copy reaches state. */
export function conceal<T extends Record<string, any> | undefined>(props: T): T {
    if (!props) return props;
    return Object.fromEntries(
        Object.entries(props).map(([k, v]) => [k, (SECRET_FIELDS as readonly string[]).includes(k) && v !== undefined && !isSecret(v) ? { [SECRET_SIG]: SECRET_MARK, value: v } : v]),
    ) as T;
}

/** Configuration as the dynamic provider's `configure` reads it: `tencentcloud:KEY` is this plugin's `tencentcloud-ccc:KEY`. */
export function pluginConfig(variables: Map<string, string>): pulumi.dynamic.ConfigureRequest["config"] {
    const get = (key: string) => variables.get(key.replace(/^tencentcloud:/, `${PACKAGE_NAME}:`)) || undefined;
    return { get } as pulumi.dynamic.ConfigureRequest["config"];
}

/**
 * Inputs an import could not recover are null in state (CCC never returns them) until the program
 * declares them. The first declaration is recorded in place, by an update, never as a replacement:
 * the task already runs with whatever it was created with, and replacing it would dial again.
 */
function withoutUnrecovered(props: Record<string, any>): Record<string, any> {
    return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null));
}
function keepUnrecovered(olds: Record<string, any>, outs: Record<string, any> | undefined): Record<string, any> | undefined {
    if (!outs) return outs;
    const still = Object.keys(olds).filter((k) => olds[k] === null && outs[k] === undefined);
    return { ...outs, ...Object.fromEntries(still.map((k) => [k, null])) };
}

/** What an import ID names: `SDKAPPID/TASKID` (CCC needs the application to find a task). */
function parseImportId(id: string): { sdkAppId: number; taskId: number } {
    const m = /^(\d+)\/(\d+)$/.exec(id.trim());
    if (!m) throw new Error(`import ID "${id}": must be SDKAPPID/TASKID, for example 1400123455/42`);
    return { sdkAppId: Number(m[1]), taskId: Number(m[2]) };
}

/** `pulumi import`: the engine reads with the import ID and no properties. Returns what CCC reports, as inputs. */
async function importTask(lifecycle: CalloutTaskProvider, id: string, urn: string, warn: Warn): Promise<provider.ReadResult> {
    const { sdkAppId, taskId } = parseImportId(id);
    const response = await createCccApi(resolveSettings()).describeTask({ SdkAppId: sdkAppId, TaskId: taskId });
    const observed = describeFromApi(response);
    const recovered: Record<string, unknown> = {
        sdkAppId,
        name: observed.name,
        description: observed.description,
        notBefore: observed.notBefore,
        notAfter: observed.notAfter,
        callers: observed.callers,
        callees: observed.callees,
        ivrId: observed.ivrId,
        maxRingTimeoutSecond: observed.maxRingTimeoutSecond,
        paused: observed.state === 5,
    };
    // Inputs CCC never returns: an import cannot recover them, so the program must declare them.
    // adoptTaskId and redial describe what the provider does, not the task: nothing to recover.
    const notReturned = FIELD_NAMES.filter((k) => !(k in recovered) && k !== "adoptTaskId" && k !== "redial");
    const inputs = Object.fromEntries(Object.entries(recovered).filter(([, v]) => v !== undefined));
    if (inputs.ivrId === undefined) {
        throw new Error(`task ${taskId} has no IVR: it is an AI agent task, and CCC never returns aiAgentId. Declare it with aiAgentId and the \`import\` resource option instead.`);
    }
    const read = await lifecycle.read(String(taskId), wire(inputs));
    const props = { ...read.props, ...Object.fromEntries(notReturned.map((k) => [k, null])) };
    // Shown by the CLI beside the import: what the generated code cannot contain.
    await warn(
        urn,
        `task ${taskId}: imported ${Object.keys(inputs).join(", ")}. ` +
            `CCC never returns ${notReturned.join(", ")}: declare the ones the task was created with (timeZone and the call windows are what the policy pack checks).`,
    );
    return { id: read.id, props: conceal(props), inputs: conceal(inputs) };
}

/** The resource provider served by `provider.main`. */
export function calloutTaskPlugin(version: string, schema: string, warn: Warn): provider.Provider & { configure(variables: Map<string, string>): Promise<void> } {
    const lifecycle = new CalloutTaskProvider(warn);
    // The resource's lineage from its URN (project, stack and name), as the dynamic resource declares it.
    const fromUrn = (urn: string) => {
        const [, stack, project] = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn) ?? [];
        return { stack, lineage: resourceLineage(project ?? "", stack ?? "", urn.split("::").pop() ?? urn) };
    };
    const checkType = (urn: string) => {
        const type = urn.split("::")[2]?.split("$").pop();
        if (type !== PLUGIN_TYPE_TOKEN) throw new Error(`unknown resource type ${type}`);
    };
    return {
        version,
        schema,
        configure: (variables) => lifecycle.configure({ config: pluginConfig(variables) }),
        check: async (urn, olds, news) => {
            checkType(urn);
            const result = await lifecycle.check(reveal(olds), { ...reveal(news), ...fromUrn(urn) });
            return { inputs: conceal(result.inputs), failures: result.failures };
        },
        diff: async (id, _urn, olds, news) => {
            const [old, declared] = [reveal(olds), reveal(news)];
            const learned = Object.keys(old).filter((k) => old[k] === null && declared[k] !== undefined);
            const result = await lifecycle.diff(id, { ...withoutUnrecovered(old), ...Object.fromEntries(learned.map((k) => [k, declared[k]])) }, declared);
            return learned.length ? { ...result, changes: true } : result;
        },
        create: async (_urn, inputs) => {
            const result = await lifecycle.create(reveal(inputs));
            return { id: result.id, outs: conceal(result.outs) };
        },
        read: async (id, urn, props) => {
            if (!props || props.sdkAppId === undefined) return importTask(lifecycle, id, urn, warn);
            const old = reveal(props);
            const result = await lifecycle.read(id, wire(withoutUnrecovered(old)));
            return { id: result.id, props: conceal(keepUnrecovered(old, result.props)) };
        },
        update: async (id, _urn, olds, news) => {
            const old = reveal(olds);
            const result = await lifecycle.update(id, wire(withoutUnrecovered(old)), reveal(news));
            return { outs: conceal(keepUnrecovered(old, result.outs)) };
        },
        // An imported task's state has no lineage: its resource's, so that a replacement knows whom it reached.
        delete: (id, urn, props) => {
            const old = reveal(props);
            return lifecycle.delete(id, { ...old, lineage: old.lineage ?? fromUrn(urn).lineage });
        },
    };
}
