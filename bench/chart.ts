// The benchmark's rollout chart: time against N for `pulumi up`, the engine alone, the SDK loop and
// the floor, from the bench's --json, drawn by Vega-Lite and rendered to SVG by Vega (headless, no
// browser). Both are ES modules only: loaded with a real import(), which this CommonJS build would
// otherwise turn into require().
import type * as Vega from "vega";
// Its types by path: this build resolves modules the node10 way, which ignores vega-lite's "exports".
import type * as VegaLite from "vega-lite/build/index";
import { z } from "zod";

const esm = new Function("specifier", "return import(specifier)") as <T>(specifier: string) => Promise<T>;

/** The part of the bench's JSON the chart reads: every step it ran, with its N, wall time and floor. */
const BenchJson = z.object({
    runs: z.array(z.object({ step: z.string(), n: z.number().int().positive(), seconds: z.number().nonnegative(), floorSeconds: z.number().nonnegative() })).min(1),
    versions: z.record(z.string(), z.string()).optional(),
    quick: z.boolean().optional(),
});
type BenchJson = z.infer<typeof BenchJson>;

/** The series drawn, each from one step of the bench (the floor from `up`'s). */
export const SERIES = { up: "pulumi up", "engine alone: up": "engine alone (no-op provider)", "sdk loop": "SDK loop (no engine)", floor: "floor (N ÷ 20/s)" } as const;

/** What the chart is drawn from, as kept beside it. */
export interface ChartData {
    source: { commit?: string; quick?: boolean };
    points: { series: string; n: number; seconds: number }[];
}

/** The files `npm run bench:chart` writes, under docs/images unless told otherwise. */
export const CHART_FILE = "benchmark-rollout.svg";
export const DATA_FILE = "benchmark.json";

export const AXES = { x: "campaigns (N)", y: "rollout time (s)" };

/** The bench's JSON (the object, or its whole stdout: the last line is the object) as the chart's points. */
export function chartData(text: string): ChartData {
    const line = text.trim().split("\n").reverse().find((l) => l.startsWith("{"));
    let parsed: unknown;
    try {
        parsed = JSON.parse(line ?? "");
    } catch {
        throw new Error("no JSON object found: give the output of `npm run bench -- --json` (or its last line)");
    }
    const r = BenchJson.safeParse(parsed);
    if (!r.success) throw new Error(`not the bench's JSON: ${r.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`).join("; ")}`);
    return { source: { commit: r.data.versions?.commit, quick: r.data.quick }, points: points(r.data) };
}

function points(bench: BenchJson): ChartData["points"] {
    const seen = new Set<string>();
    const out: ChartData["points"] = [];
    const add = (series: string, n: number, seconds: number) => {
        if (seen.has(`${series}:${n}`)) return;
        seen.add(`${series}:${n}`);
        out.push({ series, n, seconds });
    };
    for (const s of bench.runs) {
        if (!Object.hasOwn(SERIES, s.step)) continue;
        add(SERIES[s.step as keyof typeof SERIES], s.n, s.seconds);
        if (s.step === "up") add(SERIES.floor, s.n, s.floorSeconds);
    }
    if (!out.some((p) => p.series === SERIES.up)) throw new Error('not the bench\'s JSON: runs: no "up" step (run the rollout case)');
    return out.sort((a, b) => a.n - b.n);
}

/** The chart as SVG text. */
export async function renderChart(data: ChartData): Promise<string> {
    const [vega, vl] = await Promise.all([esm<typeof Vega>("vega"), esm<typeof VegaLite>("vega-lite")]);
    const spec: VegaLite.TopLevelSpec = {
        $schema: "https://vega.github.io/schema/vega-lite/v6.json",
        title: `Rollout time against N${data.source.commit ? ` (commit ${data.source.commit}${data.source.quick ? ", --quick" : ""})` : ""}`,
        width: 480,
        height: 300,
        data: { values: data.points },
        mark: { type: "line", point: true },
        encoding: {
            x: { field: "n", type: "quantitative", title: AXES.x },
            y: { field: "seconds", type: "quantitative", title: AXES.y },
            color: { field: "series", type: "nominal", title: null, sort: Object.values(SERIES), legend: { labelLimit: 0 } },
        },
    };
    const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
    return view.toSVG();
}
