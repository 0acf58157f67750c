// Between the PredictiveDialingCampaign's camelCase inputs and CCC's fields: the create and update
// requests, and the campaign as Describe and the list report it. Describe returns neither the
// numbers nor TimeZone and AvailableTime: those stay as declared.
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { numberToApi, rangesToApi, variablesToApi } from "../callout-task/mapping";
import { CAMPAIGN_STATUSES, CampaignStatus, type CampaignStatusName, type PredictiveCampaignInputs, type Progress, STATUS_REASONS } from "./schema";

export type { Progress };

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The fields Create and Update share (Update has no TimeZone or AvailableTime). */
function campaignFields(i: PredictiveCampaignInputs) {
    return {
        SdkAppId: i.sdkAppId,
        Name: i.name,
        Callees: i.callees.map(numberToApi),
        Callers: i.callers.map(numberToApi),
        CallOrder: i.callOrder,
        SkillGroupId: i.skillGroupId,
        Priority: i.priority,
        ExpectedAbandonRate: i.expectedAbandonRate,
        RetryInterval: i.retryInterval,
        StartTime: i.startTime,
        EndTime: i.endTime,
        IVRId: i.ivrId,
        RetryTimes: i.retryTimes,
        Variables: i.variables && variablesToApi(i.variables),
        UUI: i.uui,
        CalleeAttributes: i.calleeAttributes?.map((a) => defined({ Callee: numberToApi(a.callee), UUI: a.uui, Variables: a.variables && variablesToApi(a.variables) })),
    };
}

export const createRequest = (i: PredictiveCampaignInputs): models.CreatePredictiveDialingCampaignRequest =>
    defined({ ...campaignFields(i), TimeZone: i.timeZone, AvailableTime: i.availableTime && rangesToApi(i.availableTime) });

/** [D] Update replaces every field it carries; [I] an optional field left out is cleared, so every declared one is sent. */
export const updateRequest = (campaignId: number, i: PredictiveCampaignInputs): models.UpdatePredictiveDialingCampaignRequest => defined({ ...campaignFields(i), CampaignId: campaignId });

/** The campaign as CCC reports it. */
export interface ObservedCampaign {
    detail: models.DescribePredictiveDialingCampaignResponse;
    status: number;
    statusReason: number;
    progress: Progress;
}

export const statusName = (status: number): CampaignStatusName => CAMPAIGN_STATUSES[status] ?? "terminated";
export const isPausedStatus = (status: number): boolean => status === CampaignStatus.paused;

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** The inputs Describe returns, as the campaign now holds them (a change in the console shows as drift on refresh). */
export function inputsFromDetail(d: models.DescribePredictiveDialingCampaignResponse, status: number): Partial<PredictiveCampaignInputs> {
    const variables = orUndefined(d.Variables);
    return defined({
        name: orUndefined(d.Name),
        callOrder: orUndefined(d.CallOrder) as PredictiveCampaignInputs["callOrder"] | undefined,
        skillGroupId: orUndefined(d.SkillGroupId),
        priority: orUndefined(d.Priority),
        expectedAbandonRate: orUndefined(d.ExpectedAbandonRate),
        retryInterval: orUndefined(d.RetryInterval),
        startTime: orUndefined(d.StartTime),
        endTime: orUndefined(d.EndTime),
        ivrId: orUndefined(d.IVRId),
        retryTimes: orUndefined(d.RetryTimes),
        variables: variables && Object.fromEntries(variables.map((v) => [v.Key, v.Value])),
        uui: orUndefined(d.UUI),
        paused: isPausedStatus(status),
    });
}

/** The resource's outputs: its inputs, the campaign's id, status and progress. */
export type CampaignOutputs = Record<string, unknown> & { campaignId: number; status: number; statusName: CampaignStatusName; statusReason: string; progress: Progress };

/** State after create, update or read: the declared inputs, overlaid with what CCC reports for the fields it reports. */
export function stateFrom(campaignId: number, declared: Record<string, unknown>, observed: ObservedCampaign, extra: Record<string, unknown> = {}): CampaignOutputs {
    const reported = inputsFromDetail(observed.detail, observed.status);
    // Optional inputs left out stay out: CCC's defaults are no drift.
    const drift = Object.fromEntries(Object.entries(reported).filter(([k]) => declared[k] !== undefined || k === "paused"));
    return {
        ...declared,
        ...extra,
        ...drift,
        campaignId,
        status: observed.status,
        statusName: statusName(observed.status),
        statusReason: STATUS_REASONS[observed.statusReason] ?? STATUS_REASONS[0],
        progress: observed.progress,
    };
}
