// The benchmark's campaigns: lawful, valid and distinct, so that every step (check, policies, create)
// does its full work and nothing is refused or adopted. Dates in 2027, so they stay in the future.
import { SDK_APP_ID } from "../test/support/provider-harness";

/** A distinct, valid mainland mobile number for each index (+86 13x xxxx xxxx). */
export function calleeNumber(index: number): string {
    return `+8613${String(index).padStart(9, "0")}`;
}

/** `count` distinct callees starting at index `from`. */
export function callees(count: number, from = 0): string[] {
    return Array.from({ length: count }, (_, i) => calleeNumber(from + i));
}

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
export const WINDOW = { start: "10:00:00", end: "12:00:00" };

/**
 * Campaign `i` as a user writes it: Monday 1 to Friday 5 March 2027, weekdays 10:00–12:00 Shanghai time
 * (08:00–10:00 in Urumqi, the other zone China has), two tries an hour apart; callees of its own.
 */
export function benchCampaign(i: number, calleeCount = 1) {
    return {
        sdkAppId: SDK_APP_ID,
        name: `bench-${i}`,
        notBefore: "2027-03-01T09:00:00+08:00",
        notAfter: "2027-03-05T20:00:00+08:00",
        timeZone: "Asia/Shanghai",
        callers: ["+8602012345678"],
        callees: callees(calleeCount, i * calleeCount),
        ivrId: 8,
        tries: 2,
        retryInterval: 3600,
        availableWorkTimeConfig: [{ dayType: "Custom", daysOfWeek: WEEKDAYS, timeRanges: [WINDOW] }],
    };
}
