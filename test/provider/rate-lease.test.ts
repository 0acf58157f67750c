// The rate shared by stacks deployed side by side: two provider processes asking one lease server stay
// within the account's per-action rate together, and near it.
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as path from "path";
import { promisify } from "util";
import { leaseTurn, RATE_LEASE_ENV, type RateLeaseServer, startRateLeaseServer } from "../../provider/shared/rate-lease";
import { resetProcessState } from "../../provider/shared/process";
import { SDK_APP_ID, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

const REPO = path.resolve(__dirname, "..", "..");
const RATE = 20;
/** The lease server spaces turns at 95% of the rate (rate-lease.ts). */
const SPACING_MS = 1000 / (RATE * 0.95);
const PER_PROCESS = 30;

/**
 * A provider process: from a given wall time, `workers` steps at once (the engine's parallelism), each
 * making `calls` calls of one action one after the other, each waiting for its turn; prints when each turn came.
 */
const CLIENT = `
const { leaseTurn } = require("./provider/shared/rate-lease");
const [workers, calls, at] = process.argv.slice(1).map(Number);
const times = [];
const worker = async () => { for (let i = 0; i < calls; i++) { await leaseTurn("DescribeAutoCalloutTasks"); times.push(Date.now()); } };
setTimeout(() => Promise.all(Array.from({ length: workers }, worker)).then(() => console.log(JSON.stringify(times))), at - Date.now());
`;
const WORKERS = 5;
/** Time for both client processes to start (ts-node on a busy machine) before they ask at the same moment. */
const START_MS = 8000;

/** The most turns in any sliding second (the emulator's window, and CCC's as documented). */
function busiestSecond(times: number[]): number {
    const sorted = [...times].sort((a, b) => a - b);
    return Math.max(...sorted.map((t, i) => sorted.filter((u, j) => j >= i && u - t < 1000).length));
}

/** A provider process on the real CCC client: `workers` steps at once, each listing the tasks `calls` times, at the client's own pace of 20/s. */
const PROVIDER = `
const { createCccApi } = require("./provider/callout-task/client");
const [workers, calls, at, endpoint, secretId, secretKey, sdkAppId] = process.argv.slice(1);
const api = createCccApi({ credentials: { secretId, secretKey }, endpoint, requestsPerSecond: 20 });
const worker = async () => { for (let i = 0; i < Number(calls); i++) await api.listTasks({ SdkAppId: Number(sdkAppId), PageSize: 1, PageNumber: 1 }); };
setTimeout(() => Promise.all(Array.from({ length: Number(workers) }, worker)).then(() => console.log("done")), Number(at) - Date.now());
`;

describe("Shared rate: the lease server of stacks deployed side by side", function () {
    this.timeout(60_000);
    let server: RateLeaseServer;
    beforeEach(async () => {
        resetProcessState();
        server = await startRateLeaseServer(RATE);
    });
    afterEach(() => server.close());

    it("two provider processes together stay within 20/s per action, and close to it", async () => {
        const at = Date.now() + START_MS;
        const run = () =>
            promisify(execFile)(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", CLIENT, String(WORKERS), String(PER_PROCESS / WORKERS), String(at)], {
                cwd: REPO,
                env: { ...process.env, [RATE_LEASE_ENV]: server.url },
            });
        const [a, b] = (await Promise.all([run(), run()])).map((r) => JSON.parse(r.stdout) as number[]);
        const all = [...a, ...b];
        assert.equal(all.length, 2 * PER_PROCESS);
        assert.deepEqual(server.granted(), { DescribeAutoCalloutTasks: 2 * PER_PROCESS });
        assert.ok(busiestSecond(all) <= RATE, `${busiestSecond(all)} turns in one second`);
        // Both processes are served side by side, not one after the other.
        assert.ok(Math.min(...a) < Math.max(...b) && Math.min(...b) < Math.max(...a), "one process waited for the other to finish");
        // 60 turns 52.6 ms apart (19/s): the last 59 spacings after the first (3.1 s).
        const seconds = (Math.max(...all) - Math.min(...all)) / 1000;
        assert.ok(seconds < (2 * PER_PROCESS * SPACING_MS) / 1000 + 0.5, `${seconds}s for ${2 * PER_PROCESS} turns: far below the rate`);
    });

    it("two provider processes on the emulator (20/s per action): throttled without the lease, never with it, and near the rate", async () => {
        const emu = await startTestEmulator();
        try {
            const burst = async (env: Record<string, string>) => {
                const from = emu.requestLog().length;
                const at = Date.now() + START_MS;
                const args = ["-r", "ts-node/register/transpile-only", "-e", PROVIDER, String(WORKERS), String(PER_PROCESS / WORKERS), String(at), emu.url, SECRET_ID, SECRET_KEY, String(SDK_APP_ID)];
                await Promise.all([0, 1].map(() => promisify(execFile)(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env } })));
                const log = emu.requestLog().slice(from);
                const ok = log.filter((e) => e.outcome === "ok").map((e) => e.at);
                return { ok: ok.length, throttled: log.filter((e) => e.outcome.startsWith("RequestLimitExceeded")).length, seconds: (Math.max(...ok) - Math.min(...ok)) / 1000 };
            };
            const alone = await burst({});
            assert.equal(alone.ok, 2 * PER_PROCESS);
            assert.ok(alone.throttled > 0, "two processes at 20/s each were not throttled: the test cannot tell");
            const shared = await burst({ [RATE_LEASE_ENV]: server.url });
            assert.deepEqual({ ok: shared.ok, throttled: shared.throttled }, { ok: 2 * PER_PROCESS, throttled: 0 });
            assert.ok(shared.seconds < (2 * PER_PROCESS * SPACING_MS) / 1000 + 0.5, `${shared.seconds}s for ${2 * PER_PROCESS} calls: far below the rate`);
        } finally {
            await emu.close();
        }
    });

    it("actions have turns of their own", async () => {
        const env = { [RATE_LEASE_ENV]: server.url };
        const timed = async (actions: string[]) => {
            const started = Date.now();
            await Promise.all(actions.map((action) => leaseTurn(action, undefined, env)));
            return Date.now() - started;
        };
        // Three turns of one action wait for each other (a bucket holds one, filling one a spacing); three actions do not.
        const distinct = await timed(["CreateAutoCalloutTask", "DescribeAutoCalloutTask", "StopAutoCalloutTask"]);
        const same = await timed(["PauseAutoCalloutTask", "PauseAutoCalloutTask", "PauseAutoCalloutTask"]);
        assert.ok(distinct < same, `three actions took ${distinct} ms, three turns of one ${same} ms`);
        assert.deepEqual(server.granted(), { CreateAutoCalloutTask: 1, DescribeAutoCalloutTask: 1, StopAutoCalloutTask: 1, PauseAutoCalloutTask: 3 });
    });

    it("without a server (one stack), or with one that is gone, a call goes on at its own pace", async () => {
        await leaseTurn("DescribeAutoCalloutTasks", undefined, {});
        await server.close();
        const gone = { [RATE_LEASE_ENV]: server.url };
        await leaseTurn("DescribeAutoCalloutTasks", undefined, gone);
        const started = Date.now();
        await leaseTurn("DescribeAutoCalloutTasks", undefined, gone);
        assert.ok(Date.now() - started < 5, "asked the server that is gone again");
        server = await startRateLeaseServer(RATE); // for afterEach
    });
});
