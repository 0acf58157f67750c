// CCC's other two outbound families, on the shared clock and dialer: predictive dialing campaigns (a
// skill group's agents take the calls) and agent cruise campaigns (one agent). No HTTP here; every
// refusal is a typed ApiError. What is documented and what is inferred: CAMPAIGNS.md.
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import type { Simulation } from "../core/clock";
import { DEFAULT_CONCURRENCY, type DialPlan, hash } from "../core/dialer";
import type { Answers } from "./answers";
import { type CalleeRecord, CalleeState, dialer, inCallWindow } from "./calls";
import { ApiError, apiErrors } from "./errors";

/** [D] Status of a predictive campaign. */
export const CampaignStatus = { NotStarted: 0, Running: 1, Paused: 2, Terminated: 3, Completed: 4 } as const;
/** [D] Why it has that status. */
export const StatusReason = { Normal: 0, EndedByHand: 1, TimedOut: 2 } as const;
/** [D] State of an agent cruise campaign: its own codes, not the predictive ones. */
export const CruiseState = { NotStarted: 0, Running: 1, Completed: 2, Terminated: 3 } as const;
/** [D] CallOrder. */
export const CallOrder = { Random: 0, InOrder: 1 } as const;

const STATUS_NAMES = ["not started", "running", "paused", "terminated", "completed"];
const CRUISE_STATE_NAMES = ["not started", "running", "completed", "terminated"];
/** [I] Campaign ids, one sequence for both kinds, apart from the task ids (the list lag keys them together). */
export const FIRST_CAMPAIGN_ID = 5000001;
/** [I] Deletable unless running or paused. */
const DEFAULT_DELETABLE: number[] = [CampaignStatus.NotStarted, CampaignStatus.Terminated, CampaignStatus.Completed];

interface CampaignBase {
    campaignId: number;
    sdkAppId: number;
    createdAt: number;
    /** In dialing order (CallOrder random: a fixed shuffle). */
    callees: CalleeRecord[];
    /** Every call placed, in order: DescribePredictiveDialingSessions' SessionList. */
    sessions: string[];
}

export interface PredictiveCampaign extends CampaignBase {
    kind: "predictive";
    status: number;
    statusReason: number;
    /** The campaign as created, with every accepted Update applied. */
    request: models.CreatePredictiveDialingCampaignRequest;
    updates: number;
}

export interface CruiseCampaign extends CampaignBase {
    kind: "agentCruise";
    state: number;
    request: models.CreateAgentCruiseDialingCampaignRequest;
}

export type CampaignRecord = PredictiveCampaign | CruiseCampaign;

/** Whether a campaign may still place calls: not ended (a paused one may be resumed). */
export const campaignMayDial = (c: CampaignRecord): boolean =>
    c.kind === "predictive" ? c.status !== CampaignStatus.Terminated && c.status !== CampaignStatus.Completed : c.state === CruiseState.NotStarted || c.state === CruiseState.Running;

export interface CampaignsSnapshot {
    nextCampaignId: number;
    campaigns: CampaignRecord[];
}

/** The fields UpdatePredictiveDialingCampaign carries besides the ids. */
type Update = Omit<models.UpdatePredictiveDialingCampaignRequest, "SdkAppId" | "CampaignId">;
/** Update's optional fields: what `updateOmitted` clears or keeps. */
const UPDATE_OPTIONAL = ["IVRId", "RetryTimes", "Variables", "UUI", "CalleeAttributes"] as const;

/** Callee records in dialing order: as given, or shuffled the same way every run. Progress of a number kept. */
function calleeRecords(numbers: string[], order: number | undefined, previous: CalleeRecord[] = []): CalleeRecord[] {
    const unique = [...new Set(numbers)];
    const ordered = order === CallOrder.Random ? unique.sort((a, b) => hash(a) - hash(b) || a.localeCompare(b)) : unique;
    return ordered.map((callee) => previous.find((c) => c.callee === callee) ?? { callee, state: CalleeState.Initial, sessions: [], attempts: 0 });
}

const finished = (c: CalleeRecord) => c.state === CalleeState.Answered || c.state === CalleeState.NotAnswered;

export class Campaigns implements Simulation {
    private nextCampaignId = FIRST_CAMPAIGN_ID;
    private readonly records = new Map<number, CampaignRecord>();

    constructor(
        private readonly now: () => number,
        private readonly checkSdkAppId: (sdkAppId: number) => void,
        private readonly answers: () => Answers,
    ) {}

