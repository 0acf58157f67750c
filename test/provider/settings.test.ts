// Settings: stack config first, then the environment, then the defaults; a bad value names its key.
import { strict as assert } from "assert";
import { createRecoveryMode, rememberConfig, resolveSettings } from "../../provider/ccc/settings";
import { configOf, newProviderProcess } from "../support/provider-harness";

const CREDENTIALS = { TENCENTCLOUD_SECRET_ID: "AKIDENV", TENCENTCLOUD_SECRET_KEY: "env-key" };

describe("Provider settings", () => {
    beforeEach(newProviderProcess);

    it("uses the defaults when neither config nor environment sets a value", () => {
        const s = resolveSettings(CREDENTIALS);
        assert.deepEqual(
            { timeout: s.timeoutSeconds, rate: s.requestsPerSecond, settle: s.createSettleSeconds, attempts: s.retry!.maxAttempts, seconds: s.retry!.maxSeconds },
            { timeout: 30, rate: 20, settle: 30, attempts: 6, seconds: 120 },
        );
        assert.equal(s.endpoint, undefined);
    });

    it("takes stack config over the environment", () => {
        rememberConfig(configOf({ "tencentcloud:secretId": "AKIDCONFIG", "tencentcloud:cccCreateSettleSeconds": "45" }));
        const s = resolveSettings({ ...CREDENTIALS, TENCENTCLOUD_CCC_CREATE_SETTLE_SECONDS: "5" });
        assert.equal(s.credentials.secretId, "AKIDCONFIG");
        assert.equal(s.credentials.secretKey, "env-key");
        assert.equal(s.createSettleSeconds, 45);
    });

    it("reads each setting from its environment variable", () => {
        const s = resolveSettings({ ...CREDENTIALS, TENCENTCLOUD_CCC_CREATE_SETTLE_SECONDS: "5", TENCENTCLOUD_CCC_REQUESTS_PER_SECOND: "4", TENCENTCLOUD_CCC_RETRY_MAX_SECONDS: "60" });
        assert.deepEqual([s.createSettleSeconds, s.requestsPerSecond, s.retry!.maxSeconds], [5, 4, 60]);
    });

    it("names the config key of a bad value, and asks for credentials when there are none", () => {
        assert.throws(() => resolveSettings({ ...CREDENTIALS, TENCENTCLOUD_CCC_CREATE_SETTLE_SECONDS: "soon" }), /^Error: tencentcloud:cccCreateSettleSeconds: must be a positive number, got "soon"$/);
        assert.throws(() => resolveSettings({}), /credentials: no Tencent Cloud credentials found/);
    });

    it("reads the create-recovery mode from config, else the environment, else auto, without needing credentials", () => {
        assert.equal(createRecoveryMode({}), "auto");
        assert.equal(createRecoveryMode({ TENCENTCLOUD_CCC_CREATE_RECOVERY: "never" }), "never");
        assert.throws(() => createRecoveryMode({ TENCENTCLOUD_CCC_CREATE_RECOVERY: "off" }), /^Error: tencentcloud:cccCreateRecovery: must be one of auto, never, got "off"$/);
        rememberConfig(configOf({ "tencentcloud:cccCreateRecovery": "auto" }));
        assert.equal(createRecoveryMode({ TENCENTCLOUD_CCC_CREATE_RECOVERY: "never" }), "auto");
    });

    it("forgets the config of an earlier provider process", () => {
        rememberConfig(configOf({ "tencentcloud:cccRequestsPerSecond": "3" }));
        assert.equal(resolveSettings(CREDENTIALS).requestsPerSecond, 3);
        newProviderProcess();
        assert.equal(resolveSettings(CREDENTIALS).requestsPerSecond, 20);
    });
});
