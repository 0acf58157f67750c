// The AgentCruiseDialingCampaign's inputs (CCC CreateAgentCruiseDialingCampaign, API 2020-02-10) as one
// zod schema per field, so that every problem is reported in one pass, naming the field. Times and
// numbers are read as a CalloutTask reads them (the same schemas). Limits are the documented ones
// (ConcurrencyNumber 1–20, UUI ≤ 1024); emulator/ccc/CAMPAIGNS.md has the sources.
import { z } from "zod";
import { maskNumber } from "../../campaign/numbers";
import { schemas as calloutSchemas } from "../callout-task/schema";
import { inputsWithUnknowns, readFields } from "../shared/fields";
import type { Finality } from "../shared/finished";
import type { FieldFailure } from "../shared/inputs";

export { maskNumber };
export { containsUnknown, UNKNOWN } from "../shared/inputs";

export const TYPE_TOKEN = "pulumi-nodejs:dynamic/tencentcloud-ccc:AgentCruiseDialingCampaign";
export const PLUGIN_TYPE_TOKEN = "tencentcloud-ccc:index:AgentCruiseDialingCampaign";

/** [D] DescribeAgentCruiseDialingCampaign's State: its own codes, not the predictive campaigns'. */
export const CampaignState = { notStarted: 0, running: 1, completed: 2, terminated: 3 } as const;
export type CampaignStateName = keyof typeof CampaignState;
export const CAMPAIGN_STATES = ["notStarted", "running", "completed", "terminated"] as const satisfies readonly CampaignStateName[];
/** States in which the campaign never dials again. */
export const FINISHED_STATES: readonly number[] = [CampaignState.completed, CampaignState.terminated];

/** [D] CallOrder: 0 random, 1 in the order given. */
export const CallOrder = { random: 0, inOrder: 1 } as const;
/** [D] ConcurrencyNumber, "single-round concurrent calls". */
export const CONCURRENCY = { min: 1, max: 20 } as const;
/** [D] UUI, "at most 1024". */
export const MAX_UUI = 1024;
export const REDIAL = ["uncalled", "everyone"] as const;

const positiveInt = z.number().int().positive();
const { fields: callout } = calloutSchemas();

export const fieldSchemas = {
    sdkAppId: callout.sdkAppId.describe("CCC application (SdkAppId) that owns the campaign."),
    name: z
        .string()
        .trim()
        .min(1, "must not be empty")
        .describe("Name: the campaign's name in the console. CCC campaigns carry no description, so after a create whose answer was lost the provider tells its campaign by this exact name: keep it unique among the application's agent cruise campaigns."),
    agent: z.string().trim().min(1, "must not be empty").describe("Agent: the account of the agent the campaign dials for (座席账号)."),
    concurrencyNumber: z
        .number()
        .int()
        .min(CONCURRENCY.min)
        .max(CONCURRENCY.max, `must be at most ${CONCURRENCY.max}`)
        .describe(`ConcurrencyNumber: calls placed at once in one round, ${CONCURRENCY.min}–${CONCURRENCY.max}.`),
    startTime: callout.notBefore.describe("StartTime: when CCC starts the campaign by itself: ISO-8601 with offset, or Unix seconds."),
    endTime: callout.notBefore.describe("EndTime: when CCC terminates the campaign by itself; after startTime. The campaign has no call windows: it may dial at any time between the two."),
    callees: callout.callees.describe("Callees: the numbers called (+86… or 0086…), each once. Personal data: stored as a secret. Optional in the API; required here (a campaign without callees dials no one)."),
    callers: callout.callers.optional().describe("Callers: caller numbers registered in CCC (+86… or 0086…)."),
    callOrder: z.union([z.literal(CallOrder.random), z.literal(CallOrder.inOrder)]).optional().describe("CallOrder: 0 calls the callees in random order, 1 in the order listed."),
    uui: z.string().max(MAX_UUI, `must be at most ${MAX_UUI} characters`).optional().describe("UUI: caller-defined data passed with the calls."),
    redial: z
        .enum(REDIAL)
        .default("uncalled")
        .describe(
            'When a change replaces the campaign: "uncalled" leaves out callees the aborted campaign had already called (CCC reports only how many were called, so this needs callOrder 1; in random order everyone is dialed again, with a warning); "everyone" dials the whole list again.',
        ),
    adoptCampaignId: positiveInt.optional().describe("Adopt this existing campaign instead of creating one (the engine cannot import dynamic resources); it must match the declared inputs CCC reports."),
};
export type FieldName = keyof typeof fieldSchemas;
export const FIELD_NAMES = Object.keys(fieldSchemas) as FieldName[];

