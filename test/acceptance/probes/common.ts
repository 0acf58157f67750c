// What the vendors' probes share: one probe's answer (a failure becomes the row's answer, so one
// surprise does not hide the other rows), an API call's outcome, and polling a listing.
import type { ProbeAnswer } from "../report";

/** Every test task starts this far ahead: no call can be placed while a run lasts. */
export const FAR_AHEAD_SECONDS = 180 * 86400;

/** Runs a call that can make a task (the run's cleanup refuses new ones once it is stopping). */
export type Guard = <T>(make: () => Promise<T>) => Promise<T>;
export const unguarded: Guard = (make) => make();

export type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };

/** A call's result or its error code (an error without one, such as a network failure, as "network error"). */
export async function outcome(p: Promise<unknown>): Promise<Outcome> {
    try {
        return { ok: true, value: await p };
    } catch (e: any) {
        return { ok: false, code: e?.code || "network error", message: String(e?.message ?? e) };
    }
}

/** Runs one probe into `rows`; an unexpected failure is its answer ("failed: CODE"). */
export async function attempt(rows: ProbeAnswer[], probe: string, behaviour: string, run: () => Promise<Omit<ProbeAnswer, "probe" | "behaviour">>): Promise<void> {
    try {
        rows.push({ probe, behaviour, ...(await run()) });
    } catch (e: any) {
        rows.push({ probe, behaviour, answer: `failed: ${e?.code || e?.name || "error"}`, detail: String(e?.message ?? e) });
    }
}

/** Calls `check` until it returns something truthy or `waitMs` has passed; how many tries and how long it took. */
export async function pollUntil<T>(check: () => Promise<T | undefined | false>, waitMs: number, pollMs: number): Promise<{ ok: boolean; value?: T; tries: number; ms: number }> {
    const start = Date.now();
    for (let tries = 1; ; tries++) {
        const value = await check();
        const ms = Date.now() - start;
        if (value) return { ok: true, value, tries, ms };
        if (ms >= waitMs) return { ok: false, tries, ms };
        await new Promise((r) => setTimeout(r, pollMs));
    }
}
