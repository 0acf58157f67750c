// The PredictiveDialingCampaign's inputs (CCC CreatePredictiveDialingCampaign, API 2020-02-10), one
// zod schema per field so that every problem is reported in one pass, naming the field. The CCC
// pieces (numbers, times, windows, zones, variables) are the CalloutTask's, so both kinds read the
// same YAML the same way. What is documented and what is inferred: emulator/ccc/CAMPAIGNS.md.
import { z } from "zod";
import { maskNumber } from "../../campaign/numbers";
import { processSingleton } from "../shared/process";
import { iso, schemas as cccSchemas } from "../callout-task/schema";
import { readFields } from "../shared/fields";
import type { Finality } from "../shared/finished";
import { type FieldFailure, pathString } from "../shared/inputs";

export { containsUnknown, UNKNOWN } from "../shared/inputs";

export const TYPE_TOKEN = "pulumi-nodejs:dynamic/tencentcloud-ccc:PredictiveDialingCampaign";
export const PLUGIN_TYPE_TOKEN = "tencentcloud-ccc:index:PredictiveDialingCampaign";

/** [D] Status of a predictive campaign (DescribePredictiveDialingCampaign). */
export const CampaignStatus = { notStarted: 0, running: 1, paused: 2, terminated: 3, completed: 4 } as const;
export type CampaignStatusName = keyof typeof CampaignStatus;
export const CAMPAIGN_STATUSES = ["notStarted", "running", "paused", "terminated", "completed"] as const satisfies readonly CampaignStatusName[];
/** Statuses in which a campaign never dials again. */
export const FINISHED_STATUSES: readonly number[] = [CampaignStatus.terminated, CampaignStatus.completed];
/** [D] StatusReason: why a campaign has its status. */
export const STATUS_REASONS = ["normal", "endedByHand", "timedOut"] as const;

/** [D] Create's and Update's limits (Update and Describe say 5–50 for the abandon rate, Create 0–50: the narrower one, so that an update is never refused). */
export const LIMITS = { priority: [1, 5], expectedAbandonRate: [5, 50], retryInterval: [60, 86400], retryTimes: [0, 2] } as const;
/** [D] CallOrder. */
export const CALL_ORDERS = { random: 0, inOrder: 1 } as const;

const between = ([min, max]: readonly [number, number], unit = "") => z.number().int().min(min, `must be ${min}–${max}${unit}`).max(max, `must be ${min}–${max}${unit}`);

function buildSchemas() {
    const { timestamp, phoneNumbers, timeRanges, variables, positiveInt, timeZone, calleeAttributes } = cccSchemas().parts;
    const fields = {
        sdkAppId: positiveInt.describe("CCC application (SdkAppId) that owns the campaign."),
        name: z.string().trim().min(1, "must not be empty").describe("Name: tells the provider's campaign apart (CCC campaigns carry no description), so no other live campaign of the application may have it."),
        callees: phoneNumbers.describe("Numbers to call (+86… or 0086…). Personal data: stored as a secret."),
        callers: phoneNumbers.describe("Caller numbers registered in CCC (+86… or 0086…)."),
        callOrder: z.union([z.literal(CALL_ORDERS.random), z.literal(CALL_ORDERS.inOrder)], { error: "must be 0 (random) or 1 (in order)" }).describe("CallOrder: 0 random, 1 in the order listed."),
        skillGroupId: positiveInt.describe("SkillGroupId: the skill group whose agents take the calls."),
        priority: between(LIMITS.priority).describe("Priority among the application's campaigns, 1 (high) to 5 (low)."),
        expectedAbandonRate: between(LIMITS.expectedAbandonRate, " percent").describe("ExpectedAbandonRate, percent, 5–50 (the dialer paces calls on it)."),
        retryInterval: between(LIMITS.retryInterval, " seconds").describe("RetryInterval: seconds between attempts, 60–86400."),
        startTime: timestamp.describe("StartTime: when the campaign starts by itself; ISO-8601 with offset, or Unix seconds."),
        endTime: timestamp.describe("EndTime: when the campaign is terminated by itself; ISO-8601 with offset, or Unix seconds."),
        ivrId: positiveInt.optional().describe("IVRId: the IVR the calls go through."),
        retryTimes: between(LIMITS.retryTimes).optional().describe("RetryTimes: retries per callee, 0–2."),
        variables: variables.optional(),
        uui: z.string().optional().describe("UUI: user-to-user information passed with every call."),
        calleeAttributes,
        timeZone: timeZone.describe("TimeZone: IANA zone of the call windows (CCC's default is taken to be Asia/Shanghai). Cannot be updated: a change replaces the campaign."),
        availableTime: timeRanges.optional().describe("AvailableTime: daily call windows in timeZone; none: the campaign dials from startTime to endTime. Cannot be updated: a change replaces the campaign."),
        paused: z.boolean().default(false).describe("Desired state: true pauses the campaign (PausePredictiveDialingCampaign), false resumes it."),
        adoptCampaignId: positiveInt
            .optional()
            .describe("Adopt (import) this existing campaign instead of creating one: the engine cannot import dynamic resources. Its fields must match the declared ones."),
        redial: z
            .enum(["unreached", "everyone"])
            .default("unreached")
            .describe(
                'When a change replaces a campaign that has finished callees: "unreached" refuses the replacement (CCC reports how many callees finished, not which, so a new campaign would call them again); "everyone" dials the whole list again.',
            ),
    };
    const inputs = z.object(fields).strict();
    const progress = z
        .object({ callees: z.number().int(), finishedCallees: z.number().int(), sessions: z.number().int() })
        .describe("CalleeCount and FinishedCalleeCount (DescribePredictiveDialingCampaigns), and the calls placed (DescribePredictiveDialingSessions' TotalCount).");
    const state = z.object({
        ...fields,
        campaignId: positiveInt,
        status: z.number().int().min(0).max(CAMPAIGN_STATUSES.length - 1).describe("0 not started, 1 running, 2 paused, 3 terminated, 4 completed."),
        statusName: z.enum(CAMPAIGN_STATUSES),
        statusReason: z.enum(STATUS_REASONS).describe("StatusReason: normal, ended by hand (console or abort), timed out (EndTime)."),
        progress,
    });
    return { fields, inputs, progress, state };
}

