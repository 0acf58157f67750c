// CCC provider settings, shared by every CCC kind: stack config (through the dynamic provider's
// `configure`), else the SDK's environment variables. Read at run time inside the provider process,
// never captured at serialization time, so no credential can reach the serialized provider in state.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DEFAULT_CREATE_SETTLE_SECONDS } from "../shared/create-once";
import { DEFAULT_RETRY, type RetrySettings } from "../shared/retries";
import { settingsReader } from "../shared/settings";

export { DEFAULT_CREATE_SETTLE_SECONDS, DEFAULT_RETRY, type RetrySettings };

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
    createSettleSeconds: { config: "tencentcloud:cccCreateSettleSeconds", env: "TENCENTCLOUD_CCC_CREATE_SETTLE_SECONDS" },
    createRecovery: { config: "tencentcloud:cccCreateRecovery", env: "TENCENTCLOUD_CCC_CREATE_RECOVERY" },
} as const;

/** The documented limit, per action. */
export const DEFAULT_REQUESTS_PER_SECOND = 20;

export interface Credentials {
    secretId: string;
    secretKey: string;
    securityToken?: string;
}

export interface ClientSettings {
    credentials: Credentials;
    region?: string;
    /** `https://ccc.tencentcloudapi.com` (default), `ccc.intl.tencentcloudapi.com`, or `http://ccc.localhost:PORT` for a local emulator. */
    endpoint?: string;
    /** Seconds before one HTTP request is abandoned (default 30). */
    timeoutSeconds?: number;
    retry?: RetrySettings;
    /** Requests per second per action, shared by every task in the process (default 20, the documented limit); slowed down while throttled. */
    requestsPerSecond?: number;
    /** After a create whose answer was lost, how long to keep looking for the task in the listing before creating again (default 30). */
    createSettleSeconds?: number;
}

/**
 * `auto`: a create whose resource has a pending create in the stack's state (an interrupted run) waits
 * for the task list to catch up before creating. `never`: the old behaviour, one listing decides; it can
 * create a second task after a killed deploy, so it exists only to show that in tests.
 */
// Made when used: a schema at module scope cannot be closure-serialized with the provider.
const createRecoverySchema = () => z.enum(["auto", "never"]);
export type CreateRecoveryMode = z.infer<ReturnType<typeof createRecoverySchema>>;

const settings = settingsReader("configured", SETTING_SOURCES);

/** Called from the provider's `configure`: keeps the stack config values for this process. */
export const rememberConfig = (config: pulumi.dynamic.Config): void => settings.remember(config);

const settingOf = (env: NodeJS.ProcessEnv) => settings.reader(env).get;

/** The create-recovery mode in force; needs no credentials (`check` reads it, in previews too). */
export function createRecoveryMode(env: NodeJS.ProcessEnv = process.env): CreateRecoveryMode {
    const raw = settingOf(env)("createRecovery") ?? "auto";
    const schema = createRecoverySchema();
    const mode = schema.safeParse(raw);
    if (!mode.success) throw new Error(`${SETTING_SOURCES.createRecovery.config}: must be one of ${schema.options.join(", ")}, got "${raw}"`);
    return mode.data;
}

/** The client settings in force: stack config first, then environment variables. */
export function resolveSettings(env: NodeJS.ProcessEnv = process.env): ClientSettings {
    const get = settingOf(env);
    const secretId = get("secretId");
    const secretKey = get("secretKey");
    if (!secretId || !secretKey) {
        throw new Error(
            "credentials: no Tencent Cloud credentials found. Set them in stack config " +
                "(`pulumi config set tencentcloud:secretId AKID…` and `pulumi config set --secret tencentcloud:secretKey …`) " +
                "or in the environment (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, optionally TENCENTCLOUD_SESSION_TOKEN).",
        );
    }
    const { positive } = settings.reader(env);
    return {
        credentials: { secretId, secretKey, securityToken: get("securityToken") },
        region: get("region"),
        endpoint: get("endpoint"),
        timeoutSeconds: positive("timeoutSeconds", 30),
        requestsPerSecond: positive("requestsPerSecond", DEFAULT_REQUESTS_PER_SECOND),
        createSettleSeconds: positive("createSettleSeconds", DEFAULT_CREATE_SETTLE_SECONDS),
        retry: {
            ...DEFAULT_RETRY,
            maxAttempts: Math.floor(positive("maxAttempts", DEFAULT_RETRY.maxAttempts)),
            maxSeconds: positive("retryMaxSeconds", DEFAULT_RETRY.maxSeconds),
        },
    };
}
