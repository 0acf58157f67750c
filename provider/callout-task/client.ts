// The narrow client the CalloutTask provider talks through: one method per CCC action it uses,
// built by a factory inside the provider's methods (the provider is closure-serialized, so no live
// client, agent or credential may be captured at module level).
import * as http from "http";
import * as dns from "dns";
import { Client as SdkClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client";
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";

export const API_VERSION = "2020-02-10";
export const DEFAULT_ENDPOINT = "https://ccc.tencentcloudapi.com";

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
    timeoutSeconds?: number;
}

/** An error the CCC API (or the network on the way to it) returned, with everything needed to report it. */
export class CccApiError extends Error {
    constructor(
        readonly action: string,
        readonly code: string,
        readonly apiMessage: string,
        readonly requestId: string,
    ) {
        super(`${action} failed: ${code || "NetworkError"}: ${apiMessage}${requestId ? ` (RequestId ${requestId})` : ""}`);
        this.name = "CccApiError";
    }
}

export interface CccApi {
    createTask(req: models.CreateAutoCalloutTaskRequest): Promise<models.CreateAutoCalloutTaskResponse>;
    describeTask(req: models.DescribeAutoCalloutTaskRequest): Promise<models.DescribeAutoCalloutTaskResponse>;
    listTasks(req: models.DescribeAutoCalloutTasksRequest): Promise<models.DescribeAutoCalloutTasksResponse>;
    pauseTask(req: models.PauseAutoCalloutTaskRequest): Promise<models.PauseAutoCalloutTaskResponse>;
    resumeTask(req: models.ResumeAutoCalloutTaskRequest): Promise<models.ResumeAutoCalloutTaskResponse>;
    stopTask(req: models.StopAutoCalloutTaskRequest): Promise<models.StopAutoCalloutTaskResponse>;
}

export interface ParsedEndpoint {
    protocol: "http://" | "https://";
    /** host[:port], as the SDK wants it */
    host: string;
    hostname: string;
    loopback: boolean;
}

/** RFC 6761: `localhost` and every name under `.localhost` are loopback; so are 127/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
    const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
    return h === "localhost" || h.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(h) || h === "::1";
}

/**
 * Parses the endpoint setting. The SDK signs with the first label of the host as the service name,
 * so the host must start with `ccc.`; plain HTTP is allowed only to loopback hosts.
 */
export function parseEndpoint(endpoint: string = DEFAULT_ENDPOINT): ParsedEndpoint {
    const withScheme = /^[a-z]+:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
    let url: URL;
    try {
        url = new URL(withScheme);
    } catch {
        throw new Error(`endpoint: "${endpoint}" is not a valid URL or host name`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new Error(`endpoint: protocol must be https (or http to a loopback host), got ${url.protocol}`);
    }
    if (url.pathname !== "/" || url.search || url.username || url.password) {
        throw new Error(`endpoint: must be a bare host such as ${DEFAULT_ENDPOINT}, without path, query or user info`);
    }
    const loopback = isLoopbackHost(url.hostname);
    if (url.protocol === "http:" && !loopback) {
        throw new Error(`endpoint: plain http is allowed only to a loopback host (localhost, *.localhost, 127.0.0.0/8); use https for ${url.hostname}`);
    }
    if (url.hostname.split(".")[0] !== "ccc") {
        throw new Error(
            `endpoint: host must start with "ccc." (the Tencent SDK signs requests with the first label of the host as the service name), got ${url.hostname}; for a local emulator use http://ccc.localhost:PORT`,
        );
    }
    return { protocol: url.protocol === "http:" ? "http://" : "https://", host: url.host, hostname: url.hostname, loopback };
}

/** Resolves `*.localhost` to the loopback address without asking DNS (most resolvers do not, although RFC 6761 says they should). */
function loopbackLookup(hostname: string, options: dns.LookupOptions, callback: (...args: any[]) => void): void {
    if (isLoopbackHost(hostname) && !/^[\d.:[\]]+$/.test(hostname)) {
        if (options.all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
        else callback(null, "127.0.0.1", 4);
        return;
    }
    dns.lookup(hostname, options, callback);
}

/** The official SDK client, pointed at the configured endpoint. */
export function createSdkClient(settings: ClientSettings): SdkClient {
    const endpoint = parseEndpoint(settings.endpoint);
    return new SdkClient({
        credential: {
            secretId: settings.credentials.secretId,
            secretKey: settings.credentials.secretKey,
            token: settings.credentials.securityToken,
        },
        region: settings.region ?? "",
        profile: {
            httpProfile: {
                protocol: endpoint.protocol,
                endpoint: endpoint.host,
                reqTimeout: settings.timeoutSeconds ?? 30,
                // An explicit agent also stops the SDK from honouring a stray `http_proxy` for loopback traffic.
                agent: endpoint.loopback ? new http.Agent({ keepAlive: true, lookup: loopbackLookup as any }) : undefined,
            },
        },
    });
}

/** Calls one SDK action and turns every failure into a CccApiError carrying action, code, message and RequestId. */
async function call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (e: any) {
        throw new CccApiError(action, e?.code ?? "", e?.message ?? String(e), e?.requestId ?? "");
    }
}

/** Builds the narrow client over the SDK. */
export function createCccApi(settings: ClientSettings): CccApi {
    const sdk = createSdkClient(settings);
    return {
        createTask: (req) => call("CreateAutoCalloutTask", () => sdk.CreateAutoCalloutTask(req)),
        describeTask: (req) => call("DescribeAutoCalloutTask", () => sdk.DescribeAutoCalloutTask(req)),
        listTasks: (req) => call("DescribeAutoCalloutTasks", () => sdk.DescribeAutoCalloutTasks(req)),
        pauseTask: (req) => call("PauseAutoCalloutTask", () => sdk.PauseAutoCalloutTask(req)),
        resumeTask: (req) => call("ResumeAutoCalloutTask", () => sdk.ResumeAutoCalloutTask(req)),
        stopTask: (req) => call("StopAutoCalloutTask", () => sdk.StopAutoCalloutTask(req)),
    };
}
