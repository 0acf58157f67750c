// The status as people and bots read it: a table for a terminal (Unicode bars), plain lines when
// the output is a file or a pipe (ASCII bars, one fact a line), JSON for bots.
import { zoneList } from "../campaign/callees";
import type { CampaignStatus, NextWindow, Progress } from "./view";

export const FORMATS = ["table", "text", "json"] as const;
export type Format = (typeof FORMATS)[number];

/** Characters of a progress bar. */
export const BAR_WIDTH = 20;
/** A bar's marks, in its order: answered, failed, pending, not dialed, and dialed with no outcome reported. */
const MARKS: Record<"table" | "text", [string, string, string, string, string]> = { table: ["█", "▓", "▒", "░", "▚"], text: ["#", "x", "~", ".", "+"] };
/** The legend of the last mark: shown only when a campaign's vendor reports no outcomes. */
const NO_OUTCOME = "dialed (no outcome reported)";

/** The bar of a progress, each part's width rounded so that the parts fill the bar exactly. */
export function bar(p: Progress, marks: readonly string[], width = BAR_WIDTH): string {
    const known = p.answered !== undefined;
    const parts = [p.answered ?? 0, p.failed ?? 0, p.pending ?? 0, p.notDialed, known ? 0 : p.dialed];
    if (!p.total) return marks[3].repeat(width);
    let out = "";
    let sum = 0;
    // The dialed with no outcome come first, where the answered would be.
    for (const i of [4, 0, 1, 2, 3]) {
        const before = Math.round((sum / p.total) * width);
        sum += parts[i];
        out += marks[i].repeat(Math.round((sum / p.total) * width) - before);
    }
    return out;
}

const outcomeCounts = (p: Progress) => (p.answered === undefined ? ["no outcomes reported"] : [`${p.answered} answered`, `${p.failed} failed`, `${p.pending} pending`]);
const counts = (p: Progress) => `${p.dialed}/${p.total} dialed: ${outcomeCounts(p).join(", ")}`;
const noOutcomes = (statuses: readonly CampaignStatus[]) => statuses.some((s) => s.progress && s.progress.answered === undefined);

function windowLines(n: NextWindow | undefined): string[] {
    if (!n) return ["none"];
    const lines = [`${n.openNow ? "open now: " : ""}${n.task.text} ${n.task.zones[0]} (task)`];
    if (!n.callees) lines.push("callees' zones: secret in this export (use --show-secrets)");
    else n.callees.forEach((c, i) => lines.push(`${i ? "         " : "callees: "}${c.text} ${zoneList(c.zones)}`));
    return lines;
}

const task = (s: CampaignStatus) => `${s.kind}${s.taskId === undefined ? "" : ` ${s.taskId}`}`;

/** Plain text: a block of lines per campaign. */
export function renderText(statuses: readonly CampaignStatus[]): string {
    if (!statuses.length) return "no campaign in the stack\n";
    const legend = `progress bars: ${MARKS.text[0]} answered, ${MARKS.text[1]} failed, ${MARKS.text[2]} pending, ${MARKS.text[3]} not dialed`;
    const out: string[] = [noOutcomes(statuses) ? `${legend}, ${MARKS.text[4]} ${NO_OUTCOME}` : legend, ""];
    for (const s of statuses) {
        out.push(`${s.name} (${task(s)}): ${s.state ?? "not created"}`);
        out.push(`  progress: ${s.progress ? `[${bar(s.progress, MARKS.text)}] ${counts(s.progress)}` : "none recorded"}`);
        const [first, ...more] = windowLines(s.next);
        out.push(`  next window: ${first}`, ...more.map((l) => `    ${l}`));
        out.push(`  blocked: ${s.blocked ? `${s.blocked} (${s.reason})` : "no"}`, "");
    }
    return out.join("\n");
}

/**
 * What a table row must fit in: a terminal of 120 columns. Each cell stacks short lines rather than
 * running wide: the kind and id under the name, the counts under the bar, one a line, each zone
 * under its window, the reason under the block, wrapped at word breaks.
 */
export const TABLE_COLUMNS = 120;
/** The widest a wrapped line of a cell may be (a longer word keeps its own line): the windows' zones, and the reasons. */
const CELL_WRAP = 30;
const REASON_WRAP = 24;

/** `text` in lines of at most `width` characters (prefixes included), broken between words; the first line starts with `first`, the others with `rest`. */
export function wrap(text: string, width = CELL_WRAP, first = "", rest = first): string[] {
    const lines: string[] = [];
    for (const word of text.split(" ")) {
        const last = lines[lines.length - 1];
        if (last !== undefined && [...last].length + 1 + [...word].length <= width) lines[lines.length - 1] = `${last} ${word}`;
        else lines.push(`${lines.length ? rest : first}${word}`);
    }
    return lines;
}

/** The next window: each window's local day and hours, with the zones it is read in below it. */
function windowCell(n: NextWindow | undefined): string[] {
    if (!n) return ["none"];
    const zones = (text: string) => wrap(text, CELL_WRAP, "  ", "    ");
    const lines = [...(n.openNow ? ["open now"] : []), n.task.text, ...zones(`in ${n.task.zones[0]} (task)`)];
    if (!n.callees) return [...lines, ...wrap("callees' zones: secret in this export (use --show-secrets)")];
    for (const c of n.callees) lines.push(c.text, ...zones(`callees in ${zoneList(c.zones)}`));
    return lines;
}

/** A table with a header, columns padded to their widest line, a blank line between campaigns. */
export function renderTable(statuses: readonly CampaignStatus[]): string {
    if (!statuses.length) return "no campaign in the stack\n";
    const header = ["CAMPAIGN", "STATE", "PROGRESS", "NEXT WINDOW", "BLOCKED"];
    const rows = statuses.map((s) => [
        [s.name, s.kind, ...(s.taskId === undefined ? [] : [String(s.taskId)])],
        [s.state ?? "not created"],
        s.progress ? [bar(s.progress, MARKS.table), `${s.progress.dialed}/${s.progress.total} dialed`, ...outcomeCounts(s.progress)] : ["none recorded"],
        windowCell(s.next),
        s.blocked ? [`${s.blocked}:`, ...wrap(s.reason ?? "", REASON_WRAP)] : ["—"],
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => Math.max(...r[i].map((l) => [...l].length)))));
    const line = (cells: string[]) => cells.map((c, i) => c + " ".repeat(widths[i] - [...c].length)).join("  ").trimEnd();
    const out = [line(header), line(widths.map((w) => "─".repeat(w)))];
    rows.forEach((r, n) => {
        if (n) out.push("");
        const height = Math.max(...r.map((c) => c.length));
        for (let k = 0; k < height; k++) out.push(line(r.map((c) => c[k] ?? "")));
    });
    const legend = `progress: ${MARKS.table[0]} answered  ${MARKS.table[1]} failed  ${MARKS.table[2]} pending  ${MARKS.table[3]} not dialed`;
    out.push("", noOutcomes(statuses) ? `${legend}  ${MARKS.table[4]} ${NO_OUTCOME}` : legend);
    return `${out.join("\n")}\n`;
}

export function renderStatus(statuses: readonly CampaignStatus[], format: Format, at: string): string {
    if (format === "json") return `${JSON.stringify({ at, campaigns: statuses }, null, 2)}\n`;
    return `status at ${at}\n\n${format === "table" ? renderTable(statuses) : renderText(statuses)}`;
}
