// The account's per-action rate, shared by the provider processes of stacks deployed side by side. The
// runner of many stacks starts a lease server on loopback; every provider process it starts finds it
// in CCC_RATE_LEASE_URL and asks it for each request's turn. One `limiter` token bucket per action in
// the server spaces the turns of every process together, so the stacks reach the account's rate
// together without going over it. With no server (one stack, today's way) nothing is asked. The lease
// is never needed for correctness: a server that does not answer leaves the process to its own pace,
// whose throttling retries and AIMD still hold.
import * as http from "http";
import type { AddressInfo } from "net";
import { TokenBucket } from "limiter";
import { processSingleton } from "./process";

/** The environment variable naming the lease server, set by the runner for the processes it starts. */
export const RATE_LEASE_ENV = "CCC_RATE_LEASE_URL";
/** The account's rate per action that CCC documents (requests per second). */
export const ACCOUNT_REQUESTS_PER_SECOND = 20;
const LEASE_PATH = "/lease/";
/**
 * The share of the rate the turns are spaced at, and the turns a bucket holds. With one turn held, any
 * second holds at most 1 + 19 = 20 turns at 95%: never more than the account's rate, so an even
 * spacing alone keeps the API from throttling, and only a turn reaching the API late (a loaded
 * machine) can crowd one second. Measured on 500 creates over 5 stacks on 2 cores: 0 throttled at 95%
 * with one turn held; 3 to 6 with two (then up to 21 in a second); 85% with two held threw away
 * 4.4 s of 25 (docs/benchmark.md).
 */
const HEADROOM = 0.95;
const BUCKET_SIZE = 1;

export interface RateLeaseServer {
    /** The value of CCC_RATE_LEASE_URL for the processes that share the rate. */
    url: string;
    /** Turns granted, per action. */
    granted(): Record<string, number>;
    close(): Promise<void>;
}

/** Starts the lease server on 127.0.0.1: `GET /lease/<action>` answers 204 at the action's next turn. */
export function startRateLeaseServer(requestsPerSecond = ACCOUNT_REQUESTS_PER_SECOND): Promise<RateLeaseServer> {
    const buckets = new Map<string, TokenBucket>();
    const granted: Record<string, number> = {};
    // Turns evenly spaced, as each process paces itself (see retries.ts).
    const spacing = 1000 / (requestsPerSecond * HEADROOM);
    const bucketOf = (action: string) => {
        let bucket = buckets.get(action);
        if (!bucket) buckets.set(action, (bucket = new TokenBucket({ bucketSize: BUCKET_SIZE, tokensPerInterval: 1, interval: spacing })));
        return bucket;
    };
    const server = http.createServer((req, res) => {
        const action = req.method === "GET" && req.url?.startsWith(LEASE_PATH) ? decodeURIComponent(req.url.slice(LEASE_PATH.length)) : "";
        if (!action) {
            res.writeHead(404).end();
            return;
        }
        bucketOf(action)
            .removeTokens(1)
            .then(() => {
                // A client that gave up (its call timed out) does not spend the turn.
                if (req.destroyed || res.destroyed) return;
                granted[action] = (granted[action] ?? 0) + 1;
                res.writeHead(204).end();
            });
    });
    // Waiting requests are the point: no idle timeout may cut them.
    server.requestTimeout = 0;
    server.keepAliveTimeout = 60_000;
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as AddressInfo;
            resolve({
                url: `http://127.0.0.1:${port}`,
                granted: () => ({ ...granted }),
                close: () =>
                    new Promise((done) => {
                        server.closeAllConnections();
                        server.close(() => done());
                    }),
            });
        });
    });
}

/**
 * Waits for the action's turn from the lease server named in the environment; at once when there is
 * none. A server that fails to answer is not asked again by this process: its own pace goes on alone.
 */
export async function leaseTurn(action: string, signal?: AbortSignal, env: NodeJS.ProcessEnv = process.env): Promise<void> {
    const url = env[RATE_LEASE_ENV];
    const unreachable = processSingleton("rateLease", () => new Set<string>());
    if (!url || unreachable.has(url)) return;
    try {
        const res = await fetch(`${url}${LEASE_PATH}${encodeURIComponent(action)}`, { signal });
        if (res.status !== 204) unreachable.add(url);
    } catch (e) {
        if (signal?.aborted) throw e;
        unreachable.add(url);
    }
}
