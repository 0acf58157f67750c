// The upgrade of a policy config through the real engine: a --policy-pack-config file written for the
// pack's names (ccc-*) keeps its effect on a stack with a task of each kind, and the CLI's handling of a
// name the pack lacks (ignored, silently) is what keeps the names (docs/policy-pack.md).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { REPO } from "../../scripts/pulumi-cli";
import type { LocalStack } from "../../scripts/pulumi-cli";
import { engineStack } from "../support/engine-harness";
import { aiTask, campaign, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

const PACK = path.join(REPO, "policy");
const TODAYS_NAMES = path.join(REPO, "test", "fixtures", "policy-config-ccc-names.json");

describe("Pulumi engine end to end: a policy config written for today's policy names", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let stack: LocalStack;
    let campaignsDir: string;
    const preview = async (...config: string[]) => {
        const r = await stack.preview(["--policy-pack", PACK, ...config.flatMap((c) => ["--policy-pack-config", c])]);
        return { code: r.code, text: r.stdout + r.stderr };
    };

    before(async function () {
        this.timeout(3_600_000);
        emu = await startTestEmulator();
        let writeCampaign: (name: string, inputs: Record<string, unknown>) => void;
        ({ stack, writeCampaign, campaigns: campaignsDir } = await engineStack("e2e-policy-config", emu, { "alicloud:accessKey": SECRET_ID, "alicloud:aiccsEndpoint": emu.aiccs.endpoint }, { "alicloud:secretKey": SECRET_KEY }));
        writeCampaign("reminders", campaign());
        writeCampaign("ai", aiTask());
    });
    after(async () => emu?.close());

    it("without a config: the defaults pass both tasks, with ccc-attempts' and ccc-schedule's advisories", async () => {
        const r = await preview();
        assert.equal(r.code, 0, r.text);
        assert.match(r.text, /\[advisory\]\s+ccc-attempts\s+\(pulumi-nodejs:dynamic\/tencentcloud-ccc:CalloutTask: reminders\)/);
        assert.match(r.text, /\[advisory\]\s+ccc-schedule\s+\(pulumi-nodejs:dynamic\/alicloud-aiccs:AiCallTask: ai\)/);
        assert.doesNotMatch(r.text, /ccc-allowed-hours/);
    });

    it("with it: its narrower allowed hours block both kinds, and the policies it disables say nothing", async () => {
        const r = await preview(TODAYS_NAMES);
        assert.notEqual(r.code, 0, r.text);
        assert.match(r.text, /\[mandatory\]\s+ccc-allowed-hours\s+\(pulumi-nodejs:dynamic\/tencentcloud-ccc:CalloutTask: reminders\)/);
        assert.match(r.text, /\[mandatory\]\s+ccc-allowed-hours\s+\(pulumi-nodejs:dynamic\/alicloud-aiccs:AiCallTask: ai\)/);
        assert.match(r.text, /outside 10:30–11:00/);
        assert.doesNotMatch(r.text, /ccc-attempts|ccc-schedule/);
        assert.equal(emu.aiccs.requestLog().filter((e) => !e.action.startsWith("Query")).length, 0);
    });

    it("the same blocks under names the pack lacks change nothing: the CLI ignores them without a word", async () => {
        const renamed = Object.fromEntries(Object.entries(JSON.parse(fs.readFileSync(TODAYS_NAMES, "utf8"))).map(([k, v]) => [k.replace(/^ccc-/, "campaign-"), v]));
        const file = path.join(campaignsDir, "..", "policy-config-renamed.json");
        fs.writeFileSync(file, JSON.stringify(renamed));
        const r = await preview(file);
        assert.equal(r.code, 0, r.text);
        assert.match(r.text, /\[advisory\]\s+ccc-attempts/);
        assert.match(r.text, /\[advisory\]\s+ccc-schedule/);
        assert.doesNotMatch(r.text, /ccc-allowed-hours|campaign-/);
    });
});
