// What Alibaba does not document about these actions, as switches (see the README's list): how a
// business refusal arrives and what it says, and when an IMMEDIATE task starts. Tests flip them to
// check that the provider depends on none of the emulator's guesses. (Whether a new task shows in
// the list at once is the core's listLag fault.)
import { z } from "zod";
import { AcsError, type Business } from "./errors";

const wording = z.strictObject({ code: z.string().min(1), message: z.string().optional() });

/**
 * When an IMMEDIATE task starts: `atCreate`, with no callees yet, dialling callees as they are imported
 * (default); `onFirstImport`, waiting initialised until its first callees arrive; `failsWhenEmpty`,
 * starting a task with no callees fails (status 3, StartFailedReason), at creation or on Start.
 */
const IMMEDIATE_STARTS = ["atCreate", "onFirstImport", "failsWhenEmpty"] as const;

const answersSchema = z.strictObject({
    /** HTTP status of a business refusal: 200 with Success false (default), or 400 (the SDK's ClientError). */
    businessStatus: z.union([z.literal(200), z.literal(400)]).optional(),
    /** Instead of InvalidParameter (a value out of range); the message defaults to the emulator's. */
    invalidValue: wording.optional(),
    /** Instead of Task.NotFound. */
    notFound: wording.optional(),
    /** Instead of Task.StatusError (Start, Stop or Update in a state that does not allow it). */
    wrongState: wording.optional(),
    /** Instead of Task.NameDuplicate. */
    duplicateName: wording.optional(),
    immediateStart: z.enum(IMMEDIATE_STARTS).optional(),
});

export type Answers = z.infer<typeof answersSchema>;
export type ImmediateStart = (typeof IMMEDIATE_STARTS)[number];

/** Throws a TypeError naming what is wrong (an unknown key, a malformed answer). */
export function parseAnswers(input: unknown): Answers {
    const parsed = answersSchema.safeParse(input);
    if (!parsed.success) throw new TypeError(`answers: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
}

/** A business refusal as configured: its wording and HTTP status. Gateway refusals pass unchanged. */
export function answerFor(answers: Answers, refusal: AcsError): AcsError {
    if (!refusal.business) return refusal;
    const chosen = answers[refusal.business satisfies Business];
    return new AcsError(chosen?.code ?? refusal.code, chosen?.message ?? refusal.message, answers.businessStatus ?? 200, refusal.business);
}
