// The PredictiveDialingCampaign dynamic provider: the lifecycle, one short method per step, over
// operations.ts. Create makes the campaign once (found again by its exact name); update changes it in
// place with UpdatePredictiveDialingCampaign while it has not started, and pauses or resumes it;
// every other change replaces it (schema.ts lists which); delete aborts a live campaign, then deletes it.
import type * as pulumi from "@pulumi/pulumi";
import { parseImportId } from "../ccc/import-id";
import { createRecoveryMode, rememberConfig, resolveSettings } from "../ccc/settings";
import { interruptedSince, readCheckpoint } from "../shared/checkpoint";
import { resourceInitFailed } from "../shared/init-failed";
import { LINEAGE } from "../shared/lineage";
import { clientFor } from "../shared/process";
import { finishedForGood } from "../shared/finished";
import { WarningProvider } from "../shared/warned";
import { createPredictiveApi, type PredictiveApi } from "./client";
import { type CampaignOutputs, inputsFromDetail, type ObservedCampaign, stateFrom, updateRequest } from "./mapping";
import { abortAndDelete, createCampaign, deletedHere, describeCampaign, finishedByLineage, reconcilePaused } from "./operations";
import { CampaignStatus, CREATE_ONLY, FIELD_NAMES, type FieldName, FINALITY, type PredictiveCampaignInputs, REPLACE_FIELDS, UPDATABLE_BEFORE_START, validateInputs } from "./schema";

export type { ResourceInitFailedError } from "../shared/init-failed";

type EngineInputs = Record<string, unknown>;

/** An unset input that means this value. */
const DEFAULTS: Partial<Record<FieldName, unknown>> = { paused: false, redial: "unreached" };

function api(): PredictiveApi {
    return clientFor("predictiveClients", resolveSettings(), createPredictiveApi);
}

const declaredOf = (props: EngineInputs) => Object.fromEntries(FIELD_NAMES.filter((k) => props[k] !== undefined && props[k] !== null).map((k) => [k, props[k]]));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const valueOf = (props: EngineInputs, k: FieldName) => props[k] ?? DEFAULTS[k];

