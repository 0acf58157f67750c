// `npm run test:acceptance [-- --json FILE] [-- --probes-only]`: for each vendor whose credentials are
// set, the probes of what the emulators infer (real API beside emulator) and the real lifecycle
// through the engine; a vendor without credentials is skipped, and a skip is never a pass. Every task
// the run makes is stopped before it ends, on failure and on Ctrl-C too. See docs/acceptance.md.
import * as fs from "fs";
import { DEFAULT_CREDENTIALS, DEFAULT_SDK_APP_ID, type Emulator, startEmulator } from "../../emulator";
import { Cleanup } from "./cleanup";
import { type AiccsEnv, type CccEnv, type Plan, readPlan, VENDOR_NAMES, type VendorName } from "./config";
import { LIFECYCLES, type Step } from "./lifecycle";
import { stopAiccsTasks } from "./probes/aiccs";
import { stopCccTasks } from "./probes/ccc";
import { compare, formatTable, type ProbeAnswer, type ReportRow } from "./report";
import { probeEmulatorAiccs, probeEmulatorCcc, probeRealAiccs, probeRealCcc, realAiccsClient, realCccClient } from "./vendors";

/** Exit codes: passed, failed, refused to start, and skipped (nothing failed, but a vendor was not checked). */
export const EXIT = { passed: 0, failed: 1, refused: 2, skipped: 3 } as const;
type Outcome = keyof typeof EXIT;

export interface VendorResult {
    vendor: VendorName;
    status: "passed" | "failed" | "skipped";
    /** Why it was skipped or failed, or what a pass did not cover. */
    reason?: string;
    rows: ReportRow[];
    /** The steps, or why there were none. */
    lifecycle: Step[] | string;
}

const USAGE = "usage: npm run test:acceptance [-- --json FILE] [--probes-only]";

function parseArgs(argv: string[]): { json?: string; probesOnly: boolean } | string {
    const out: { json?: string; probesOnly: boolean } = { probesOnly: false };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--probes-only") out.probesOnly = true;
        else if (argv[i] === "--json" && argv[i + 1] && !argv[i + 1].startsWith("--")) out.json = argv[++i];
        else return `${argv[i] === "--json" ? "--json needs a file name" : `unknown argument "${argv[i]}"`}\n${USAGE}`;
    }
    return out;
}

interface Sides {
    real: ProbeAnswer[];
    emulator: ProbeAnswer[];
    lifecycle: () => Promise<Step[] | string>;
}

/** CCC's probes on both sides; the cleanup knows its tasks from the first create on. */
async function cccSides(env: CccEnv, emu: Emulator, cleanup: Cleanup, marker: string, say: (l: string) => void): Promise<Sides> {
    const client = realCccClient(env);
    const tracked = new Set<number>();
    const track = (id: number) => tracked.add(id);
    cleanup.add("ccc", () => stopCccTasks({ sdk: client, sdkAppId: env.TENCENTCLOUD_CCC_SDK_APP_ID, marker }, tracked));
    const real = await probeRealCcc(env, client, marker, track, (make) => cleanup.guard(make));
    emu.reset();
    const emulator = await probeEmulatorCcc(emu, DEFAULT_CREDENTIALS[0], DEFAULT_SDK_APP_ID);
    return { real, emulator, lifecycle: () => LIFECYCLES.ccc({ env, client, marker, track, guard: (make) => cleanup.guard(make), removeLater: (f) => cleanup.removeLater(f), say }) };
}

async function aiccsSides(env: AiccsEnv, emu: Emulator, cleanup: Cleanup, marker: string, say: (l: string) => void): Promise<Sides> {
    const client = realAiccsClient(env);
    const tracked = new Set<string>();
    const track = (id: string) => tracked.add(id);
    cleanup.add("aiccs", () => stopAiccsTasks({ client, marker }, tracked));
    const real = await probeRealAiccs(env, client, marker, track, (make) => cleanup.guard(make));
    emu.reset();
    const emulator = await probeEmulatorAiccs(emu, DEFAULT_CREDENTIALS[0]);
    return { real, emulator, lifecycle: () => LIFECYCLES.aiccs({ env, client, marker, track, guard: (make) => cleanup.guard(make), removeLater: (f) => cleanup.removeLater(f), say }) };
}

