// Where CCC is reached: the endpoint setting, checked before any call.
import * as dns from "dns";

export const DEFAULT_ENDPOINT = "https://ccc.tencentcloudapi.com";

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
export function loopbackLookup(hostname: string, options: dns.LookupOptions, callback: (...args: any[]) => void): void {
    if (isLoopbackHost(hostname) && !/^[\d.:[\]]+$/.test(hostname)) {
        if (options.all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
        else callback(null, "127.0.0.1", 4);
        return;
    }
    dns.lookup(hostname, options, callback);
}

