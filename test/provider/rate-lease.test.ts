// The rate shared by stacks deployed side by side: two provider processes asking one lease server stay
// within the account's per-action rate together, and near it.
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as path from "path";
import { promisify } from "util";
import { leaseTurn, RATE_LEASE_ENV, type RateLeaseServer, startRateLeaseServer } from "../../provider/shared/rate-lease";
import { resetProcessState } from "../../provider/shared/process";

const REPO = path.resolve(__dirname, "..", "..");
const RATE = 20;
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
        // 60 turns at 20/s: the first at once, the last 59 spacings later (2.95 s); the spawn spread adds little.
        const seconds = (Math.max(...all) - Math.min(...all)) / 1000;
        assert.ok(seconds < (2 * PER_PROCESS) / RATE + 0.5, `${seconds}s for ${2 * PER_PROCESS} turns: far below the rate`);
    });

    it("actions have turns of their own", async () => {
        const env = { [RATE_LEASE_ENV]: server.url };
        const started = Date.now();
        await Promise.all(["CreateAutoCalloutTask", "DescribeAutoCalloutTask", "StopAutoCalloutTask"].map((action) => leaseTurn(action, undefined, env)));
        // Each first turn comes one spacing (50 ms) after its bucket is made; three in a row would take 150 ms.
        assert.ok(Date.now() - started < 2 * (1000 / RATE), "one action's turn waited for another's");
        assert.deepEqual(server.granted(), { CreateAutoCalloutTask: 1, DescribeAutoCalloutTask: 1, StopAutoCalloutTask: 1 });
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
