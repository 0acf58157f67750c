// What a kind declares to be served by the provider plugin, and what a plugin package is. A kind's
// entry sits in its own folder (provider/<kind>/plugin.ts) rather than in its TaskKind: the TaskKind
// is read by the policy pack and the review, which must not load the lifecycle and the vendor's SDK.
// Its name, type token, schemas, secret and updatable fields come from the TaskKind, written once.
import type * as pulumi from "@pulumi/pulumi";
import type { TaskKind } from "../campaign/adapter";
import type { Warn } from "../provider/shared/engine-log";
import type { SettingSources } from "../provider/shared/settings";

/** A kind's lifecycle class (its dynamic provider), as the plugin calls it. */
export type Lifecycle = Required<Pick<pulumi.dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "read" | "update" | "delete">>;

/** What `pulumi import` recovered of an existing task. */
export interface Imported {
    /** The task's id, as the lifecycle's `read` takes it. */
    id: string;
    /** The inputs the vendor reports. */
    inputs: Record<string, unknown>;
    /** Inputs the vendor never returns: null in state until the program declares them. */
    notReturned: string[];
    /** What the import could not recover and what to declare, for the warning shown beside it. */
    note: string;
}

export interface PluginKind {
    kind: TaskKind;
    /** The resource's description in the package schema (the import line is added). */
    description: string;
    /** The import ID's form, as users write it: `SDKAPPID/TASKID`. */
    importId: string;
    lifecycle(warn: Warn): Lifecycle;
    /** Where its settings come from; the plugin reads `KEY` of `namespace:KEY` under its own package. */
    settings: SettingSources<string>;
    /** Settings that are credentials: secret in the provider's config. */
    secretSettings: readonly string[];
    /** Notes on settings beyond their source, for the schema (an inferred default, say). */
    settingNotes?: Readonly<Record<string, string>>;
    /** Inputs that only steer create: not outputs. */
    createOnly?: readonly string[];
    /**
     * Inputs that steer the provider, not the vendor's task: a change of them alone replaces nothing, so
     * no `replaceOnChanges` (a generated SDK turns that into a forced replacement, which would dial again).
     */
    providerOnly?: readonly string[];
    /** `pulumi import`'s read: the task that the import ID names, as inputs. */
    importTask(id: string): Promise<Imported>;
}

/** A plugin package: one binary, `pulumi-resource-<name>`, serving its kinds. */
export interface PluginPackage {
    name: string;
    displayName: string;
    /** What it manages, before the list of its resources. */
    description: string;
    kinds: readonly PluginKind[];
}
