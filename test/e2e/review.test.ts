// The review on real previews: the real engine (CLI, default program, policy pack) runs one stack on
// the emulator through the golden scenarios. Each step captures `pulumi preview --json` (streaming
// engine events, which carry the policy verdicts), `pulumi stack export --show-secrets` and the
// campaign folder, reviews the fresh capture and compares it with the golden file; then it checks that
// the normalised fixture (what test/review/summary.test.ts reviews without the engine) gives the same
// review. UPDATE_GOLDEN=1 rewrites fixtures and golden files instead. The steps run in order.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { LocalStack } from "../../scripts/pulumi-cli";
import { engineStack, type EngineStack, EXAMPLE_PACK } from "../support/engine-harness";
import { campaign, startTestEmulator } from "../support/provider-harness";
import { FIXTURES, fullNumbers, matchGolden, normaliseCapture, review, SCENARIOS, type Scenario, UPDATE } from "../review/golden";

/** Model clock start, 2027-02-27T00:00:00Z: two days before the campaigns. */
const CLOCK_START = Date.UTC(2027, 1, 27) / 1000;
/** 2027-03-01T09:00:00+08:00, when the campaigns start. */
const START = Date.UTC(2027, 2, 1, 1, 0, 0) / 1000;

/** A campaign in March 2027 that passes every policy of the example config. */
const planned = (overrides: Record<string, unknown> = {}) =>
    campaign({ notBefore: "2027-03-01T09:00:00+08:00", notAfter: "2027-03-04T20:00:00+08:00", retryInterval: 3600, ...REMINDERS, ...overrides });
// Numbers with distinct last digits, so that the masked samples differ.
const REMINDERS = { callees: ["+8613012345601", "+8613112345602", "+8613212345603"] };
const SURVEYS = { name: "surveys", callees: ["+8613512345604", "+8613612345605"] };

describe("ccc-review on real previews (engine + policy pack + emulator, golden files)", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let env: EngineStack;
    let streaming: LocalStack;
    const pack = EXAMPLE_PACK;
    /** Where each scenario's capture goes: it holds callee numbers in plain text (`--show-secrets`), so a private folder, gone after the suite. */
    let captures: string;

    before(async function () {
        this.timeout(3_600_000); // a cold machine builds the CLI from the Go module proxy
        emu = await startTestEmulator({ clockStart: CLOCK_START });
        env = await engineStack("review-e2e", emu);
        // The same stack, with `preview --json` printing engine events (they carry the policy verdicts).
        streaming = new LocalStack(env.stack.bin, env.stack.stackName, { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" });
        captures = fs.mkdtempSync(path.join(os.tmpdir(), "review-e2e-captures-"));
    });
    after(async () => {
        if (captures) fs.rmSync(captures, { recursive: true, force: true });
        await emu?.close();
    });

    /** Captures the preview, the state export and the campaign files, then checks the review against the golden files. */
    async function capture(s: Scenario, digest = false): Promise<void> {
        const dir = path.join(captures, s.name);
        fs.mkdirSync(path.join(dir, "campaigns"), { recursive: true });
        for (const f of fs.readdirSync(env.campaigns)) fs.copyFileSync(path.join(env.campaigns, f), path.join(dir, "campaigns", f));
        const preview = await (digest ? env.stack : streaming).command(["preview", "--json"], pack);
        assert.equal(preview.code, s.name.startsWith("policy-failure") ? 1 : 0, `preview exit ${preview.code}\n${preview.stderr}\n${preview.stdout.slice(-4000)}`);
        const previewFile = s.preview ?? "preview.json";
        fs.writeFileSync(path.join(dir, previewFile), preview.stdout);
        fs.writeFileSync(path.join(dir, "state.json"), await env.stack.ok(["stack", "export", "--show-secrets", "--stack", env.stack.stackName]));

        const fresh = review(dir, [], previewFile);
        assert.equal(fresh.code, s.exit, fresh.stdout + fresh.stderr);
        for (const n of fullNumbers(dir)) assert.ok(!fresh.stdout.includes(n.slice(-9)), `a full number in the review: …${n.slice(-4)}`);
        matchGolden(`${s.name}.md`, fresh.stdout);
        if (s.json) matchGolden(`${s.name}.json`, review(dir, ["--format", "json"], previewFile).stdout);

        // The fixture the fast test reviews: normalised, and giving the same review.
        const fixture = path.join(FIXTURES, s.name);
        if (UPDATE) {
            fs.rmSync(fixture, { recursive: true, force: true });
            fs.mkdirSync(fixture, { recursive: true });
            fs.cpSync(path.join(dir, "campaigns"), path.join(fixture, "campaigns"), { recursive: true });
            for (const f of [previewFile, "state.json"]) fs.writeFileSync(path.join(fixture, f), normaliseCapture(fs.readFileSync(path.join(dir, f), "utf8"), emu.url));
        }
        assert.equal(review(fixture, [], previewFile).stdout, fresh.stdout, `the fixture ${s.name} no longer reviews like the fresh capture`);
    }

    const scenario = (name: string) => SCENARIOS.find((s) => s.name === name)!;
    const up = async () => {
        const r = await env.stack.up();
        assert.equal(r.code, 0, r.stdout + r.stderr);
    };

    it("create: two new campaigns", async () => {
        env.writeCampaign("reminders", planned());
        env.writeCampaign("surveys", planned(SURVEYS));
        await capture(scenario("create"));
        // One at a time, so that the task ids do not depend on which create the engine sends first.
        env.removeCampaign("surveys");
        await up();
        env.writeCampaign("surveys", planned(SURVEYS));
        await up();
    });

    it("unchanged: nothing to do", async () => {
        await capture(scenario("unchanged"));
    });

    it("pause, then resume", async () => {
        env.writeCampaign("surveys", planned({ ...SURVEYS, paused: true }));
        await capture(scenario("pause"));
        await up();
        env.writeCampaign("surveys", planned(SURVEYS));
        await capture(scenario("resume"));
        await up();
    });

    it("replace of a started campaign: counts reached callees and needs --ack-restart", async () => {
        // Two and a half minutes into the first window: some callees answered, others not reached yet.
        emu.setClock(START + 150);
        const refresh = await env.stack.refresh();
        assert.equal(refresh.code, 0, refresh.stdout + refresh.stderr);
        env.writeCampaign("reminders", planned({ tries: 3, callees: ["+8613112345602", "+8613212345603", "+8613312345606", "+8613412345607"] }));
        const s = scenario("replace-started");
        await capture(s);
        const acked = review(path.join(captures, s.name), ["--ack-restart"]);
        assert.equal(acked.code, 0, acked.stdout + acked.stderr);
        assert.match(acked.stdout, /acknowledged with `--ack-restart`/);
        env.writeCampaign("reminders", planned());
    });

    it("removal: the task is stopped", async () => {
        env.removeCampaign("surveys");
        await capture(scenario("removal"));
        env.writeCampaign("surveys", planned(SURVEYS));
    });

    it("policy failure: a night window is a mandatory violation, in both JSON forms", async () => {
        env.writeCampaign("night-calls", planned({ name: "night-calls", callees: ["+8613812345608"], availableTime: [{ start: "21:30", end: "23:00" }] }));
        await capture(scenario("policy-failure"));
        await capture(scenario("policy-failure-digest"), true);
        env.removeCampaign("night-calls");
    });
});
