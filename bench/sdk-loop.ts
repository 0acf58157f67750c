// The baseline a user would otherwise write: a loop over the official SDK's CCC client that creates
// the same N tasks at the rate limit, with no provider and no engine.
import type { CreateAutoCalloutTaskRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { createSdkClient } from "../provider/callout-task/client";
import { SECRET_ID, SECRET_KEY, startTestEmulator } from "../test/support/provider-harness";
import { benchCampaign, WEEKDAYS, WINDOW } from "./campaigns";
import { sleep } from "./measure";
import { RATE_LIMIT, type StepResult, stepResult } from "./rollout";

const toApiNumber = (n: string) => `00${n.slice(1)}`;
const unix = (iso: string) => Date.parse(iso) / 1000;

/** Campaign `i` written straight in the API's fields, as a hand-written script would. */
function request(i: number): CreateAutoCalloutTaskRequest {
    const c = benchCampaign(i);
    return {
        SdkAppId: c.sdkAppId,
        Name: c.name,
        NotBefore: unix(c.notBefore),
        NotAfter: unix(c.notAfter),
        Callees: c.callees.map(toApiNumber),
        Callers: c.callers.map(toApiNumber),
        IvrId: c.ivrId,
        Tries: c.tries,
        RetryInterval: c.retryInterval,
        TimeZone: c.timeZone,
        AvailableWorkTimeConfig: [{ DayType: "Custom", DaysOfWeek: WEEKDAYS, TimeRanges: [{ StartTime: WINDOW.start, EndTime: WINDOW.end }] }],
    };
}

/**
 * Creates N tasks through one paced queue: a request leaves at least 1/RATE_LIMIT s after the one
 * before it, answers are awaited in parallel, and a throttled request goes back to the front of the
 * queue (so retries take slots too: the API counts refused requests, and retrying beside the queue
 * would keep the window full).
 */
export async function sdkLoop(n: number): Promise<StepResult> {
    const emu = await startTestEmulator();
    try {
        const sdk = createSdkClient({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
        const requests = Array.from({ length: n }, (_, i) => request(i));
        const queue = requests.map((_, i) => i);
        const interval = 1000 / RATE_LIMIT;
        let answered = 0;
        let failure: Error | undefined;
        let last = -Infinity;
        const started = Date.now();
        while (answered < n && !failure) {
            const i = queue.shift();
            if (i === undefined) {
                await sleep(5); // every request is in flight; a throttled one may come back
                continue;
            }
            await sleep(last + interval - Date.now());
            last = Date.now();
            sdk.CreateAutoCalloutTask(requests[i]).then(
                () => answered++,
                (e) => ((e as { code?: string }).code === "RequestLimitExceeded" ? queue.unshift(i) : (failure = e)),
            );
        }
        if (failure) throw new Error(`SDK loop: CreateAutoCalloutTask failed: ${failure.message}`);
        return stepResult("sdk loop", n, started, emu.requestLog(), { code: 0, output: "", command: `SDK loop: ${n} × ccc.v20200210.Client.CreateAutoCalloutTask, at most one every ${interval} ms` });
    } finally {
        await emu.close();
    }
}
