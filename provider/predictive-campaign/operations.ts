// Every CCC call the PredictiveDialingCampaign lifecycle needs: create-once by exact name, the
// campaign as it is (Describe + the list's counts + the sessions' total), Pause/Resume/Abort converged
// on the status, and abort-then-delete. What CCC does not document (the codes of a missing campaign
// or a wrong state, how soon a campaign is listed) decides nothing: outcomes are read back.
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { cccErrorRules, isAmbiguous, isCccApiError, isRefusal, SETTING_SOURCES } from "../ccc";
import { type Created, createOnce, operationStats } from "../shared/create-once";
import { processSingleton } from "../shared/process";
import type { PredictiveApi } from "./client";
import { createRequest, isPausedStatus, type ObservedCampaign, statusName } from "./mapping";
import { CampaignStatus, FINISHED_STATUSES, type PredictiveCampaignInputs } from "./schema";

const PAGE_SIZE = 100;

type Listed = models.DescribePredictiveDialingCampaignsElement;

/** Campaigns this process deleted, with the resource's lineage and how many callees had finished. */
export const deletedHere = () => processSingleton("predictiveDeleted", () => new Map<number, { lineage?: string; finished: number }>());

/** The application's campaigns whose name contains `name` (the filter is a keyword), page by page (PageNumber from 0). */
async function listByName(api: PredictiveApi, sdkAppId: number, name: string): Promise<Listed[]> {
    operationStats().listings++;
    const out: Listed[] = [];
    for (let page = 0; ; page++) {
        const r = await api.list({ SdkAppId: sdkAppId, Name: name, PageSize: PAGE_SIZE, PageNumber: page });
        out.push(...(r.CampaignList ?? []));
        if (!r.CampaignList?.length || out.length >= (r.TotalCount ?? 0)) return out;
    }
}

/** The campaign's list entry (its counts), or undefined while the list does not show it. */
async function listed(api: PredictiveApi, sdkAppId: number, campaignId: number): Promise<Listed | undefined> {
    const r = await api.list({ SdkAppId: sdkAppId, CampaignId: campaignId, PageSize: 1, PageNumber: 0 });
    return r.CampaignList?.find((c) => c.CampaignId === campaignId);
}

const isFinished = (status: number | undefined) => status !== undefined && FINISHED_STATUSES.includes(status);

/**
 * The campaign as CCC reports it, or undefined when it is gone: a refused Describe counts as gone only
 * when the list lacks the campaign too (a refresh then fails rather than dropping a live campaign).
 * `calleeCount` stands in for the list's count while a new campaign is not listed yet.
 */
export async function describeCampaign(api: PredictiveApi, sdkAppId: number, campaignId: number, calleeCount = 0): Promise<ObservedCampaign | undefined> {
    let detail: models.DescribePredictiveDialingCampaignResponse;
    try {
        detail = await api.describe({ SdkAppId: sdkAppId, CampaignId: campaignId });
    } catch (e) {
        if (!isCccApiError(e) || !isRefusal(e)) throw e;
        const gone = (await listed(api, sdkAppId, campaignId)) === undefined;
        operationStats()[gone ? "goneConfirmed" : "goneRefuted"]++;
        if (gone) return undefined;
        throw e;
    }
    const [entry, sessions] = await Promise.all([listed(api, sdkAppId, campaignId), api.sessions({ SdkAppId: sdkAppId, CampaignId: campaignId, PageSize: 1, PageNumber: 0 })]);
    return {
        detail,
        status: detail.Status ?? entry?.Status ?? CampaignStatus.notStarted,
        statusReason: detail.StatusReason ?? entry?.StatusReason ?? 0,
        progress: { callees: entry?.CalleeCount ?? calleeCount, finishedCallees: entry?.FinishedCalleeCount ?? 0, sessions: sessions.TotalCount ?? 0 },
    };
}

/** Live campaigns of the application with exactly this name (a campaign this process deleted is not live). */
async function liveNamed(api: PredictiveApi, sdkAppId: number, name: string): Promise<Listed[]> {
    return (await listByName(api, sdkAppId, name)).filter((c) => c.Name === name && !isFinished(c.Status) && !deletedHere().has(c.CampaignId!));
}

/**
 * Creates the campaign exactly once (provider/shared/create-once.ts), finding it again by its exact
 * name. CCC campaigns carry no description, and the name is the one field the list filters on: so
 * the name tells the campaign apart. It is unique among the application's live campaigns because this
 * guards it: a create refuses a name a live campaign already has, unless an interrupted run may have
 * made that campaign; after that, a live campaign of the name with this skill group and callee count
 * can only be this create's.
 */
