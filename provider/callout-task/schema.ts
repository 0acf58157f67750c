// The CalloutTask inputs and state: one zod schema is the single source of the types, the
// validation run by `check`, the campaign-file validation and the policy pack's view of a task.
import { z } from "zod";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { IANAZone } from "luxon";
import { processSingleton } from "./process";

/** The value the engine passes for inputs not yet known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const TYPE_TOKEN = "pulumi-nodejs:dynamic/tencentcloud-ccc:CalloutTask";

export const DAYS_OF_WEEK = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const DAY_TYPES = ["EveryDay", "BusinessDay", "Holiday", "Custom"] as const;

/** CCC task states, as DescribeAutoCalloutTask reports them. */
export const TASK_STATES = ["initial", "running", "completed", "ending", "terminated", "paused"] as const;
export type TaskStateName = (typeof TASK_STATES)[number];
/** States in which a task will never dial again. */
export const FINISHED_STATES: readonly number[] = [2, 3, 4];

/** Shows a number's country code and last two digits only: callee numbers are personal data. */
export function maskNumber(number: string): string {
    const compact = String(number).replace(/[\s\-().]/g, "");
    const m = /^(\+|00)?(\d*)$/.exec(compact);
    if (!m) return "<invalid number>";
    const digits = m[2];
    const parsed = m[1] ? parsePhoneNumberFromString(`+${digits}`) : undefined;
    const cc = parsed?.countryCallingCode ?? digits.slice(0, Math.min(2, digits.length));
    const rest = digits.slice(cc.length);
    const tail = rest.length > 4 ? rest.slice(-2) : "";
    return `${m[1] ? "+" : ""}${cc}${"*".repeat(Math.max(rest.length - tail.length, 0))}${tail}`;
}

/**
 * Builds the schemas. They are built on first use and kept per process rather than held at module
 * level: the provider is closure-serialized, and zod schema objects cannot be serialized (only
 * modules can, as `require` calls).
 */
