// `npm run build` (scripts/build.js): the package's bins executable after every build, and
// `--if-changed` (the local loop's) building only when an input is newer than the last build.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO } from "../../scripts/pulumi-cli";

const build = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO, "scripts", "build.js"), ...args], { cwd: REPO, encoding: "utf8" });
const builtAt = () => fs.statSync(path.join(REPO, "dist", ".built")).mtimeMs;

describe("scripts/build.js", function () {
    this.timeout(120_000);

    before(() => assert.equal(build().status, 0));

    it("makes every bin of package.json executable, so npx runs them", () => {
        const bins: Record<string, string> = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).bin;
        assert.deepEqual(Object.keys(bins).sort(), ["ccc-emulator", "ccc-review", "ccc-status"]);
        for (const [name, file] of Object.entries(bins)) {
            assert.equal(fs.statSync(path.join(REPO, file)).mode & 0o777, 0o755, file);
            const r = spawnSync("npx", ["--no-install", name, "--help"], { cwd: REPO, encoding: "utf8" });
            assert.equal(r.status, 0, `${name}: ${r.stderr}`);
            assert.match(r.stdout, /^Usage: /, name);
        }
    });

    it("--if-changed does nothing when no input changed, and builds when one did", () => {
        const first = builtAt();
        assert.equal(build("--if-changed").status, 0);
        assert.equal(builtAt(), first, "rebuilt with nothing changed");
        const source = path.join(REPO, "review", "bin.ts");
        const later = new Date(Date.now() + 2000);
        fs.utimesSync(source, later, later); // an edit
        assert.equal(build("--if-changed").status, 0);
        assert.ok(builtAt() > first, "an edited source did not rebuild");
        assert.equal(fs.statSync(path.join(REPO, "dist", "review", "bin.js")).mode & 0o777, 0o755);
    });
});