    all(): CampaignRecord[] {
        return [...this.records.values()];
    }

    get(campaignId: number): CampaignRecord | undefined {
        return this.records.get(campaignId);
    }

    private find<K extends CampaignRecord["kind"]>(kind: K, sdkAppId: number, campaignId: number): Extract<CampaignRecord, { kind: K }> {
        this.checkSdkAppId(sdkAppId);
        const c = this.records.get(campaignId);
        if (!c || c.sdkAppId !== sdkAppId || c.kind !== kind) throw apiErrors.campaignNotFound(campaignId, sdkAppId);
        return c as Extract<CampaignRecord, { kind: K }>;
    }

    predictive(sdkAppId: number, campaignId: number): PredictiveCampaign {
        return this.find("predictive", sdkAppId, campaignId);
    }

    cruise(sdkAppId: number, campaignId: number): CruiseCampaign {
        return this.find("agentCruise", sdkAppId, campaignId);
    }

    private admit(sdkAppId: number): { campaignId: number; sdkAppId: number; createdAt: number; sessions: string[] } {
        this.checkSdkAppId(sdkAppId);
        const limit = this.answers().campaignLimit;
        const open = this.all().filter((c) => c.sdkAppId === sdkAppId && !this.done(c)).length;
        if (limit !== undefined && open >= limit) throw apiErrors.outOfCountLimit(limit);
        return { campaignId: this.nextCampaignId++, sdkAppId, createdAt: this.now(), sessions: [] };
    }

    createPredictive(req: models.CreatePredictiveDialingCampaignRequest): PredictiveCampaign {
        const c: PredictiveCampaign = {
            ...this.admit(req.SdkAppId),
            kind: "predictive",
            status: CampaignStatus.NotStarted,
            statusReason: StatusReason.Normal,
            request: structuredClone(req),
            updates: 0,
            callees: calleeRecords(req.Callees, req.CallOrder),
        };
        this.records.set(c.campaignId, c);
        this.stepOne(c, this.now());
        return c;
    }

    createCruise(req: models.CreateAgentCruiseDialingCampaignRequest): CruiseCampaign {
        const c: CruiseCampaign = { ...this.admit(req.SdkAppId), kind: "agentCruise", state: CruiseState.NotStarted, request: structuredClone(req), callees: calleeRecords(req.Callees ?? [], req.CallOrder) };
        this.records.set(c.campaignId, c);
        this.stepOne(c, this.now());
        return c;
    }

    /** One page of the app's predictive campaigns, oldest first, filtered as the request asks and `listable` lets through. */
    list(req: models.DescribePredictiveDialingCampaignsRequest, listable: (campaignId: number) => boolean): { total: number; page: PredictiveCampaign[] } {
        this.checkSdkAppId(req.SdkAppId);
        const all = this.all().filter(
            (c): c is PredictiveCampaign =>
                c.kind === "predictive" &&
                c.sdkAppId === req.SdkAppId &&
                (req.Name === undefined || c.request.Name.includes(req.Name)) &&
                (req.SkillGroupId === undefined || c.request.SkillGroupId === req.SkillGroupId) &&
                (req.CampaignId === undefined || c.campaignId === req.CampaignId) &&
                listable(c.campaignId),
        );
        return { total: all.length, page: all.slice(req.PageNumber * req.PageSize, (req.PageNumber + 1) * req.PageSize) };
    }

    private refuse(c: CampaignRecord, operation: string, error = apiErrors.campaignWrongState): ApiError {
        const [code, name] = c.kind === "predictive" ? [c.status, STATUS_NAMES[c.status]] : [c.state, CRUISE_STATE_NAMES[c.state]];
        return error(`Campaign ${c.campaignId} is ${name} (${c.kind === "predictive" ? "Status" : "State"} ${code}) and cannot be ${operation}.`);
    }

    update(sdkAppId: number, campaignId: number, fields: Update): void {
        const c = this.predictive(sdkAppId, campaignId);
        const answers = this.answers();
        // UnsupportedOperation is in Update's documented codes, and "before it starts" in its description.
        if (!(answers.updatable ?? [CampaignStatus.NotStarted]).includes(c.status as 0)) throw this.refuse(c, "updated", apiErrors.wrongState);
        const next = { ...c.request, ...fields };
        if ((answers.updateOmitted ?? "clears") === "clears") for (const k of UPDATE_OPTIONAL) if (fields[k] === undefined) delete next[k];
        c.request = next;
        c.callees = calleeRecords(next.Callees, next.CallOrder, c.callees);
        c.updates++;
        this.stepOne(c, this.now());
    }

