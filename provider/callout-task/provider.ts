// The CalloutTask dynamic provider: the lifecycle, one short method per step. The API calls with their
// paging, listing, create-once, convergence and "is it gone" live in operations.ts. Every call goes
// through the narrow client made inside the method from the settings in force, or reused from this process (nothing live is captured).
import type * as pulumi from "@pulumi/pulumi";
import { checkpointReading, firstUnreadableWarning, readCheckpoint } from "../shared/checkpoint";
import { type CccApi, createCccApi } from "./client";
import { LINEAGE } from "../shared/lineage";
import { everyoneReached } from "../shared/redial";
import { clientFor, processSingleton } from "../shared/process";
import { WarningProvider } from "../shared/warned";
import { resourceInitFailed } from "../shared/init-failed";
import { finishedForGood } from "../shared/finished";

export type { ResourceInitFailedError } from "../shared/init-failed";
import { adoptionDifferences, createRequestToApi, defined, type ObservedTask, same, stateFrom, type TaskOutputs } from "./mapping";
import { createOnce, createToken, deletedHere, describeTask, reachedByLineage, reconcilePaused, stopTask, withoutReached } from "./operations";
import { type CalloutTaskInputs, CREATE_ONLY, FIELD_NAMES, FINALITY, REPLACE_FIELDS, validateInputs } from "./schema";
import { createRecoveryMode, DEFAULT_CREATE_SETTLE_SECONDS, rememberConfig, resolveSettings, SETTING_SOURCES } from "../ccc/settings";

/**
 * What the engine hands over as inputs: the program's values in `check` (plus `__provider`, `lineage`
 * and `stack`, the stack being deployed, which check reads and leaves out), the checked inputs
 * (plus `__provider` and `lineage`) after.
 */
type EngineInputs = Record<string, unknown>;

/** Inputs that only matter when a task is made: changing them alone changes nothing. */

/** The client for the settings in force, made once per process and settings (rotated credentials make a new one). */
function api(): CccApi {
    return clientFor("clients", resolveSettings(), createCccApi);
}

/** The declared inputs among props (which also carry outputs, `__provider` and `lineage`). */
const declaredOf = (props: EngineInputs) => Object.fromEntries(FIELD_NAMES.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));

/**
 * Inputs validated in this process, by content: `check` validates, and the engine hands its output to
 * create or update in the same process, so they need not validate it again. The last few are kept; a
 * large task's are not.
 */
const validInputs = () => processSingleton("validInputs", () => new Map<string, CalloutTaskInputs>());
function rememberValid(key: string, inputs: CalloutTaskInputs): void {
    const remembered = validInputs();
    if (key.length > REMEMBERED_INPUT_CHARS) return;
    if (remembered.size >= REMEMBERED_INPUTS) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, inputs);
}
const REMEMBERED_INPUTS = 1024;
const REMEMBERED_INPUT_CHARS = 64 * 1024;

