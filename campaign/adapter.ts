// What a kind of call task declares so that the policy pack and the review can judge it without
// knowing its vendor: its type tokens, how its inputs read as a campaign (with its own field names
// for messages), and its lifecycle facts. provider/kinds.ts lists the kinds.
import { z } from "zod";
import type { CampaignParts, Concern } from "./model";

/** An input that breaks the kind's rules: its path in the kind's own names, the rule, and the part of the campaign it holds. */
export interface Failure {
    property: string;
    reason: string;
    /** Undefined for inputs no campaign part depends on (the provider's check reports them). */
    concern?: Concern;
}

/** A task's inputs read as a campaign: the parts that are known and valid, and why the others are not. */
export interface CampaignReading {
    campaign: CampaignParts;
    failures: Failure[];
    /** Parts with an input that fails the kind's rules. */
    failed: ReadonlySet<Concern>;
    /** Parts with an input not known yet (during preview). */
    unknown: ReadonlySet<Concern>;
}

/** Where a started task stands with its callees. */
export const taskProgressSchema = z.object({
    total: z.number(),
    /** Called at least once. */
    dialed: z.number(),
    /** Answered. */
    reached: z.number(),
    notAnswered: z.number(),
    /** Being called or awaiting a retry. */
    pending: z.number(),
    /** False: the vendor counts the dialed callees but not how their calls went (reached, notAnswered and pending are then not outcomes). */
    outcomes: z.literal(false).optional(),
});
export type TaskProgress = z.infer<typeof taskProgressSchema>;

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** How a review tells a replacement's restart of a started task: its progress, and what the new task does with the callees already handled (`redial`). */
export interface RestartText {
    /** The `redial` value (its default) that leaves the handled callees out, as the review's JSON shows it. */
    spare: string;
    /** The old task's progress, e.g. "3 of 10 callees dialed, …". */
    progress(p: TaskProgress): string;
    /** What the new task does with the handled callees, `redial: everyone` or not. */
    redial(p: TaskProgress, everyone: boolean): string;
}

/** The restart of a kind that reports answered calls: the reached callees are left out unless `redial: everyone`. */
export const REACHED_RESTART: RestartText = {
    spare: "unreached",
    progress: (p) => `${p.dialed} of ${plural(p.total, "callee")} dialed, ${p.reached} reached (answered), ${p.notAnswered} not answered, ${p.pending} in progress or awaiting a retry`,
    redial: (p, everyone) =>
        everyone
            ? `\`redial: everyone\`: every callee is dialed again, including the ${plural(p.reached, "callee")} already reached`
            : `reached callees are not dialed again (\`redial\` unset or \`unreached\`): up to ${plural(p.reached, "callee")} skipped; set \`redial: everyone\` to call them again`,
};

/** How a review says a task of the kind ends when it is removed or replaced. */
export interface EndingText {
    /** Of one that may still dial: "is stopped" (then "and removed from the stack", or ", then a new task is created"). */
    live: string;
    /** Of a finished one being removed: the whole phrase. */
    finished: string;
}

/** The ending of a kind with a stop action and no delete. */
export const STOP_ENDING: EndingText = { live: "is stopped", finished: "has finished and is removed from the stack" };

/** What a task of the kind is, as its recorded inputs and outputs tell. */
export interface Lifecycle {
    /** Every input, in the order a review lists changes. */
    inputOrder: readonly string[];
    /** Inputs the vendor changes on an existing task; every other one replaces it. */
    updatable: readonly string[];
    /** Inputs holding personal data or credentials: secret in state, never shown. */
    secret: readonly string[];
    /** Inputs whose absence means this value (an unset one and the default are no change). */
    defaults: Readonly<Record<string, unknown>>;
    /** Whether the inputs ask for the task to be paused. */
    paused(inputs: Record<string, unknown>): boolean;
    /** Whether a replacement dials callees an earlier task already reached. */
    redialsEveryone(inputs: Record<string, unknown>): boolean;
    taskId(outputs: Record<string, unknown>): number | string | undefined;
    stateName(outputs: Record<string, unknown>): string | undefined;
    /**
     * Every state name, those in which a replacement restarts a campaign (started and able to dial again),
     * those that never dial again, and those no API can change again (final: refresh and delete make
     * no call for them, provider/shared/finished.ts).
     */
    states: { all: readonly string[]; restarting: readonly string[]; finished: readonly string[]; final: readonly string[] };
    progress(outputs: Record<string, unknown>): TaskProgress | undefined;
    /** What an update in place does to a running task, for a review (added and removed callees counted); absent: nothing to say. */
    updateInPlace?(callees: { added: number; removed: number }): string;
    restart: RestartText;
    ending: EndingText;
    /** Why a change of a field not in `updatable` replaces the task, for a review. */
    replaceReason: string;
    /** Where the zone comes from when the task declares none (an assumption, a setting), for a review. */
    zoneNote: string;
}

export interface TaskKind {
    /** The resource's name (CalloutTask). */
    name: string;
    /** Type tokens: of the dynamic resource (TypeScript/JavaScript programs) and of the provider plugin (every language). */
    tokens: { dynamic: string; plugin: string };
    /** The zone its windows are read in when a task declares none (the provider's setting may override it). */
    assumedTimeZone: string;
    /** The kind's names for each part of a campaign, as messages name them. */
    fields: Readonly<Record<Concern, string>>;
    read(props: Record<string, unknown>): CampaignReading;
    lifecycle: Lifecycle;
    /** What its reference page (docs/resources/<name>.md) is generated from: a description and its zod schemas (inputs; everything recorded in state). */
    reference: { description: string; inputs: () => z.ZodObject; outputs: () => z.ZodObject };
    /** A set input of the kind's own as a review may show it (free text withheld); undefined: as written. Times, callers and callees are shown by the review. */
    display(field: string, value: unknown): string | undefined;
}

/** Whether the type token is one of the kind's. */
export const isOfKind = (kind: TaskKind, type: string): boolean => type === kind.tokens.dynamic || type === kind.tokens.plugin;