function buildSchemas() {
    /**
     * A phone number in one of the formats Tencent documents (`0086…`) or E.164 (`+86…`).
     * Normalised to `+` followed by the same digits: the digits are kept exactly as written, because
     * CCC matches caller numbers against the numbers registered in the console.
     */
    const phoneNumber = z.string().transform((raw, ctx) => {
        const compact = raw.replace(/[\s\-().]/g, "");
        const m = /^(?:\+|00)([1-9]\d{5,16})$/.exec(compact);
        if (!m) {
            ctx.addIssue({ code: "custom", message: `"${maskNumber(raw)}" must start with a country code, as +86… (E.164) or 0086… (Tencent's format)` });
            return z.NEVER;
        }
        const normalised = `+${m[1]}`;
        const parsed = parsePhoneNumberFromString(normalised);
        if (!parsed || !parsed.isValid()) {
            ctx.addIssue({ code: "custom", message: `${maskNumber(normalised)} is not a valid phone number for its country` });
            return z.NEVER;
        }
        return normalised;
    });

    /** A point in time: an ISO-8601 string with a zone (`2026-12-01T09:00:00+08:00`) or Unix seconds. Normalised to Unix seconds. */
    const timestamp = z.union([z.number(), z.string()]).transform((value, ctx) => {
        if (typeof value === "number") {
            if (!Number.isInteger(value) || value < 0) {
                ctx.addIssue({ code: "custom", message: `${value} must be whole Unix seconds` });
                return z.NEVER;
            }
            if (value > 1e11) {
                ctx.addIssue({ code: "custom", message: `${value} looks like milliseconds; give Unix seconds` });
                return z.NEVER;
            }
            return value;
        }
        if (/^\d+$/.test(value)) return Number(value);
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
            ctx.addIssue({ code: "custom", message: `"${value}" must be ISO-8601 with a time zone offset (e.g. 2026-12-01T09:00:00+08:00) or Unix seconds` });
            return z.NEVER;
        }
        const ms = Date.parse(value);
        if (Number.isNaN(ms)) {
            ctx.addIssue({ code: "custom", message: `"${value}" is not a valid date-time` });
            return z.NEVER;
        }
        return Math.floor(ms / 1000);
    });

    /** Time of day, "HH:MM" or "HH:MM:SS", normalised to "HH:MM:SS" as the API wants it. */
    const timeOfDay = z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, "must be HH:MM or HH:MM:SS (24-hour)")
        .transform((t) => (t.length === 5 ? `${t}:00` : t));

    const timeRange = z
        .object({
            start: timeOfDay.describe("Start of the window, local time in `timeZone`."),
            end: timeOfDay.describe("End of the window, local time in `timeZone`; after `start`."),
        })
        .strict()
        .refine((r) => r.start < r.end, { message: "start must be before end (a window cannot cross midnight: split it in two)", path: ["end"] });

    const workTimeConfig = z
        .object({
            dayType: z.enum(DAY_TYPES).default("EveryDay").describe("Which days the ranges apply to; `BusinessDay`/`Holiday` follow the CCC calendar."),
            daysOfWeek: z.array(z.enum(DAYS_OF_WEEK)).min(1).optional().describe("Only with dayType Custom."),
            timeRanges: z.array(timeRange).min(1).describe("Call windows on those days."),
        })
        .strict()
        .superRefine((w, ctx) => {
            if (w.dayType === "Custom" && !w.daysOfWeek) ctx.addIssue({ code: "custom", message: "required when dayType is Custom", path: ["daysOfWeek"] });
            if (w.dayType !== "Custom" && w.daysOfWeek) ctx.addIssue({ code: "custom", message: "allowed only when dayType is Custom", path: ["daysOfWeek"] });
        });

    const variables = z.record(z.string().min(1), z.string()).describe("Custom variables passed to the IVR or AI agent, as key → value.");

    const tag = z.object({ tagName: z.string().min(1), tagValue: z.string() }).strict();

    const positiveInt = z.number().int().positive();

    /** The inputs a CalloutTask declares. Every field but `paused` replaces the task when it changes (CCC has no update API). */
    const fields = {
        sdkAppId: positiveInt.describe("CCC application (SdkAppId) that owns the task."),
        name: z.string().min(1).max(128).optional().describe("Task name shown in the CCC console."),
        description: z.string().max(1024).optional().describe("Task description."),
        notBefore: timestamp.describe("When the task may start dialing: ISO-8601 with offset, or Unix seconds."),
        notAfter: timestamp.optional().describe("When the task stops dialing: ISO-8601 with offset, or Unix seconds."),
        callees: z.array(phoneNumber).min(1).describe("Numbers to call (+86… or 0086…). Personal data: stored as a secret."),
        callers: z.array(phoneNumber).min(1).describe("Caller numbers registered in CCC (+86… or 0086…)."),
        ivrId: positiveInt.optional().describe("IVR that handles the calls; exactly one of ivrId and aiAgentId."),
        aiAgentId: positiveInt.optional().describe("AI agent that handles the calls; exactly one of ivrId and aiAgentId."),
        tries: z.number().int().min(1).max(3).optional().describe("Attempts per callee, 1–3."),
        variables: variables.optional(),
        uui: z.string().optional().describe("User-to-user information passed with every call."),
        calleeAttributes: z
            .array(z.object({ callee: phoneNumber, uui: z.string().optional(), variables: variables.optional() }).strict())
            .optional()
            .describe("Per-callee UUI and variables; every callee here must be in `callees`."),
        timeZone: z
            .string()
            .refine((tz) => IANAZone.isValidZone(tz), "must be an IANA time zone such as Asia/Shanghai")
            .optional()
            .describe("IANA time zone of the call windows."),
        availableTime: z.array(timeRange).min(1).optional().describe("Daily call windows; CCC ignores availableWorkTimeConfig when this is set."),
        availableWorkTimeConfig: z.array(workTimeConfig).min(1).optional().describe("Call windows per day type or days of week."),
        retryInterval: z.number().int().min(600).max(86400).optional().describe("Seconds between attempts, 600–86400."),
        maxRingTimeoutSecond: positiveInt.optional().describe("Ring time before giving up, in seconds."),
        retryHangupTypes: z.array(z.string().regex(/^\d{3}$/, "must be a 3-digit hang-up code")).min(1).optional().describe("Hang-up codes that trigger a retry (AI agent tasks only)."),
        retryTags: z.array(tag).min(1).optional().describe("Post-call tags that trigger a retry (AI agent tasks only)."),
        triggerStrategy: z
            .array(
                z
                    .object({
                        triggerMode: z.enum(["ONCE_PER_NUMBER", "ALWAYS_ON_MATCH"]).optional(),
                        hangupTypes: z.array(z.string()).optional(),
                        callTags: z.array(tag).optional(),
                        interfaceConfig: z.record(z.string(), z.unknown()).optional().describe("HttpCallbackConfig in the API's own field names (Url, HeaderParams, …); stored as a secret."),
                    })
                    .strict(),
            )
            .optional()
            .describe("Callbacks triggered by call outcomes (AI agent tasks)."),
        concurrencyLimit: positiveInt.optional().describe("Maximum simultaneous calls (AI agent tasks)."),
        paused: z.boolean().default(false).describe("Desired state: true pauses the task, false lets it run. The only field updated in place."),
        adoptTaskId: positiveInt.optional().describe("Adopt this existing task instead of creating one (the engine cannot import dynamic resources)."),
        redial: z.enum(["unreached", "everyone"]).default("unreached").describe('When a change replaces the task: "unreached" leaves out callees an earlier task of this resource already reached; "everyone" dials the whole list again.'),
    };

    const inputs = z.object(fields).strict().superRefine((v, ctx) => crossFieldRules(v, ctx));
    const progress = z.object({
        total: z.number(),
        initial: z.number(),
        answered: z.number(),
        notAnswered: z.number(),
        calling: z.number(),
        awaitingRetry: z.number(),
    });
    /** Everything the provider records in state: the inputs plus what CCC reports. */
    const state = z.object({
        ...fields,
        taskId: positiveInt,
        state: z.number().int().min(0).max(5),
        stateName: z.enum(TASK_STATES),
        progress,
    });
    return { fields, inputs, progress, state };
}

