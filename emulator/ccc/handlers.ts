// Wire handlers: validate each action's parameters the way the service does, then call the model and
// shape the response (auto callout tasks here, the campaigns in campaign-handlers.ts). Actions,
// parameter and response types come from the SDK's client and models.
import type { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client";
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import type { Handled, Listing } from "../core/service";
import { apiErrors } from "./errors";
import { CAMPAIGN_HANDLERS, type CampaignAction } from "./campaign-handlers";
import { type Model, type TaskRecord } from "./model";
import { arr, calleeAttribute, checkFields, checkRanges, fieldsFromText, type Handler, int, isIanaZone, nonEmpty, obj, orNull, outOfRange, range, type Request, type Spec, str, variable } from "./params";

/** Every auto-callout action of the SDK: a new one in the SDK fails the type check until it has a handler. */
type TaskAction = Extract<keyof Client, `${string}AutoCalloutTask${string}`>;
/** The actions served: auto callout tasks, predictive and agent cruise campaigns (campaign-handlers.ts). */
export type Action = TaskAction | CampaignAction;

const tag = obj({ TagName: str(), TagValue: str() });

const taskRef = { SdkAppId: int(true), TaskId: int(true) };
const CREATE_PARAMS: Record<string, Spec> = {
    SdkAppId: int(true),
    NotBefore: int(true),
    Callees: arr(str(), true),
    Callers: arr(str(), true),
    IvrId: int(),
    Name: str(),
    Description: str(),
    NotAfter: int(),
    Tries: int(),
    Variables: arr(variable),
    UUI: str(),
    CalleeAttributes: arr(calleeAttribute),
    TimeZone: str(),
    AvailableTime: arr(range),
    AIAgentId: int(),
    RetryInterval: int(),
    MaxRingTimeoutSecond: int(),
    RetryHangupTypes: arr(str()),
    RetryTags: arr(tag),
    AvailableWorkTimeConfig: arr(obj({ DayType: str(), DaysOfWeek: arr(str()), TimeRanges: arr(range) })),
    // HttpCallbackConfig is deep and open-ended; only its top level is checked.
    TriggerStrategy: arr(obj({ InterfaceConfig: { type: "any" }, HangupTypes: arr(str()), CallTags: arr(tag), TriggerMode: str() })),
    ConcurrencyLimit: int(),
};

const DAY_TYPES = ["EveryDay", "BusinessDay", "Holiday", "Custom"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function checkCreateValues(r: models.CreateAutoCalloutTaskRequest): void {
    if ((r.IvrId === undefined) === (r.AIAgentId === undefined)) throw apiErrors.invalidParameterValue("IvrId, AIAgentId: exactly one of them must be specified.");
    nonEmpty("Callees", r.Callees);
    nonEmpty("Callers", r.Callers);
    if (r.NotAfter !== undefined && r.NotAfter <= r.NotBefore) throw apiErrors.invalidParameterValue("NotAfter: must be later than NotBefore.");
    if (r.Tries !== undefined) outOfRange("Tries", r.Tries, 1, 3);
    if (r.RetryInterval !== undefined) outOfRange("RetryInterval", r.RetryInterval, 600, 86400);
    if (r.TimeZone !== undefined && !isIanaZone(r.TimeZone)) throw apiErrors.invalidParameterValue(`TimeZone: "${r.TimeZone}" is not an IANA time zone.`);
    if (r.AvailableTime) checkRanges(r.AvailableTime, "AvailableTime");
    (r.AvailableWorkTimeConfig ?? []).forEach((c, i) => {
        const name = `AvailableWorkTimeConfig.${i}`;
        if (c.DayType !== undefined && !DAY_TYPES.includes(c.DayType)) throw apiErrors.invalidParameterValue(`${name}.DayType: "${c.DayType}" is not one of ${DAY_TYPES.join(", ")}.`);
        if (c.DaysOfWeek?.length && c.DayType !== "Custom") throw apiErrors.invalidParameterValue(`${name}.DaysOfWeek: only allowed when DayType is Custom.`);
        for (const d of c.DaysOfWeek ?? []) if (!DAYS.includes(d)) throw apiErrors.invalidParameterValue(`${name}.DaysOfWeek: "${d}" is not one of ${DAYS.join(", ")}.`);
        checkRanges(c.TimeRanges ?? [], `${name}.TimeRanges`);
    });
}

/** DescribeAutoCalloutTask: exactly the fields the real response carries. */
function describe(t: TaskRecord): models.DescribeAutoCalloutTaskResponse {
    const r = t.request;
    return {
        Name: r.Name ?? "",
        Description: r.Description ?? "",
        NotBefore: r.NotBefore,
        NotAfter: orNull(r.NotAfter),
        Callers: r.Callers,
        Callees: t.callees.map((c) => ({ Callee: c.callee, State: c.state, Sessions: c.sessions })),
        IvrId: orNull(r.IvrId),
        State: t.state,
        MaxRingTimeoutSecond: orNull(r.MaxRingTimeoutSecond),
    };
}

/** Pause, Resume and Stop: a state change that answers only the RequestId. */
const transition = (change: "pause" | "resume" | "stop") => ({
    params: taskRef,
    writes: true,
    run(model: Model, _listing: Listing, req: models.PauseAutoCalloutTaskRequest) {
        model[change](req.SdkAppId, req.TaskId);
        return { response: {}, taskId: req.TaskId };
    },
});

const TASK_HANDLERS = {
    CreateAutoCalloutTask: {
        params: CREATE_PARAMS,
        writes: true,
        run(model, listing, req) {
            checkCreateValues(req);
            const { taskId } = model.create(req);
            listing.created(taskId);
            return { response: { TaskId: taskId }, taskId };
        },
    },
    DescribeAutoCalloutTask: {
        params: taskRef,
        writes: false,
        run: (model, _listing, req) => ({ response: describe(model.find(req.SdkAppId, req.TaskId)), taskId: req.TaskId }),
    },
    DescribeAutoCalloutTasks: {
        params: { SdkAppId: int(true), PageSize: int(true), PageNumber: int(true) },
        writes: false,
        run(model, listing, { SdkAppId, PageSize, PageNumber }) {
            outOfRange("PageSize", PageSize, 1, 100);
            if (PageNumber < 0) throw apiErrors.invalidParameterValue(`PageNumber: value ${PageNumber} must not be negative.`);
            const { total, page } = model.list(SdkAppId, PageSize, PageNumber, (id) => listing.listable(id));
            listing.listed();
            const tasks: models.AutoCalloutTaskInfo[] = page.map((t) => {
                const { Name, Callers, NotBefore, NotAfter, IvrId, State, MaxRingTimeoutSecond } = describe(t);
                return { TaskId: t.taskId, Name, CalleeCount: t.callees.length, Callers, NotBefore, NotAfter, IvrId, State, MaxRingTimeoutSecond };
            });
            return { response: { TotalCount: total, Tasks: tasks } };
        },
    },
    PauseAutoCalloutTask: transition("pause"),
    ResumeAutoCalloutTask: transition("resume"),
    StopAutoCalloutTask: transition("stop"),
} satisfies { [A in TaskAction]: Handler<A> };

const HANDLERS = { ...TASK_HANDLERS, ...CAMPAIGN_HANDLERS };

export const isAction = (name: string): name is Action => Object.hasOwn(HANDLERS, name);
export const writes = (action: Action): boolean => HANDLERS[action].writes;

/** Validates and performs one action (params from a GET's query string are text, read by the spec). Throws ApiError. */
export function handle(model: Model, listing: Listing, action: Action, input: Record<string, unknown>, fromQuery: boolean): Handled {
    const handler: Handler<Action> = HANDLERS[action] as Handler<Action>;
    const params = fromQuery ? fieldsFromText(input, handler.params) : input;
    checkFields(params, handler.params);
    return handler.run(model, listing, params as unknown as Request<Action>);
}
