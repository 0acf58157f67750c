// AiCallTask provider settings: stack config (pulumi-alicloud's key names where it has them), else
// Alibaba's environment variables. Read at run time in the provider process, never serialized.
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_CREATE_SETTLE_SECONDS } from "../shared/create-once";
import { settingsReader } from "../shared/settings";
import { DEFAULT_RETRY, type PacedSettings } from "../shared/retries";

export const SETTING_SOURCES = {
    accessKey: { config: "alicloud:accessKey", env: "ALIBABA_CLOUD_ACCESS_KEY_ID" },
    secretKey: { config: "alicloud:secretKey", env: "ALIBABA_CLOUD_ACCESS_KEY_SECRET" },
    securityToken: { config: "alicloud:securityToken", env: "ALIBABA_CLOUD_SECURITY_TOKEN" },
    endpoint: { config: "alicloud:aiccsEndpoint", env: "ALIBABA_CLOUD_AICCS_ENDPOINT" },
    timeoutSeconds: { config: "alicloud:aiccsTimeoutSeconds", env: "ALIBABA_CLOUD_AICCS_TIMEOUT_SECONDS" },
    maxAttempts: { config: "alicloud:aiccsMaxAttempts", env: "ALIBABA_CLOUD_AICCS_MAX_ATTEMPTS" },
    retryMaxSeconds: { config: "alicloud:aiccsRetryMaxSeconds", env: "ALIBABA_CLOUD_AICCS_RETRY_MAX_SECONDS" },
    requestsPerSecond: { config: "alicloud:aiccsRequestsPerSecond", env: "ALIBABA_CLOUD_AICCS_REQUESTS_PER_SECOND" },
    createSettleSeconds: { config: "alicloud:aiccsCreateSettleSeconds", env: "ALIBABA_CLOUD_AICCS_CREATE_SETTLE_SECONDS" },
    windowTimeZone: { config: "alicloud:aiccsWindowTimeZone", env: "ALIBABA_CLOUD_AICCS_WINDOW_TIME_ZONE" },
} as const;

export const DEFAULT_ENDPOINT = "aiccs.aliyuncs.com";
/** Alibaba documents no rate for these actions; sibling AICCS families document 20/s per user. */
export const DEFAULT_REQUESTS_PER_SECOND = 20;
/** [I] The zone CallTime and CallDay are read in: not documented; the product and its numbers are mainland Chinese. */
export const DEFAULT_WINDOW_TIME_ZONE = "Asia/Shanghai";

export interface AccessKey {
    accessKeyId: string;
    accessKeySecret: string;
    securityToken?: string;
}

export interface AiccsSettings extends PacedSettings {
    credentials: AccessKey;
    /** host[:port] as the SDK takes it, and the scheme. */
    endpoint: { host: string; protocol: "HTTP" | "HTTPS" };
    timeoutSeconds: number;
    createSettleSeconds: number;
}

const settings = settingsReader("aiccsConfigured", SETTING_SOURCES);

/** Called from the provider's `configure`: keeps the stack config values for this process. */
export const rememberConfig = (config: pulumi.dynamic.Config): void => settings.remember(config);

const setting = (env: NodeJS.ProcessEnv) => settings.reader(env).get;

/** The zone the task windows are read in; needs no credentials (the policy pack and check read it). */
export const windowTimeZone = (env: NodeJS.ProcessEnv = process.env): string => setting(env)("windowTimeZone") ?? DEFAULT_WINDOW_TIME_ZONE;

/** `aiccs.aliyuncs.com` (HTTPS), or `http://127.0.0.1:PORT` / `127.0.0.1:PORT` for a local emulator: plain HTTP only to loopback. */
export function parseEndpoint(raw: string = DEFAULT_ENDPOINT): AiccsSettings["endpoint"] {
    const name = SETTING_SOURCES.endpoint.config;
    let url: URL;
    try {
        url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
    } catch {
        throw new Error(`${name}: "${raw}" is not a host name or URL`);
    }
    if (url.pathname !== "/" || url.search || url.username) throw new Error(`${name}: must be a bare host such as ${DEFAULT_ENDPOINT}, without path, query or user info`);
    const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname) || url.hostname.endsWith(".localhost");
    // Without a scheme, a loopback host is the local emulator, which speaks plain HTTP.
    const http = url.protocol === "http:" || (!/^[a-z]+:\/\//i.test(raw) && loopback);
    if (http && !loopback) throw new Error(`${name}: plain http is allowed only to a loopback host; use https for ${url.hostname}`);
    return { host: url.host, protocol: http ? "HTTP" : "HTTPS" };
}

/** The settings in force: stack config first, then environment variables. */
export function resolveSettings(env: NodeJS.ProcessEnv = process.env): AiccsSettings {
    const get = setting(env);
    const accessKeyId = get("accessKey");
    const accessKeySecret = get("secretKey");
    if (!accessKeyId || !accessKeySecret) {
        throw new Error(
            "credentials: no Alibaba Cloud credentials found. Set them in stack config " +
                "(`pulumi config set alicloud:accessKey LTAI…` and `pulumi config set --secret alicloud:secretKey …`) " +
                "or in the environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, optionally ALIBABA_CLOUD_SECURITY_TOKEN).",
        );
    }
    const { positive } = settings.reader(env);
    return {
        credentials: { accessKeyId, accessKeySecret, securityToken: get("securityToken") },
        endpoint: parseEndpoint(get("endpoint")),
        timeoutSeconds: positive("timeoutSeconds", 30),
        requestsPerSecond: positive("requestsPerSecond", DEFAULT_REQUESTS_PER_SECOND),
        createSettleSeconds: positive("createSettleSeconds", DEFAULT_CREATE_SETTLE_SECONDS),
        retry: { ...DEFAULT_RETRY, maxAttempts: Math.floor(positive("maxAttempts", DEFAULT_RETRY.maxAttempts)), maxSeconds: positive("retryMaxSeconds", DEFAULT_RETRY.maxSeconds) },
    };
}
