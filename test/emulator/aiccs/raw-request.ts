// A hand-made ACS3-HMAC-SHA256 request, for what the SDK cannot be made to send (an old date, a body
// changed after signing, a reused nonce, headers left unsigned). Written apart from the emulator's
// verifier on purpose, from the same published spec.
import { createHash, createHmac, randomUUID } from "crypto";
import * as http from "http";

export interface RawAcsOptions {
    port: number;
    action: string;
    query?: Record<string, string>;
    form?: Record<string, string>;
    accessKeyId: string;
    accessKeySecret: string;
    date?: string;
    nonce?: string;
    version?: string;
    /** Sent instead of the signed form (a body tampered with after signing). */
    sendForm?: Record<string, string>;
    /** Header names to leave out of the signature. */
    unsigned?: string[];
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
const form = (f: Record<string, string>) => Object.entries(f).map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join("&");

export function rawAcsRequest(o: RawAcsOptions): Promise<{ status: number; body: any }> {
    const query = Object.entries(o.query ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join("&");
    const payload = o.form ? form(o.form) : "";
    const headers: Record<string, string> = {
        host: `127.0.0.1:${o.port}`,
        "x-acs-action": o.action,
        "x-acs-version": o.version ?? "2019-10-15",
        "x-acs-date": o.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        "x-acs-signature-nonce": o.nonce ?? randomUUID(),
        "x-acs-content-sha256": sha(payload),
    };
    if (o.form) headers["content-type"] = "application/x-www-form-urlencoded";
    const signed = Object.keys(headers).filter((h) => !(o.unsigned ?? []).includes(h)).sort();
    const canonical = ["POST", "/", query, signed.map((h) => `${h}:${headers[h].trim()}\n`).join(""), signed.join(";"), sha(payload)].join("\n");
    const signature = createHmac("sha256", o.accessKeySecret).update(`ACS3-HMAC-SHA256\n${sha(canonical)}`).digest("hex");
    headers.authorization = `ACS3-HMAC-SHA256 Credential=${o.accessKeyId},SignedHeaders=${signed.join(";")},Signature=${signature}`;
    const sent = o.sendForm ? form(o.sendForm) : payload;
    return new Promise((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port: o.port, method: "POST", path: query ? `/?${query}` : "/", headers }, (res) => {
            let text = "";
            res.on("data", (d) => (text += d));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        });
        req.on("error", reject);
        req.end(sent);
    });
}
