// The client's pieces that need no service: error predicates, the endpoint rules, and the retry bound.
import { strict as assert } from "assert";
import { cccApiError, DEFAULT_RETRY, isAmbiguous, isAuthFailure, isRefusal, isThrottled, isTransient, parseEndpoint, withRetries } from "../../provider/ccc";
import { newProviderProcess, SECRET_ID, SECRET_KEY } from "../support/provider-harness";

const settings = (retry: Partial<typeof DEFAULT_RETRY> = {}) => ({
    credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    requestsPerSecond: 20,
    retry: { ...DEFAULT_RETRY, initialDelayMs: 10, maxDelayMs: 50, ...retry },
});

describe("CCC client", () => {
    beforeEach(newProviderProcess);

    it("sorts answered errors into throttled, ambiguous, transient, credentials and refusals, by code only", () => {
        const table: [string, string[]][] = [
            ["RequestLimitExceeded", ["throttled"]],
            ["RequestLimitExceeded.UinLimitExceeded", ["throttled"]],
            ["", ["ambiguous", "transient"]],
            ["InternalError.DBError", ["ambiguous", "transient"]],
            ["ServiceUnavailable", ["ambiguous", "transient"]],
            ["RequestTimeout", ["ambiguous", "transient"]],
            ["AuthFailure.SignatureFailure", ["auth"]],
            ["UnauthorizedOperation", ["auth"]],
            ["InvalidParameterValue", ["refusal"]],
            ["UnsupportedOperation", ["refusal"]],
            ["ResourceNotFound", ["refusal"]],
            ["FailedOperation", ["refusal"]],
        ];
        for (const [code, kinds] of table) {
            const e = cccApiError("DescribeAutoCalloutTask", code, "TaskId not found", "");
            const got = [isThrottled(e) && "throttled", isAmbiguous(e) && "ambiguous", isTransient(e) && "transient", isAuthFailure(e) && "auth", isRefusal(e) && "refusal"].filter(Boolean);
            assert.deepEqual(got, kinds, code);
        }
    });

    it("accepts https hosts starting with ccc. and plain http only to loopback", () => {
        assert.deepEqual(parseEndpoint("ccc.intl.tencentcloudapi.com"), { protocol: "https://", host: "ccc.intl.tencentcloudapi.com", hostname: "ccc.intl.tencentcloudapi.com", loopback: false });
        assert.equal(parseEndpoint("http://ccc.localhost:8080").loopback, true);
        assert.throws(() => parseEndpoint("http://ccc.example.com"), /plain http is allowed only to a loopback host/);
        assert.throws(() => parseEndpoint("https://api.example.com"), /host must start with "ccc\."/);
        assert.throws(() => parseEndpoint("https://ccc.example.com/path"), /bare host/);
    });

    it("retries throttling beyond the attempt bound until the time bound, then names the settings", async () => {
        let calls = 0;
        const started = Date.now();
        await assert.rejects(
            withRetries(settings({ maxAttempts: 2, maxSeconds: 1 }), "CreateAutoCalloutTask", isThrottled, async () => {
                calls++;
                throw cccApiError("CreateAutoCalloutTask", "RequestLimitExceeded", "over the limit", "req-1");
            }),
            (e: Error) => {
                assert.match(e.message, /^CreateAutoCalloutTask failed: RequestLimitExceeded: over the limit \(gave up after \d+ attempts in 1\.\ds; bounds: 2 attempts \(tencentcloud:cccMaxAttempts\), 1s \(tencentcloud:cccRetryMaxSeconds\); throttled \d+ times: the service allows fewer requests than tencentcloud:cccRequestsPerSecond \(20\/s\); lower it or raise tencentcloud:cccRetryMaxSeconds\) \(RequestId req-1\)$/);
                return true;
            },
        );
        assert.ok(calls > 2, `throttling stopped at the attempt bound (${calls} calls)`);
        assert.ok(Date.now() - started < 1500);
    });

    it("stops other retryable failures at the attempt bound", async () => {
        let calls = 0;
        await assert.rejects(
            withRetries(settings({ maxAttempts: 3, maxSeconds: 30 }), "DescribeAutoCalloutTask", isTransient, async () => {
                calls++;
                throw cccApiError("DescribeAutoCalloutTask", "InternalError", "boom", "");
            }),
            /gave up after 3 attempts .*bounds: 3 attempts/,
        );
        assert.equal(calls, 3);
    });

    it("does not retry what the predicate refuses, and reports it unchanged", async () => {
        let calls = 0;
        const refusal = cccApiError("StopAutoCalloutTask", "UnsupportedOperation", "already stopped", "req-2");
        await assert.rejects(
            withRetries(settings(), "StopAutoCalloutTask", isAmbiguous, async () => {
                calls++;
                throw refusal;
            }),
            (e) => e === refusal,
        );
        assert.equal(calls, 1);
    });
});