function inputsOf(props: EngineInputs): PredictiveCampaignInputs {
    const result = validateInputs(declaredOf(props));
    if (!result.ok) throw new Error(`invalid PredictiveDialingCampaign inputs: ${result.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    return result.inputs;
}

/** A replacement that would call finished callees again, refused unless redial is everyone: CCC says how many finished, not which. */
function redialRefusal(name: string, finished: number): Error {
    return new Error(
        `redial: the campaign "${name}" replaces has ${finished} finished callee(s), and CCC reports how many, not which: a new campaign would call them again. ` +
            'Set redial: "everyone" to accept that, or remove the callees already called.',
    );
}

export class PredictiveCampaignProvider extends WarningProvider implements pulumi.dynamic.ResourceProvider<EngineInputs, CampaignOutputs> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        rememberConfig(req.config);
    }

    async check(olds: EngineInputs, news: EngineInputs): Promise<pulumi.dynamic.CheckResult<EngineInputs>> {
        const { stack, __provider: _provider, lineage, ...raw } = news;
        if (typeof stack === "string" && !Object.keys(olds).length && createRecoveryMode() === "auto") await readCheckpoint(stack);
        const result = validateInputs(raw, { now: Math.floor(Date.now() / 1000), previous: olds });
        const carried = typeof lineage === "string" && LINEAGE.test(lineage) ? { lineage } : {};
        if (!result.ok) return { inputs: { ...raw, ...carried }, failures: result.failures };
        return { inputs: { ...result.inputs, ...carried } };
    }

    /**
     * Fields in REPLACE_FIELDS replace the campaign; those Update takes replace it only once it has
     * started, which only CCC knows: so a change of them reads the campaign's status first.
     */
    async diff(id: string, olds: CampaignOutputs, news: EngineInputs): Promise<pulumi.dynamic.DiffResult> {
        const adoptsAnother = news.adoptCampaignId !== undefined && news.adoptCampaignId !== olds.campaignId;
        const changed = FIELD_NAMES.filter((k) => (k === "adoptCampaignId" ? adoptsAnother : !CREATE_ONLY.includes(k) && !same(valueOf(olds, k), valueOf(news, k))));
        const replaces = changed.filter((k) => REPLACE_FIELDS.includes(k) || k === "adoptCampaignId");
        const updates = changed.filter((k) => UPDATABLE_BEFORE_START.includes(k));
        let observed: ObservedCampaign | undefined;
        if (updates.length || replaces.length) observed = await describeCampaign(api(), Number(olds.sdkAppId), Number(id));
        if (updates.length && observed && observed.status !== CampaignStatus.notStarted) replaces.push(...updates);
        // Checked before anything is deleted: the old campaign's finished callees would be called again.
        if (replaces.length && observed && valueOf(news, "redial") !== "everyone" && observed.progress.finishedCallees > 0) throw redialRefusal(String(news.name), observed.progress.finishedCallees);
        // Delete before replace: two campaigns must never dial the same list at once.
        return { changes: changed.length > 0, replaces, deleteBeforeReplace: true };
    }

    async create(props: EngineInputs): Promise<{ id: string; outs: CampaignOutputs }> {
        const inputs = inputsOf(props);
        const client = api();
        const made = typeof props.lineage === "string" ? { lineage: props.lineage } : {};
        let campaignId: number;
        if (inputs.adoptCampaignId !== undefined) {
            campaignId = inputs.adoptCampaignId;
            const observed = await describeCampaign(client, inputs.sdkAppId, campaignId);
            if (!observed) throw new Error(`adoptCampaignId: campaign ${campaignId} does not exist in SdkAppId ${inputs.sdkAppId}`);
            const reported = inputsFromDetail(observed.detail, observed.status);
            const diffs = Object.entries(reported).filter(([k, v]) => k !== "paused" && !same(v, (inputs as Record<string, unknown>)[k]));
            if (diffs.length) throw new Error(`adoptCampaignId: campaign ${campaignId} does not match the declared inputs, so it was not adopted: ${diffs.map(([k, v]) => `${k} is ${JSON.stringify(v)}`).join("; ")}`);
        } else {
            const finished = finishedByLineage(made.lineage);
            if (finished > 0 && inputs.redial !== "everyone") throw redialRefusal(inputs.name, finished);
            campaignId = (await createCampaign(client, inputs, await interruptedSince(props.lineage))).taskId;
        }
        try {
            const observed = await describeCampaign(client, inputs.sdkAppId, campaignId, inputs.callees.length);
            if (!observed) throw new Error(`campaign ${campaignId} is not found right after it was created`);
            return { id: String(campaignId), outs: stateFrom(campaignId, inputs, await reconcilePaused(client, inputs, campaignId, observed), made) };
        } catch (e) {
            // The engine keeps the campaign (and the serialized provider) to operate on it later.
            throw resourceInitFailed(e, campaignId, { ...inputs, ...made, campaignId, __provider: props.__provider });
        }
    }

    /** A refresh (drift from the console shows), or the plugin's import: an ID `SDKAPPID/CAMPAIGNID` and no properties. */
    async read(id: string, props: EngineInputs | undefined): Promise<pulumi.dynamic.ReadResult<CampaignOutputs>> {
        const imported = props?.sdkAppId === undefined;
        const { sdkAppId, id: campaignId } = imported ? parseImportId(id, "CAMPAIGNID") : { sdkAppId: Number(props!.sdkAppId), id: Number(id) };
        if (finishedForGood(FINALITY, id, props)) return { id, props: props as CampaignOutputs };
        const observed = await describeCampaign(api(), sdkAppId, campaignId);
        if (!observed) {
            if (imported) throw new Error(`import ID "${id}": campaign ${campaignId} does not exist in SdkAppId ${sdkAppId}`);
            return {};
        }
        const declared = imported ? { sdkAppId, ...inputsFromDetail(observed.detail, observed.status) } : declaredOf(props!);
        return { id: String(campaignId), props: stateFrom(campaignId, declared, observed, typeof props?.lineage === "string" ? { lineage: props.lineage } : {}) };
    }

    async update(id: string, olds: CampaignOutputs, news: EngineInputs): Promise<{ outs: CampaignOutputs }> {
        const inputs = inputsOf(news);
        const campaignId = Number(id);
        const client = api();
        let observed = await describeCampaign(client, inputs.sdkAppId, campaignId);
        if (!observed) throw new Error(`campaign ${campaignId} no longer exists in SdkAppId ${inputs.sdkAppId}; run \`pulumi refresh\` to drop it from the stack, then \`pulumi up\` to create it again`);
        const changed = UPDATABLE_BEFORE_START.filter((k) => !same(olds[k], news[k]));
        if (changed.length) {
            if (observed.status !== CampaignStatus.notStarted) {
                throw new Error(`${changed.join(", ")}: campaign ${campaignId} started after the preview (Status ${observed.status}), and CCC updates a campaign only before it starts; run \`pulumi up\` again to replace it`);
            }
            await client.update(updateRequest(campaignId, inputs));
            observed = (await describeCampaign(client, inputs.sdkAppId, campaignId))!;
        }
        return { outs: stateFrom(campaignId, inputs, await reconcilePaused(client, inputs, campaignId, observed), typeof news.lineage === "string" ? { lineage: news.lineage } : {}) };
    }

    async delete(id: string, props: CampaignOutputs): Promise<void> {
        const campaignId = Number(id);
        const finished = await abortAndDelete(api(), Number(props.sdkAppId), campaignId);
        deletedHere().set(campaignId, { lineage: typeof props.lineage === "string" ? props.lineage : undefined, finished: finished ?? props.progress?.finishedCallees ?? 0 });
    }
}
