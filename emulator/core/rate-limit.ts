// The per-action rate limit, applied to every request that passed the signature check.

/**
 * At most `limit` requests per action in any sliding second of wall time.
 * Inferred: the window's exact shape, and that refused requests count too.
 */
export class RateLimit {
    private readonly recent = new Map<string, number[]>();

    constructor(private readonly limit: number) {}

    /** Counts the request; says by how much it is over the limit, if it is. */
    admit(action: string, wallMs: number): { count: number; limit: number } | undefined {
        const times = (this.recent.get(action) ?? []).filter((t) => wallMs - t < 1000);
        times.push(wallMs);
        this.recent.set(action, times);
        return times.length > this.limit ? { count: times.length, limit: this.limit } : undefined;
    }

    reset(): void {
        this.recent.clear();
    }
}
