// Every CCC call the AgentCruiseDialingCampaign lifecycle needs: Describe (and what a refusal of it
// means), Abort converged on the state, create-once, and what a replacement must not dial again.
//
// [D] Agent cruise campaigns have Create, Describe and Abort only: no list, no update, no delete, and no
// description to carry a token. So a campaign is found again only by its id. After a create whose
// answer was lost, the provider describes the ids above the highest campaign id this process had seen
// when it sent the create, and takes the campaign with exactly its name, agent, times, concurrency and
// callee count. [I] That CCC numbers campaigns upward is inferred (the emulator does): on a service that
// does not, the search finds nothing and a second campaign could be made, so when this process has seen
// no id at all it does not create again, and says how to adopt the campaign instead.
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { type Created, createOnce } from "../shared/create-once";
import { processSingleton } from "../shared/process";
import { cccErrorRules, isAmbiguous, isCccApiError, isRefusal, SETTING_SOURCES } from "../ccc";
import type { CruiseApi } from "./client";
import { describeFromApi, type ObservedCampaign } from "./mapping";
import { CallOrder, FINISHED_STATES } from "./schema";

/** Ids described upward from the floor before the search gives up: consecutive misses, and in all. */
const PROBE_MISSES = 5;
const PROBE_LIMIT = 200;

/** Campaign ids this process has seen (created, adopted, described), and those a resource of this process holds. */
const ids = () => processSingleton("cruiseIds", () => ({ highest: undefined as number | undefined, claimed: new Set<number>() }));
export function sawCampaign(campaignId: number): void {
    const known = ids();
    known.highest = Math.max(known.highest ?? campaignId, campaignId);
}

/**
 * The campaign as CCC reports it, or undefined when it is gone. [I] With no list to confirm it, a
 * definite refusal of Describe (its documented InvalidParameterValue, to the same SdkAppId and id that
 * worked before) is read as "no such campaign": the emulator answers an unknown id so.
 */
export async function describeCampaign(api: CruiseApi, sdkAppId: number, campaignId: number): Promise<ObservedCampaign | undefined> {
    try {
        const observed = describeFromApi(await api.describeCampaign({ SdkAppId: sdkAppId, CampaignId: campaignId }));
        sawCampaign(campaignId);
        return observed;
    } catch (e) {
        if (isCccApiError(e) && isRefusal(e)) return undefined;
        throw e;
    }
}

export const isOver = (o: ObservedCampaign | undefined): boolean => !o || FINISHED_STATES.includes(o.state);

/**
 * Aborts the campaign and returns it as it then is (undefined: gone). Done means its state says so: a
 * refusal (already completed or terminated, e.g. after a retried abort whose first answer was lost)
 * counts when the campaign is over, and an OK answer only when it is.
 */
export async function abortCampaign(api: CruiseApi, sdkAppId: number, campaignId: number): Promise<ObservedCampaign | undefined> {
    let refusal: unknown;
    try {
        await api.abortCampaign({ SdkAppId: sdkAppId, CampaignId: campaignId });
    } catch (e) {
        if (!isCccApiError(e) || !isRefusal(e)) throw e;
        refusal = e;
    }
    const observed = await describeCampaign(api, sdkAppId, campaignId);
    if (isOver(observed)) return observed;
    if (refusal) throw refusal;
    throw new Error(`AbortAgentCruiseDialingCampaign answered OK, but campaign ${campaignId} is still ${observed!.stateName} (state ${observed!.state})`);
}

/** Whether a described campaign is the one this request makes. */
const sameCampaign = (r: models.CreateAgentCruiseDialingCampaignRequest, o: ObservedCampaign) =>
    o.reported.name === r.Name && o.reported.agent === r.Agent && o.reported.startTime === r.StartTime && o.reported.endTime === r.EndTime && o.reported.concurrencyNumber === r.ConcurrencyNumber && o.progress.total === (r.Callees?.length ?? 0);

/** The live, unclaimed campaign this request makes, among the ids above `floor`. */
async function findAbove(api: CruiseApi, request: models.CreateAgentCruiseDialingCampaignRequest, floor: number): Promise<number | undefined> {
    const { claimed } = ids();
    for (let id = floor + 1, misses = 0; misses < PROBE_MISSES && id <= floor + PROBE_LIMIT; id++) {
        const o = await describeCampaign(api, request.SdkAppId, id);
        misses = o ? 0 : misses + 1;
        if (o && !claimed.has(id) && !deletedHere().has(id) && o.state !== FINISHED_STATES[1] && sameCampaign(request, o)) return id;
    }
    return undefined;
}

/** Creates the campaign exactly once (provider/shared/create-once.ts), finding it again by id search (see above). */
export async function createCampaign(api: CruiseApi, request: models.CreateAgentCruiseDialingCampaignRequest): Promise<Created<number>> {
    // The floor of the search: the highest id seen before this create is sent.
    const floor = ids().highest;
    const create = async () => (await api.createCampaign(request)).CampaignId as number;
    let sent = false;
    const created =
        floor === undefined
            ? { taskId: await createUnfindable(create), found: false }
            : await createOnce({
                  rules: cccErrorRules,
                  settings: api.settings,
                  action: "CreateAgentCruiseDialingCampaign",
                  settleSetting: SETTING_SOURCES.createSettleSeconds.config,
                  isAmbiguous,
                  // Before the first send there is nothing of this create to find.
                  find: async () => (sent ? findAbove(api, request, floor) : undefined),
                  create: () => ((sent = true), create()),
              });
    ids().claimed.add(created.taskId);
    sawCampaign(created.taskId);
    return created;
}

/** A create with no id to search from: sent once (only what cannot have committed is repeated), and a lost answer is the error. */
async function createUnfindable(create: () => Promise<number>): Promise<number> {
    try {
        return await create();
    } catch (e) {
        if (!isCccApiError(e) || !isAmbiguous(e)) throw e;
        e.message +=
            "; the campaign may have been created: CCC has no list of agent cruise campaigns, and this provider process had seen no campaign id to search upward from, so no second campaign was created. " +
            "Look for it in the CCC console: if it is there, set adoptCampaignId to its id; if not, run `pulumi up` again";
        throw e;
    }
}

/** Marks a campaign as held by a resource of this process (adopted): no other create takes it for its own. */
export function claim(campaignId: number): void {
    ids().claimed.add(campaignId);
    sawCampaign(campaignId);
}

/** Campaigns this process aborted for a delete or a replacement, with what a replacement needs to know of them. */
export const deletedHere = () => processSingleton("cruiseDeleted", () => new Map<number, { lineage?: string; called: string[] }>());

/**
 * The callees a campaign has called, as far as CCC tells: it reports only how many. [I] In order
 * (callOrder 1) with one attempt each, those are the first ones it was given; in random order only
 * none or all can be known (undefined: some, unknown which).
 */
export function calledCallees(sent: readonly string[], callOrder: number | undefined, observed: ObservedCampaign | undefined): string[] | undefined {
    const called = observed?.progress.called ?? 0;
    if (called === 0) return [];
    if (called >= sent.length) return [...sent];
    return callOrder === CallOrder.inOrder ? sent.slice(0, called) : undefined;
}

/** Callees earlier campaigns of the lineage called: those aborted by this process (a replacement aborts the old one first, in the same run). */
export function calledByLineage(lineage: string): Set<string> {
    return new Set([...deletedHere().values()].filter((d) => d.lineage === lineage).flatMap((d) => d.called));
}