export async function createCampaign(api: PredictiveApi, inputs: PredictiveCampaignInputs, interruptedBy?: number): Promise<Created<number>> {
    const request = createRequest(inputs);
    if (interruptedBy === undefined) {
        const taken = await liveNamed(api, inputs.sdkAppId, inputs.name);
        if (taken.length) {
            throw new Error(
                `name: "${inputs.name}" is the name of live campaign ${taken[0].CampaignId} in SdkAppId ${inputs.sdkAppId}; the provider tells its campaigns apart by their exact name (CCC campaigns carry no description), ` +
                    `so choose another name, or adopt that campaign with adoptCampaignId: ${taken[0].CampaignId}`,
            );
        }
    }
    const find = async () => (await liveNamed(api, inputs.sdkAppId, inputs.name)).find((c) => c.SkillGroupId === inputs.skillGroupId && c.CalleeCount === request.Callees.length)?.CampaignId;
    return createOnce(
        {
            rules: cccErrorRules,
            settings: api.settings,
            action: "CreatePredictiveDialingCampaign",
            settleSetting: SETTING_SOURCES.createSettleSeconds.config,
            isAmbiguous,
            find,
            create: async () => (await api.create(request)).CampaignId!,
        },
        interruptedBy,
    );
}

type Action = "PausePredictiveDialingCampaign" | "ResumePredictiveDialingCampaign" | "AbortPredictiveDialingCampaign";

/** Runs Pause/Resume/Abort, then reads the campaign: done when its status says so, whatever the call answered. */
async function converge(api: PredictiveApi, sdkAppId: number, campaignId: number, action: Action, reached: (o: ObservedCampaign | undefined) => boolean): Promise<ObservedCampaign | undefined> {
    const req = { SdkAppId: sdkAppId, CampaignId: campaignId };
    let refusal: unknown;
    try {
        await (action === "PausePredictiveDialingCampaign" ? api.pause(req) : action === "ResumePredictiveDialingCampaign" ? api.resume(req) : api.abort(req));
    } catch (e) {
        if (!isCccApiError(e) || !isRefusal(e)) throw e;
        refusal = e;
    }
    const observed = await describeCampaign(api, sdkAppId, campaignId);
    if (reached(observed)) return observed;
    if (refusal) throw refusal;
    throw new Error(`${action} answered OK, but campaign ${campaignId} is ${observed ? `still ${statusName(observed.status)} (Status ${observed.status})` : "gone"}`);
}

/** Pauses or resumes the campaign so that it matches `paused`. */
export async function reconcilePaused(api: PredictiveApi, inputs: PredictiveCampaignInputs, campaignId: number, observed: ObservedCampaign): Promise<ObservedCampaign> {
    if (inputs.paused === isPausedStatus(observed.status)) return observed;
    if (isFinished(observed.status)) {
        throw new Error(
            `paused: campaign ${campaignId} has finished (Status ${observed.status} ${statusName(observed.status)}) and can no longer be ${inputs.paused ? "paused" : "resumed"}. ` +
                "To run it again, change a field that replaces it (timeZone or availableTime, or any field once it has started), or remove the resource.",
        );
    }
    const after = inputs.paused
        ? await converge(api, inputs.sdkAppId, campaignId, "PausePredictiveDialingCampaign", (o) => !!o && isPausedStatus(o.status))
        : await converge(api, inputs.sdkAppId, campaignId, "ResumePredictiveDialingCampaign", (o) => !!o && (o.status === CampaignStatus.notStarted || o.status === CampaignStatus.running));
    return after!;
}

/**
 * [D] Delete "deletes the task"; whether a running one may be deleted is not documented, so a live
 * campaign is aborted first (it stops dialing at once), then deleted. Gone already counts as deleted.
 * Returns how many callees had finished, for a replacement's redial rule.
 */
export async function abortAndDelete(api: PredictiveApi, sdkAppId: number, campaignId: number): Promise<number | undefined> {
    let observed = await describeCampaign(api, sdkAppId, campaignId);
    if (!observed) return undefined;
    if (!isFinished(observed.status)) observed = await converge(api, sdkAppId, campaignId, "AbortPredictiveDialingCampaign", (o) => !o || isFinished(o.status));
    try {
        await api.delete({ SdkAppId: sdkAppId, CampaignId: campaignId });
    } catch (e) {
        if (!isCccApiError(e) || !isRefusal(e)) throw e;
        // A retried Delete whose first answer was lost is refused: done if the campaign is gone.
        if (await describeCampaign(api, sdkAppId, campaignId)) throw e;
    }
    return observed?.progress.finishedCallees ?? 0;
}

/** Callees that finished in campaigns of this lineage that this process deleted (a replacement's predecessors). */
export function finishedByLineage(lineage: string | undefined): number {
    if (!lineage) return 0;
    return [...deletedHere().values()].filter((d) => d.lineage === lineage).reduce((n, d) => n + d.finished, 0);
}
