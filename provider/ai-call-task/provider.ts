// The AiCallTask dynamic provider: the lifecycle, one short method per step, over operations.ts.
// Create makes the task once, imports the callees and starts it or leaves it stopped; update changes
// it in place with UpdateAiCallTask (stopping it for the change, as the API asks), imports added
// callees and cancels removed pending ones; delete stops it (AICCS has no delete).
import type * as pulumi from "@pulumi/pulumi";
import { checkpointReading, readCheckpoint } from "../shared/checkpoint";
import { finishedForGood } from "../shared/finished";
import { resourceInitFailed } from "../shared/init-failed";
import { LINEAGE } from "../shared/lineage";
import { clientFor } from "../shared/process";
import { WarningProvider } from "../shared/warned";
import { type AiccsApi, createAiccsApi } from "./client";
import { isPausedStatus, type ObservedTask, stateFrom, type TaskOutputs, updateQuery } from "./mapping";
import { cancelCallees, createTask, deletedHere, describeTask, importCallees, reconcilePaused, startTask, stopTask } from "./operations";
import { type AiCallTaskInputs, type Callee, FIELD_NAMES, type FieldName, FINALITY, REPLACE_FIELDS, TaskStatus, validateInputs } from "./schema";
import { rememberConfig, resolveSettings } from "./settings";

type EngineInputs = Record<string, unknown>;

/** Fields that change the callee list, or the running state, rather than the task's settings. */
const NOT_TASK_SETTINGS: readonly FieldName[] = ["callees", "paused"];
/** An unset input that means this value. */
const DEFAULTS: Partial<Record<FieldName, unknown>> = { paused: false };

function api(): AiccsApi {
    return clientFor("aiccsClients", resolveSettings(), createAiccsApi);
}

const declaredOf = (props: EngineInputs) => Object.fromEntries(FIELD_NAMES.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));

