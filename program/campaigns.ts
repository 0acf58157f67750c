// Campaign files: one YAML file per campaign, validated by the same schema as the resource, so a
// pull request that adds or changes a campaign is a small data diff with errors naming file and field.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { type CalloutTaskInputs, validateInputs } from "../provider/callout-task/schema";

export interface Campaign {
    /** Resource name: the file name without extension. */
    name: string;
    file: string;
    inputs: CalloutTaskInputs;
}

export class CampaignFileError extends Error {
    constructor(readonly problems: string[]) {
        super(`invalid campaign files:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "CampaignFileError";
    }
}

const RESOURCE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Reads and validates every `*.yaml`/`*.yml` in `dir`; throws one error listing every problem. */
export function loadCampaigns(dir: string): Campaign[] {
    if (!fs.existsSync(dir)) throw new CampaignFileError([`${dir}: folder not found`]);
    const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
    const problems: string[] = [];
    const campaigns: Campaign[] = [];
    for (const file of files) {
        const rel = path.join(path.basename(dir), file);
        const name = file.replace(/\.ya?ml$/, "");
        if (!RESOURCE_NAME.test(name)) problems.push(`${rel}: file name must be lowercase letters, digits and dashes (it names the resource)`);
        let data: unknown;
        try {
            data = parse(fs.readFileSync(path.join(dir, file), "utf8"));
        } catch (e) {
            problems.push(`${rel}: not valid YAML: ${(e as Error).message.split("\n")[0]}`);
            continue;
        }
        if (!data || typeof data !== "object" || Array.isArray(data)) {
            problems.push(`${rel}: must be a mapping of CalloutTask inputs`);
            continue;
        }
        const result = validateInputs(data as Record<string, unknown>);
        if (!result.ok) problems.push(...result.failures.map((f) => `${rel}: ${f.property}: ${f.reason}`));
        else campaigns.push({ name, file: rel, inputs: result.inputs });
    }
    if (problems.length) throw new CampaignFileError(problems);
    return campaigns;
}
