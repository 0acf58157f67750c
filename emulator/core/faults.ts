// Fault injection: what happens to a request that reached an action, instead of (or after) the action.
import { z } from "zod";

const rule = z.strictObject({
    /** Actions the rule applies to; all when absent. */
    actions: z.array(z.string()).optional(),
    /** Chance per matching request, drawn from a seeded generator (repeatable runs). */
    probability: z.number().min(0).max(1).optional(),
    /** The next N matching requests. */
    count: z.number().int().min(0).optional(),
    /** Let the first N matching requests through before the rule applies. */
    after: z.number().int().min(0).optional(),
    seed: z.number().int().optional(),
});

/** The fault kinds, in the order they are drawn: at most one applies to a request. */
const kinds = {
    /** Destroy the connection before doing anything. */
    connectionReset: rule,
    /** A gateway's plain HTTP 502 with an HTML body, state untouched. */
    badGateway: rule,
    /** A gateway's plain HTTP 504 with an HTML body, state untouched. */
    gatewayTimeout: rule,
    /** Answer ServiceUnavailable without touching state. */
    serviceUnavailable: rule,
    /** Answer InternalError without touching state. */
    internalError: rule,
    /** Perform the action (state committed), then never answer: hold the socket `hangMs`, then destroy it. */
    dropAfterCommit: rule.extend({ hangMs: z.number().min(0).optional() }),
    /** Perform the action (state committed), then answer InternalError: nothing documents that an error answer means nothing was done. */
    internalErrorAfterCommit: rule,
};

export type FaultKind = keyof typeof kinds;
const FAULT_KINDS = Object.keys(kinds) as FaultKind[];

export const faultConfigSchema = z
    .strictObject(kinds)
    .partial()
    .extend({
        /** Added before every API response. */
        latencyMs: z.number().min(0).optional(),
        /**
         * A task created while this is set shows in the vendor's task listing only once `listCalls` listings
         * have been answered since its creation and `seconds` of wall time have passed (whichever are given).
         * A lookup by id finds it at once. The lag is fixed at creation; later setFaults keep it.
         */
        listLag: z.strictObject({ listCalls: z.number().int().min(0).optional(), seconds: z.number().min(0).optional() }).optional(),
    });

export type FaultRule = z.infer<typeof rule>;
export type FaultConfig = z.infer<typeof faultConfigSchema>;
/** The configuration as read back: each counted rule also shows what is left of `count` and `after`. */
export type FaultState = { [K in keyof FaultConfig]: K extends FaultKind ? FaultConfig[K] & { remaining?: number; afterLeft?: number } : FaultConfig[K] };

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
    /** Tasks hidden from listings: listings still to answer, and the wall time (ms) they show from. */
    private readonly lagging = new Map<number | string, { listsLeft: number; fromMs: number }>();

    /** Replaces the configuration; throws a TypeError naming what is wrong in it (an unknown kind, a bad value). */
    set(input: unknown): void {
        const parsed = faultConfigSchema.safeParse(input);
        if (!parsed.success) throw new TypeError(`faults: ${z.prettifyError(parsed.error)}`);
        this.config = parsed.data;
        this.random.clear();
        this.remaining.clear();
        this.spared.clear();
        for (const kind of FAULT_KINDS) {
            const rule = this.config[kind];
            if (!rule) continue;
            this.random.set(kind, generator(rule.seed ?? 1));
            if (rule.count !== undefined) this.remaining.set(kind, rule.count);
            if (rule.after !== undefined) this.spared.set(kind, rule.after);
        }
    }

    reset(): void {
        this.set({});
        this.lagging.clear();
    }

    current(): FaultState {
        const state: FaultState = structuredClone(this.config);
        for (const kind of FAULT_KINDS) {
            const rule = state[kind];
            if (rule?.count !== undefined) rule.remaining = this.remaining.get(kind);
            if (rule?.after !== undefined) rule.afterLeft = this.spared.get(kind);
        }
        return state;
    }

    latencyMs(): number {
        return this.config.latencyMs ?? 0;
    }

    hangMs(): number {
        return this.config.dropAfterCommit?.hangMs ?? 30_000;
    }

    /** The fault to inject into a request that reached `action`, if any (at most one). */
    draw(action: string): FaultKind | undefined {
        for (const kind of FAULT_KINDS) {
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

    /** A task was created: under a list lag, it is hidden from listings for a while. */
    created(taskId: number | string, wallMs: number): void {
        const lag = this.config.listLag;
        if (lag) this.lagging.set(taskId, { listsLeft: lag.listCalls ?? 0, fromMs: wallMs + (lag.seconds ?? 0) * 1000 });
    }

    listable(taskId: number | string, wallMs: number): boolean {
        const lag = this.lagging.get(taskId);
        if (!lag) return true;
        if (lag.listsLeft > 0 || wallMs < lag.fromMs) return false;
        this.lagging.delete(taskId);
        return true;
    }

    /** A listing was answered: one fewer for every hidden task to wait. */
    listed(): void {
        for (const lag of this.lagging.values()) lag.listsLeft--;
    }
}
