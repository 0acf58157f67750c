// Fault injection and the per-action rate limit: what happens to a request before the model sees it.
import { apiErrors, type ApiError } from "./errors";

export interface FaultRule {
    /** Actions the rule applies to; all when absent. */
    actions?: string[];
    /** Chance per matching request, drawn from a seeded generator (repeatable runs). */
    probability?: number;
    /** The next N matching requests. */
    count?: number;
    /** Let the first N matching requests through before the rule applies. */
    after?: number;
    seed?: number;
}

export interface FaultConfig {
    /** Added before every API response. */
    latencyMs?: number;
    /** Answer InternalError without touching state. */
    internalError?: FaultRule;
    /** Destroy the connection before doing anything. */
    connectionReset?: FaultRule;
    /** Perform the action (state committed), then never answer: hold the socket `hangMs`, then destroy it. */
    dropAfterCommit?: FaultRule & { hangMs?: number };
}

export type FaultKind = "internalError" | "connectionReset" | "dropAfterCommit";
const KINDS: FaultKind[] = ["connectionReset", "internalError", "dropAfterCommit"];

/** mulberry32: a small seeded generator. */
function generator(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export class Faults {
    private config: FaultConfig = {};
    private readonly random = new Map<FaultKind, () => number>();
    private readonly remaining = new Map<FaultKind, number>();
    private readonly spared = new Map<FaultKind, number>();

    set(config: FaultConfig): void {
        this.config = structuredClone(config);
        this.random.clear();
        this.remaining.clear();
        this.spared.clear();
        for (const kind of KINDS) {
            const rule = config[kind];
            if (!rule) continue;
            this.random.set(kind, generator(rule.seed ?? 1));
            if (rule.count !== undefined) this.remaining.set(kind, rule.count);
            if (rule.after !== undefined) this.spared.set(kind, rule.after);
        }
    }

    current(): FaultConfig {
        return structuredClone(this.config);
    }

    latencyMs(): number {
        return this.config.latencyMs ?? 0;
    }

    hangMs(): number {
        return this.config.dropAfterCommit?.hangMs ?? 30_000;
    }

    /** The fault to inject into this request, if any (at most one). */
    draw(action: string): FaultKind | undefined {
        for (const kind of KINDS) {
            const rule = this.config[kind];
            if (!rule || (rule.actions && !rule.actions.includes(action))) continue;
            const spare = this.spared.get(kind) ?? 0;
            if (spare > 0) {
                this.spared.set(kind, spare - 1);
                continue;
            }
            const left = this.remaining.get(kind);
            if (left !== undefined) {
                if (left <= 0) continue;
                this.remaining.set(kind, left - 1);
                return kind;
            }
            if (this.random.get(kind)!() < (rule.probability ?? 0)) return kind;
        }
        return undefined;
    }
}

/** At most `limit` requests per action in any sliding second of wall time, as documented (20/s). */
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
