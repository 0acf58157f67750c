// Campaign files: one YAML file per campaign, validated by the same schema as the resource, so a
// pull request that adds or changes a campaign is a small data diff with errors naming file and field.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { type AgentCruiseCampaignInputs, validateInputs as validateAgentCruise } from "../provider/agent-cruise-campaign/schema";
import { type AiCallTaskInputs, validateInputs as validateAiCallTask } from "../provider/ai-call-task/schema";
import { type CalloutTaskInputs, validateInputs } from "../provider/callout-task/schema";
import { type PredictiveCampaignInputs, validateInputs as validatePredictive } from "../provider/predictive-campaign/schema";

/** The resources a campaign file can declare, chosen by its `kind:` key. */
export const CAMPAIGN_KINDS = ["CalloutTask", "AiCallTask", "PredictiveDialingCampaign", "AgentCruiseDialingCampaign"] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
const DEFAULT_KIND: CampaignKind = "CalloutTask";

export type Campaign = {
    /** Resource name: the file name without extension. */
    name: string;
    file: string;
} & ({ kind: "CalloutTask"; inputs: CalloutTaskInputs } | { kind: "AiCallTask"; inputs: AiCallTaskInputs } | { kind: "PredictiveDialingCampaign"; inputs: PredictiveCampaignInputs } | { kind: "AgentCruiseDialingCampaign"; inputs: AgentCruiseCampaignInputs });

type Read = { problems: string[]; notes: string[]; campaign?: Pick<Campaign, "kind" | "inputs"> };

