// Answers Tencent does not document (see the list of differences in README.md and CAMPAIGNS.md): which
// error an unknown id gets, what a request in a state that does not allow it answers, and for the
// campaigns what Update and Delete allow and how a skill group dials. Tests switch them to check that
// the provider does not depend on the emulator's guesses.
import { z } from "zod";
import { CampaignStatus } from "./campaigns";
import { ApiError } from "./errors";

const error = z.strictObject({ code: z.string().min(1), message: z.string() });
const status = z.union(Object.values(CampaignStatus).map((s) => z.literal(s)));

const answersSchema = z.strictObject({
    /** Instead of InvalidParameterValue "TaskId … not found …" (or "CampaignId …"). */
    notFound: error.optional(),
    /** Instead of the wrong-state refusal (UnsupportedOperation for tasks and Update, InvalidParameterValue for
     * the other campaign actions); "ok" answers success and changes nothing. */
    wrongState: z.union([error, z.literal("ok")]).optional(),
    /** Predictive campaign statuses UpdatePredictiveDialingCampaign accepts (documented: before the start; default [0]). */
    updatable: z.array(status).optional(),
    /** Whether an Update's absent optional fields (IVRId, RetryTimes, Variables, UUI, CalleeAttributes) are cleared
     * (default) or keep their values. */
    updateOmitted: z.enum(["clears", "keeps"]).optional(),
    /** Predictive campaign statuses DeletePredictiveDialingCampaign accepts (default [0, 3, 4]: not running or paused). */
    deletable: z.array(status).optional(),
    /** Agents of every skill group, dialing as the predictive campaign's concurrency (default 2). */
    skillGroupAgents: z.number().int().min(1).optional(),
    /** Campaigns (both kinds, not finished) an app may hold; beyond it Create answers LimitExceeded.OutOfCountLimit
     * (documented code, undocumented number; default: no limit). */
    campaignLimit: z.number().int().min(0).optional(),
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
