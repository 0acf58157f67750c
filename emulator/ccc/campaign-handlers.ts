// Wire handlers of the predictive and agent cruise campaign actions: the documented limits (CAMPAIGNS.md
// marks each [D] or [I]), then the model, then exactly the fields each response documents.
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { CallOrder, type PredictiveCampaign } from "./campaigns";
import { apiErrors } from "./errors";
import type { Model } from "./model";
import { arr, calleeAttribute, checkRanges, type ClientAction, type Handler, int, isIanaZone, nonEmpty, oneOf, orNull, outOfRange, range, type Spec, str, variable } from "./params";

/** Every campaign action of the SDK: a new one fails the type check until it has a handler. */
export type CampaignAction = Extract<ClientAction, `${string}PredictiveDialing${string}` | `${string}AgentCruiseDialing${string}`>;

const campaignRef = { SdkAppId: int(true), CampaignId: int(true) };
const CALL_ORDERS = Object.values(CallOrder);
/** [D] ExpectedAbandonRate: Create's page says 0–50, Update's and Describe's 5–50; each action keeps its own. */
const ABANDON_RATE = { create: [0, 50], update: [5, 50] } as const;
/** [D] UUI of an agent cruise campaign: at most 1024 characters. */
const MAX_UUI = 1024;

/** The fields Create and Update share (Update adds CampaignId; only Create has TimeZone and AvailableTime). */
const PREDICTIVE_FIELDS: Record<string, Spec> = {
    SdkAppId: int(true),
    Name: str(true),
    Callees: arr(str(), true),
    Callers: arr(str(), true),
    CallOrder: int(true),
    SkillGroupId: int(true),
    Priority: int(true),
    ExpectedAbandonRate: int(true),
    RetryInterval: int(true),
    StartTime: int(true),
    EndTime: int(true),
    IVRId: int(),
    RetryTimes: int(),
    Variables: arr(variable),
    UUI: str(),
    CalleeAttributes: arr(calleeAttribute),
};

type PredictiveFields = Omit<models.UpdatePredictiveDialingCampaignRequest, "CampaignId">;

function checkSpan(r: { StartTime: number; EndTime: number }): void {
    if (r.EndTime <= r.StartTime) throw apiErrors.invalidParameterValue("EndTime: must be later than StartTime.");
}

function checkPredictive(r: PredictiveFields, action: keyof typeof ABANDON_RATE): void {
    nonEmpty("Name", r.Name);
    nonEmpty("Callees", r.Callees);
    nonEmpty("Callers", r.Callers);
    oneOf("CallOrder", r.CallOrder, CALL_ORDERS);
    outOfRange("Priority", r.Priority, 1, 5);
    const [min, max] = ABANDON_RATE[action];
    outOfRange("ExpectedAbandonRate", r.ExpectedAbandonRate, min, max);
    outOfRange("RetryInterval", r.RetryInterval, 60, 86400);
    if (r.RetryTimes !== undefined) outOfRange("RetryTimes", r.RetryTimes, 0, 2);
    checkSpan(r);
}

function checkPaging(pageSize: number, pageNumber: number, maxPageSize: number): void {
    outOfRange("PageSize", pageSize, 1, maxPageSize);
    if (pageNumber < 0) throw apiErrors.invalidParameterValue(`PageNumber: value ${pageNumber} must not be negative.`);
}

function describePredictive(c: PredictiveCampaign): Omit<models.DescribePredictiveDialingCampaignResponse, "RequestId"> {
    const r = c.request;
    return {
        CampaignId: c.campaignId,
        Name: r.Name,
        CallOrder: r.CallOrder,
        SkillGroupId: r.SkillGroupId,
        IVRId: orNull(r.IVRId),
        Priority: r.Priority,
        ExpectedAbandonRate: r.ExpectedAbandonRate,
        RetryTimes: orNull(r.RetryTimes),
        RetryInterval: r.RetryInterval,
        StartTime: r.StartTime,
        EndTime: r.EndTime,
        Variables: orNull(r.Variables),
        UUI: orNull(r.UUI),
        Status: c.status,
        StatusReason: c.statusReason,
    };
}

/** Pause and Resume: a state change that answers only the RequestId. */
const transition = (change: "pause" | "resume") => ({
    params: campaignRef,
    writes: true,
    run(model: Model, _listing: unknown, req: models.PausePredictiveDialingCampaignRequest) {
        model.campaigns[change](req.SdkAppId, req.CampaignId);
        return { response: {}, taskId: req.CampaignId };
    },
});

const abort = (kind: "predictive" | "agentCruise") => ({
    params: campaignRef,
    writes: true,
    run(model: Model, _listing: unknown, req: models.AbortPredictiveDialingCampaignRequest) {
        model.campaigns.abort(kind, req.SdkAppId, req.CampaignId);
        return { response: {}, taskId: req.CampaignId };
    },
});

