// The provider plugin's resource provider for one package: each kind's lifecycle (its dynamic
// provider class), served under the kind's type token to programs in any language. It only adapts
// the wire, the same way for every kind: secrets, configuration, import and what an import lacks.
import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import type { Warn } from "../provider/shared/engine-log";
import { resourceLineage } from "../provider/shared/lineage";
import type { Lifecycle, PluginKind, PluginPackage } from "./kind";

// The engine's marker of a secret value in a property struct (the provider accepts secrets).
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_MARK = "1b47061264138c4ac30d75fd1eb44270";

function isSecret(v: unknown): v is { value: unknown } {
    return !!v && typeof v === "object" && (v as Record<string, unknown>)[SECRET_SIG] === SECRET_MARK;
}

/** Plain values for the lifecycle: secrets arrive wrapped. */
export function reveal(value: any): any {
    if (isSecret(value)) return reveal(value.value);
    if (Array.isArray(value)) return value.map(reveal);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
    return value;
}

/** Marks the kind's secret fields (callee numbers, callbacks) secret again, so that no plain copy reaches state. */
export function conceal<T extends Record<string, any> | undefined>(secret: readonly string[], props: T): T {
    if (!props) return props;
    return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, secret.includes(k) && v !== undefined && !isSecret(v) ? { [SECRET_SIG]: SECRET_MARK, value: v } : v])) as T;
}

/** Configuration as a kind's dynamic provider reads it: its `NAMESPACE:KEY` (`tencentcloud:secretId`) is the package's `PACKAGE:KEY`. */
export function pluginConfig(packageName: string, variables: Map<string, string>): pulumi.dynamic.ConfigureRequest["config"] {
    const get = (key: string) => variables.get(`${packageName}:${key.slice(key.indexOf(":") + 1)}`) || undefined;
    return { get } as pulumi.dynamic.ConfigureRequest["config"];
}

/**
 * Inputs an import could not recover are null in state (the vendor never returns them) until the
 * program declares them. The first declaration is recorded in place, by an update, never as a
 * replacement: the task already runs with whatever it was created with, and replacing it would dial again.
 */
function withoutUnrecovered(props: Record<string, any>): Record<string, any> {
    return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null));
}
/** The old inputs as the lifecycle compares them: an unrecovered input the program now declares is taken as what the task has. */
function withLearned(old: Record<string, any>, declared: Record<string, any>): { olds: Record<string, any>; learned: string[] } {
    const learned = Object.keys(old).filter((k) => old[k] === null && declared[k] !== undefined);
    return { olds: { ...withoutUnrecovered(old), ...Object.fromEntries(learned.map((k) => [k, declared[k]])) }, learned };
}
function keepUnrecovered(olds: Record<string, any>, outs: Record<string, any> | undefined): Record<string, any> | undefined {
    if (!outs) return outs;
    const still = Object.keys(olds).filter((k) => olds[k] === null && outs[k] === undefined);
    return { ...outs, ...Object.fromEntries(still.map((k) => [k, null])) };
}

/** The resource's lineage from its URN (project, stack and name), as the dynamic resource declares it. */
function fromUrn(urn: string): { stack: string; lineage: string } {
    const [, stack, project] = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn) ?? [];
    return { stack, lineage: resourceLineage(project ?? "", stack ?? "", urn.split("::").pop() ?? urn) };
}

/** `pulumi import`: the engine reads with the import ID and no properties. Returns what the vendor reports, as inputs. */
async function importTask(kind: PluginKind, lifecycle: Lifecycle, id: string, urn: string, warn: Warn): Promise<provider.ReadResult> {
    const imported = await kind.importTask(id);
    const read = await lifecycle.read(imported.id, imported.inputs);
    const props = { ...read.props, ...Object.fromEntries(imported.notReturned.map((k) => [k, null])) };
    // Shown by the CLI beside the import: what the generated code cannot contain.
    await warn(urn, `task ${imported.id}: imported ${Object.keys(imported.inputs).join(", ")}. ${imported.note}`);
    const secret = kind.kind.lifecycle.secret;
    return { id: read.id, props: conceal(secret, props), inputs: conceal(secret, imported.inputs) };
}

/** The resource provider served by `provider.main` for the package. */
export function packageProvider(pkg: PluginPackage, version: string, schema: string, warn: Warn): provider.Provider & { configure(variables: Map<string, string>): Promise<void> } {
    const served = new Map(pkg.kinds.map((kind) => [kind.kind.tokens.plugin, { kind, lifecycle: kind.lifecycle(warn), secret: kind.kind.lifecycle.secret }]));
    const of = (urn: string) => {
        const type = urn.split("::")[2]?.split("$").pop() ?? "";
        const found = served.get(type);
        if (!found) throw new Error(`unknown resource type ${type}: the ${pkg.name} plugin serves ${[...served.keys()].join(", ")}`);
        return found;
    };
    return {
        version,
        schema,
        configure: async (variables) => {
            for (const { lifecycle } of served.values()) await lifecycle.configure({ config: pluginConfig(pkg.name, variables) });
        },
        check: async (urn, olds, news) => {
            const { lifecycle, secret } = of(urn);
            const result = await lifecycle.check(reveal(olds), { ...reveal(news), ...fromUrn(urn) });
            return { inputs: conceal(secret, result.inputs), failures: result.failures };
        },
        diff: async (id, urn, olds, news) => {
            const { lifecycle } = of(urn);
            const declared = reveal(news);
            const { olds: old, learned } = withLearned(reveal(olds), declared);
            const result = await lifecycle.diff(id, old, declared);
            return learned.length ? { ...result, changes: true } : result;
        },
        create: async (urn, inputs) => {
            const { lifecycle, secret } = of(urn);
            const result = await lifecycle.create(reveal(inputs));
            return { id: result.id, outs: conceal(secret, result.outs) };
        },
        read: async (id, urn, props) => {
            const { kind, lifecycle, secret } = of(urn);
            if (!props || !Object.keys(props).length) return importTask(kind, lifecycle, id, urn, warn);
            const old = reveal(props);
            const result = await lifecycle.read(id, withoutUnrecovered(old));
            return { id: result.id, props: conceal(secret, keepUnrecovered(old, result.props)) };
        },
        update: async (id, urn, olds, news) => {
            const { lifecycle, secret } = of(urn);
            // Declaring what an import could not recover sends nothing for it: CCC already runs with it (an update after the start would be refused).
            const [old, declared] = [reveal(olds), reveal(news)];
            const result = await lifecycle.update(id, withLearned(old, declared).olds, declared);
            return { outs: conceal(secret, keepUnrecovered(old, result.outs)) };
        },
        // An imported task's state has no lineage: its resource's, so that a replacement knows whom it reached.
        delete: (id, urn, props) => {
            const old = reveal(props);
            return of(urn).lifecycle.delete(id, { ...old, lineage: old.lineage ?? fromUrn(urn).lineage });
        },
    };
}