type Schemas = ReturnType<typeof buildSchemas>;
export function schemas(): Schemas {
    return processSingleton("schemas", buildSchemas);
}

/** The input names, in one list: every one but `paused` replaces the task when it changes (CCC has no update API). */
export const FIELD_NAMES = [
    "sdkAppId", "name", "description", "notBefore", "notAfter", "callees", "callers", "ivrId", "aiAgentId", "tries",
    "variables", "uui", "calleeAttributes", "timeZone", "availableTime", "availableWorkTimeConfig", "retryInterval",
    "maxRingTimeoutSecond", "retryHangupTypes", "retryTags", "triggerStrategy", "concurrencyLimit", "paused", "adoptTaskId",
    "redial",
] as const satisfies readonly (keyof Schemas["fields"])[];
// Fails to compile if FIELD_NAMES misses a field of the schema.
const _allFieldsListed: Exclude<keyof Schemas["fields"], (typeof FIELD_NAMES)[number]> extends never ? true : never = true;
void _allFieldsListed;

export type FieldName = (typeof FIELD_NAMES)[number];

/** The only input CCC can change on an existing task (Pause/Resume). Every other input replaces it. */
export const UPDATABLE_FIELDS: readonly FieldName[] = ["paused"];
export const REPLACE_FIELDS: readonly FieldName[] = FIELD_NAMES.filter((k) => !UPDATABLE_FIELDS.includes(k));
/** Inputs holding callee numbers or callback credentials: secret in state. */
export const SECRET_FIELDS: readonly FieldName[] = ["callees", "calleeAttributes", "triggerStrategy"];

type Present = Partial<Record<FieldName, boolean>>;

