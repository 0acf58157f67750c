// The review's chart of call windows in the callees' local time: a three-zone US campaign across the
// US DST change (golden), the pack's config deciding what is refused, the row cap on a large campaign.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadCampaigns } from "../../program/campaigns";
import { calloutTaskKind } from "../../provider/callout-task/campaign";
import { TYPE_TOKEN } from "../../provider/callout-task/schema";
import { ganttLines } from "../../review/mermaid";
import { pictureOf, ROW_CAP, windowRules } from "../../review/picture";
import { REPO } from "../../scripts/pulumi-cli";
import { matchGolden, POLICY_CONFIG, review } from "./golden";

/** Campaign folders reviewed from a preview made here (a create step per file), not captured from the engine. */
export const PICTURES = path.join(REPO, "test", "fixtures", "pictures");
export const PICTURE_SCENARIOS = ["us-dst"];

/** A digest preview (`pulumi preview --json`) creating the folder's campaigns, callees secret as the engine shows them. */
export function digestPreview(dir: string): string {
    const steps = loadCampaigns(path.join(dir, "campaigns"), { now: 0, warn: () => {} }).map((c) => ({
        op: "create",
        urn: `urn:pulumi:pictures::ccc-campaigns::${TYPE_TOKEN}::${c.name}`,
        newState: { type: TYPE_TOKEN, custom: true, inputs: { ...JSON.parse(JSON.stringify(c.inputs)), callees: "[secret]" } },
    }));
    return `${JSON.stringify({ steps, diagnostics: [], changeSummary: { create: steps.length } }, null, 2)}\n`;
}

const campaign = (name: string) => {
    const [c] = loadCampaigns(path.join(PICTURES, name, "campaigns"), { now: 0, warn: () => {} });
    return calloutTaskKind.read(c.inputs as Record<string, unknown>).campaign;
};
const exampleRules = () => windowRules(JSON.parse(fs.readFileSync(POLICY_CONFIG, "utf8")));

describe("ccc-review: the chart of call windows", () => {
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-picture-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    for (const name of PICTURE_SCENARIOS) {
        it(`${name}: the review's golden file`, () => {
            const dir = path.join(tmp, name);
            fs.cpSync(path.join(PICTURES, name), dir, { recursive: true });
            fs.writeFileSync(path.join(dir, "preview-digest.json"), digestPreview(dir));
            fs.writeFileSync(path.join(dir, "state.json"), JSON.stringify({ version: 3, deployment: { resources: [] } }));
            const r = review(dir, [], "preview-digest.json");
            assert.equal(r.stderr, "");
            matchGolden(`${name}.md`, r.stdout);
        });
    }
});
