// The AgentCruiseDialingCampaign dynamic provider: the lifecycle, one short method per step, over
// operations.ts. [D] CCC has no update for these campaigns: every change replaces the campaign, the
// old one aborted before the new one is created (deleteBeforeReplace); delete aborts it (a finished
// one needs nothing; there is no delete action).
import type * as pulumi from "@pulumi/pulumi";
import { checkpointReading, readCheckpoint } from "../shared/checkpoint";
import { resourceInitFailed } from "../shared/init-failed";
import { LINEAGE } from "../shared/lineage";
import { clientFor } from "../shared/process";
import { finishedForGood } from "../shared/finished";
import { WarningProvider } from "../shared/warned";
import { rememberConfig, resolveSettings } from "../ccc";
import { createCruiseApi, type CruiseApi } from "./client";
import { adoptionDifferences, type CampaignOutputs, createRequestToApi, recordedCampaign, same, stateFrom } from "./mapping";
import { abortCampaign, calledByLineage, calledCallees, claim, createCampaign, deletedHere, describeCampaign, isOver } from "./operations";
import { type AgentCruiseCampaignInputs, CREATE_ONLY, FIELD_NAMES, FINALITY, maskNumber, validateInputs } from "./schema";

type EngineInputs = Record<string, unknown>;

function api(): CruiseApi {
    return clientFor("cruiseClients", resolveSettings(), createCruiseApi);
}

const declaredOf = (props: EngineInputs) => Object.fromEntries(FIELD_NAMES.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));

