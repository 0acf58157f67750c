// A campaign's picture (picture.ts) as a Mermaid gantt chart, which GitHub and GitLab draw in a
// pull-request comment: a section per group of callee zones, an "allowed" row per allowed range
// (grey), a row per window on each day shown, the windows the pack refuses in red (crit).
import { zoneList } from "../campaign/callees";
import type { Picture } from "./picture";

// Every bar is drawn on one nominal day: the chart's axis is the time of day only.
const DAY = "2000-01-01";
const NEXT_DAY = "2000-01-02";
const at = (t: string) => (t === "24:00" ? `${NEXT_DAY} 00:00` : `${DAY} ${t}`);
/** Text Mermaid reads as its own syntax (a colon ends a task's name, `#` and `;` start entities and statements). */
const plain = (s: string) => s.replace(/[:#;]/g, " ");
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The chart's lines, fenced, with a line under it on what was left out. */
export function ganttLines(p: Picture, title: string): string[] {
    const lines = ["```mermaid", "gantt", `    title ${plain(title)}`, "    dateFormat YYYY-MM-DD HH:mm", "    axisFormat %H:%M", "    todayMarker off"];
    for (const g of p.groups) {
        lines.push(`    section ${plain(zoneList(g.zones))} (${plural(g.callees, "callee")})`);
        for (const r of g.allowed) lines.push(`    allowed ${r.from.replace(":", ".")}–${r.to.replace(":", ".")} :done, ${at(r.from)}, ${at(r.to)}`);
        for (const d of g.days) {
            for (const b of d.bars) lines.push(`    ${d.weekday} ${d.date} ${d.offset} :${b.refused ? "crit, " : ""}${at(b.from)}, ${at(b.to)}`);
        }
    }
    lines.push("```");
    const notes = ["local time of the callees; grey: allowed hours; red: a window the policy pack refuses"];
    if (p.groups.some((g) => g.sameDays)) notes.push("a day not drawn looks like the day drawn before it");
    if (p.omitted) {
        const { rowCap, groups, callees, days } = p.omitted;
        const left = [...(days ? [`${plural(days, "later day")} of ${zoneList(p.groups[0].zones)}`] : []), ...(groups ? [`${plural(groups, "more zone group")} (${plural(callees, "callee")})`] : [])];
        notes.push(`rows capped at ${rowCap}: ${left.join(" and ")} not drawn`);
    }
    return [...lines, "", `<sub>${notes.join("; ")}.</sub>`];
}
