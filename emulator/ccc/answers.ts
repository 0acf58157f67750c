// Answers Tencent does not document (see the list of differences in README.md): which error an unknown
// TaskId gets, and what Pause/Resume/Stop answer in a state that does not allow them. Tests switch them
// to check that the provider does not depend on the emulator's guesses.
import { z } from "zod";
import { ApiError } from "./errors";

const error = z.strictObject({ code: z.string().min(1), message: z.string() });

const answersSchema = z.strictObject({
    /** Instead of InvalidParameterValue "TaskId … not found …". */
    notFound: error.optional(),
    /** Instead of UnsupportedOperation; "ok" answers success and changes nothing. */
    wrongState: z.union([error, z.literal("ok")]).optional(),
});

export type Answers = z.infer<typeof answersSchema>;

/** Throws a TypeError naming what is wrong (an unknown key, a malformed answer). */
export function parseAnswers(input: unknown): Answers {
    const parsed = answersSchema.safeParse(input);
    if (!parsed.success) throw new TypeError(`answers: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
}

/** The answer to give for a refusal: the configured error, "ok", or the refusal itself. */
export function answerFor(answers: Answers, refusal: ApiError): ApiError | "ok" {
    const chosen = refusal.undocumented && answers[refusal.undocumented];
    if (!chosen) return refusal;
    return chosen === "ok" ? chosen : new ApiError(chosen.code, chosen.message);
}
