// The baseline a user would otherwise write: a loop over the official SDK's CCC client that creates
// the same N tasks at the rate limit, with no provider and no engine.
import type { CreateAutoCalloutTaskRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { createSdkClient } from "../provider/callout-task/client";
import { SECRET_ID, SECRET_KEY, startTestEmulator } from "../test/support/provider-harness";
import { benchCampaign, WEEKDAYS, WINDOW } from "./campaigns";
import { seconds } from "./measure";
import { RATE_LIMIT, type StepResult, stepResult } from "./rollout";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
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

/** Creates N tasks, one request every 1/RATE_LIMIT s, all in flight at once; a throttled request waits a second and goes again. */
export async function sdkLoop(n: number): Promise<StepResult> {
    const emu = await startTestEmulator();
    try {
        const sdk = createSdkClient({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
        const requests = Array.from({ length: n }, (_, i) => request(i));
        const started = Date.now();
        let failed = 0;
        await Promise.all(
            requests.map(async (req, i) => {
                await sleep(started + (i * 1000) / RATE_LIMIT - Date.now());
                for (;;) {
                    try {
                        return await sdk.CreateAutoCalloutTask(req);
                    } catch (e) {
                        if ((e as { code?: string }).code !== "RequestLimitExceeded") return void failed++;
                        await sleep(1000);
                    }
                }
            }),
        );
        const wall = seconds(started);
        return stepResult("sdk loop", n, wall, emu.requestLog(), { code: failed ? 1 : 0, output: "", command: `SDK loop: ${n} × ccc.v20200210.Client.CreateAutoCalloutTask, one every ${1000 / RATE_LIMIT} ms` });
    } finally {
        await emu.close();
    }
}
