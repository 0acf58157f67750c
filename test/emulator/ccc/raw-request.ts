// A hand-made TC3 request, for the signature cases the SDK cannot produce (old timestamps, another
// service, a wrong scope date, other signed headers, GET). Independent of the emulator's own verifier on purpose.
import { createHash, createHmac } from "crypto";
import * as http from "http";

export interface RawOptions {
    port: number;
    action: string;
    /** POST: the JSON body. GET: flattened into the query string (`Callees.0=…`). */
    body: Record<string, unknown>;
    secretId: string;
    secretKey: string;
    method?: "POST" | "GET";
    timestamp?: number;
    service?: string;
    date?: string;
    version?: string;
    token?: string;
    authorization?: string;
    contentType?: string;
    /** Signed header names, lower case (default content-type;host). */
    signedHeaders?: string[];
    /** How a signed header's value enters the canonical request (default: lower-cased and trimmed, as documented). */
    canonicalValue?: (value: string) => string;
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const hmac = (k: string | Buffer, s: string) => createHmac("sha256", k).update(s).digest();

function flatten(value: unknown, prefix: string, out: [string, string][]): [string, string][] {
    if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    else if (value !== undefined) out.push([prefix, String(value)]);
    return out;
}

/** `body` is the parsed JSON answer, or the text when it is not JSON (a gateway's page). */
export function rawRequest(o: RawOptions): Promise<{ status: number; contentType: string; body: any }> {
    const method = o.method ?? "POST";
    const payload = method === "POST" ? JSON.stringify(o.body) : "";
    const query = method === "GET" ? new URLSearchParams(flatten(o.body, "", [])).toString() : "";
    const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
    const date = o.date ?? new Date(timestamp * 1000).toISOString().slice(0, 10);
    const service = o.service ?? "ccc";
    const headers: Record<string, string> = {
        "Content-Type": o.contentType ?? (method === "POST" ? "application/json" : "application/x-www-form-urlencoded"),
        Host: `ccc.localhost:${o.port}`,
        "X-TC-Action": o.action,
        "X-TC-Version": o.version ?? "2020-02-10",
        "X-TC-Timestamp": String(timestamp),
    };
    if (o.token !== undefined) headers["X-TC-Token"] = o.token;
    const signed = o.signedHeaders ?? ["content-type", "host"];
    const canonicalValue = o.canonicalValue ?? ((v: string) => v.trim().toLowerCase());
    const valueOf = (name: string) => (name === "host" ? "ccc.localhost" : Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? "");
    const canonicalHeaders = signed.map((name) => `${name}:${canonicalValue(valueOf(name))}\n`).join("");
    const canonical = `${method}\n/\n${query}\n${canonicalHeaders}\n${signed.join(";")}\n${sha(payload)}`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha(canonical)}`;
    const key = hmac(hmac(hmac(`TC3${o.secretKey}`, date), service), "tc3_request");
    const signature = createHmac("sha256", key).update(toSign).digest("hex");
    headers.Authorization = o.authorization ?? `TC3-HMAC-SHA256 Credential=${o.secretId}/${date}/${service}/tc3_request, SignedHeaders=${signed.join(";")}, Signature=${signature}`;
    return new Promise((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port: o.port, method, path: query ? `/?${query}` : "/", headers }, (res) => {
            let text = "";
            res.on("data", (d) => (text += d));
            res.on("end", () => {
                let body: unknown = text;
                try {
                    body = JSON.parse(text);
                } catch {}
                resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), body });
            });
        });
        req.on("error", reject);
        req.end(payload);
    });
}
