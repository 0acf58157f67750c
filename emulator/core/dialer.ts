// The simulated dialer every vendor's model shares: it places calls to due callees inside a task's
// window up to its concurrency, ends them, and schedules retries. Inferred throughout (no vendor says
// how its calls go): calls start and end on minute steps and last one to three minutes, and about one
// in three goes unanswered, the same ones every run. Each vendor keeps its own callee state codes.

/** Simulation step, seconds: calls start and end on minute boundaries. */
export const STEP = 60;
/** Calls at once when a task does not say. */
export const DEFAULT_CONCURRENCY = 2;

/** Where a callee stands, whatever the vendor calls it. */
export type Phase = "waiting" | "calling" | "retrying" | "answered" | "unanswered";

/** The dialer's part of a vendor's callee record. */
export interface Line<S> {
    state: S;
    attempts: number;
    /** Model time the current call ends (calling). */
    callEndsAt?: number;
    /** Model time the next attempt may start (retrying). */
    retryAt?: number;
}

/** How a task dials right now. */
export interface DialPlan {
    concurrency: number;
    /** Attempts in all, the first included. */
    tries: number;
    retryIntervalSeconds: number;
}

/** Deterministic 32-bit hash (FNV-1a) so that call outcomes are repeatable. */
export function hash(text: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h;
}

export class Dialer<S, L extends Line<S>> {
    /**
     * `codes`: the vendor's state for each phase; `numberOf`: the number a line dials (it seeds the
     * outcomes); a line in a state not among `codes` (cancelled, say) is left alone.
     */
    constructor(
        private readonly codes: Record<Phase, S>,
        private readonly numberOf: (line: L) => string,
    ) {}

    is(line: L, phase: Phase): boolean {
        return line.state === this.codes[phase];
    }

    calling(lines: L[]): number {
        return lines.filter((l) => this.is(l, "calling")).length;
    }

    /** Every line answered or given up on (lines outside the dialer's states count as done). */
    finished(lines: L[]): boolean {
        return lines.every((l) => !this.is(l, "waiting") && !this.is(l, "calling") && !this.is(l, "retrying"));
    }

    /** Ends the calls due by `now`. */
    endCalls(lines: L[], now: number, plan: DialPlan): void {
        for (const l of lines) {
            if (!this.is(l, "calling") || l.callEndsAt === undefined || l.callEndsAt > now) continue;
            const answered = hash(`${this.numberOf(l)}@${l.attempts}`) % 3 !== 0;
            l.callEndsAt = undefined;
            if (answered) l.state = this.codes.answered;
            else if (l.attempts < plan.tries) {
                l.state = this.codes.retrying;
                l.retryAt = now + plan.retryIntervalSeconds;
            } else l.state = this.codes.unanswered;
        }
    }

    /** Calls the due lines, up to the concurrency; `placed` hears of each call. */
    dial(lines: L[], now: number, plan: DialPlan, placed?: (line: L) => void): void {
        let busy = this.calling(lines);
        for (const l of lines) {
            if (busy >= plan.concurrency) break;
            const due = this.is(l, "waiting") || (this.is(l, "retrying") && (l.retryAt ?? 0) <= now);
            if (!due) continue;
            l.attempts++;
            l.state = this.codes.calling;
            l.callEndsAt = now + STEP * (1 + (hash(`${this.numberOf(l)}#${l.attempts}`) % 3));
            placed?.(l);
            busy++;
        }
    }

    /** A stopped task's calls end unanswered at once. */
    hangUp(lines: L[]): void {
        for (const l of lines) if (this.is(l, "calling")) l.state = this.codes.unanswered;
    }
}