/** Every problem of every file. A RunError: Pulumi prints its message alone, without a stack trace. */
export class CampaignFileError extends pulumi.RunError {
    constructor(readonly problems: string[]) {
        super(`invalid campaign files:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "CampaignFileError";
    }
}

const RESOURCE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Keys written twice in one mapping, anywhere in the document: YAML keeps only one of them. */
function duplicateKeys(node: Node | null | undefined, lines: LineCounter, at = ""): string[] {
    const field = (key: string | number) => (typeof key === "number" ? `${at}[${key}]` : at ? `${at}.${key}` : key);
    if (isSeq(node)) return node.items.flatMap((item, i) => duplicateKeys(item as Node, lines, field(i)));
    if (!isMap(node)) return [];
    const seen = new Set<string>();
    return node.items.flatMap((pair) => {
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
        const here: string[] = [];
        if (seen.has(key)) {
            const line = isScalar(pair.key) && pair.key.range ? ` (again on line ${lines.linePos(pair.key.range[0]).line})` : "";
            here.push(`${field(key)}: written more than once${line}; YAML keeps only the last one`);
        }
        seen.add(key);
        return [...here, ...duplicateKeys(pair.value as Node, lines, field(key))];
    });
}

/** Every problem of one file (YAML, `kind:` and the kind's schema, cross-field rules included), and its notes. */
function readCampaign(text: string, now: number): Read {
    const lines = new LineCounter();
    const doc = parseDocument(text, { uniqueKeys: false, lineCounter: lines });
    const syntax = doc.errors.map((e) => `not valid YAML: ${e.message.split("\n")[0].replace(/:$/, "")}`);
    if (syntax.length) return { problems: syntax, notes: [] };
    const data = doc.toJS();
    if (!data || typeof data !== "object" || Array.isArray(data)) return { problems: ["must be a mapping of CalloutTask inputs"], notes: [] };
    const problems = duplicateKeys(doc.contents, lines);
    const { kind = DEFAULT_KIND, ...fields } = data as Record<string, unknown>;
    if (!CAMPAIGN_KINDS.includes(kind as CampaignKind)) return { problems: [...problems, `kind: must be one of ${CAMPAIGN_KINDS.join(", ")} (default ${DEFAULT_KIND}), got ${JSON.stringify(kind)}`], notes: [] };
    if (kind === "AiCallTask") {
        const result = validateAiCallTask(fields);
        if (!result.ok) return { problems: [...problems, ...result.failures.map((f) => `${f.property}: ${f.reason}`)], notes: [] };
        return { problems, notes: [], campaign: { kind, inputs: result.inputs } };
    }
    if (kind === "PredictiveDialingCampaign" || kind === "AgentCruiseDialingCampaign") {
        const result = (kind === "PredictiveDialingCampaign" ? validatePredictive : validateAgentCruise)(fields, { now });
        if (!result.ok) return { problems: [...problems, ...result.failures.map((f) => `${f.property}: ${f.reason}`)], notes: [] };
        return { problems, notes: [], campaign: { kind, inputs: result.inputs } };
    }
    const result = validateInputs(fields, { now });
    if (!result.ok) return { problems: [...problems, ...result.failures.map((f) => `${f.property}: ${f.reason}`)], notes: [] };
    return { problems, campaign: { kind: "CalloutTask", inputs: result.inputs }, notes: result.notes.map((n) => `${n.property}: ${n.reason}`) };
}

export interface LoadOptions {
    /** Now, in Unix seconds: decides which campaigns have ended or already started. */
    now?: number;
    /** Where remarks that do not stop a campaign go (a start already passed), as `<file>: <field>: <remark>`. */
    warn?: (message: string) => void;
}

/** Reads and validates every `*.yaml`/`*.yml` in `dir`; throws one error listing every problem of every file. */
export function loadCampaigns(dir: string, { now = Math.floor(Date.now() / 1000), warn = (m) => pulumi.log.warn(m) }: LoadOptions = {}): Campaign[] {
    if (!fs.existsSync(dir)) throw new CampaignFileError([`${dir}: folder not found`]);
    const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
    const problems: string[] = [];
    const campaigns: Campaign[] = [];
    const notes: string[] = [];
    for (const file of files) {
        const rel = path.join(path.basename(dir), file);
        const name = file.replace(/\.ya?ml$/, "");
        if (!RESOURCE_NAME.test(name)) problems.push(`${rel}: file name must be lowercase letters, digits and dashes (it names the resource)`);
        const read = readCampaign(fs.readFileSync(path.join(dir, file), "utf8"), now);
        problems.push(...read.problems.map((p) => `${rel}: ${p}`));
        notes.push(...read.notes.map((n) => `${rel}: ${n}`));
        if (read.campaign && !read.problems.length) campaigns.push({ name, file: rel, ...read.campaign } as Campaign);
    }
    // AICCS task names are unique per account: two files naming one task would fight over it.
    const byTaskName = new Map<string, string>();
    for (const c of campaigns) {
        if (c.kind !== "AiCallTask") continue;
        const first = byTaskName.get(c.inputs.taskName);
        if (first) problems.push(`${c.file}: taskName: "${c.inputs.taskName}" is already the taskName of ${first}; AICCS task names are unique per account`);
        else byTaskName.set(c.inputs.taskName, c.file);
    }
    // CCC's predictive and agent cruise campaigns carry no description: the provider tells its own by name in the application.
    const byCampaignName = new Map<string, string>();
    for (const c of campaigns) {
        if (c.kind !== "PredictiveDialingCampaign" && c.kind !== "AgentCruiseDialingCampaign") continue;
        const key = `${c.kind}/${c.inputs.sdkAppId}/${c.inputs.name}`;
        const first = byCampaignName.get(key);
        if (first) problems.push(`${c.file}: name: "${c.inputs.name}" is already the name of ${first} in SdkAppId ${c.inputs.sdkAppId}; the provider tells ${c.kind === "PredictiveDialingCampaign" ? "predictive" : "agent cruise"} campaigns apart by name`);
        else byCampaignName.set(key, c.file);
    }
    if (problems.length) throw new CampaignFileError(problems);
    notes.forEach(warn);
    return campaigns;
}