const inputsSchema = z.object(fieldSchemas);
export type AgentCruiseCampaignArgsShape = z.input<typeof inputsSchema>;
export type AgentCruiseCampaignInputs = z.output<typeof inputsSchema>;

const progressSchema = z
    .object({ total: z.number().int(), called: z.number().int() })
    .describe("Where the campaign's callees stand: TotalCalleeCount, and CalledCalleeCount (callees called at least once).");
export type Progress = z.infer<typeof progressSchema>;

/** Everything the provider records in state: the inputs plus what CCC reports. */
export const stateSchema = () =>
    inputsSchema.extend({
        campaignId: positiveInt.describe("The campaign's id (CampaignId)."),
        state: z.number().int().min(0).max(CAMPAIGN_STATES.length - 1).describe("0 not started, 1 running, 2 completed, 3 terminated."),
        stateName: z.enum(CAMPAIGN_STATES),
        progress: progressSchema,
        calledEarlier: z.array(z.string()).optional().describe("Declared callees left out of this campaign because the campaign it replaced had already called them; secret in state."),
        lineage: z.string().optional().describe("The resource's lineage: tells the campaigns of one resource apart from its replacements' predecessors."),
    });

/** A campaign completed or terminated: no API changes it again, so refresh and removal need no call (provider/shared/finished.ts). */
export const FINALITY: Finality = {
    final: FINISHED_STATES.map((s) => CAMPAIGN_STATES[s]),
    taskId: (recorded) => (typeof recorded.campaignId === "number" ? recorded.campaignId : undefined),
    stateName: (recorded) => (typeof recorded.stateName === "string" ? recorded.stateName : undefined),
    recorded: stateSchema,
};

/** [D] There is no update action: every input that changes what CCC holds replaces the campaign. */
export const UPDATABLE_FIELDS: readonly FieldName[] = [];
/** Inputs that only matter when a campaign is made: changing them alone changes nothing. */
export const CREATE_ONLY: readonly FieldName[] = ["redial", "adoptCampaignId"];
export const SECRET_FIELDS: readonly FieldName[] = ["callees"];

const KIND = "AgentCruiseDialingCampaign";
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

export type ValidationResult = { ok: true; inputs: AgentCruiseCampaignInputs; unknownFields: FieldName[] } | { ok: false; failures: FieldFailure[] };

/**
 * Every problem of the inputs in one pass: each field on its own, then the rules across fields on the
 * fields that were read. Given `now` (Unix seconds), an endTime already passed is refused unless it is
 * the one `previous` (an existing campaign's inputs) already has: that campaign has simply ended.
 */
export function validateInputs(raw: Record<string, unknown>, options: { now?: number; previous?: Record<string, unknown> } = {}): ValidationResult {
    const { values, failures, unknownFields } = readFields(KIND, raw, fieldSchemas);
    const v = values as Partial<AgentCruiseCampaignInputs>;
    if (v.startTime !== undefined && v.endTime !== undefined && v.endTime <= v.startTime) failures.push({ property: "endTime", reason: "must be after startTime" });
    else if (options.now !== undefined && v.endTime !== undefined && v.endTime <= options.now && options.previous?.endTime !== v.endTime) {
        failures.push({ property: "endTime", reason: `${iso(v.endTime)} has already passed (now ${iso(options.now)}): the campaign could never dial; move the dates, or remove a campaign that has run` });
    }
    if (v.callees) {
        const seen = new Set<string>();
        v.callees.forEach((c, i) => {
            if (seen.has(c)) failures.push({ property: `callees[${i}]`, reason: `${maskNumber(c)} is listed more than once (CCC would call it once; list it once)` });
            seen.add(c);
        });
    }
    if (failures.length) return { ok: false, failures };
    return { ok: true, inputs: inputsWithUnknowns<AgentCruiseCampaignInputs>(values, raw, unknownFields), unknownFields };
}

export const stateName = (state: number): CampaignStateName => CAMPAIGN_STATES[state] ?? "terminated";