/** How to run a vendor (its sides, given the emulator), or why it is skipped. */
function starter(vendor: VendorName, plan: Plan, cleanup: Cleanup, marker: string, say: (l: string) => void): ((emu: Emulator) => Promise<Sides>) | string {
    if (vendor === "ccc") {
        const p = plan.ccc;
        return p.run ? (emu) => cccSides(p.env, emu, cleanup, marker, say) : p.reason;
    }
    const p = plan.aiccs;
    return p.run ? (emu) => aiccsSides(p.env, emu, cleanup, marker, say) : p.reason;
}

/** One vendor's result: the table, then the lifecycle. */
async function runVendor(vendor: VendorName, { real, emulator, lifecycle }: Sides, probesOnly: boolean, say: (l: string) => void): Promise<VendorResult> {
    const rows = compare(real, emulator);
    say(`${vendor}: probes (what the real API answered, what the emulator answers)\n${formatTable(rows)}`);
    const steps = probesOnly ? "not run (--probes-only)" : await lifecycle();
    if (typeof steps === "string") say(`${vendor}: lifecycle: ${steps}`);
    else for (const s of steps) say(`${vendor}: lifecycle: ${s.step}: ${s.ok ? "ok" : `FAILED: ${s.detail}`}`);
    const disagree = rows.filter((r) => !r.agree).map((r) => r.probe);
    const failedStep = typeof steps === "string" ? undefined : steps.find((s) => !s.ok);
    const reasons = [...(disagree.length ? [`${disagree.length} of ${rows.length} probes disagree with the emulator (${disagree.join(", ")})`] : []), ...(failedStep ? [`lifecycle step "${failedStep.step}" failed`] : [])];
    // A pass without a lifecycle says so.
    const note = !reasons.length && typeof steps === "string" ? `probes only; lifecycle ${steps}` : undefined;
    return { vendor, status: reasons.length ? "failed" : "passed", reason: reasons.join("; ") || note, rows, lifecycle: steps };
}

/** The whole run; returns its exit code. `say` prints a line. */
export async function runAcceptance(argv: string[], env: NodeJS.ProcessEnv, say: (line: string) => void): Promise<number> {
    const args = parseArgs(argv);
    if (typeof args === "string") {
        say(args);
        return EXIT.refused;
    }
    const read = readPlan(env);
    if ("problems" in read) {
        say(`acceptance: refusing to start, nothing was called:\n${read.problems.map((p) => `  ${p}`).join("\n")}`);
        return EXIT.refused;
    }
    const { plan } = read;
    const results: VendorResult[] = [];
    const cleanup = new Cleanup(say);
    const offSignals = cleanup.onSignals();
    let emu: Emulator | undefined;
    let cleanupProblems: string[] = [];
    try {
        for (const vendor of VENDOR_NAMES) {
            const start = starter(vendor, plan, cleanup, `acc-${vendor}-${Date.now().toString(36)}`, say);
            if (typeof start === "string") {
                say(`${vendor}: skipped (${start})`);
                results.push({ vendor, status: "skipped", reason: start, rows: [], lifecycle: "not run (skipped)" });
                continue;
            }
            emu ??= await startEmulator();
            try {
                results.push(await runVendor(vendor, await start(emu), args.probesOnly, say));
            } catch (e) {
                const reason = e instanceof Error ? `${(e as any).code ? `${(e as any).code}: ` : ""}${e.message}` : String(e);
                results.push({ vendor, status: "failed", reason, rows: [], lifecycle: "not run (the probes failed)" });
            } finally {
                await cleanup.finish(vendor);
            }
            const last = results[results.length - 1];
            say(`${vendor}: ${last.status}${last.reason ? ` (${last.reason})` : ""}`);
        }
    } finally {
        cleanupProblems = await cleanup.stopAll();
        offSignals();
        await emu?.close();
    }
    for (const p of cleanupProblems) say(p);
    const count = (s: VendorResult["status"]) => results.filter((r) => r.status === s).length;
    const outcome: Outcome = count("failed") || cleanupProblems.length ? "failed" : count("skipped") ? "skipped" : "passed";
    const note = outcome === "skipped" ? (count("passed") ? ": a skipped vendor is not a pass" : ": nothing was checked against a real API") : "";
    say(`acceptance: ${outcome} (${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped)${note}`);
    if (args.json) {
        fs.writeFileSync(args.json, JSON.stringify({ outcome, generatedAt: new Date().toISOString(), vendors: results, cleanupProblems }, null, 2) + "\n");
        say(`acceptance: report written to ${args.json}`);
    }
    return EXIT[outcome];
}

if (require.main === module) {
    runAcceptance(process.argv.slice(2), process.env, (line) => console.log(line)).then((code) => process.exit(code));
}
