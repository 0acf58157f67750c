// The many-stacks layout: which config files are stacks, which stacks a change touches, the bound on side by side, and the CPU priority by start order.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { spawn } from "child_process";
import { lowerPriority, REPO } from "../../scripts/pulumi-cli";
import { concurrencyOf, discoverStacks, sideBySide, touchedStacks } from "../../scripts/stacks";

describe("Many stacks: the layout and the runner's choices", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-test-"));
        fs.writeFileSync(path.join(dir, "Pulumi.beta.yaml"), stringify({ config: { "ccc-campaigns:campaignsDir": "stacks/beta" } }));
        fs.writeFileSync(path.join(dir, "Pulumi.alpha.yaml"), stringify({ config: { "ccc-campaigns:campaignsDir": "/abs/alpha" } }));
        fs.writeFileSync(path.join(dir, "Pulumi.stray.yaml"), stringify({ config: { "tencentcloud:cccEndpoint": "http://x" } }));
        fs.writeFileSync(path.join(dir, "notes.yaml"), "a: 1\n");
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("a stack is a Pulumi.<stack>.yaml naming its campaign folder, from the project's root; others are not", () => {
        assert.deepEqual(discoverStacks(dir), [
            { name: "alpha", configFile: path.join(dir, "Pulumi.alpha.yaml"), campaignsDir: "/abs/alpha" },
            { name: "beta", configFile: path.join(dir, "Pulumi.beta.yaml"), campaignsDir: path.join(REPO, "stacks", "beta") },
        ]);
        assert.deepEqual(discoverStacks(path.join(dir, "missing")), []);
    });

    it("a change touches the stacks of its folders and configs; a shared file touches them all", () => {
        const stacks = discoverStacks(dir);
        const names = (files: string[]) => touchedStacks(stacks, files, path.join(REPO, "policy-config.json")).map((s) => s.name);
        assert.deepEqual(names(["/abs/alpha/new.yaml"]), ["alpha"]);
        assert.deepEqual(names(["/abs/alphabet/new.yaml", path.join(REPO, "README.md")]), [], "a folder whose name only starts the same");
        assert.deepEqual(names([path.join(dir, "Pulumi.beta.yaml")]), ["beta"]);
        assert.deepEqual(names([path.join(REPO, "policy-config.json")]), ["alpha", "beta"]);
        assert.deepEqual(names([path.join(REPO, "program", "index.ts")]), ["alpha", "beta"]);
    });

    it("the bound: default 3, a whole number of 1 or more, else an error naming the setting", () => {
        assert.equal(concurrencyOf(undefined, "CCC_CONCURRENCY"), 3);
        assert.equal(concurrencyOf("5", "CCC_CONCURRENCY"), 5);
        for (const bad of ["0", "1.5", "two"]) assert.throws(() => concurrencyOf(bad, "--concurrency"), new RegExp(`^Error: --concurrency: must be a whole number of stacks at a time, 1 or more, got "${bad}"$`));
    });

    it("side by side runs at most the bound at once, every stack even when one fails, and shares the rate only for several", async () => {
        const stacks = ["a", "b", "c", "d", "e"].map((name) => ({ name, configFile: "", campaignsDir: "" }));
        let running = 0;
        let most = 0;
        const seen: Record<string, string> = {};
        const results = await sideBySide(stacks, 2, true, async (s, env) => {
            most = Math.max(most, ++running);
            seen[s.name] = env.CCC_RATE_LEASE_URL;
            await new Promise((r) => setTimeout(r, 20));
            running--;
            return s.name === "b" ? "failed" : "ok";
        });
        assert.equal(most, 2);
        assert.deepEqual(results, ["ok", "failed", "ok", "ok", "ok"]);
        assert.match(seen.a, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.deepEqual(await sideBySide(stacks.slice(0, 1), 2, true, async (_s, env) => env), [{}], "one stack: no shared rate");
    });

    it("each stack yields the CPU to those started before it: niceness 4 more per place, at most 19, and a started process gets it", async () => {
        const stacks = "abcdefg".split("").map((name) => ({ name, configFile: "", campaignsDir: "" }));
        assert.deepEqual(await sideBySide(stacks, 3, false, async (_s, _env, niceness) => niceness), [0, 4, 8, 12, 16, 19, 19]);
        const child = spawn("sleep", ["5"]);
        try {
            lowerPriority(child, 8);
            assert.equal(os.getPriority(child.pid!), Math.min(os.getPriority() + 8, 19));
        } finally {
            child.kill();
        }
    });
});
