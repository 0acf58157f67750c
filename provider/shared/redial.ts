// `redial`, as every kind of task takes it: whether a replacement dials again the callees an earlier
// task of the same resource (its lineage, provider/shared/lineage.ts) already reached.
import { z } from "zod";
import { maskNumber } from "../../campaign/numbers";

/** A function, not a value: a schema built inside a serialized provider is then captured as `require("zod")`, not by value. */
export const redialSchema = () =>
    z
        .enum(["unreached", "everyone"])
        .default("unreached")
        .describe('When a change replaces the task: "unreached" leaves out callees an earlier task of this resource already reached; "everyone" dials the whole list again.');

/** Why no task is made: earlier tasks of the resource reached all `total` callees (`example`, one of them, is shown masked). */
export function everyoneReached(total: number, example: string): Error {
    return new Error(`callees: all ${total} were already reached by an earlier task of this resource (for example ${maskNumber(example)}), so no task was created; set redial: "everyone" to call them again`);
}