export const CAMPAIGN_HANDLERS = {
    CreatePredictiveDialingCampaign: {
        params: { ...PREDICTIVE_FIELDS, TimeZone: str(), AvailableTime: arr(range) },
        writes: true,
        run(model, listing, req) {
            checkPredictive(req, "create");
            if (req.TimeZone !== undefined && !isIanaZone(req.TimeZone)) throw apiErrors.invalidParameterValue(`TimeZone: "${req.TimeZone}" is not an IANA time zone.`);
            if (req.AvailableTime) checkRanges(req.AvailableTime, "AvailableTime");
            const { campaignId } = model.campaigns.createPredictive(req);
            listing.created(campaignId);
            return { response: { CampaignId: campaignId }, taskId: campaignId };
        },
    },
    DescribePredictiveDialingCampaign: {
        params: campaignRef,
        writes: false,
        run: (model, _listing, req) => ({ response: describePredictive(model.campaigns.predictive(req.SdkAppId, req.CampaignId)), taskId: req.CampaignId }),
    },
    DescribePredictiveDialingCampaigns: {
        params: { SdkAppId: int(true), PageSize: int(true), PageNumber: int(true), Name: str(), SkillGroupId: int(), CampaignId: int() },
        writes: false,
        run(model, listing, req) {
            checkPaging(req.PageSize, req.PageNumber, 100);
            const { total, page } = model.campaigns.list(req, (id) => listing.listable(id));
            listing.listed();
            const list: models.DescribePredictiveDialingCampaignsElement[] = page.map((c) => ({
                CampaignId: c.campaignId,
                Name: c.request.Name,
                Status: c.status,
                StatusReason: c.statusReason,
                CalleeCount: c.callees.length,
                FinishedCalleeCount: model.campaigns.finishedCallees(c),
                Priority: c.request.Priority,
                SkillGroupId: c.request.SkillGroupId,
            }));
            return { response: { TotalCount: total, CampaignList: list } };
        },
    },
    UpdatePredictiveDialingCampaign: {
        params: { ...PREDICTIVE_FIELDS, CampaignId: int(true) },
        writes: true,
        run(model, _listing, { SdkAppId, CampaignId, ...fields }) {
            checkPredictive({ SdkAppId, ...fields }, "update");
            model.campaigns.update(SdkAppId, CampaignId, fields);
            return { response: {}, taskId: CampaignId };
        },
    },
    PausePredictiveDialingCampaign: transition("pause"),
    ResumePredictiveDialingCampaign: transition("resume"),
    AbortPredictiveDialingCampaign: abort("predictive"),
    DeletePredictiveDialingCampaign: {
        params: campaignRef,
        writes: true,
        run(model, _listing, req) {
            model.campaigns.delete(req.SdkAppId, req.CampaignId);
            return { response: {}, taskId: req.CampaignId };
        },
    },
    DescribePredictiveDialingSessions: {
        params: { ...campaignRef, PageSize: int(true), PageNumber: int(true) },
        writes: false,
        run(model, _listing, req) {
            checkPaging(req.PageSize, req.PageNumber, 1000);
            const { sessions } = model.campaigns.predictive(req.SdkAppId, req.CampaignId);
            return { response: { TotalCount: sessions.length, SessionList: sessions.slice(req.PageNumber * req.PageSize, (req.PageNumber + 1) * req.PageSize) }, taskId: req.CampaignId };
        },
    },
    CreateAgentCruiseDialingCampaign: {
        params: {
            SdkAppId: int(true),
            Name: str(true),
            Agent: str(true),
            ConcurrencyNumber: int(true),
            StartTime: int(true),
            EndTime: int(true),
            Callees: arr(str()),
            Callers: arr(str()),
            CallOrder: int(),
            UUI: str(),
        },
        writes: true,
        run(model, _listing, req) {
            nonEmpty("Name", req.Name);
            nonEmpty("Agent", req.Agent);
            outOfRange("ConcurrencyNumber", req.ConcurrencyNumber, 1, 20);
            if (req.CallOrder !== undefined) oneOf("CallOrder", req.CallOrder, CALL_ORDERS);
            if (req.UUI !== undefined && req.UUI.length > MAX_UUI) throw apiErrors.invalidParameterValue(`UUI: ${req.UUI.length} characters, more than ${MAX_UUI}.`);
            checkSpan(req);
            const { campaignId } = model.campaigns.createCruise(req);
            return { response: { CampaignId: campaignId }, taskId: campaignId };
        },
    },
    DescribeAgentCruiseDialingCampaign: {
        params: campaignRef,
        writes: false,
        run(model, _listing, req) {
            const c = model.campaigns.cruise(req.SdkAppId, req.CampaignId);
            const r = c.request;
            return {
                response: {
                    Name: r.Name,
                    Agent: r.Agent,
                    ConcurrencyNumber: r.ConcurrencyNumber,
                    StartTime: r.StartTime,
                    EndTime: r.EndTime,
                    CallOrder: orNull(r.CallOrder),
                    UUI: orNull(r.UUI),
                    State: c.state,
                    TotalCalleeCount: c.callees.length,
                    // [I] "called": at least one attempt placed.
                    CalledCalleeCount: c.callees.filter((x) => x.attempts > 0).length,
                },
                taskId: req.CampaignId,
            };
        },
    },
    AbortAgentCruiseDialingCampaign: abort("agentCruise"),
} satisfies { [A in CampaignAction]: Handler<A> };
