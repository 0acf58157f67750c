// Draws the benchmark's rollout chart from its --json output:
//   npm run bench -- --json > bench.out && npm run bench:chart -- bench.out
// writes docs/images/benchmark-rollout.svg and, beside it, the numbers it was drawn from
// (docs/images/benchmark.json); --out DIR writes both elsewhere.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { CHART_FILE, chartData, DATA_FILE, renderChart } from "../bench/chart";
import { REPO } from "./pulumi-cli";

async function main(): Promise<void> {
    const { values, positionals } = parseArgs({ options: { out: { type: "string", default: path.join(REPO, "docs", "images") } }, allowPositionals: true });
    if (positionals.length !== 1) throw new Error("usage: npm run bench:chart -- FILE.json [--out DIR] (FILE: the output of npm run bench -- --json)");
    const data = chartData(fs.readFileSync(positionals[0], "utf8"));
    fs.mkdirSync(values.out!, { recursive: true });
    fs.writeFileSync(path.join(values.out!, CHART_FILE), await renderChart(data));
    fs.writeFileSync(path.join(values.out!, DATA_FILE), `${JSON.stringify(data, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), path.join(values.out!, CHART_FILE))} and ${DATA_FILE} beside it (${data.points.length} points)`);
}

main().catch((e) => {
    console.error(`bench:chart: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
});
