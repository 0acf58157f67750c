// Window problems as the policies report them: allowed hours, and problems of windows in callee
// zones gathered into one message per window, group of callees and rule.
import type { DateTime } from "luxon";
import { describeCallees, type ZonedGroup, zoneList } from "../campaign/callees";
import type { CallWindow } from "../campaign/model";
import { type LocalOccurrence, span } from "../campaign/windows";

export interface HourRange {
    start: string;
    end: string;
}

const normal = (t: string) => (t.length === 5 ? `${t}:00` : t);

/** Whether a local occurrence lies inside one allowed range on a single local day. */
export function withinHours(l: LocalOccurrence, allowed: readonly HourRange[]): boolean {
    return l.oneDay && allowed.some((r) => normal(r.start) <= l.from && l.to <= normal(r.end));
}

/**
 * Problems of declared windows in callee zones, gathered so that each declared window yields one
 * message per group of callees and rule: the callees and their zones first, then what the window is
 * in each zone where it breaks the rule.
 */
export class WindowProblems {
    private readonly groups = new Map<string, { window: CallWindow; rule: string; callees: ZonedGroup; where: Map<string, Map<string, DateTime>> }>();

    /** `preposition` joins what the window is to a zone ("on Sunday" + "in " + zone). */
    constructor(private readonly preposition = "") {}

    add(window: CallWindow, rule: string, callees: ZonedGroup, zone: string, localText: string, at: DateTime): void {
        const key = `${window.label}|${window.start}|${window.end}|${rule}|${callees.key}`;
        let g = this.groups.get(key);
        if (!g) this.groups.set(key, (g = { window, rule, callees, where: new Map() }));
        let zones = g.where.get(localText);
        if (!zones) g.where.set(localText, (zones = new Map()));
        const first = zones.get(zone);
        if (!first || at < first) zones.set(zone, at);
    }

    messages(taskZone: string): string[] {
        return [...this.groups.values()].map((g) => {
            // Zones where the window is the same local hours from the same first day read as one phrase.
            const phrases = new Map<string, string[]>();
            for (const [text, zones] of g.where) {
                for (const [zone, first] of zones) {
                    const phrase = `${text} %ZONES% (from ${first.toFormat("ccc yyyy-LL-dd")})`;
                    phrases.set(phrase, [...(phrases.get(phrase) ?? []), zone]);
                }
            }
            const where = [...phrases].map(([phrase, zones]) => phrase.replace("%ZONES%", g.callees.oneZone ? "there" : `${this.preposition}${zoneList(zones)}`)).join("; ");
            return `${describeCallees(g.callees.numbers)} ${g.callees.where}: window ${span(g.window.start, g.window.end)} ${taskZone} (${g.window.label}) is ${where}: ${g.rule}`;
        });
    }
}
