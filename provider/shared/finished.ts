// A task finished for good costs nothing: no API can change it again, so a refresh returns what the
// state recorded and a delete forgets it, neither calling the API. Long-lived stacks keep every
// finished campaign until its file is deleted; without this each refresh describes all of them again.
// Each kind declares its final states and how its state names them (a `Finality`, which its campaign
// lifecycle reuses: campaign/adapter.ts); its read and delete ask here.
//
// What could go wrong, and why it does not:
// - A record written while the task was still changing: only a record that *reports* a final state is
//   trusted, and that report came from the API (create, update and read record what the task says).
//   The first refresh after a task finishes still calls and records the final figures; only later ones
//   are free. A state that precedes the end while calls are still in progress (CCC's `ending`) is not final.
// - A record written by an older version, in another shape: it is trusted only when it parses against
//   the kind's current state schema; otherwise it is read once and rewritten in the current shape.
// - Import, or a read for another id (`pulumi import`, `get` with an id): the recorded task id must be
//   the id asked for, so a read with no recorded state, or a foreign one, calls the API.
// - A finished task deleted outside Pulumi stays in the stack until its campaign file is removed: it
//   dials no one either way, and its removal forgets it without asking.
import type { z } from "zod";

/** What a kind declares so that its finished tasks cost nothing. Kept beside its schema: the lifecycle is closure-serialized. */
export interface Finality {
    /** State names no API can change again. */
    final: readonly string[];
    taskId(recorded: Record<string, unknown>): number | string | undefined;
    stateName(recorded: Record<string, unknown>): string | undefined;
    /** Everything this version records in state. */
    recorded(): z.ZodType;
}

/** Whether `recorded` (the state of resource `id`) is a task that no API can change again. */
export function finishedForGood(kind: Finality, id: string, recorded: Record<string, unknown> | undefined): boolean {
    if (!recorded) return false;
    const state = kind.stateName(recorded);
    return state !== undefined && kind.final.includes(state) && String(kind.taskId(recorded)) === id && kind.recorded().safeParse(recorded).success;
}
