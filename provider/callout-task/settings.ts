// Provider settings: stack config (through the dynamic provider's `configure`), else the SDK's
// environment variables. Read at run time inside the provider process, never captured at
// serialization time, so no credential can reach the serialized provider in state.
import type * as pulumi from "@pulumi/pulumi";
import { type ClientSettings, DEFAULT_RETRY } from "./client";

/** Stack config keys and the environment variables they fall back to. */
export const SETTING_SOURCES = {
    secretId: { config: "tencentcloud:secretId", env: "TENCENTCLOUD_SECRET_ID" },
    secretKey: { config: "tencentcloud:secretKey", env: "TENCENTCLOUD_SECRET_KEY" },
    securityToken: { config: "tencentcloud:securityToken", env: "TENCENTCLOUD_SESSION_TOKEN" },
    region: { config: "tencentcloud:region", env: "TENCENTCLOUD_REGION" },
    endpoint: { config: "tencentcloud:cccEndpoint", env: "TENCENTCLOUD_CCC_ENDPOINT" },
    timeoutSeconds: { config: "tencentcloud:cccTimeoutSeconds", env: "TENCENTCLOUD_CCC_TIMEOUT_SECONDS" },
    maxAttempts: { config: "tencentcloud:cccMaxAttempts", env: "TENCENTCLOUD_CCC_MAX_ATTEMPTS" },
    retryMaxSeconds: { config: "tencentcloud:cccRetryMaxSeconds", env: "TENCENTCLOUD_CCC_RETRY_MAX_SECONDS" },
    requestsPerSecond: { config: "tencentcloud:cccRequestsPerSecond", env: "TENCENTCLOUD_CCC_REQUESTS_PER_SECOND" },
} as const;
export type SettingName = keyof typeof SETTING_SOURCES;
export type ConfiguredValues = Partial<Record<SettingName, string>>;

// Process-wide, not module-level: module state would be serialized with the provider.
const GLOBAL_KEY = "__pulumiTencentCloudCccProvider";
interface ProcessState {
    configured: ConfiguredValues;
}
export function processState(): ProcessState {
    const g = globalThis as Record<string, any>;
    if (!g[GLOBAL_KEY]) g[GLOBAL_KEY] = { configured: {} };
    return g[GLOBAL_KEY];
}

/** Called from the provider's `configure`: keeps the stack config values for this process. */
export function rememberConfig(config: pulumi.dynamic.Config): void {
    const configured: ConfiguredValues = {};
    for (const [name, source] of Object.entries(SETTING_SOURCES) as [SettingName, (typeof SETTING_SOURCES)[SettingName]][]) {
        const value = config.get(source.config);
        if (value) configured[name] = value;
    }
    processState().configured = configured;
}

/** The client settings in force: stack config first, then environment variables. */
export function resolveSettings(env: NodeJS.ProcessEnv = process.env): ClientSettings {
    const { configured } = processState();
    const get = (name: SettingName) => configured[name] ?? (env[SETTING_SOURCES[name].env] || undefined);
    const secretId = get("secretId");
    const secretKey = get("secretKey");
    if (!secretId || !secretKey) {
        throw new Error(
            "credentials: no Tencent Cloud credentials found. Set them in stack config " +
                "(`pulumi config set tencentcloud:secretId AKID…` and `pulumi config set --secret tencentcloud:secretKey …`) " +
                "or in the environment (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, optionally TENCENTCLOUD_SESSION_TOKEN).",
        );
    }
    const positive = (name: SettingName, fallback: number): number => {
        const raw = get(name);
        if (raw === undefined) return fallback;
        const n = Number(raw);
        if (!Number.isFinite(n) || n <= 0) throw new Error(`${SETTING_SOURCES[name].config}: must be a positive number, got "${raw}"`);
        return n;
    };
    return {
        credentials: { secretId, secretKey, securityToken: get("securityToken") },
        region: get("region"),
        endpoint: get("endpoint"),
        timeoutSeconds: positive("timeoutSeconds", 30),
        requestsPerSecond: positive("requestsPerSecond", 20),
        retry: {
            ...DEFAULT_RETRY,
            maxAttempts: Math.floor(positive("maxAttempts", DEFAULT_RETRY.maxAttempts)),
            maxSeconds: positive("retryMaxSeconds", DEFAULT_RETRY.maxSeconds),
        },
    };
}
