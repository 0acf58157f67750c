// Between the AgentCruiseDialingCampaign's inputs and CCC's wire: the create request, and what
// DescribeAgentCruiseDialingCampaign reports read back as inputs (so a change made elsewhere shows as
// drift on refresh). Describe returns neither callees nor callers: those keep their declared values.
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { defined, numberToApi, same } from "../callout-task/mapping";
import { type AgentCruiseCampaignInputs, type CampaignStateName, type FieldName, maskNumber, type Progress, stateName } from "./schema";

export { defined, same };
export type { Progress };

/**
 * The CreateAgentCruiseDialingCampaign request. [D] Callees "E.164 or without country code": sent as
 * E.164. [I] Callers "in the format the console shows": sent as CCC's other actions document numbers (00…).
 */
export function createRequestToApi(i: AgentCruiseCampaignInputs, callees: readonly string[] = i.callees): models.CreateAgentCruiseDialingCampaignRequest {
    return defined({
        SdkAppId: i.sdkAppId,
        Name: i.name,
        Agent: i.agent,
        ConcurrencyNumber: i.concurrencyNumber,
        StartTime: i.startTime,
        EndTime: i.endTime,
        Callees: [...callees],
        Callers: i.callers?.map(numberToApi),
        CallOrder: i.callOrder,
        UUI: i.uui,
    });
}

/** What DescribeAgentCruiseDialingCampaign reports, in the resource's terms. */
export interface ObservedCampaign {
    reported: Partial<Pick<AgentCruiseCampaignInputs, "name" | "agent" | "concurrencyNumber" | "startTime" | "endTime" | "callOrder" | "uui">>;
    state: number;
    stateName: CampaignStateName;
    progress: Progress;
}

export function describeFromApi(r: models.DescribeAgentCruiseDialingCampaignResponse): ObservedCampaign {
    const state = r.State ?? 0;
    return {
        reported: defined({
            name: r.Name ?? undefined,
            agent: r.Agent ?? undefined,
            concurrencyNumber: r.ConcurrencyNumber ?? undefined,
            startTime: r.StartTime ?? undefined,
            endTime: r.EndTime ?? undefined,
            callOrder: (r.CallOrder ?? undefined) as AgentCruiseCampaignInputs["callOrder"],
            uui: r.UUI ?? undefined,
        }),
        state,
        stateName: stateName(state),
        progress: { total: r.TotalCalleeCount ?? 0, called: r.CalledCalleeCount ?? 0 },
    };
}

/** A campaign as its state recorded it (one finished for good is not described again). */
export const recordedCampaign = (o: CampaignOutputs): ObservedCampaign => ({ reported: {}, state: o.state, stateName: o.stateName, progress: o.progress });

/** What the provider records: the state, plus how the campaign was made. */
export type CampaignOutputs = Record<string, unknown> & { campaignId: number; state: number; stateName: CampaignStateName; progress: Progress; calledEarlier?: string[]; lineage?: string };

/** Outputs: the declared inputs, overlaid with what CCC reports (a reported optional input the program left out is no drift). */
export function stateFrom(campaignId: number, declared: Record<string, unknown>, observed: ObservedCampaign, made: { calledEarlier?: string[]; lineage?: string }): CampaignOutputs {
    const drift = Object.fromEntries(Object.entries(observed.reported).filter(([k]) => declared[k] !== undefined));
    return defined({ ...declared, ...drift, campaignId, state: observed.state, stateName: observed.stateName, progress: observed.progress, calledEarlier: made.calledEarlier, lineage: made.lineage });
}

/** Reported fields that differ from the declared inputs: a campaign is adopted only when there are none. */
export function adoptionDifferences(inputs: AgentCruiseCampaignInputs, observed: ObservedCampaign): string[] {
    const reported = Object.entries(observed.reported) as [FieldName, unknown][];
    const diffs = reported.filter(([k, v]) => !same(inputs[k], v)).map(([k, v]) => `${k}: declared ${JSON.stringify(inputs[k] ?? null)}, campaign has ${JSON.stringify(v)}`);
    // Describe reports how many callees, never which: the count is all that can be compared.
    if (observed.progress.total !== inputs.callees.length) diffs.push(`callees: ${inputs.callees.length} declared (for example ${maskNumber(inputs.callees[0])}), the campaign holds ${observed.progress.total}`);
    return diffs;
}