/** The typed inputs of checked props (create, update) or of a state (read). */
function inputsOf(props: EngineInputs): CalloutTaskInputs {
    const declared = declaredOf(props);
    const key = JSON.stringify(declared);
    const known = validInputs().get(key);
    if (known) return known;
    const result = validateInputs(declared);
    if (!result.ok) throw new Error(`invalid CalloutTask inputs: ${result.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    rememberValid(key, result.inputs);
    return result.inputs;
}

/**
 * The resource's lineage: the declared one; else the one in its old inputs; else (state written
 * before lineages existed) the create token of its inputs, which its task's description carries.
 */
function lineageOf(olds: EngineInputs, news: EngineInputs, inputs: CalloutTaskInputs): string {
    if (typeof news.lineage === "string" && LINEAGE.test(news.lineage)) return news.lineage;
    if (typeof olds.lineage === "string") return olds.lineage;
    const { __provider: _provider, ...old } = olds;
    const previous = Object.keys(old).length ? validateInputs(old) : undefined;
    return createToken(previous?.ok ? previous.inputs : inputs);
}

/** Why a create must not trust its first listing: the earliest a task of an interrupted run is listed is `since` + the settle time. */
interface Interrupted {
    since: number;
    /** The resource, when the state holds a pending create of it (none when the state could not be read). */
    urn?: string;
}

export class CalloutTaskProvider extends WarningProvider implements pulumi.dynamic.ResourceProvider<EngineInputs, TaskOutputs> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        rememberConfig(req.config);
    }

    async check(olds: EngineInputs, news: EngineInputs): Promise<pulumi.dynamic.CheckResult<EngineInputs>> {
        const { stack, ...program } = news;
        const { __provider: _provider, lineage: _lineage, ...raw } = program;
        // A resource with no old inputs may be created next: its pending create must not be in the state read.
        // No stack, no deployment (a direct call): nothing to read.
        if (typeof stack === "string" && !Object.keys(olds).length && createRecoveryMode() === "auto") await readCheckpoint(stack);
        const result = validateInputs(raw, { now: Math.floor(Date.now() / 1000), previous: olds });
        if (!result.ok) return { inputs: program, failures: result.failures };
        const inputs = defined(result.inputs);
        rememberValid(JSON.stringify(declaredOf(inputs)), result.inputs);
        return { inputs: { ...inputs, lineage: lineageOf(olds, news, result.inputs) } };
    }

    async diff(_id: string, olds: Partial<TaskOutputs>, news: EngineInputs): Promise<pulumi.dynamic.DiffResult> {
        // Once adopted, dropping adoptTaskId (or naming the same task) changes nothing: only naming another task does.
        const adoptsAnother = news.adoptTaskId !== undefined && news.adoptTaskId !== olds.taskId;
        const changed = FIELD_NAMES.filter((k) => (k === "adoptTaskId" ? adoptsAnother : !CREATE_ONLY.includes(k) && !same(olds[k], news[k])));
        // Delete before replace: two tasks must never dial the same list at once.
        return { changes: changed.length > 0, replaces: changed.filter((k) => REPLACE_FIELDS.includes(k)), deleteBeforeReplace: true };
    }

    async create(props: EngineInputs): Promise<{ id: string; outs: TaskOutputs }> {
        const inputs = inputsOf(props);
        const client = api();
        const token = createToken(inputs);
        const lineage = typeof props.lineage === "string" ? props.lineage : token;
        let taskId: number;
        let skippedCallees = 0;
        if (inputs.adoptTaskId !== undefined) {
            taskId = inputs.adoptTaskId;
            const observed = await describeTask(client, inputs.sdkAppId, taskId);
            if (!observed) throw new Error(`adoptTaskId: task ${taskId} does not exist in SdkAppId ${inputs.sdkAppId}`);
            const diffs = adoptionDifferences(inputs, observed);
            if (diffs.length) throw new Error(`adoptTaskId: task ${taskId} does not match the declared inputs, so it was not adopted: ${diffs.join("; ")}`);
        } else {
            const full = createRequestToApi(inputs, token, lineage);
            const reached = inputs.redial === "everyone" || lineage === token ? new Set<string>() : await reachedByLineage(client, inputs.sdkAppId, lineage);
            const { request, skipped } = withoutReached(full, reached);
            if (!request.Callees.length) {
                throw everyoneReached(full.Callees.length, inputs.callees[0]);
            }
            skippedCallees = skipped;
            const settle = client.settings.createSettleSeconds ?? DEFAULT_CREATE_SETTLE_SECONDS;
            const interrupted = await this.interrupted(lineage, settle);
            const created = await createOnce(client, request, token, interrupted?.since);
            taskId = created.taskId;
            if (interrupted?.urn) await this.warn(interrupted.urn, recoveryWarning(interrupted.urn, created.found, taskId, settle));
        }
        const made = { skippedCallees, lineage };
        // The engine needs the serialized provider with the partial state to operate on the task later.
        const partial = { ...inputs, ...made, taskId, __provider: props.__provider };
        try {
            const observed = await describeTask(client, inputs.sdkAppId, taskId);
            if (!observed) throw new Error(`task ${taskId} is not found right after it was created`);
            return { id: String(taskId), outs: stateFrom(taskId, inputs, await reconcilePaused(client, inputs, taskId, observed), made) };
        } catch (e) {
            throw resourceInitFailed(e, taskId, partial);
        }
    }

    async read(id: string, props: TaskOutputs | undefined): Promise<pulumi.dynamic.ReadResult<TaskOutputs>> {
        if (finishedForGood(FINALITY, id, props)) return { id, props };
        const inputs = inputsOf(props ?? {});
        const observed = await describeTask(api(), inputs.sdkAppId, Number(id));
        if (!observed) return {};
        return { id, props: stateFrom(Number(id), inputs, observed, props ?? {}) };
    }

    async update(id: string, olds: TaskOutputs, news: EngineInputs): Promise<{ outs: TaskOutputs }> {
        const inputs = inputsOf(news);
        const taskId = Number(id);
        const client = api();
        const observed: ObservedTask | undefined = await describeTask(client, inputs.sdkAppId, taskId);
        if (!observed) throw new Error(`task ${taskId} no longer exists in SdkAppId ${inputs.sdkAppId}; run \`pulumi refresh\` to drop it from the stack, then \`pulumi up\` to create it again`);
        return { outs: stateFrom(taskId, inputs, await reconcilePaused(client, inputs, taskId, observed), olds) };
    }

    async delete(id: string, props: TaskOutputs): Promise<void> {
        // Gone, completed, ending or terminated counts as deleted: it will not dial again. Recorded as final, it is not even asked.
        if (!finishedForGood(FINALITY, id, props)) await stopTask(api(), Number(props.sdkAppId), Number(id));
        // Its lineage too: an adopted or imported task's description carries none, and a replacement must know whom it reached.
        deletedHere().set(Number(id), { at: Date.now(), lineage: props.lineage });
    }

    /**
     * Whether an earlier, interrupted run may have created this resource's task: the state this
     * process read holds a pending create of it, or the state could not be read (then any may have).
     */
    private async interrupted(lineage: string, settle: number): Promise<Interrupted | undefined> {
        const reading = checkpointReading();
        if (!reading || createRecoveryMode() === "never") return undefined;
        const r = await reading;
        if ("unreadable" in r) {
            if (firstUnreadableWarning()) {
                await this.warn(
                    "",
                    `could not read the stack's state to look for creates an interrupted deploy left (${r.unreadable}): ` +
                        `every new task of this deploy waits until ${settle}s (${SETTING_SOURCES.createSettleSeconds.config}) after that attempt for a task an earlier deploy made to be listed, then is created`,
                );
            }
            return { since: r.readAt };
        }
        const urn = r.pendingCreates.get(lineage);
        return urn === undefined ? undefined : { since: r.readAt, urn };
    }
}

/** What the user is told after a create that did not trust its first listing: what it waited for, why, and what came of it. */
function recoveryWarning(urn: string, found: boolean, taskId: number, settle: number): string {
    return (
        `CalloutTask "${urn.split("::").pop()}": the stack's state holds a pending create of this resource from an interrupted deploy, so a task made then may exist and not be listed yet; ` +
        `looked for it until it was listed or ${settle}s (${SETTING_SOURCES.createSettleSeconds.config}) had passed since the state was read: ` +
        (found ? `found task ${taskId} and adopted it` : `none, so created task ${taskId}`) +
        "; `pulumi refresh --clear-pending-creates` drops the stale pending create"
    );
}