function inputsOf(props: EngineInputs): AiCallTaskInputs {
    const result = validateInputs(declaredOf(props));
    if (!result.ok) throw new Error(`invalid AiCallTask inputs: ${result.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    return result.inputs;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const valueOf = (props: EngineInputs, k: FieldName) => props[k] ?? DEFAULTS[k];
const numbers = (cs: readonly Callee[]) => new Set(cs.map((c) => c.number));

/** The callees of `news` not in `olds`, and of `olds` not in `news` (by number). */
export function calleeChanges(olds: readonly Callee[], news: readonly Callee[]): { added: Callee[]; removed: Callee[] } {
    const before = numbers(olds);
    const after = numbers(news);
    return { added: news.filter((c) => !before.has(c.number)), removed: olds.filter((c) => !after.has(c.number)) };
}

export class AiCallTaskProvider extends WarningProvider implements pulumi.dynamic.ResourceProvider<EngineInputs, TaskOutputs> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        rememberConfig(req.config);
    }

    async check(olds: EngineInputs, news: EngineInputs): Promise<pulumi.dynamic.CheckResult<EngineInputs>> {
        const { stack, __provider: _provider, lineage, ...raw } = news;
        if (typeof stack === "string" && !Object.keys(olds).length) await readCheckpoint(stack);
        const existing = Object.keys(declaredOf(olds)).length ? olds : undefined;
        const result = validateInputs(raw, existing);
        const failures = result.ok ? [] : [...result.failures];
        // A replacement is a new task, and the old one keeps its name (there is no delete): it needs a new one.
        const replaced = existing && REPLACE_FIELDS.filter((k) => existing[k] !== undefined && raw[k] !== undefined && !same(existing[k], raw[k]));
        if (replaced?.length && existing?.taskName === raw.taskName) {
            failures.push({ property: "taskName", reason: `must change when ${replaced.join(" or ")} changes: that replaces the task, and the stopped task keeps its name (AICCS names are unique per account and tasks cannot be deleted)` });
        }
        const program = { ...raw, ...(typeof lineage === "string" && { lineage }) };
        if (failures.length || !result.ok) return { inputs: program, failures };
        return { inputs: { ...result.inputs, ...(typeof lineage === "string" && LINEAGE.test(lineage) && { lineage }) } };
    }

    async diff(_id: string, olds: EngineInputs, news: EngineInputs): Promise<pulumi.dynamic.DiffResult> {
        const changed = FIELD_NAMES.filter((k) => !same(valueOf(olds, k), valueOf(news, k)));
        // Delete before replace: two tasks must never dial the same list at once.
        return { changes: changed.length > 0, replaces: changed.filter((k) => REPLACE_FIELDS.includes(k)), deleteBeforeReplace: true };
    }

    async create(props: EngineInputs): Promise<{ id: string; outs: TaskOutputs }> {
        const inputs = inputsOf(props);
        const client = api();
        const since = await this.interruptedSince(props.lineage);
        const { taskId } = await createTask(client, inputs, since);
        const paused = inputs.paused ?? false;
        try {
            let observed = await describeTask(client, taskId);
            if (!observed) throw new Error(`task ${taskId} is not found right after it was created`);
            // Stopped before any callee arrives, so a paused task dials no one.
            if (paused) observed = await reconcilePaused(client, taskId, true, observed);
            await importCallees(client, taskId, inputs.callees);
            observed = (await describeTask(client, taskId))!;
            // [I] An IMMEDIATE task may wait (or fail to start) until it has callees: started now if so.
            const waiting = observed.status === TaskStatus.init && inputs.startType === "IMMEDIATE";
            if (!paused && (waiting || isPausedStatus(observed.status))) observed = await startTask(client, taskId);
            return { id: taskId, outs: stateFrom(taskId, declaredOf(props), observed, this.made(props)) };
        } catch (e) {
            // The engine keeps the task (and the serialized provider) to operate on it later.
            throw resourceInitFailed(e, taskId, { ...declaredOf(props), ...this.made(props), taskId, __provider: props.__provider });
        }
    }

    async read(id: string, props: EngineInputs | undefined): Promise<pulumi.dynamic.ReadResult<TaskOutputs>> {
        if (finishedForGood(FINALITY, id, props)) return { id, props: props as TaskOutputs };
        const observed = await describeTask(api(), id);
        if (!observed) return {};
        return { id, props: stateFrom(id, declaredOf(props ?? {}), observed, this.made(props ?? {})) };
    }

    async update(id: string, olds: EngineInputs, news: EngineInputs): Promise<{ outs: TaskOutputs }> {
        const inputs = inputsOf(news);
        const previous = inputsOf(olds);
        const client = api();
        let observed: ObservedTask | undefined = await describeTask(client, id);
        if (!observed) throw new Error(`task ${id} no longer exists; run \`pulumi refresh\` to drop it from the stack, then \`pulumi up\` to create it again`);
        const settingsChanged = FIELD_NAMES.filter((k) => !NOT_TASK_SETTINGS.includes(k) && !same(olds[k], news[k]));
        if (settingsChanged.length) {
            // [D] UpdateAiCallTask: "ensure the task is stopped". It is started again below if it should run.
            if (!isPausedStatus(observed.status)) observed = await stopTask(client, id);
            await client.call("UpdateAiCallTask", updateQuery(id, inputs, observed));
        }
        const { added, removed } = calleeChanges(previous.callees, inputs.callees);
        await importCallees(client, id, added);
        const { kept } = await cancelCallees(client, id, removed);
        if (kept) await this.warn("", `AiCallTask "${inputs.taskName}": ${kept} removed callee(s) are already queued or being called and cannot be cancelled; they stay on task ${id}`);
        observed = (await describeTask(client, id))!;
        observed = await reconcilePaused(client, id, inputs.paused ?? false, observed);
        return { outs: stateFrom(id, declaredOf(news), observed, this.made(news)) };
    }

    async delete(id: string, props: EngineInputs): Promise<void> {
        // No delete API: a stopped task dials no one. Gone already counts as deleted.
        deletedHere().add(id);
        if (finishedForGood(FINALITY, id, props)) return;
        const observed = await describeTask(api(), id);
        if (observed && !isPausedStatus(observed.status)) await stopTask(api(), id);
    }

    /** Keys the provider carries in state beside the inputs. */
    private made(props: EngineInputs): Record<string, unknown> {
        return typeof props.lineage === "string" ? { lineage: props.lineage } : {};
    }

    /** When the stack's state holds a pending create of this resource (an interrupted run), the time the state was read. */
    private async interruptedSince(lineage: unknown): Promise<number | undefined> {
        const reading = checkpointReading();
        if (!reading || typeof lineage !== "string") return undefined;
        const r = await reading;
        if ("unreadable" in r) return r.readAt;
        return r.pendingCreates.has(lineage) ? r.readAt : undefined;
    }
}
