// A hand-made TC3 request, for the signature cases the SDK cannot produce (old timestamps, another
// service, a wrong scope date). Independent of the emulator's own verifier on purpose.
import { createHash, createHmac } from "crypto";
import * as http from "http";

export interface RawOptions {
    port: number;
    action: string;
    body: Record<string, unknown>;
    secretId: string;
    secretKey: string;
    timestamp?: number;
    service?: string;
    date?: string;
    version?: string;
    token?: string;
    authorization?: string;
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const hmac = (k: string | Buffer, s: string) => createHmac("sha256", k).update(s).digest();

export function rawRequest(o: RawOptions): Promise<{ status: number; body: any }> {
    const payload = JSON.stringify(o.body);
    const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
    const date = o.date ?? new Date(timestamp * 1000).toISOString().slice(0, 10);
    const service = o.service ?? "ccc";
    const contentType = "application/json";
    const canonical = `POST\n/\n\ncontent-type:${contentType}\nhost:ccc.localhost\n\ncontent-type;host\n${sha(payload)}`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha(canonical)}`;
    const key = hmac(hmac(hmac(`TC3${o.secretKey}`, date), service), "tc3_request");
    const signature = createHmac("sha256", key).update(toSign).digest("hex");
    const headers: Record<string, string> = {
        "Content-Type": contentType,
        Host: `ccc.localhost:${o.port}`,
        "X-TC-Action": o.action,
        "X-TC-Version": o.version ?? "2020-02-10",
        "X-TC-Timestamp": String(timestamp),
        Authorization: o.authorization ?? `TC3-HMAC-SHA256 Credential=${o.secretId}/${date}/${service}/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
    };
    if (o.token !== undefined) headers["X-TC-Token"] = o.token;
    return new Promise((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port: o.port, method: "POST", path: "/", headers }, (res) => {
            let text = "";
            res.on("data", (d) => (text += d));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        });
        req.on("error", reject);
        req.end(payload);
    });
}