function inputsOf(props: EngineInputs): AgentCruiseCampaignInputs {
    const result = validateInputs(declaredOf(props));
    if (!result.ok) throw new Error(`invalid AgentCruiseDialingCampaign inputs: ${result.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    return result.inputs;
}

/** A resource id: the campaign id, or `SDKAPPID/ID` (the form an import names, CCC needs the application). */
function parseId(id: string, props: EngineInputs): { sdkAppId: number; campaignId: number } {
    const m = /^(?:(\d+)\/)?(\d+)$/.exec(id);
    if (!m) throw new Error(`id "${id}": must be CAMPAIGNID or SDKAPPID/CAMPAIGNID, for example 1400123455/5000001`);
    const sdkAppId = Number(m[1] ?? props.sdkAppId);
    if (!sdkAppId) throw new Error(`id "${id}": name the application as SDKAPPID/CAMPAIGNID`);
    return { sdkAppId, campaignId: Number(m[2]) };
}

export class AgentCruiseCampaignProvider extends WarningProvider implements pulumi.dynamic.ResourceProvider<EngineInputs, CampaignOutputs> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        rememberConfig(req.config);
    }

    async check(olds: EngineInputs, news: EngineInputs): Promise<pulumi.dynamic.CheckResult<EngineInputs>> {
        const { stack, __provider: _provider, lineage, ...raw } = news;
        // A resource with no old inputs may be created next: its pending create must not be in the state read.
        if (typeof stack === "string" && !Object.keys(olds).length) await readCheckpoint(stack);
        const result = validateInputs(raw, { now: Math.floor(Date.now() / 1000), previous: olds });
        const kept = typeof lineage === "string" && LINEAGE.test(lineage) ? { lineage } : {};
        if (!result.ok) return { inputs: { ...raw, ...kept }, failures: result.failures };
        return { inputs: { ...result.inputs, ...kept } };
    }

    async diff(_id: string, olds: EngineInputs, news: EngineInputs): Promise<pulumi.dynamic.DiffResult> {
        // Once adopted, dropping adoptCampaignId (or naming the same campaign) changes nothing: only naming another does.
        const adoptsAnother = news.adoptCampaignId !== undefined && news.adoptCampaignId !== olds.campaignId;
        const changed = FIELD_NAMES.filter((k) => (k === "adoptCampaignId" ? adoptsAnother : !CREATE_ONLY.includes(k) && !same(olds[k], news[k])));
        // No update action: every change replaces, and the old campaign is aborted first so that two never dial at once.
        return { changes: changed.length > 0, replaces: changed, deleteBeforeReplace: true };
    }

    async create(props: EngineInputs): Promise<{ id: string; outs: CampaignOutputs }> {
        const inputs = inputsOf(props);
        const client = api();
        const lineage = typeof props.lineage === "string" ? props.lineage : undefined;
        let campaignId: number;
        let calledEarlier: string[] = [];
        if (inputs.adoptCampaignId !== undefined) {
            campaignId = inputs.adoptCampaignId;
            const observed = await describeCampaign(client, inputs.sdkAppId, campaignId);
            if (!observed) throw new Error(`adoptCampaignId: campaign ${campaignId} does not exist in SdkAppId ${inputs.sdkAppId}`);
            const diffs = adoptionDifferences(inputs, observed);
            if (diffs.length) throw new Error(`adoptCampaignId: campaign ${campaignId} does not match the declared inputs, so it was not adopted: ${diffs.join("; ")}`);
            claim(campaignId);
        } else {
            await this.refuseAfterInterruptedCreate(lineage);
            const called = inputs.redial === "everyone" || !lineage ? new Set<string>() : calledByLineage(lineage);
            calledEarlier = inputs.callees.filter((c) => called.has(c));
            const callees = inputs.callees.filter((c) => !called.has(c));
            if (!callees.length) {
                throw new Error(`callees: all ${inputs.callees.length} were already called by the campaign this one replaces (for example ${maskNumber(inputs.callees[0])}), so no campaign was created; set redial: "everyone" to call them again`);
            }
            campaignId = (await createCampaign(client, createRequestToApi(inputs, callees))).taskId;
        }
        const made = { lineage, ...(calledEarlier.length && { calledEarlier }) };
        try {
            const observed = await describeCampaign(client, inputs.sdkAppId, campaignId);
            if (!observed) throw new Error(`campaign ${campaignId} is not found right after it was created`);
            return { id: String(campaignId), outs: stateFrom(campaignId, declaredOf(props), observed, made) };
        } catch (e) {
            // The engine keeps the campaign (and the serialized provider) to operate on it later.
            throw resourceInitFailed(e, campaignId, { ...declaredOf(props), ...made, campaignId, __provider: props.__provider });
        }
    }

    async read(id: string, props: EngineInputs | undefined): Promise<pulumi.dynamic.ReadResult<CampaignOutputs>> {
        const { sdkAppId, campaignId } = parseId(id, props ?? {});
        if (finishedForGood(FINALITY, String(campaignId), props)) return { id: String(campaignId), props: props as CampaignOutputs };
        const observed = await describeCampaign(api(), sdkAppId, campaignId);
        if (!observed) return {};
        // An import declares nothing yet: what CCC reports is the campaign.
        const declared = declaredOf(props ?? {});
        return { id: String(campaignId), props: stateFrom(campaignId, { sdkAppId, ...(Object.keys(declared).length ? declared : observed.reported) }, observed, this.made(props ?? {})) };
    }

    async update(id: string, olds: EngineInputs, news: EngineInputs): Promise<{ outs: CampaignOutputs }> {
        // Only create-only inputs changed (diff replaces on everything else): nothing to tell CCC.
        const inputs = inputsOf(news);
        const { campaignId } = parseId(id, news);
        const observed = await describeCampaign(api(), inputs.sdkAppId, campaignId);
        if (!observed) throw new Error(`campaign ${campaignId} no longer exists in SdkAppId ${inputs.sdkAppId}; run \`pulumi refresh\` to drop it from the stack, then \`pulumi up\` to create it again`);
        return { outs: stateFrom(campaignId, declaredOf(news), observed, this.made(olds)) };
    }

    async delete(id: string, props: EngineInputs): Promise<void> {
        const { sdkAppId, campaignId } = parseId(id, props);
        const client = api();
        // Completed, terminated or gone counts as deleted: it will not dial again. One recorded finished is not asked again.
        let observed = finishedForGood(FINALITY, String(campaignId), props) ? recordedCampaign(props as CampaignOutputs) : await describeCampaign(client, sdkAppId, campaignId);
        if (!isOver(observed)) observed = await abortCampaign(client, sdkAppId, campaignId);
        const earlier = new Set(this.made(props).calledEarlier);
        const sent = ((props.callees as string[] | undefined) ?? []).filter((c) => !earlier.has(c));
        const called = calledCallees(sent, props.callOrder as number | undefined, observed);
        if (called === undefined && props.redial !== "everyone") {
            await this.warn("", `AgentCruiseDialingCampaign "${props.name}": campaign ${campaignId} called ${observed?.progress.called} of ${sent.length} callees in random order, and CCC does not say which: a replacement dials all of them again`);
        }
        deletedHere().set(campaignId, { lineage: typeof props.lineage === "string" ? props.lineage : undefined, called: [...earlier, ...(called ?? [])] });
    }

    /** Keys the provider carries in state beside the inputs. */
    private made(props: EngineInputs): { lineage?: string; calledEarlier?: string[] } {
        return { ...(typeof props.lineage === "string" && { lineage: props.lineage }), ...(Array.isArray(props.calledEarlier) && { calledEarlier: props.calledEarlier as string[] }) };
    }

    /**
     * [D] No list: a campaign an interrupted deploy created cannot be found. When the stack's state holds a
     * pending create of this resource, nothing is created: a second campaign would dial the same people.
     */
    private async refuseAfterInterruptedCreate(lineage: string | undefined): Promise<void> {
        const reading = checkpointReading();
        if (!reading || !lineage) return;
        const r = await reading;
        const urn = "pendingCreates" in r ? r.pendingCreates.get(lineage) : undefined;
        if (urn === undefined) return;
        throw new Error(
            `the stack's state holds a pending create of ${urn.split("::").pop()} from an interrupted deploy, so a campaign made then may exist, and CCC has no list of agent cruise campaigns to find it: ` +
                "look for it in the CCC console; if it is there, set adoptCampaignId to its id, if not, run `pulumi refresh --clear-pending-creates` and `pulumi up` again",
        );
    }
}
