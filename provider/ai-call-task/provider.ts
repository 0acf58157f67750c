// The AiCallTask dynamic provider: the lifecycle, one short method per step, over operations.ts.
// Create makes the task once, imports the callees and starts it or leaves it stopped; update changes
// it in place with UpdateAiCallTask (stopping it for the change, as the API asks), imports added
// callees and cancels removed pending ones; delete stops it (AICCS has no delete).
import type * as pulumi from "@pulumi/pulumi";
import { interruptedSince, readCheckpoint } from "../shared/checkpoint";
import { finishedForGood } from "../shared/finished";
import { resourceInitFailed } from "../shared/init-failed";
import { LINEAGE } from "../shared/lineage";
import { clientFor } from "../shared/process";
import { everyoneReached } from "../shared/redial";
import { WarningProvider } from "../shared/warned";
import { type AiccsApi, createAiccsApi } from "./client";
import { isPausedStatus, type ObservedTask, stateFrom, type TaskOutputs, updateQuery } from "./mapping";
import { cancelCallees, createTask, deletedHere, describeTask, importCallees, listedTask, predecessorsOf, reachedBy, reconcilePaused, startTask, stopTask } from "./operations";
import { type AiCallTaskInputs, type Callee, FIELD_NAMES, type FieldName, FINALITY, REPLACE_FIELDS, TaskStatus, validateInputs } from "./schema";
import { rememberConfig, resolveSettings } from "./settings";

type EngineInputs = Record<string, unknown>;

/** Inputs that only matter when a task is made: changing them alone changes nothing. */
const CREATE_ONLY: readonly FieldName[] = ["redial"];
/** Fields that change the callee list, or the running state, rather than the task's settings. */
const NOT_TASK_SETTINGS: readonly FieldName[] = ["callees", "paused", ...CREATE_ONLY];
/** An unset input that means this value. */
const DEFAULTS: Partial<Record<FieldName, unknown>> = { paused: false, redial: "unreached" };
/** What the provider keeps in state beside the inputs and what AICCS reports. */
const MADE_KEYS = ["lineage", "predecessors"] as const;

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
        const changed = FIELD_NAMES.filter((k) => !CREATE_ONLY.includes(k) && !same(valueOf(olds, k), valueOf(news, k)));
        // Delete before replace: two tasks must never dial the same list at once.
        return { changes: changed.length > 0, replaces: changed.filter((k) => REPLACE_FIELDS.includes(k)), deleteBeforeReplace: true };
    }

    async create(props: EngineInputs): Promise<{ id: string; outs: TaskOutputs }> {
        const inputs = inputsOf(props);
        const client = api();
        // A replacement: the old task was stopped first, in this process; it and the ones before it reached some callees.
        const predecessors = predecessorsOf(props.lineage);
        const callees = await this.notReached(client, inputs, predecessors, inputs.callees);
        if (!callees.length) throw everyoneReached(inputs.callees.length, inputs.callees[0].number);
        const since = await interruptedSince(props.lineage);
        const { taskId, found } = await createTask(client, inputs, since);
        const made = { ...this.made(props), ...(predecessors.length && { predecessors }) };
        const paused = inputs.paused ?? false;
        const notFound = () => new Error(`task ${taskId} is not found right after it was created`);
        try {
            if (paused) {
                // Stopped before any callee arrives, so a paused task dials no one.
                const listed = await listedTask(client, taskId);
                if (!listed) throw notFound();
                if (!isPausedStatus(listed.status)) await stopTask(client, taskId);
            }
            // A task made by this create holds no callee yet; one found (an earlier attempt or run made it) may.
            await importCallees(client, taskId, callees, !found);
            let observed = await describeTask(client, taskId);
            if (!observed) throw notFound();
            // [I] An IMMEDIATE task may wait (or fail to start) until it has callees: started now if so.
            const waiting = observed.status === TaskStatus.init && inputs.startType === "IMMEDIATE";
            if (!paused && (waiting || isPausedStatus(observed.status))) observed = await startTask(client, taskId);
            return { id: taskId, outs: stateFrom(taskId, declaredOf(props), observed, made) };
        } catch (e) {
            // The engine keeps the task (and the serialized provider) to operate on it later.
            throw resourceInitFailed(e, taskId, { ...declaredOf(props), ...made, taskId, __provider: props.__provider });
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
        await importCallees(client, id, await this.notReached(client, inputs, this.predecessors(olds), added));
        const { kept } = await cancelCallees(client, id, removed);
        if (kept) await this.warn("", `AiCallTask "${inputs.taskName}": ${kept} removed callee(s) are already queued or being called and cannot be cancelled; they stay on task ${id}`);
        observed = (await describeTask(client, id))!;
        observed = await reconcilePaused(client, id, inputs.paused ?? false, observed);
        // The earlier tasks are the old state's; the lineage is the checked inputs'.
        return { outs: stateFrom(id, declaredOf(news), observed, { ...this.made(olds), ...this.made(news) }) };
    }

    async delete(id: string, props: EngineInputs): Promise<void> {
        // No delete API: a stopped task dials no one. Gone already counts as deleted.
        deletedHere().set(id, { lineage: typeof props.lineage === "string" ? props.lineage : undefined, predecessors: this.predecessors(props) });
        if (finishedForGood(FINALITY, id, props)) return;
        // Its status is all a delete needs, not its progress.
        const listed = await listedTask(api(), id);
        if (listed && !isPausedStatus(listed.status)) await stopTask(api(), id);
    }

    /** Keys the provider carries in state beside the inputs. */
    private made(props: EngineInputs): Record<string, unknown> {
        return Object.fromEntries(MADE_KEYS.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));
    }

    private predecessors(props: EngineInputs): string[] {
        return Array.isArray(props.predecessors) ? props.predecessors.map(String) : [];
    }

    /** The callees that the earlier tasks of the resource did not reach; all of them with `redial: everyone`. */
    private async notReached(client: AiccsApi, inputs: AiCallTaskInputs, predecessors: readonly string[], callees: readonly Callee[]): Promise<Callee[]> {
        if (inputs.redial === "everyone" || !predecessors.length || !callees.length) return [...callees];
        const reached = await reachedBy(client, predecessors, callees);
        return callees.filter((c) => !reached.has(c.number));
    }
}
