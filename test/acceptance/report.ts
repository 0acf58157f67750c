// The probe table: one row per undocumented behaviour, what the real API answered beside what the
// emulator answers, and whether they agree (the answers compared as written; details are notes).
export interface ProbeAnswer {
    /** The probe's id, as the emulators' READMEs name it. */
    probe: string;
    behaviour: string;
    /** A short, comparable answer: an error code, a state, "at once", "accepted"… */
    answer: string;
    /** What else was seen (an error message, timings); not compared. */
    detail?: string;
}

export interface ReportRow {
    probe: string;
    behaviour: string;
    real: string;
    emulator: string;
    agree: boolean;
    realDetail?: string;
    emulatorDetail?: string;
}

const MISSING = "(not probed)";

/** Joins the two sides by probe id, in the real side's order (then any probe only the emulator has). */
export function compare(real: ProbeAnswer[], emulator: ProbeAnswer[]): ReportRow[] {
    const emu = new Map(emulator.map((a) => [a.probe, a]));
    const rows = real.map((r) => row(r, emu.get(r.probe)));
    for (const e of emulator) if (!real.some((r) => r.probe === e.probe)) rows.push({ probe: e.probe, behaviour: e.behaviour, real: MISSING, emulator: e.answer, agree: false, emulatorDetail: e.detail });
    return rows;
}

function row(r: ProbeAnswer, e: ProbeAnswer | undefined): ReportRow {
    return { probe: r.probe, behaviour: r.behaviour, real: r.answer, emulator: e?.answer ?? MISSING, agree: !!e && e.answer === r.answer, realDetail: r.detail, emulatorDetail: e?.detail };
}

/** The rows as a plain-text table. */
export function formatTable(rows: ReportRow[]): string {
    const cells = [["probe", "behaviour", "real API", "emulator", "agree?"], ...rows.map((r) => [r.probe, r.behaviour, r.real, r.emulator, r.agree ? "yes" : "NO"])];
    const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
    return cells.map((c) => c.map((v, i) => v.padEnd(widths[i])).join(" | ").trimEnd()).join("\n");
}
