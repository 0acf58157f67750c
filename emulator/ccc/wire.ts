// The API 3.0 wire format: body parsing, TC3-HMAC-SHA256 verification and the response envelope.
import { createHash, createHmac, timingSafeEqual } from "crypto";
import type { WireRequest } from "../core/service";
import { ApiError, apiErrors } from "./errors";

export const SERVICE = "ccc";
export const VERSION = "2020-02-10";
/** The service refuses timestamps more than five minutes from its own (wall) time. */
export const MAX_SKEW_SECONDS = 300;

export interface Credential {
    secretId: string;
    secretKey: string;
    token?: string;
}

const sha256hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

/** TC3 signature as the service computes it. */
export function tc3Signature(secretKey: string, date: string, service: string, stringToSign: string): string {
    const kDate = hmac(`TC3${secretKey}`, date);
    const kService = hmac(kDate, service);
    const kSigning = hmac(kService, "tc3_request");
    return createHmac("sha256", kSigning).update(stringToSign).digest("hex");
}

/**
 * The TC3 canonical request: signed header names and values lower-cased and trimmed, in the order the
 * Authorization lists them. `host` is the value to sign for the Host header.
 */
export function canonicalRequest(req: WireRequest, signedHeaders: string[], host: string): string {
    const canonicalHeaders = signedHeaders.map((name) => `${name}:${(name === "host" ? host : String(req.headers[name] ?? "")).trim().toLowerCase()}\n`).join("");
    return [req.method, "/", req.query, canonicalHeaders, signedHeaders.join(";"), sha256hex(req.body)].join("\n");
}

const AUTH = /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

/** Verifies a request's signature; returns the credential it was signed with. Throws the service's AuthFailure codes. */
export function verify(req: WireRequest, credentials: Credential[], wallNow: number): Credential {
    const { headers } = req;
    const auth = String(headers.authorization ?? "");
    const m = AUTH.exec(auth);
    if (!m) throw apiErrors.invalidAuthorization(auth ? "it is not TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…" : "it is missing");
    const [, secretId, date, service, signedHeaderList, signature] = m;
    const signed = signedHeaderList.split(";");
    // Documented: content-type and host at least; any other headers may be signed too.
    if (!signed.includes("content-type") || !signed.includes("host")) throw apiErrors.invalidAuthorization("SignedHeaders must include content-type and host");
    const timestamp = Number(headers["x-tc-timestamp"]);
    if (!Number.isInteger(timestamp)) throw apiErrors.invalidAuthorization("X-TC-Timestamp is missing or not an integer");
    if (Math.abs(wallNow - timestamp) > MAX_SKEW_SECONDS) throw apiErrors.signatureExpire(timestamp, wallNow);
    const credential = credentials.find((c) => c.secretId === secretId);
    if (!credential) throw apiErrors.secretIdNotFound();
    const expectedDate = new Date(timestamp * 1000).toISOString().slice(0, 10);
    if (date !== expectedDate) throw apiErrors.signatureFailure(`credential scope date ${date} does not match the timestamp's UTC date ${expectedDate}`);
    if (service !== SERVICE) throw apiErrors.signatureFailure(`credential scope service "${service}" is not "${SERVICE}"`);
    // The SDK signs the host without the port that the Host header carries; other signers sign it as sent.
    const sentHost = String(headers.host ?? "");
    const hosts = [sentHost.replace(/:\d+$/, ""), sentHost];
    const given = Buffer.from(signature, "hex");
    const matches = hosts.some((host) => {
        const stringToSign = ["TC3-HMAC-SHA256", String(timestamp), `${date}/${service}/tc3_request`, sha256hex(canonicalRequest(req, signed, host))].join("\n");
        return timingSafeEqual(Buffer.from(tc3Signature(credential.secretKey, date, service, stringToSign), "hex"), given);
    });
    if (!matches) throw apiErrors.signatureFailure("the signature does not match");
    const token = headers["x-tc-token"] === undefined ? undefined : String(headers["x-tc-token"]);
    if ((credential.token ?? "") !== (token ?? "")) throw apiErrors.tokenFailure();
    return credential;
}

export interface Params {
    params: Record<string, unknown>;
    /** From a GET's query string: every value is text. */
    fromQuery: boolean;
}

/** The action's parameters: the JSON body of a POST, or the query string of a GET (`A.0.B` keys nested). */
export function parseParams(req: WireRequest): Params {
    if (req.method === "GET") return { params: unflatten(req.query), fromQuery: true };
    if (req.body.length === 0) return { params: {}, fromQuery: false };
    let parsed: unknown;
    try {
        parsed = JSON.parse(req.body.toString("utf8"));
    } catch {
        throw apiErrors.malformedBody("is not valid JSON");
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw apiErrors.malformedBody("must be a JSON object");
    return { params: parsed as Record<string, unknown>, fromQuery: false };
}

/** `Callees.0=a&AvailableTime.0.StartTime=b` → `{Callees: ["a"], AvailableTime: [{StartTime: "b"}]}`. */
function unflatten(query: string): Record<string, unknown> {
    const root: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(query)) {
        const path = key.split(".");
        if (path.some((p) => p === "" || p === "__proto__" || p === "constructor" || p === "prototype")) throw apiErrors.unknownParameter(key);
        let node = root as Record<string, unknown>;
        path.slice(0, -1).forEach((segment, i) => {
            node[segment] ??= /^\d+$/.test(path[i + 1]) ? [] : {};
            node = node[segment] as Record<string, unknown>;
        });
        node[path[path.length - 1]] = value;
    }
    return root;
}

export function envelope(requestId: string, result: Record<string, unknown> | ApiError): string {
    const response = result instanceof ApiError ? { Error: { Code: result.code, Message: result.message }, RequestId: requestId } : { ...result, RequestId: requestId };
    return JSON.stringify({ Response: response });
}
