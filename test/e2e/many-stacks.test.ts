// Many stacks used as one, end to end with the real CLI and engine: scripts/ci.sh on a repository of
// three stacks (its own git history), an S3-compatible backend (gofakes3) and the emulator as the account.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import type { Emulator } from "../../emulator";
import { ensurePulumi, REPO } from "../../scripts/pulumi-cli";
import { SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";
import { type S3Server, startS3Server } from "../support/s3-server";
import { filesUnder, leaks, run, spring } from "../support/workflow";

const STACKS = ["alpha", "beta", "gamma"];
const CI_PASSPHRASE = "ci-secret-passphrase";
const CALLEES = spring().callees as string[];
const NIGHT = spring({ name: "night-calls", callees: ["+8613812345678"], availableTime: [{ start: "21:30", end: "23:00" }] }) as { callees: string[] };

/** The first line of `log` that starts with `prefix`, by index. */
const lineAt = (log: string, prefix: string) => log.split("\n").findIndex((l) => l.startsWith(prefix));

describe("Many stacks: scripts/ci.sh on a repository of three stacks, side by side", function () {
    this.timeout(1_200_000);
    const dir = path.join(REPO, ".state", "many-stacks-test");
    /** The team's repository: Pulumi.<stack>.yaml each naming stacks/<stack>/. */
    const repo = path.join(dir, "repo");
    const out = path.join(dir, "out");
    const tmp = path.join(dir, "tmp");
    const folder = (stack: string) => path.join(repo, "stacks", stack);
    let s3: S3Server;
    let emu: Emulator;
    let env: Record<string, string>;
    const ciLog: Record<string, string> = {};
    const ci = async (step: "preview" | "up", extra: Record<string, string> = {}) => {
        const keys: Record<string, string> = step === "up" ? { TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY } : {};
        const r = await run("bash", [path.join(REPO, "scripts", "ci.sh"), step], { ...env, ...keys, ...extra });
        ciLog[`CI log ${Object.keys(ciLog).length + 1} (${step})`] = r.stdout + r.stderr;
        return r;
    };
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" }).trim();
    const writeCampaign = (stack: string, file: string, inputs: Record<string, unknown>) => fs.writeFileSync(path.join(folder(stack), `${file}.yaml`), stringify(inputs));
    const review = () => JSON.parse(fs.readFileSync(path.join(out, "review.json"), "utf8"));
    /** Names of the tasks created since `from`, sorted. */
    const created = (from: number) =>
        emu
            .requestLog()
            .slice(from)
            .filter((e) => e.action === "CreateAutoCalloutTask" && e.outcome === "ok")
            .map((e) => e.params.Name)
            .sort();

    before(async function () {
        this.timeout(3_600_000);
        const bin = ensurePulumi();
        s3 = await startS3Server();
        emu = await startTestEmulator();
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(tmp, { recursive: true });
        for (const stack of STACKS) {
            fs.mkdirSync(folder(stack), { recursive: true });
            fs.writeFileSync(path.join(repo, `Pulumi.${stack}.yaml`), stringify({ config: { "ccc-campaigns:campaignsDir": folder(stack) } }));
            writeCampaign(stack, "reminders", spring({ name: `${stack}-reminders` }));
        }
        git("init", "-q", "-b", "main");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "empty");
        git("add", ".");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "three stacks");
        env = {
            ...s3.env,
            PATH: `${bin}${path.delimiter}${process.env.PATH}`,
            TMPDIR: tmp,
            PULUMI_CONFIG_PASSPHRASE: CI_PASSPHRASE,
            PULUMI_CONFIG_PASSPHRASE_FILE: "",
            TENCENTCLOUD_SECRET_ID: "",
            TENCENTCLOUD_SECRET_KEY: "",
            TENCENTCLOUD_CCC_ENDPOINT: emu.url,
            CCC_STACK: "", // many stacks: the layout's
            CCC_STACKS_DIR: repo,
            CCC_OUT_DIR: out,
            CCC_SKIP_INSTALL: "1",
        };
    });
    after(async () => {
        await emu?.close();
        await s3?.close();
    });
    const commit = (message: string) => {
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", message);
        return git("rev-parse", "HEAD");
    };

    it("first merge, no base: every stack deploys, side by side, each into its own state", async () => {
        const before = emu.requestLog().length;
        const r = await ci("up");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stderr, /^ci: 3 of 3 stacks \(no CCC_BASE: all of them\): alpha, beta, gamma; 3 at a time$/m);
        assert.match(r.stderr, /^ci: deployed: alpha, beta, gamma$/m);
        assert.deepEqual(created(before), ["alpha-reminders", "beta-reminders", "gamma-reminders"]);
        // Side by side: each stack's run starts before another's ends.
        for (const [a, b] of [["alpha", "beta"], ["beta", "gamma"], ["gamma", "alpha"]]) {
            assert.ok(lineAt(r.stderr, `[${b}] ci: pulumi up`) < lineAt(r.stderr, `[${a}] ci: deployed`), `${b} started after ${a} ended`);
        }
        assert.deepEqual(emu.requestLog().slice(before).filter((e) => e.outcome !== "ok").map((e) => `${e.action}: ${e.outcome}`), [], "throttled or failed calls");
        for (const stack of STACKS) assert.ok(await s3.get(`.pulumi/stacks/ccc-campaigns/${stack}.json`), `no state of ${stack} in the bucket`);
        assert.deepEqual(fs.existsSync(out) ? fs.readdirSync(out) : [], [], "up leaves nothing in the output folder");
    });

    let base = "";
    it("pull request changing two of three stacks: one review with a section for each, the third not previewed, nothing called", async () => {
        // What a team commits after its first deploy: the encryption salt each stack's config got.
        base = commit("the stacks' encryption salts");
        git("checkout", "-q", "-b", "change");
        writeCampaign("alpha", "reminders", spring({ name: "alpha-reminders", availableTime: [{ start: "10:00", end: "12:00" }] }));
        writeCampaign("beta", "reminders", spring({ name: "beta-reminders", availableTime: [{ start: "13:00", end: "15:00" }] }));
        commit("alpha and beta call later");
        const before = emu.requestLog().length;
        const r = await ci("preview", { CCC_BASE: "main", CCC_ACK_RESTART: "1" });
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stderr, /^ci: 2 of 3 stacks changed since main: alpha, beta; 3 at a time$/m);
        assert.deepEqual(emu.requestLog().slice(before), [], "a preview called the API");
        const md = fs.readFileSync(path.join(out, "review.md"), "utf8");
        assert.match(md, /^# Campaign review: 2 of 3 stacks changed\n\n\*\*OK to deploy\*\*: every changed stack passed\.\n/);
        assert.deepEqual([...md.matchAll(/^## Campaign review: stack `(\w+)`$/gm)].map((m) => m[1]), ["alpha", "beta"]);
        assert.match(md, /^\| `alpha` \| passed \| — \| 1 \| /m);
        assert.match(md, /^\| \*\*total\*\* \| 2 passed \| — \| 2 \| /m);
        assert.match(md, /^Not changed, not previewed: `gamma`\.$/m);
        assert.match(md, /\| reminders \| replace \| 3 \(CN 3\) \| `availableTime` \|/);
        const json = review();
        assert.deepEqual(json.stacks.map((s: any) => [s.stack, s.passed, s.review.totals.actions.replace]), [["alpha", true, 1], ["beta", true, 1]]);
        assert.deepEqual(json.unchanged, ["gamma"]);
        assert.deepEqual(json.failed, []);
        assert.equal(json.totals.actions.replace, 2);
        assert.equal(json.totals.calleesInNewTasks, 6);
        assert.deepEqual(json.stacks[1].review.campaigns[0].schedule.windows, ["13:00–15:00 every day"]);
        assert.deepEqual(fs.readdirSync(out).sort(), ["review.json", "review.md"]);
    });

    it("a mandatory violation in one stack fails the run and names it; the other stack is still previewed", async () => {
        writeCampaign("beta", "night-calls", NIGHT);
        commit("beta calls at night");
        const r = await ci("preview", { CCC_BASE: "main", CCC_ACK_RESTART: "1" });
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stderr, /^ci: failed stacks: beta; review in /m);
        assert.match(r.stderr, /^\[beta\] \[mandatory\] ccc-allowed-hours: night-calls: .*window 21:30/m);
        const json = review();
        assert.deepEqual(json.failed, ["beta"]);
        assert.deepEqual(json.stacks.map((s: any) => [s.stack, s.passed, s.failure]), [["alpha", true, undefined], ["beta", false, json.stacks[1].failure]]);
        assert.match(json.stacks[1].failure, /^pulumi preview failed \(exit \d+\)$/);
        assert.deepEqual(json.stacks[1].review.policy.verdicts.filter((v: any) => v.level === "mandatory").map((v: any) => [v.policy, v.violations.map((x: any) => x.resource)]), [["ccc-allowed-hours", ["night-calls"]]]);
        const md = fs.readFileSync(path.join(out, "review.md"), "utf8");
        assert.match(md, /^\*\*Blocked\*\* in stack `beta`: see its section below\.$/m);
        assert.match(md, /^## Campaign review: stack `beta`\n\n\*\*The run failed\*\*: pulumi preview failed \(exit \d+\)\.\n/m);
        assert.match(md, /^## Campaign review: stack `alpha`\n\n\*\*OK to deploy\*\*/m, "alpha's review is missing or hidden");
        fs.rmSync(path.join(folder("beta"), "night-calls.yaml"));
        commit("beta stays in the day");
    });

    it("merge: the two changed stacks deploy side by side; a failing stack neither stops nor hides them, and is named", async () => {
        // gamma's change breaks its own deploy (a field the schema refuses), not the others'.
        writeCampaign("gamma", "reminders", spring({ name: "gamma-reminders", tries: 99 }));
        commit("gamma retries too often");
        git("checkout", "-q", "main");
        git("merge", "-q", "--ff-only", "change");
        const before = emu.requestLog().length;
        const r = await ci("up", { CCC_BASE: base });
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stderr, /^ci: 3 of 3 stacks changed since [0-9a-f]{40}: alpha, beta, gamma; 3 at a time$/m);
        assert.match(r.stderr, /^ci: deployed: alpha, beta; failed: gamma \(pulumi up failed \(exit \d+\)\)$/m);
        assert.match(r.stdout, /^\[gamma\] .*tries: /m, "gamma's error is not in the log");
        assert.deepEqual(created(before), ["alpha-reminders", "beta-reminders"]);
        assert.ok(lineAt(r.stderr, "[beta] ci: pulumi up") < lineAt(r.stderr, "[alpha] ci: deployed") && lineAt(r.stderr, "[alpha] ci: pulumi up") < lineAt(r.stderr, "[beta] ci: deployed"), "alpha and beta ran one after the other");
        assert.deepEqual(emu.requestLog().slice(before).filter((e) => e.outcome !== "ok").map((e) => `${e.action}: ${e.outcome}`), [], "throttled or failed calls");
    });

    it("nothing the runs left, and no CI log, holds a callee number or a credential", () => {
        const left = filesUnder(dir, [path.join(repo, "stacks"), path.join(repo, ".git")]);
        assert.deepEqual(left.map((f) => path.relative(dir, f)).sort(), ["out/review.json", "out/review.md", ...STACKS.map((s) => `repo/Pulumi.${s}.yaml`)]);
        assert.deepEqual(fs.readdirSync(tmp), [], "a private folder outlived its run");
        assert.deepEqual(leaks(left, ciLog, [...CALLEES, ...NIGHT.callees], [SECRET_KEY, CI_PASSPHRASE]), []);
    });
});
