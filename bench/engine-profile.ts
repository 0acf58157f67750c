// Where the engine's own time goes: the CLI's CPU profile (`pulumi --profiling`) of one step, summed
// by `go tool pprof` into the share spent saving the state after each step (the DIY backend writes the
// whole checkpoint every time) beside the total.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export interface EngineProfile {
    /** CPU seconds the CLI's profile sampled. */
    cpuSeconds: number;
    /** Of which under SnapshotManager.saveSnapshot: serializing, checksumming and writing the state. */
    saveSnapshotSeconds: number;
    /** The profile file, for `go tool pprof`. */
    file: string;
}

/** The profile the CLI wrote for `prefix` (it appends `.<pid>.cpu`). */
export function profileFile(prefix: string): string | undefined {
    const dir = path.dirname(prefix);
    const name = fs.readdirSync(dir).find((f) => f.startsWith(`${path.basename(prefix)}.`) && f.endsWith(".cpu"));
    return name && path.join(dir, name);
}

/** pprof's durations: "40.06s", "530ms", "0". */
const toSeconds = (value: string) => (value.endsWith("ms") ? Number(value.slice(0, -2)) / 1000 : Number(value.replace(/s$/, "")));

/** `go tool pprof -top -cum` of `file` against the CLI binary, reduced to the figures above; throws if Go is not there. */
export function summarizeProfile(pulumiBinary: string, file: string): EngineProfile {
    const top = execFileSync("go", ["tool", "pprof", "-top", "-cum", "-nodecount=100000", pulumiBinary, file], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 * 2 ** 20 });
    const total = /Total samples = ([\d.]+m?s)/.exec(top);
    const save = top.split("\n").find((line) => line.includes("(*SnapshotManager).saveSnapshot"));
    if (!total || !save) throw new Error(`go tool pprof: no total or no saveSnapshot in the profile of ${file}`);
    return { cpuSeconds: toSeconds(total[1]), saveSnapshotSeconds: toSeconds(save.trim().split(/\s+/)[3]), file };
}
