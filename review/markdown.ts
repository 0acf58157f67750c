// The review as Markdown for a pull-request comment: a verdict, a table of campaigns, a section per
// changed campaign, the policy verdicts (mandatory first) and totals.
import { plural, type TaskKind } from "../campaign/adapter";
import type { Action, CalleeSummary, CampaignReview, Restart, Summary } from "./summary";
import { KIND, mayDial } from "./summary";
import { ganttLines } from "./mermaid";

export const ACTION_TEXT: Record<Action, string> = {
    create: "create",
    replace: "replace",
    pause: "pause",
    resume: "resume",
    update: "update",
    stop: "stop (delete)",
    unchanged: "unchanged",
};

const code = (s: string) => `\`${s}\``;
/** A policy's message may hold masked numbers (`+86*********78`): their asterisks would otherwise read as emphasis. */
const literal = (s: string) => s.replace(/\*/g, "\\*");
/** Keeps text from breaking a table cell or starting Markdown of its own. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function countries(c: CalleeSummary): string {
    return Object.entries(c.countries)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ");
}

function calleeCell(c: CalleeSummary): string {
    if (c.count === undefined) return "secret (not given)";
    const delta = c.added !== undefined && (c.added || c.removed) && c.count !== c.added ? ` +${c.added} −${c.removed}` : "";
    return `${c.count} (${countries(c) || "none"})${delta}`;
}

function calleeLines(c: CalleeSummary, action: Action): string[] {
    if (c.count === undefined) return ["- **Who**: callee numbers are secret in the preview and were not given to the review"];
    const lines = [`- **Who**: ${plural(c.count, "callee")}${c.count ? ` (${countries(c)})` : ""}${action === "stop" ? ", no longer called" : ""}`];
    if (c.added === undefined || action === "create") return lines;
    if (c.added) lines.push(`  - added ${c.added}: ${c.addedSamples.map(code).join(", ")}${c.added > c.addedSamples.length ? ", …" : ""}`);
    if (c.removed) lines.push(`  - removed ${c.removed}: ${c.removedSamples.map(code).join(", ")}${c.removed > c.removedSamples.length ? ", …" : ""}`);
    if (!c.added && !c.removed) lines.push("  - same numbers as before");
    return lines;
}

function restartLines(kind: TaskKind, r: Restart): string[] {
    const { restart } = kind.lifecycle;
    const lines = [`- **Restart**: task ${r.taskId ?? "?"} is ${r.stateName}: ${restart.progress(r)}`, `  - ${restart.redial(r, r.redial === "everyone")}`];
    if (r.live) lines.push(r.acknowledged ? "  - acknowledged with `--ack-restart`" : "  - **needs acknowledgement**: rerun the review with `--ack-restart` once this restart is intended");
    return lines;
}

function whatHappens(c: CampaignReview): string {
    const task = c.taskId === undefined ? "the task" : `task ${c.taskId}`;
    const state = c.taskState ? ` (${c.taskState})` : "";
    switch (c.action) {
        case "create":
            return "a new task is created";
        case "replace":
            return `${task}${state} ${c[KIND].lifecycle.ending.live}, then a new task is created (${c[KIND].lifecycle.replaceReason})`;
        case "pause":
            return `${task}${state} is paused in place`;
        case "resume":
            return `${task}${state} is resumed in place`;
        case "stop":
            return `${task}${state} ${mayDial(c[KIND], c.taskState) ? `${c[KIND].lifecycle.ending.live} and removed from the stack` : c[KIND].lifecycle.ending.finished}`;
        default: {
            const how = c[KIND].lifecycle.updateInPlace?.({ added: c.callees.added ?? 0, removed: c.callees.removed ?? 0 });
            return `${task}${state} is updated in place${how ? `: ${how}` : ""}`;
        }
    }
}

function campaignSection(c: CampaignReview): string[] {
    const lines = [`### ${code(c.name)}: ${ACTION_TEXT[c.action]}`, "", `- **What**: ${whatHappens(c)}`];
    const { updatable } = c[KIND].lifecycle;
    if (c.replaceReasons.length) lines.push(`- **Why replaced**: ${c.replaceReasons.map(code).join(", ")} changed; only ${updatable.map(code).join(", ")} can change on an existing task`);
    if (c.changes.length) {
        lines.push("- **Changed**:");
        for (const ch of c.changes) lines.push(`  - ${code(ch.field)}: ${ch.before} → ${ch.after}`);
    }
    lines.push(...calleeLines(c.callees, c.action));
    const s = c.schedule;
    if (s) {
        lines.push(`- **When**: ${s.notBefore} → ${s.notAfter ?? "(no end)"} (${s.timeZone})`);
        lines.push(`  - windows (${s.timeZone.split(" ")[0]}): ${s.windows.join("; ") || "none"}`);
        for (const l of s.calleeLocal) lines.push(`  - callees' local time: ${l}`);
    }
    if (c.restart) lines.push(...restartLines(c[KIND], c.restart));
    if (c.pictureBefore) lines.push("", ...ganttLines(c.pictureBefore, `${c.name} before`));
    if (c.picture) lines.push("", ...ganttLines(c.picture, c.pictureBefore ? `${c.name} after` : c.name));
    return [...lines, ""];
}

function policySection(s: Summary): string[] {
    const lines = ["### Policy", ""];
    if (!s.policy) return [...lines, "Not in this preview JSON (see the notes below).", ""];
    for (const v of s.policy.verdicts) {
        lines.push(`- **${v.level}** ${code(v.policy)}: ${plural(v.violations.length, "violation")}`);
        for (const x of v.violations) lines.push(`  - ${x.resource ? `${code(x.resource)}: ` : ""}${literal(x.message.replace(/^[\w-]+: /, ""))}`);
    }
    if (!s.policy.verdicts.length) lines.push("- no violations");
    if (s.policy.passed.length) lines.push(`- passed: ${s.policy.passed.map(code).join(", ")}`);
    return [...lines, ""];
}

function totalsSection(s: Summary): string[] {
    const t = s.totals;
    const actions = (Object.keys(t.actions) as Action[]).filter((a) => t.actions[a]).map((a) => `${t.actions[a]} ${ACTION_TEXT[a]}`);
    const levels = Object.entries(t.violations).map(([l, n]) => `${n} ${l}`);
    const callees = t.calleesInNewTasks === undefined ? "unknown (secret)" : String(t.calleesInNewTasks);
    const delta = t.added === undefined ? "" : ` (+${t.added} −${t.removed} across changed campaigns)`;
    return [
        "### Totals",
        "",
        `- campaigns: ${actions.join(", ") || "none"}`,
        `- callees in new tasks: ${callees}${delta}`,
        `- policy violations: ${levels.join(", ") || (s.policy ? "none" : "unknown")}`,
        `- restarts of running campaigns: ${t.restarts}`,
        "",
    ];
}

export function renderMarkdown(s: Summary): string {
    const lines = [`## Campaign review: stack ${code(s.stack || "?")}`, ""];
    lines.push(s.blocking.length ? `**Blocked**:\n${s.blocking.map((b) => `- ${b}`).join("\n")}` : "**OK to deploy**: no mandatory policy violation, no unacknowledged restart.");
    lines.push("", "| campaign | action | callees | changed |", "|---|---|---|---|");
    for (const c of s.campaigns) {
        const changed = c.changes.map((x) => x.field);
        lines.push(`| ${cell(c.name)} | ${ACTION_TEXT[c.action]} | ${calleeCell(c.callees)} | ${changed.length ? changed.map(code).join(", ") : "—"} |`);
    }
    if (!s.campaigns.length) lines.push("| (none) | | | |");
    lines.push("");
    for (const c of s.campaigns) if (c.action !== "unchanged") lines.push(...campaignSection(c));
    lines.push(...policySection(s), ...totalsSection(s));
    if (s.notes.length) lines.push("### Notes", "", ...s.notes.map((n) => `- ${n}`), "");
    return lines.join("\n");
}
