// The Alibaba Cloud RPC wire, V3: ACS3-HMAC-SHA256 verification written from Alibaba's published
// spec ("V3 request body and signature"), parameters from the query string and the form body, and
// the JSON envelope, with 64-bit ids written as JSON numbers where the service writes numbers.
import { createHash, createHmac, timingSafeEqual } from "crypto";
import type { Reply, WireRequest } from "../core/service";
import { AcsError, acsErrors } from "./errors";

export const VERSION = "2019-10-15";
export const ALGORITHM = "ACS3-HMAC-SHA256";
/** [D] the spec: x-acs-date is the UTC time the request is sent, accepted within 15 minutes. */
export const MAX_SKEW_SECONDS = 15 * 60;

export interface AcsCredential {
    accessKeyId: string;
    accessKeySecret: string;
    securityToken?: string;
}

const sha256hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** [D] RFC 3986: A–Z a–z 0–9 - _ . ~ stay, everything else is %XX (upper case), space %20. */
export function percentEncode(text: string): string {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** [D] Query parameters sorted by name, names and values percent-encoded, `name=value` joined by `&`. */
export function canonicalQuery(query: string): string {
    return [...new URLSearchParams(query)]
        .map(([k, v]) => [percentEncode(k), percentEncode(v)])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${k}=${v}`)
        .join("&");
}

/**
 * [D] CanonicalRequest = method, CanonicalURI ("/" for RPC), CanonicalQueryString, CanonicalHeaders
 * (each signed header `name:trimmed value\n`, names lower case, sorted), SignedHeaders, hex SHA-256 of the body.
 */
export function canonicalRequest(req: WireRequest, signedHeaders: string[]): string {
    const headers = signedHeaders.map((name) => `${name}:${String(req.headers[name] ?? "").trim()}\n`).join("");
    return [req.method, "/", canonicalQuery(req.query), headers, signedHeaders.join(";"), sha256hex(req.body)].join("\n");
}

/** [D] Signature = hex HMAC-SHA256(secret, "ACS3-HMAC-SHA256\n" + hex SHA-256(CanonicalRequest)). */
export function acs3Signature(secret: string, canonical: string): string {
    return createHmac("sha256", secret).update(`${ALGORITHM}\n${sha256hex(canonical)}`).digest("hex");
}

/** [D] Every common header present must be signed (all but Authorization). */
const MUST_SIGN = ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256", "x-acs-security-token", "x-acs-accesskey-id"];
const AUTH = /^ACS3-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Nonces seen within the accepted skew: a repeated one is a replay. */
export class Nonces {
    private readonly seen = new Map<string, number>();

    /** True when `nonce` is new; remembers it until it could no longer pass the date check. */
    fresh(nonce: string, wallNow: number): boolean {
        // Oldest first (insertion order): stop at the first still within reach.
        for (const [n, at] of this.seen) {
            if (wallNow - at <= 2 * MAX_SKEW_SECONDS) break;
            this.seen.delete(n);
        }
        if (this.seen.has(nonce)) return false;
        this.seen.set(nonce, wallNow);
        return true;
    }
}

/** Verifies a request's signature; returns the AccessKey id it was signed with. Throws Alibaba's common errors. */
export function verify(req: WireRequest, credentials: AcsCredential[], nonces: Nonces, wallNow: number): string {
    const { headers } = req;
    const auth = String(headers.authorization ?? "");
    const m = AUTH.exec(auth);
    if (!m) throw acsErrors.incompleteSignature(auth ? "Authorization is not ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…" : "Authorization is missing");
    const [, accessKeyId, signedList, signature] = m;
    const signed = signedList.split(";");
    const sorted = [...signed].sort();
    if (signed.join(";") !== sorted.join(";")) throw acsErrors.incompleteSignature("SignedHeaders must be sorted");
    const unsigned = MUST_SIGN.filter((h) => headers[h] !== undefined && !signed.includes(h));
    if (!signed.includes("host") || unsigned.length) throw acsErrors.incompleteSignature(`SignedHeaders lacks ${["host", ...unsigned].filter((h) => !signed.includes(h)).join(", ")}`);
    const date = String(headers["x-acs-date"] ?? "");
    if (!DATE.test(date)) throw acsErrors.incompleteSignature("x-acs-date is missing or not yyyy-MM-ddTHH:mm:ssZ");
    if (Math.abs(wallNow - Date.parse(date) / 1000) > MAX_SKEW_SECONDS) throw acsErrors.timestampExpired(date);
    const credential = credentials.find((c) => c.accessKeyId === accessKeyId);
    if (!credential) throw acsErrors.accessKeyNotFound();
    if (String(headers["x-acs-content-sha256"] ?? "") !== sha256hex(req.body)) throw acsErrors.signatureMismatch("the body's SHA-256 is not x-acs-content-sha256");
    const expected = Buffer.from(acs3Signature(credential.accessKeySecret, canonicalRequest(req, signed)), "hex");
    if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) throw acsErrors.signatureMismatch("the signature is not the request's");
    const token = headers["x-acs-security-token"] === undefined ? "" : String(headers["x-acs-security-token"]);
    if ((credential.securityToken ?? "") !== token) throw acsErrors.securityTokenInvalid();
    if (!nonces.fresh(String(headers["x-acs-signature-nonce"] ?? ""), wallNow)) throw acsErrors.nonceUsed();
    return accessKeyId;
}

/**
 * RPC parameters: the query string and, for a form body, its fields (the SDK puts most in the query,
 * large ones such as PhoneNumberList in the body). Every value is text.
 */
export function parseParams(req: WireRequest): Record<string, string> {
    const params: Record<string, string> = Object.fromEntries(new URLSearchParams(req.query));
    const type = String(req.headers["content-type"] ?? "");
    if (req.body.length && !type.startsWith("application/x-www-form-urlencoded")) throw acsErrors.invalidParameter("Content-Type", `the body must be a form (application/x-www-form-urlencoded), not ${type || "untyped"}`);
    for (const [k, v] of new URLSearchParams(req.body.toString("utf8"))) params[k] = v;
    return params;
}

const BIG = "\u0000bigint:";

/** JSON text in which bigint values are written as plain JSON numbers, digit for digit. */
export function jsonText(value: unknown): string {
    return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${BIG}${v}` : v)).replace(/"\\u0000bigint:(-?\d+)"/g, "$1");
}

const JSON_HEADERS = (requestId: string) => ({ "Content-Type": "application/json;charset=utf-8", "x-acs-request-id": requestId });

/** [D] Success: {RequestId, Code "OK", Success true, Message, Data}. A refusal: its status, Code, Message. */
export function envelope(requestId: string, result: unknown): Reply {
    if (result instanceof AcsError) {
        const body = result.business ? { RequestId: requestId, Code: result.code, Success: false, Message: result.message } : { RequestId: requestId, HostId: "aiccs.aliyuncs.com", Code: result.code, Message: result.message };
        return { status: result.status, headers: JSON_HEADERS(requestId), body: jsonText(body) };
    }
    return { status: 200, headers: JSON_HEADERS(requestId), body: jsonText({ RequestId: requestId, Code: "OK", Success: true, Message: "成功", Data: result }) };
}