type Schemas = ReturnType<typeof buildSchemas>;

/**
 * A campaign terminated or completed dials no one again, and no API changes it: a refresh needs no call
 * (provider/shared/finished.ts). Its removal still deletes it, the one action left (a finished campaign
 * is only deleted, never aborted).
 */
export const FINALITY: Finality = {
    final: FINISHED_STATUSES.map((s) => CAMPAIGN_STATUSES[s]),
    taskId: (recorded) => (typeof recorded.campaignId === "number" ? recorded.campaignId : undefined),
    stateName: (recorded) => (typeof recorded.statusName === "string" ? recorded.statusName : undefined),
    recorded: () => schemas().state,
};
/** Built on first use, per process: zod objects cannot be closure-serialized with a provider. */
export const schemas = (): Schemas => processSingleton("predictiveSchemas", buildSchemas);

export type FieldName = keyof Schemas["fields"];
export const FIELD_NAMES = [
    "sdkAppId", "name", "callees", "callers", "callOrder", "skillGroupId", "priority", "expectedAbandonRate", "retryInterval",
    "startTime", "endTime", "ivrId", "retryTimes", "variables", "uui", "calleeAttributes", "timeZone", "availableTime", "paused",
    "adoptCampaignId", "redial",
] as const satisfies readonly FieldName[];
// Fails to compile if FIELD_NAMES misses a field of the schema.
const _allFieldsListed: Exclude<FieldName, (typeof FIELD_NAMES)[number]> extends never ? true : never = true;
void _allFieldsListed;

/**
 * [D] What each change does, in one place. UpdatePredictiveDialingCampaign takes every create field
 * but TimeZone and AvailableTime, "before the campaign starts": those fields change in place while it
 * is not started, and replace it after. The rest always replace it; paused is Pause/Resume.
 */
export const REPLACE_FIELDS: readonly FieldName[] = ["sdkAppId", "timeZone", "availableTime"];
export const UPDATABLE_BEFORE_START: readonly FieldName[] = ["name", "callees", "callers", "callOrder", "skillGroupId", "priority", "expectedAbandonRate", "retryInterval", "startTime", "endTime", "ivrId", "retryTimes", "variables", "uui", "calleeAttributes"];
/** Inputs about what the provider does, not the campaign: changing them alone changes nothing. */
export const CREATE_ONLY: readonly FieldName[] = ["redial", "adoptCampaignId"];
export const UPDATABLE_FIELDS: readonly FieldName[] = [...UPDATABLE_BEFORE_START, "paused"];
export const SECRET_FIELDS: readonly FieldName[] = ["callees", "calleeAttributes"];

export type PredictiveCampaignArgsShape = z.input<Schemas["inputs"]>;
export type PredictiveCampaignInputs = z.output<Schemas["inputs"]>;
export type Progress = z.infer<Schemas["progress"]>;

const KIND = "PredictiveDialingCampaign";

export type ValidationResult = { ok: true; inputs: PredictiveCampaignInputs; unknownFields: FieldName[] } | { ok: false; failures: FieldFailure[] };

export interface ValidateOptions {
    /** Now, Unix seconds: given, an endTime already passed is refused (the campaign could never dial). */
    now?: number;
    /** The existing campaign's inputs: its unchanged endTime passing is no new problem. */
    previous?: Record<string, unknown>;
}

/** Every problem of the inputs in one pass: each field on its own, then the rules across the fields that were read. */
export function validateInputs(raw: Record<string, unknown>, options: ValidateOptions = {}): ValidationResult {
    const { fields } = schemas();
    const { values, failures, unknownFields } = readFields(KIND, raw, fields);
    const read = (k: FieldName) => values[k] !== undefined;
    if (read("startTime") && read("endTime") && values.endTime <= values.startTime) failures.push({ property: "endTime", reason: "must be after startTime" });
    else if (options.now !== undefined && read("endTime") && values.endTime <= options.now && options.previous?.endTime !== values.endTime) {
        failures.push({ property: "endTime", reason: `${iso(values.endTime)} has already passed (now ${iso(options.now)}): the campaign could never dial; move the dates, or remove a campaign that has run` });
    }
    if (Array.isArray(values.callees)) {
        const seen = new Set<string>();
        values.callees.forEach((c: string, i: number) => {
            if (seen.has(c)) failures.push({ property: pathString(["callees", i]), reason: `${maskNumber(c)} is listed more than once (it would be called twice)` });
            seen.add(c);
        });
        (values.calleeAttributes ?? []).forEach((a: { callee: string }, i: number) => {
            if (!seen.has(a.callee)) failures.push({ property: pathString(["calleeAttributes", i, "callee"]), reason: `${maskNumber(a.callee)} is not in callees` });
        });
    }
    if (failures.length) return { ok: false, failures };
    for (const key of unknownFields) values[key] = raw[key];
    const inputs = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as PredictiveCampaignInputs;
    return { ok: true, inputs, unknownFields };
}
