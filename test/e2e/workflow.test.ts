// The team workflow end to end, with the real CLI and engine: the pipeline script (scripts/ci.sh) on
// an S3-compatible backend (gofakes3) and the emulator, and the local loop (npm run ccc).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import type { Emulator } from "../../emulator";
import { TYPE_TOKEN } from "../../provider/callout-task/schema";
import { KINDS } from "../../provider/kinds";
import { LOCAL_CREDENTIALS, LocalEmulator } from "../../scripts/local-emulator";
import { ensurePulumi, LocalStack, REPO, type RunResult } from "../../scripts/pulumi-cli";
import { actions, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";
import { type S3Server, startS3Server } from "../support/s3-server";
import { filesUnder, leaks, run, spring } from "../support/workflow";

const mutations = (emu: Emulator, from: number) => actions(emu, from).filter((a) => /Create|Pause|Resume|Stop/.test(a));
const NIGHT = spring({ name: "night-calls", callees: ["+8613812345678"], availableTime: [{ start: "21:30", end: "23:00" }] }) as { callees: string[] };
/** The callees of the campaign every test declares. */
const CALLEES = spring().callees as string[];
const CI_PASSPHRASE = "ci-secret-passphrase";

describe("Pipeline: scripts/ci.sh on an S3-compatible backend and the emulator", function () {
    this.timeout(900_000);
    const dir = path.join(REPO, ".state", "pipeline-test");
    const campaigns = path.join(dir, "campaigns");
    const out = path.join(dir, "out");
    /** The runs' temporary folder: the private one ci.sh makes must be gone after each run. */
    const tmp = path.join(dir, "tmp");
    let s3: S3Server;
    let emu: Emulator;
    let env: Record<string, string>;
    /** Only the merge job holds the CCC keys. */
    const DEPLOY_KEYS = { TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY };
    /** The CI log (stdout and stderr) of every run. */
    const ciLog: Record<string, string> = {};
    const ci = async (step: "preview" | "up", extra: Record<string, string> = {}) => {
        const r = await run("bash", [path.join(REPO, "scripts", "ci.sh"), step], { ...env, ...(step === "up" ? DEPLOY_KEYS : {}), ...extra });
        ciLog[`CI log ${Object.keys(ciLog).length + 1} (${step})`] = r.stdout + r.stderr;
        return r;
    };
    const writeCampaign = (name: string, inputs: Record<string, unknown>) => fs.writeFileSync(path.join(campaigns, `${name}.yaml`), stringify(inputs));
    const review = () => JSON.parse(fs.readFileSync(path.join(out, "review.json"), "utf8"));

    before(async function () {
        this.timeout(3_600_000);
        const bin = ensurePulumi();
        s3 = await startS3Server();
        emu = await startTestEmulator();
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(campaigns, { recursive: true });
        fs.mkdirSync(tmp);
        // What the team commits: the stack's non-secret settings. Everything secret comes from the environment, as CI secrets.
        fs.writeFileSync(path.join(dir, "Pulumi.pipeline.yaml"), stringify({ config: { "ccc-campaigns:campaignsDir": campaigns } }));
        env = {
            ...s3.env,
            PATH: `${bin}${path.delimiter}${process.env.PATH}`,
            TMPDIR: tmp,
            PULUMI_CONFIG_PASSPHRASE: CI_PASSPHRASE,
            PULUMI_CONFIG_PASSPHRASE_FILE: "",
            TENCENTCLOUD_SECRET_ID: "", // a pull request's job holds no CCC key
            TENCENTCLOUD_SECRET_KEY: "",
            TENCENTCLOUD_CCC_ENDPOINT: emu.url,
            CCC_STACK: "pipeline",
            CCC_STACK_CONFIG: path.join(dir, "Pulumi.pipeline.yaml"),
            CCC_OUT_DIR: out,
            CCC_SKIP_INSTALL: "1", // this checkout is installed; `npm ci` here would pull node_modules from under the other tests
            CCC_LOCK_POLL_SECONDS: "2",
        };
        writeCampaign("reminders", spring());
    });
    after(async () => {
        await emu?.close();
        await s3?.close();
    });

    it("refuses to run without the passphrase from the environment, and to deploy without the CCC keys", async () => {
        const r = await ci("up", { PULUMI_CONFIG_PASSPHRASE: "" });
        assert.equal(r.code, 1);
        assert.match(r.stderr, /PULUMI_CONFIG_PASSPHRASE is not set/);
        const keyless = await ci("up", { TENCENTCLOUD_SECRET_KEY: "" });
        assert.equal(keyless.code, 1);
        assert.match(keyless.stderr, /TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set: give them from CI secrets to the deploy job/);
    });

    it("merge: up deploys with the policy pack; a second merge at the same time waits for the lock, then finds nothing to do", async () => {
        const before = emu.requestLog().length;
        emu.setFaults({ latencyMs: 3000 }); // keeps the first deploy inside the API, holding the lock
        let first: RunResult, second: RunResult;
        try {
            const running = ci("up");
            while (emu.requestLog().length === before) await new Promise((r) => setTimeout(r, 100));
            second = await ci("up", { CCC_OUT_DIR: path.join(dir, "out-second") }); // another runner: its own checkout
            first = await running;
        } finally {
            emu.clearFaults();
        }
        assert.equal(first.code, 0, first.stdout + first.stderr);
        assert.equal(second.code, 0, second.stdout + second.stderr);
        assert.match(first.stdout, /ccc-call-windows@v[\d.]+ \(local: /, "the policy pack did not run on up");
        assert.match(second.stderr, /another deploy holds the stack's lock: waiting/);
        assert.deepEqual(mutations(emu, before), ["CreateAutoCalloutTask"]);
        assert.ok(await s3.get(".pulumi/stacks/ccc-campaigns/pipeline.json"), "no state in the bucket");
        assert.ok(!fs.existsSync(path.join(REPO, "Pulumi.pipeline.yaml")), "stack settings left beside Pulumi.yaml");
        assert.deepEqual(fs.readdirSync(out), [], "up leaves nothing in the output folder");
    });

    it("pull request changing a campaign, with no CCC keys: the review shows the change, nothing is called, only the review is left", async () => {
        writeCampaign("reminders", spring({ availableTime: [{ start: "10:00", end: "12:00" }] }));
        const before = emu.requestLog().length;
        const r = await ci("preview", { CCC_ACK_RESTART: "1" });
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.deepEqual(emu.requestLog().slice(before), [], "a preview called the API");
        assert.deepEqual(fs.readdirSync(out).sort(), ["review.json", "review.md"]);
        const [reminders] = review().campaigns;
        assert.equal(reminders.name, "reminders");
        assert.equal(reminders.action, "replace");
        assert.deepEqual(reminders.replaceReasons, ["availableTime"]);
        assert.deepEqual(reminders.schedule.windows, ["10:00–12:00 every day"]);
        assert.equal(reminders.callees.count, 3, "the callees counted from the campaign file and the state export");
        assert.match(fs.readFileSync(path.join(out, "review.md"), "utf8"), /\| reminders \| replace \| 3 \(CN 3\) \| `availableTime` \|/);
    });

    it("pull request adding a campaign that calls at night: fails on the mandatory policy, nothing is called", async () => {
        writeCampaign("night-calls", NIGHT);
        const before = emu.requestLog().length;
        const r = await ci("preview");
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stderr, /ci: pulumi preview failed/);
        // Pulumi's --json document leaves policy events out; the event stream has them, and the CI log shows them.
        assert.match(r.stderr, /^\[mandatory\] ccc-allowed-hours: night-calls: .*window 21:30/m);
        assert.match(r.stderr, /\+86\*+78/, "the callee, masked");
        assert.deepEqual(fs.readdirSync(out).sort(), ["review.json", "review.md"]);
        assert.match(fs.readFileSync(path.join(out, "review.md"), "utf8"), /ccc-allowed-hours/);
        const mandatory = review().policy.verdicts.filter((v: any) => v.level === "mandatory");
        assert.deepEqual(mandatory.map((v: any) => [v.policy, v.violations.map((x: any) => x.resource)]), [["ccc-allowed-hours", ["night-calls"]]]);
        assert.deepEqual(emu.requestLog().slice(before), []);
        fs.rmSync(path.join(campaigns, "night-calls.yaml"));
    });

    it("nothing the runs left, and no CI log, holds a callee number in any spelling or a credential", () => {
        const left = filesUnder(dir, [campaigns]);
        assert.deepEqual(
            left.map((f) => path.relative(dir, f)).sort(),
            ["Pulumi.pipeline.yaml", "out/review.json", "out/review.md"],
            "files other than the review (the private folder, Pulumi's home and logs are removed)",
        );
        assert.deepEqual(fs.readdirSync(tmp), [], "the private folder outlived its run");
        assert.equal(Object.keys(ciLog).length, 6);
        assert.deepEqual(leaks(left, ciLog, [...CALLEES, ...NIGHT.callees], [SECRET_KEY, CI_PASSPHRASE]), []);
    });
});

describe("Local loop: npm run ccc on a persistent stack and a background emulator", function () {
    this.timeout(900_000);
    const name = "loop-test";
    let stack: LocalStack;
    const campaigns = path.join(REPO, ".state", `${name}-campaigns`);
    /** The output of every command, searched for numbers at the end. */
    const loopLog: Record<string, string> = {};
    const ccc = async (...args: string[]) => {
        const r = await run(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(REPO, "scripts", "ccc.ts"), ...args, "--stack", name], {});
        loopLog[`ccc ${args.join(" ")} (${Object.keys(loopLog).length})`] = r.stdout + r.stderr;
        return r;
    };
    const writeCampaign = (file: string, inputs: Record<string, unknown>) => fs.writeFileSync(path.join(campaigns, `${file}.yaml`), stringify(inputs));
    const emulator = new LocalEmulator(path.join(REPO, ".state", name));

    before(async function () {
        this.timeout(3_600_000);
        await emulator.stop(); // one left by an interrupted run
        fs.rmSync(path.join(REPO, ".state", name), { recursive: true, force: true });
        fs.rmSync(campaigns, { recursive: true, force: true });
        fs.mkdirSync(campaigns, { recursive: true });
        stack = new LocalStack(ensurePulumi(), name);
        assert.equal(await stack.open(), true);
        await stack.setConfig("ccc-campaigns:campaignsDir", campaigns);
        writeCampaign("reminders", spring());
    });
    after(async () => {
        await emulator.stop();
    });

    it("every command answers --help without running anything", async () => {
        for (const command of ["", "preview", "up", "refresh", "destroy", "emulator", "clock", "env"]) {
            const r = await ccc(...(command ? [command] : []), "--help");
            assert.equal(r.code, 0, `${command} --help: ${r.stderr}`);
            assert.match(r.stdout, /^Usage: /, command);
        }
        assert.equal(await emulator.status(), undefined, "--help started the emulator");
        const demo = await run(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(REPO, "scripts", "demo.ts"), "--help"], {});
        assert.equal(demo.code, 0, demo.stderr);
        assert.match(demo.stdout, /^Usage: npm run demo/);
        assert.doesNotMatch(demo.stdout, /== /, "--help ran the demo");
    });

    it("the stack's passphrase is random, not the demo's", () => {
        const passphrase = fs.readFileSync(stack.passphraseFile, "utf8");
        assert.ok(passphrase.length >= 40 && passphrase !== "local-demo-passphrase");
        assert.equal(fs.statSync(stack.passphraseFile).mode & 0o077, 0, "the passphrase file is readable by others");
    });

    it("env works the first time: messages on stderr, only the exports on stdout, for eval", async () => {
        const fresh = "env-first-use-test";
        fs.rmSync(path.join(REPO, ".state", fresh), { recursive: true, force: true });
        try {
            const r = await run("bash", ["-c", `set -e; eval "$(npm run --silent ccc -- env --stack ${fresh})"; pulumi stack ls --json; echo "stack=$CCC_STACK config=$CCC_STACK_CONFIG"`], {});
            assert.equal(r.code, 0, r.stdout + r.stderr);
            assert.match(r.stderr, new RegExp(`created the stack "${fresh}"`));
            assert.deepEqual(JSON.parse(r.stdout.slice(0, r.stdout.lastIndexOf("]") + 1)).map((s: any) => s.name), [fresh]);
            assert.match(r.stdout, new RegExp(`stack=${fresh} config=${path.join(REPO, ".state", fresh, `Pulumi.${fresh}.yaml`)}\n$`));
        } finally {
            fs.rmSync(path.join(REPO, ".state", fresh), { recursive: true, force: true });
        }
    });

    it("up --real and destroy --real ask first: with no terminal to ask on, they refuse unless --yes", async () => {
        for (const command of ["up", "destroy"]) {
            const r = await run(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(REPO, "scripts", "ccc.ts"), command, "--real", "--stack", name], {
                TENCENTCLOUD_SECRET_ID: "AKIDNOTUSED",
                TENCENTCLOUD_SECRET_KEY: "not-used",
            });
            assert.equal(r.code, 2, r.stdout + r.stderr);
            assert.match(r.stderr, new RegExp(`^ccc: ${command} --real changes tasks that dial real people: confirm with --yes \\(stdin is not a terminal, so it cannot ask\\)$`, "m"));
        }
    });

    it("up starts the emulator, deploys with the policy pack and no flag for it", async () => {
        const r = await ccc("up");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stderr, /started the CCC emulator at http:\/\/ccc\.localhost:\d+/);
        assert.match(r.stdout, /ccc-call-windows@v[\d.]+ \(local: /);
        assert.equal((await stack.resources(TYPE_TOKEN)).length, 1);
    });

    it("an edit shows its diff; a night window is blocked by the pack, without any flag", async () => {
        writeCampaign("reminders", spring({ availableTime: [{ start: "10:00", end: "12:00" }] }));
        const edit = await ccc("preview");
        assert.equal(edit.code, 0, edit.stdout + edit.stderr);
        assert.match(edit.stdout, /\+-pulumi-nodejs:dynamic\/tencentcloud-ccc:CalloutTask: \(replace\)/);
        assert.match(edit.stdout, /start: "09:00:00" => "10:00:00"/);
        assert.match(edit.stdout, /ccc-call-windows\|local\|/);
        // The review a pull request gets, after the diff.
        assert.match(edit.stdout, /## Campaign review: stack `loop-test`[\s\S]*\| reminders \| replace \| 3 \(CN 3\) \| `availableTime` \|/);
        writeCampaign("night-calls", NIGHT);
        const night = await ccc("preview");
        assert.notEqual(night.code, 0);
        assert.match(night.stdout + night.stderr, /\[mandatory\]\s+ccc-allowed-hours/);
        fs.rmSync(path.join(campaigns, "night-calls.yaml"));
    });

    it("the clock follows wall time and moves forward on request; the emulator's tasks survive a restart", async () => {
        const clock = async () => Date.parse((await ccc("clock")).stdout.trim()) / 1000;
        const start = await clock();
        assert.ok(Math.abs(start - Date.now() / 1000) < 120, `clock ${start} is not wall time`);
        const moved = await ccc("clock", "advance", "2h");
        assert.equal(moved.code, 0, moved.stderr);
        assert.ok(Date.parse(moved.stdout.trim()) / 1000 - start >= 7200);
        assert.equal((await ccc("clock", "advance", "2x")).code, 2);

        assert.match((await ccc("emulator", "stop")).stdout, /stopped/);
        assert.equal((await ccc("emulator", "status")).code, 1);
        const refresh = await ccc("refresh"); // starts it again, on the same port, from its state file
        assert.equal(refresh.code, 0, refresh.stdout + refresh.stderr);
        assert.match(refresh.stderr, /started the CCC emulator/);
        assert.equal((await stack.resources(TYPE_TOKEN)).length, 1, "the task vanished with the emulator's restart");
    });

    it("refresh prints what it read: past the campaign's end, the task is completed with its answers", async () => {
        assert.equal((await ccc("clock", "advance", "400d")).code, 0);
        const r = await ccc("refresh");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const [task] = await stack.resources(TYPE_TOKEN);
        assert.equal(task.outputs.stateName, "completed");
        const p = task.outputs.progress;
        assert.match(
            r.stdout,
            new RegExp(`\nRead back:\n  reminders: completed \\(CalloutTask ${task.id}\\), ${p.answered} answered of 3, ${p.notAnswered} not answered, 0 calling or awaiting a retry, 0 not dialed yet\n`),
        );
    });

    it("the review snippet of docs/review.md writes only the review, and nothing untracked in the repository", async () => {
        const snippet = /^eval "\$\(npm run --silent ccc -- env\)".*\nPULUMI_ENABLE_STREAMING_JSON_PREVIEW=true pulumi preview [\s\S]*?> \.state\/review\.md\n/m.exec(fs.readFileSync(path.join(REPO, "docs", "review.md"), "utf8"))?.[0];
        assert.ok(snippet, "no review snippet in docs/review.md");
        const tracked = (await run("git", ["status", "--porcelain"], {})).stdout;
        fs.rmSync(path.join(REPO, ".state", "review.md"), { force: true });
        // This test's stack and campaign folder in place of the default ones.
        const r = await run("bash", ["-c", snippet.replace("ccc -- env", `ccc -- env --stack ${name}`).replace("--campaigns campaigns", `--campaigns ${campaigns}`)], {});
        assert.equal(r.code, 0, r.stdout + r.stderr);
        loopLog["docs/review.md review snippet"] = r.stdout + r.stderr;
        const review = fs.readFileSync(path.join(REPO, ".state", "review.md"), "utf8");
        assert.match(review, /^## Campaign review: stack `loop-test`\n/);
        assert.match(review, /\| reminders \| replace \| 3 \(CN 3\) \| `availableTime` \|/, "the edit of an earlier step, not deployed");
        assert.equal((await run("git", ["status", "--porcelain"], {})).stdout, tracked, "the snippet left files in the repository");
    });

    it("nothing the loop left holds a callee number or a credential; the CLI writes no run log; the stack's folder is private", () => {
        const dir = path.join(REPO, ".state", name);
        const home = path.join(dir, "home");
        assert.ok(fs.statSync(path.join(home, "logs")).isFile(), "Pulumi's run logs (readable with the passphrase beside them) are not blocked");
        assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
        // The emulator is the CCC service: it keeps its tasks' callees, in a file for this user only.
        const tasks = path.join(dir, "emulator-state.json");
        assert.equal(fs.statSync(tasks).mode & 0o777, 0o600);
        const passphrase = path.join(dir, "passphrase");
        const left = filesUnder(dir, [tasks, passphrase]).concat(path.join(REPO, ".state", "review.md"));
        assert.deepEqual(leaks(left, loopLog, CALLEES, [LOCAL_CREDENTIALS.secretKey, fs.readFileSync(passphrase, "utf8")]), []);
    });
});

describe("Local loop: every kind in campaigns/, on the emulator of each vendor", function () {
    this.timeout(900_000);
    const name = "loop-kinds-test";
    const dir = path.join(REPO, ".state", name);
    const emulator = new LocalEmulator(dir);
    const ccc = (...args: string[]) => run(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(REPO, "scripts", "ccc.ts"), ...args, "--stack", name], {});
    /** Each campaign file of the default program: its resource name and its kind's type token. */
    const files = fs
        .readdirSync(path.join(REPO, "campaigns"))
        .filter((f) => f.endsWith(".yaml"))
        .map((f) => {
            const kind = parse(fs.readFileSync(path.join(REPO, "campaigns", f), "utf8")).kind ?? "CalloutTask";
            return { name: f.replace(/\.yaml$/, ""), kind, token: KINDS.find((k) => k.name === kind)!.tokens.dynamic };
        });
    let stack: LocalStack;

    before(async () => {
        await emulator.stop(); // one left by an interrupted run
        fs.rmSync(dir, { recursive: true, force: true });
        stack = new LocalStack(ensurePulumi(), name);
    });
    after(async () => {
        await emulator.stop();
    });

    it("campaigns/ holds kinds of both vendors", () => {
        assert.deepEqual([...new Set(files.map((f) => f.token.split(":")[1].split("/")[1]))].sort(), ["alicloud-aiccs", "tencentcloud-ccc"]);
    });

    it("up deploys every file as its kind, status and refresh show each, destroy removes them all", async () => {
        const up = await ccc("up");
        assert.equal(up.code, 0, up.stdout + up.stderr);
        for (const { token } of files) {
            const declared = files.filter((f) => f.token === token).map((f) => f.name);
            assert.deepEqual((await stack.resources(token)).map((r) => r.name).sort(), declared.sort(), token);
        }
        const running = (await emulator.status())!;
        assert.match(fs.readFileSync(stack.configFile, "utf8"), new RegExp(`alicloud:aiccsEndpoint: ${running.aiccsEndpoint.replace(/\./g, "\\.")}\n`));

        const status = await ccc("status", "--format", "json");
        assert.equal(status.code, 0, status.stderr);
        assert.deepEqual(
            JSON.parse(status.stdout).campaigns.map((c: { name: string; kind: string }) => [c.name, c.kind]).sort(),
            files.map((f) => [f.name, f.kind]).sort(),
        );
        const refresh = await ccc("refresh");
        assert.equal(refresh.code, 0, refresh.stdout + refresh.stderr);
        for (const { name: file, kind } of files) assert.match(refresh.stdout, new RegExp(`\n  ${file}: \\S+ \\(${kind} \\d+\\), 0 answered of \\d+`), file);

        const destroy = await ccc("destroy");
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        for (const { token } of files) assert.deepEqual(await stack.resources(token), [], token);
    });
});
