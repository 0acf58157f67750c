// The API 3.0 wire format: body parsing, TC3-HMAC-SHA256 verification and the response envelope.
import { createHash, createHmac, timingSafeEqual } from "crypto";
import type { IncomingHttpHeaders } from "http";
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

export function canonicalRequest(headers: IncomingHttpHeaders, signedHeaders: string[], body: Buffer): string {
    const canonicalHeaders = signedHeaders
        .map((name) => {
            const raw = String(headers[name] ?? "");
            // Signers sign the host without its port; the Host header carries it.
            const value = name === "host" ? raw.replace(/:\d+$/, "") : raw;
            return `${name}:${value.trim()}\n`;
        })
        .join("");
    return ["POST", "/", "", canonicalHeaders, signedHeaders.join(";"), sha256hex(body)].join("\n");
}

const AUTH = /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

/** Verifies a request's signature; returns the credential it was signed with. Throws the service's AuthFailure codes. */
export function verify(headers: IncomingHttpHeaders, body: Buffer, credentials: Credential[], wallNow: number): Credential {
    const auth = String(headers.authorization ?? "");
    const m = AUTH.exec(auth);
    if (!m) throw apiErrors.invalidAuthorization(auth ? "it is not TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…" : "it is missing");
    const [, secretId, date, service, signedHeaderList, signature] = m;
    const signed = signedHeaderList.split(";");
    if (!signed.includes("content-type") || !signed.includes("host")) throw apiErrors.invalidAuthorization("SignedHeaders must include content-type and host");
    const timestamp = Number(headers["x-tc-timestamp"]);
    if (!Number.isInteger(timestamp)) throw apiErrors.invalidAuthorization("X-TC-Timestamp is missing or not an integer");
    if (Math.abs(wallNow - timestamp) > MAX_SKEW_SECONDS) throw apiErrors.signatureExpire(timestamp, wallNow);
    const credential = credentials.find((c) => c.secretId === secretId);
    if (!credential) throw apiErrors.secretIdNotFound();
    const expectedDate = new Date(timestamp * 1000).toISOString().slice(0, 10);
    if (date !== expectedDate) throw apiErrors.signatureFailure(`credential scope date ${date} does not match the timestamp's UTC date ${expectedDate}`);
    if (service !== SERVICE) throw apiErrors.signatureFailure(`credential scope service "${service}" is not "${SERVICE}"`);
    const stringToSign = ["TC3-HMAC-SHA256", String(timestamp), `${date}/${service}/tc3_request`, sha256hex(canonicalRequest(headers, signed, body))].join("\n");
    const expected = Buffer.from(tc3Signature(credential.secretKey, date, service, stringToSign), "hex");
    if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) throw apiErrors.signatureFailure("the signature does not match");
    const token = headers["x-tc-token"] === undefined ? undefined : String(headers["x-tc-token"]);
    if ((credential.token ?? "") !== (token ?? "")) throw apiErrors.tokenFailure();
    return credential;
}

/** The JSON body as an object of parameters. */
export function parseParams(body: Buffer): Record<string, unknown> {
    if (body.length === 0) return {};
    let parsed: unknown;
    try {
        parsed = JSON.parse(body.toString("utf8"));
    } catch {
        throw new ApiError("InvalidParameter", "The request body is not valid JSON.");
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new ApiError("InvalidParameter", "The request body must be a JSON object.");
    return parsed as Record<string, unknown>;
}

export function envelope(requestId: string, result: Record<string, unknown> | ApiError): string {
    const response = result instanceof ApiError ? { Error: { Code: result.code, Message: result.message }, RequestId: requestId } : { ...result, RequestId: requestId };
    return JSON.stringify({ Response: response });
}
