// The review on previews captured from the real engine (test/fixtures/previews, written by
// test/e2e/review.test.ts), compared with the golden files; no CLI or emulator needed. Then the
// command's edges: bad input, options, secrets.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main, OPTIONS, USAGE } from "../../review/cli";
import { parsePreview, parseStateExport } from "../../review/input";
import { renderMarkdown } from "../../review/markdown";
import { exitCodeOf, summarize } from "../../review/summary";
import { REPO } from "../../scripts/pulumi-cli";
import { agentCruiseCampaignKind } from "../../provider/agent-cruise-campaign/campaign";
import { PLUGIN_TYPE_TOKEN as AICCS_PLUGIN_TYPE_TOKEN } from "../../provider/ai-call-task/schema";
import { predictiveCampaignKind } from "../../provider/predictive-campaign/campaign";
import { PLUGIN_TYPE_TOKEN, TYPE_TOKEN } from "../../provider/callout-task/schema";
import { FIXTURES, fullNumbers, GOLDEN, matchGolden, review, SCENARIOS } from "./golden";

const fixture = (name: string, file: string) => fs.readFileSync(path.join(FIXTURES, name, file), "utf8");

function run(args: string[]) {
    let stdout = "";
    let stderr = "";
    const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
}

describe("ccc-review: golden reviews of captured previews", () => {
    for (const s of SCENARIOS) {
        it(`${s.name}: ${s.title} (exit ${s.exit})`, () => {
            const dir = path.join(FIXTURES, s.name);
            const r = review(dir, [], s.preview);
            assert.equal(r.stderr, "");
            assert.equal(r.code, s.exit, r.stdout);
            matchGolden(`${s.name}.md`, r.stdout);
            const json = review(dir, ["--format", "json"], s.preview);
            assert.equal(json.code, s.exit);
            if (s.json) matchGolden(`${s.name}.json`, json.stdout);
            for (const n of fullNumbers(dir)) {
                for (const out of [r.stdout, json.stdout]) assert.ok(!out.includes(n.slice(-9)), `a full number in the ${s.name} review: …${n.slice(-4)}`);
            }
            // Outside code spans, a masked number's asterisks must be escaped, or Markdown reads them as emphasis.
            const prose = r.stdout.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
            assert.deepEqual(prose.match(/\d(?<!\\)\*+\d/g) ?? [], [], "a masked number rendered as emphasis");
        });
    }
});

describe("ccc-review: tasks of the provider plugin (YAML, Python…)", () => {
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-review-plugin-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    // The captures of the dynamic resource, with the plugin's type token: the review must read the same steps and state.
    for (const name of ["create", "replace-started", "removal"]) {
        it(`${name}: reviewed as the dynamic resource's`, () => {
            const dir = path.join(tmp, name);
            fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
            for (const file of ["preview.json", "state.json"]) {
                const text = fs.readFileSync(path.join(dir, file), "utf8");
                if (file === "preview.json") assert.ok(text.includes(TYPE_TOKEN), `${name}/${file} has no CalloutTask`);
                fs.writeFileSync(path.join(dir, file), text.split(TYPE_TOKEN).join(PLUGIN_TYPE_TOKEN));
            }
            const r = review(dir);
            assert.equal(r.stderr, "");
            assert.equal(r.stdout, fs.readFileSync(path.join(GOLDEN, `${name}.md`), "utf8"));
        });
    }

    it("an AiCallTask of the alicloud-aiccs plugin is read from a state export, its callees opened (an export with --show-secrets)", () => {
        const id = "118712345678900001";
        const callees = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify([{ number: "+8613800000001" }]) };
        const resource = { urn: `urn:pulumi:dev::p::${AICCS_PLUGIN_TYPE_TOKEN}::ai`, type: AICCS_PLUGIN_TYPE_TOKEN, id, inputs: { callees }, outputs: { taskName: "ai", callees, taskId: id, statusName: "running" } };
        const [r] = parseStateExport(JSON.stringify({ deployment: { resources: [resource] } }));
        assert.deepEqual([r.name, r.kind.name, r.id, r.outputs.callees, r.inputs.callees], ["ai", "AiCallTask", id, [{ number: "+8613800000001" }], [{ number: "+8613800000001" }]]);
    });
});

