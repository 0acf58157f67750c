// The per-action rate limit, applied to every request that passed the signature check.
import { apiErrors, type ApiError } from "./errors";

/**
 * At most `limit` requests per action in any sliding second of wall time, as documented (20/s).
 * Inferred: the window's exact shape, and that refused requests count too.
 */
export class RateLimit {
    private readonly recent = new Map<string, number[]>();

    constructor(private readonly limit: number) {}

    /** Counts the request; returns the service's error when it is over the limit. */
    admit(action: string, wallMs: number): ApiError | undefined {
        const times = (this.recent.get(action) ?? []).filter((t) => wallMs - t < 1000);
        times.push(wallMs);
        this.recent.set(action, times);
        return times.length > this.limit ? apiErrors.requestLimitExceeded(times.length, this.limit) : undefined;
    }

    reset(): void {
        this.recent.clear();
    }
}
