// The benchmark's chart script, run as `npm run bench:chart` runs it, on a small fixture of the
// bench's JSON: an SVG drawn by Vega with one line per series and the axis titles, and the numbers
// it was drawn from beside it.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AXES, CHART_FILE, DATA_FILE, SERIES } from "../../bench/chart";
import { REPO } from "../../scripts/pulumi-cli";

const FIXTURE = path.join(__dirname, "fixtures", "bench-small.json");
const chart = (...args: string[]) =>
    spawnSync(path.join(REPO, "node_modules", ".bin", "ts-node"), ["--transpile-only", path.join(REPO, "scripts", "bench-chart.ts"), ...args], { encoding: "utf8", cwd: REPO, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" } });

describe("bench chart", function () {
    this.timeout(60_000);
    let out: string;
    before(() => {
        out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-chart-"));
    });
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    it("writes an SVG with one line per series, their names and the axis titles, and the numbers beside it", () => {
        const r = chart(FIXTURE, "--out", out);
        assert.equal(r.status, 0, r.stderr);
        const svg = fs.readFileSync(path.join(out, CHART_FILE), "utf8");
        assert.match(svg, /^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        assert.equal(svg.match(/aria-roledescription="line mark"/g)?.length, 4);
        for (const name of Object.values(SERIES)) assert.ok(svg.includes(`>${name}</text>`), `no legend entry "${name}"`);
        for (const title of Object.values(AXES)) assert.ok(svg.includes(`>${title}</text>`), `no axis title "${title}"`);
        assert.ok(svg.includes("commit abc1234, --quick"), "the title names the run");

        const data = JSON.parse(fs.readFileSync(path.join(out, DATA_FILE), "utf8"));
        assert.deepEqual(data.source, { commit: "abc1234", quick: true });
        // Only the four series (no preview, no many-stacks step), the floor from up's, sorted by N.
        assert.deepEqual(data.points, [
            { series: SERIES.up, n: 10, seconds: 3.4 },
            { series: SERIES.floor, n: 10, seconds: 0.5 },
            { series: SERIES["engine alone: up"], n: 10, seconds: 2.8 },
            { series: SERIES["sdk loop"], n: 10, seconds: 0.5 },
            { series: SERIES.up, n: 100, seconds: 8.6 },
            { series: SERIES.floor, n: 100, seconds: 5 },
            { series: SERIES["engine alone: up"], n: 100, seconds: 6.1 },
            { series: SERIES["sdk loop"], n: 100, seconds: 5.1 },
        ]);
    });

    it("refuses a file that is not the bench's JSON, naming every bad field, with no stack trace and no file written", () => {
        const bad = path.join(out, "bad.json");
        fs.writeFileSync(bad, JSON.stringify({ runs: [{ step: "up", n: 0, seconds: -1 }] }));
        const dir = path.join(out, "not-written");
        const r = chart(bad, "--out", dir);
        assert.equal(r.status, 1);
        assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
        assert.match(r.stderr, /^bench:chart: not the bench's JSON: runs\.0\.n: .*; runs\.0\.seconds: .*; runs\.0\.floorSeconds: /);
        assert.equal(fs.existsSync(dir), false);
    });
});