describe("ccc-review: restarts", () => {
    const input = () => ({
        preview: parsePreview(fixture("replace-started", "preview.json")),
        state: parseStateExport(fixture("replace-started", "state.json")),
    });

    it("a replaced running task is blocked until --ack-restart, and reports who was reached", () => {
        const blocked = summarize(input());
        const reminders = blocked.campaigns.find((c) => c.name === "reminders")!;
        assert.equal(reminders.action, "replace");
        assert.equal(reminders.restart?.stateName, "running");
        assert.ok(reminders.restart!.dialed > 0 && reminders.restart!.dialed <= reminders.restart!.total, JSON.stringify(reminders.restart));
        assert.equal(reminders.restart?.redial, "unreached");
        assert.equal(exitCodeOf(blocked), 1);
        assert.match(blocked.blocking.join("\n"), /replacing reminders restarts a running campaign .*--ack-restart/);
        const acked = summarize({ ...input(), ackRestart: true });
        assert.equal(exitCodeOf(acked), 0);
    });

    it('redial: "everyone" says that reached callees are dialed again', () => {
        const i = input();
        const step = i.preview.steps.find((s) => s.name === "reminders")!;
        step.new!.inputs.redial = "everyone";
        const md = renderMarkdown(summarize(i));
        assert.match(md, /`redial: everyone`: every callee is dialed again, including the \d+ callees? already reached/);
    });

    it("each campaign kind words its own restart: the progress CCC reports and its redial values", () => {
        const texts = (kind: typeof predictiveCampaignKind, outputs: Record<string, unknown>) => {
            const p = kind.lifecycle.progress(outputs)!;
            return [kind.lifecycle.restart.spare, kind.lifecycle.restart.progress(p), kind.lifecycle.restart.redial(p, false), kind.lifecycle.restart.redial(p, true)];
        };
        assert.deepEqual(texts(predictiveCampaignKind, { progress: { callees: 4, finishedCallees: 1, sessions: 3 } }), [
            "unreached",
            "1 of 4 callees finished (answered or out of retries; CCC reports how many, not which)",
            "the replacement is refused (`redial` unset or `unreached`): CCC cannot tell which callees finished; set `redial: everyone` to call every callee again",
            "`redial: everyone`: every callee is dialed again, including the 1 callee already finished",
        ]);
        assert.equal(predictiveCampaignKind.lifecycle.restart.redial(predictiveCampaignKind.lifecycle.progress({ progress: { callees: 4, finishedCallees: 0, sessions: 0 } })!, false), "no callee has finished yet (`redial` unset or `unreached`): no one is dialed twice");
        assert.deepEqual(texts(agentCruiseCampaignKind, { progress: { total: 4, called: 2 } }), [
            "uncalled",
            "2 of 4 callees called (CCC reports no call outcomes)",
            "called callees are not dialed again (`redial` unset or `uncalled`, with `callOrder: 1`; in random order everyone is): up to 2 callees skipped; set `redial: everyone` to call them again",
            "`redial: everyone`: every callee is dialed again, including the 2 callees already called",
        ]);
    });

    it("without the state export and the campaign files, callees are reported as secret, not guessed", () => {
        const s = summarize({ preview: parsePreview(fixture("create", "preview.json")) });
        assert.deepEqual(s.campaigns.map((c) => c.callees.count), [undefined, undefined]);
        assert.equal(s.totals.calleesInNewTasks, undefined);
        assert.match(s.notes.join("\n"), /secret in the preview: give `--campaigns`/);
    });
});

describe("ccc-review: the command", () => {
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-review-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const write = (name: string, text: string) => {
        const f = path.join(tmp, name);
        fs.writeFileSync(f, text);
        return f;
    };
    /** An error is one line naming the problem, exit 2, and no stack trace. */
    const fails = (args: string[], pattern: RegExp) => {
        const r = run(args);
        assert.equal(r.code, 2, r.stdout + r.stderr);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, pattern);
        assert.doesNotMatch(r.stderr, /\n\s+at /, "a stack trace");
    };

    it("the bin runs under ts-node and sets the exit status", () => {
        const bin = path.join(REPO, "review", "bin.ts");
        const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", bin, "--preview", write("bad.json", "{")], { cwd: REPO, encoding: "utf8" });
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /^ccc-review: preview: not valid JSON/);
        assert.match(fs.readFileSync(bin, "utf8"), /^#!\/usr\/bin\/env node\n/);
    });

    it("--help describes every option", () => {
        const r = run(["--help"]);
        assert.equal(r.code, 0);
        assert.equal(r.stdout, `${USAGE}\n`);
        for (const name of Object.keys(OPTIONS)) assert.match(USAGE, new RegExp(`^\\s+(-\\w, )?--${name}\\b`, "m"), `--${name} is not described`);
    });

    it("a truncated preview document is a clear error", () => {
        const text = fixture("policy-failure-digest", "preview-digest.json");
        fails(["--preview", write("cut.json", text.slice(0, text.length / 2))], /^ccc-review: preview: not valid JSON: .*is the file truncated\?\n$/);
    });

    it("a truncated event stream (cut before the summary) is a clear error", () => {
        const lines = fixture("create", "preview.json").trim().split("\n");
        fails(["--preview", write("cut-lines.json", lines.slice(0, -3).join("\n"))], /ends before the preview's summary event; is the file truncated\?/);
        fails(["--preview", write("cut-mid.json", lines.join("\n").slice(0, -40))], /not valid JSON \(line \d+\)/);
    });

    it("JSON of another shape, an empty file, a missing file and a bad state export are clear errors", () => {
        fails(["--preview", write("shape.json", '{"steps": 5}')], /preview: not the output of `pulumi preview --json`: steps: /);
        fails(["--preview", write("empty.json", "\n")], /preview: empty/);
        fails(["--preview", path.join(tmp, "missing.json")], /preview: cannot read .*missing\.json: ENOENT/);
        const preview = path.join(FIXTURES, "create", "preview.json");
        fails(["--preview", preview, "--state", write("state.json", '{"version": 3}')], /state: not the output of `pulumi stack export`: deployment: /);
    });

    it("usage errors name the option", () => {
        fails(["--preveiw", "x"], /Unknown option '--preveiw'.*\nRun ccc-review --help/s);
        fails([], /--preview FILE is required/);
        fails(["--preview", "x", "--format", "html"], /--format must be markdown or json, got "html"/);
    });

    it("a campaign folder that is not the one the preview ran on is refused, naming the field", () => {
        const dir = path.join(tmp, "campaigns");
        fs.cpSync(path.join(FIXTURES, "create", "campaigns"), dir, { recursive: true });
        const file = path.join(dir, "surveys.yaml");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("tries: 2", "tries: 1"));
        fails(["--preview", path.join(FIXTURES, "create", "preview.json"), "--campaigns", dir], /campaigns: surveys: the campaign file does not match the preview \(tries differ\)/);
    });
});