    pause(sdkAppId: number, campaignId: number): void {
        const c = this.predictive(sdkAppId, campaignId);
        if (c.status !== CampaignStatus.NotStarted && c.status !== CampaignStatus.Running) throw this.refuse(c, "paused");
        c.status = CampaignStatus.Paused;
    }

    resume(sdkAppId: number, campaignId: number): void {
        const c = this.predictive(sdkAppId, campaignId);
        if (c.status !== CampaignStatus.Paused) throw this.refuse(c, "resumed");
        c.status = CampaignStatus.NotStarted;
        this.stepOne(c, this.now());
    }

    /** Abort of either kind: ended by hand, the calls in progress hung up. */
    abort(kind: CampaignRecord["kind"], sdkAppId: number, campaignId: number): void {
        const c = this.find(kind, sdkAppId, campaignId);
        if (this.done(c)) throw this.refuse(c, "aborted");
        if (c.kind === "predictive") [c.status, c.statusReason] = [CampaignStatus.Terminated, StatusReason.EndedByHand];
        else c.state = CruiseState.Terminated;
        dialer.hangUp(c.callees);
    }

    delete(sdkAppId: number, campaignId: number): void {
        const c = this.predictive(sdkAppId, campaignId);
        if (!(this.answers().deletable ?? DEFAULT_DELETABLE).includes(c.status)) throw this.refuse(c, "deleted");
        this.records.delete(campaignId);
    }

    /** The campaign disappears, as if deleted in the console. */
    remove(campaignId: number): void {
        if (!this.records.delete(campaignId)) throw apiErrors.invalidParameterValue(`CampaignId ${campaignId} not found.`);
    }

    private done(c: CampaignRecord): boolean {
        return c.kind === "predictive" ? c.status === CampaignStatus.Terminated || c.status === CampaignStatus.Completed : c.state === CruiseState.Terminated || c.state === CruiseState.Completed;
    }

    finishedCallees(c: CampaignRecord): number {
        return c.callees.filter(finished).length;
    }

    active(): boolean {
        return this.all().some((c) => !this.done(c));
    }

    step(now: number): void {
        for (const c of this.records.values()) this.stepOne(c, now, true);
    }

    /** Starts, times out, and (on the clock's steps, `dial`) dials and completes one campaign at `now`. */
    private stepOne(c: CampaignRecord, now: number, dial = false): void {
        if (this.done(c)) return;
        const { StartTime, EndTime } = c.request;
        const plan: DialPlan =
            c.kind === "predictive"
                ? { concurrency: this.answers().skillGroupAgents ?? DEFAULT_CONCURRENCY, tries: (c.request.RetryTimes ?? 0) + 1, retryIntervalSeconds: c.request.RetryInterval }
                : { concurrency: c.request.ConcurrencyNumber, tries: 1, retryIntervalSeconds: 0 };
        if (dial) dialer.endCalls(c.callees, now, plan);
        if (now >= EndTime) {
            // [D] "terminated automatically after this time"; [I] its calls end with it.
            if (c.kind === "predictive") [c.status, c.statusReason] = [CampaignStatus.Terminated, StatusReason.TimedOut];
            else c.state = CruiseState.Terminated;
            dialer.hangUp(c.callees);
            return;
        }
        if (now < StartTime) return;
        if (c.kind === "predictive") {
            if (c.status === CampaignStatus.Paused) return;
            c.status = CampaignStatus.Running;
        } else c.state = CruiseState.Running;
        if (!dial) return;
        const window = c.kind === "predictive" ? c.request : {};
        if (inCallWindow(window, now)) {
            dialer.dial(c.callees, now, plan, (line) => {
                const id = `session-${c.campaignId}-${hash(line.callee).toString(16)}-${line.attempts}`;
                line.sessions.push(id);
                c.sessions.push(id);
            });
        }
        if (dialer.finished(c.callees)) {
            if (c.kind === "predictive") c.status = CampaignStatus.Completed;
            else c.state = CruiseState.Completed;
        }
    }

    snapshot(): CampaignsSnapshot {
        return structuredClone({ nextCampaignId: this.nextCampaignId, campaigns: this.all() });
    }

    restore(s: CampaignsSnapshot | undefined): void {
        this.nextCampaignId = s?.nextCampaignId ?? FIRST_CAMPAIGN_ID;
        this.records.clear();
        for (const c of s?.campaigns ?? []) this.records.set(c.campaignId, structuredClone(c));
    }
}
