// Each action's parameters as they arrive (text, arrays as JSON text, CallTime items JSON inside
// that), read into typed values. A parameter of the wrong shape is the gateway's InvalidParameter
// (HTTP 400); a value out of range is the service's business (handlers.ts). Names and places are
// the SDK's (aiccs-20191015 client): everything in the query except PhoneNumberList, in the form body.
import { z } from "zod";
import { acsErrors } from "./errors";

const text = z.string();
const integer = z
    .string()
    .regex(/^-?\d+$/, "an integer")
    .transform(Number);
/** [I] in any case, as Java's parseBoolean reads it: Alibaba's Python SDK sends "True". */
const boolean = z
    .string()
    .regex(/^(true|false)$/i, "true or false")
    .transform((v) => v.toLowerCase() === "true");
/** A 64-bit id: digits, kept as text. */
const id = z.string().regex(/^\d{1,19}$/, "an id of up to 19 digits");

/** Text holding JSON, parsed. */
const json = (what: string) =>
    z.string(what).transform((s, ctx) => {
        try {
            return JSON.parse(s) as unknown;
        } catch {
            ctx.addIssue({ code: "custom", message: what });
            return z.NEVER;
        }
    });

/** One parameter holding a JSON array (the SDK's "json" style). */
const jsonOf = <T extends z.ZodType>(item: T) => json("JSON text").pipe(z.array(item, "a JSON array"));

/** [D] Each CallTime item is itself a JSON string: {"startTime":"09:00:00","endTime":"10:00:00"}. */
const callTime = json("a JSON string per window").pipe(z.strictObject({ startTime: z.string(), endTime: z.string() }, "a window {startTime, endTime}"));

/** What the SDK may add to any call; accepted and ignored. */
const common = { OwnerId: integer.optional(), ResourceOwnerAccount: text.optional(), ResourceOwnerId: integer.optional(), RegionId: text.optional() };

const taskFields = {
    TaskName: text,
    AgentId: text,
    VirtualNumber: text,
    StartType: text,
    TaskStartTime: integer.optional(),
    CallTime: jsonOf(callTime),
    CallDay: jsonOf(z.string()),
    MissCallRetry: boolean.optional(),
    CallRetryReason: jsonOf(z.string()).optional(),
    CallRetryTimes: integer.optional(),
    CallRetryInterval: integer.optional(),
    TaskCps: integer.optional(),
    ApplicationCode: text.optional(),
    LineEncoding: text.optional(),
    LinePhoneNum: text.optional(),
    PhoneType: integer.optional(),
    Source: integer.optional(),
};

export const createSchema = z.strictObject({ ...common, ...taskFields });
type Common = keyof typeof common;
/** What a task is made of, as CreateAiCallTask takes it. */
export type TaskSettings = Omit<z.infer<typeof createSchema>, Common>;

/** The request without the parameters any call may carry. */
export function own<T extends Partial<Record<Common, unknown>>>(req: T): Omit<T, Common> {
    const { OwnerId: _o, ResourceOwnerAccount: _a, ResourceOwnerId: _r, RegionId: _g, ...rest } = req;
    return rest;
}

const taskRef = z.strictObject({ ...common, TaskId: id });
const paging = { PageNo: integer.optional(), PageSize: integer.optional() };

export const schemas = {
    CreateAiCallTask: createSchema,
    UpdateAiCallTask: z.strictObject({ ...common, ...z.object(taskFields).partial().shape, TaskId: id }),
    QueryAiCallTaskDetail: taskRef,
    QueryAiCallTaskPage: z.strictObject({ ...common, ...paging, Status: text.optional(), TaskName: text.optional(), AgentName: text.optional(), TaskId: id.optional(), ApplicationCode: text.optional(), Source: integer.optional() }),
    StartAiCallTask: taskRef,
    StopAiCallTask: taskRef,
    ImportTaskNumberDatas: z.strictObject({
        ...common,
        TaskId: id,
        DataType: text,
        PhoneNumberList: jsonOf(z.record(z.string(), z.unknown())).optional(),
        OssFileName: text.optional(),
        EncryptionType: integer.optional(),
    }),
    ImportOneTaskPhoneNumber: z.strictObject({
        ...common,
        TaskId: id,
        PhoneNumber: text,
        OutId: text.optional(),
        Variables: json("JSON text").pipe(z.record(z.string(), z.unknown(), "a JSON object")).optional(),
        EncryptionType: integer.optional(),
    }),
    QueryAiCallDetailPage: z.strictObject({
        ...common,
        ...paging,
        TaskId: id,
        Status: integer,
        BatchId: text.optional(),
        CalledNumber: text.optional(),
        OutId: text.optional(),
        CallResult: text.optional(),
        DetailIds: jsonOf(z.number()).optional(),
        MajorIntent: text.optional(),
        EncryptionType: integer.optional(),
        StartCallingTime: integer.optional(),
        EndCallingTime: integer.optional(),
        StartImportedTime: integer.optional(),
        EndImportedTime: integer.optional(),
        MinConversationDuration: integer.optional(),
        MaxConversationDuration: integer.optional(),
    }),
    CancelAiCallDetails: z.strictObject({
        ...common,
        TaskId: id,
        DetailIdList: jsonOf(z.string()).optional(),
        BatchId: text.optional(),
        PhoneNumbers: jsonOf(z.string()).optional(),
        EncryptionType: integer.optional(),
    }),
};

export type Action = keyof typeof schemas;
export type ParamsOf<A extends Action> = z.infer<(typeof schemas)[A]>;

export const isAction = (name: string): name is Action => Object.hasOwn(schemas, name);

/** The action's parameters, typed; the first problem as the gateway's error. */
export function readParams<A extends Action>(action: A, params: Record<string, string>): ParamsOf<A> {
    const parsed = schemas[action].safeParse(params);
    if (parsed.success) return parsed.data as ParamsOf<A>;
    const issue = parsed.error.issues[0];
    if (issue.code === "unrecognized_keys") throw acsErrors.invalidParameter(issue.keys[0], "not a parameter of this action");
    const name = issue.path.map(String).join(".");
    if (issue.code === "invalid_type" && params[String(issue.path[0])] === undefined) throw acsErrors.missingParameter(name);
    throw acsErrors.invalidParameter(name, `expected ${issue.message}`);
}