/** Rules across fields. `present` says which fields are known (during preview some inputs are unknown). */
export function crossFieldRules(v: Record<string, any>, ctx: z.RefinementCtx, known: Present = {}): void {
    const isKnown = (k: FieldName) => known[k] !== false;
    const issue = (path: FieldName, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (isKnown("ivrId") && isKnown("aiAgentId")) {
        if ((v.ivrId === undefined) === (v.aiAgentId === undefined)) issue(v.ivrId === undefined ? "ivrId" : "aiAgentId", "exactly one of ivrId and aiAgentId must be set");
    }
    if (isKnown("notBefore") && isKnown("notAfter") && v.notAfter !== undefined && v.notBefore !== undefined && v.notAfter <= v.notBefore) {
        issue("notAfter", "must be after notBefore");
    }
    if (v.ivrId !== undefined && isKnown("ivrId")) {
        for (const f of ["retryHangupTypes", "retryTags", "triggerStrategy", "concurrencyLimit"] as const) {
            if (v[f] !== undefined) issue(f, "applies to AI agent tasks only (set aiAgentId, not ivrId)");
        }
    }
    if (Array.isArray(v.callees)) {
        const seen = new Set<string>();
        v.callees.forEach((c: string, i: number) => {
            if (seen.has(c)) ctx.addIssue({ code: "custom", path: ["callees", i], message: `${maskNumber(c)} is listed more than once (it would be called twice)` });
            seen.add(c);
        });
        if (Array.isArray(v.calleeAttributes)) {
            v.calleeAttributes.forEach((a: { callee: string }, i: number) => {
                if (!seen.has(a.callee)) ctx.addIssue({ code: "custom", path: ["calleeAttributes", i, "callee"], message: `${maskNumber(a.callee)} is not in callees` });
            });
        }
    }
}

/** What a user writes (ISO strings, 0086… numbers, HH:MM). */
export type CalloutTaskArgsShape = z.input<Schemas["inputs"]>;
/** Inputs after normalisation, as the provider and the policy pack see them. */
export type CalloutTaskInputs = z.output<Schemas["inputs"]>;
export type Progress = z.infer<Schemas["progress"]>;
export type CalloutTaskState = z.output<Schemas["state"]>;

/** Failure of one input, in the form Pulumi's check reports. */
export interface FieldFailure {
    property: string;
    reason: string;
}

function pathString(path: readonly PropertyKey[]): string {
    return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), "");
}

/** Turns zod issues into failures that name the field and the rule. */
export function toFieldFailures(error: z.ZodError): FieldFailure[] {
    return error.issues.flatMap((i) =>
        i.code === "unrecognized_keys"
            ? i.keys.map((k) => ({ property: pathString([...i.path, k]), reason: "is not a CalloutTask input (check the spelling; inputs are camelCase)" }))
            : [{ property: pathString(i.path) || "(inputs)", reason: i.message }],
    );
}

function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

export type ValidationResult = { ok: true; inputs: CalloutTaskInputs } | { ok: false; failures: FieldFailure[] };

/**
 * Validates and normalises inputs. Fields holding values unknown during preview are passed through
 * untouched and skipped by the rules that need them; they are checked again at deploy time.
 */
export function validateInputs(raw: Record<string, unknown>): ValidationResult {
    const unknownKeys = Object.keys(raw).filter((k) => containsUnknown(raw[k])) as FieldName[];
    const known: Present = Object.fromEntries(unknownKeys.map((k) => [k, false]));
    const { fields } = schemas();
    const mask = Object.fromEntries(unknownKeys.filter((k) => k in fields).map((k) => [k, true])) as Partial<Record<FieldName, true>>;
    const schema = z
        .object(fields)
        .omit(mask)
        .strict()
        .superRefine((v, ctx) => crossFieldRules(v, ctx, known));
    const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => !unknownKeys.includes(k as FieldName)));
    const parsed = schema.safeParse(rest);
    if (!parsed.success) return { ok: false, failures: toFieldFailures(parsed.error) };
    const passthrough = Object.fromEntries(unknownKeys.map((k) => [k, raw[k]]));
    return { ok: true, inputs: { ...parsed.data, ...passthrough } as CalloutTaskInputs };
}

export function stateName(state: number): TaskStateName {
    return TASK_STATES[state] ?? "terminated";
}
