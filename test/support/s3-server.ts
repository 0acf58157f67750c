// A real S3-compatible server on loopback (gofakes3, built by scripts/ensure-gofakes3.sh), for the
// Pulumi DIY backend the way a team points it at Tencent COS.
import { type ChildProcess, execFileSync, spawn } from "child_process";
import * as net from "net";
import * as path from "path";
import { REPO } from "../../scripts/pulumi-cli";

export interface S3Server {
    bucket: string;
    /** `PULUMI_BACKEND_URL` for the bucket, and the variables the backend's S3 client reads. */
    env: Record<string, string>;
    /** An object's content, or undefined (gofakes3 does not check signatures, so a plain GET reads it). */
    get(key: string): Promise<string | undefined>;
    /** Keys under a prefix. */
    list(prefix: string): Promise<string[]>;
    close(): Promise<void>;
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer().listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
        server.on("error", reject);
    });
}

export async function startS3Server(bucket = "ccc-state"): Promise<S3Server> {
    const bin = execFileSync("bash", [path.join(REPO, "scripts", "ensure-gofakes3.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child: ChildProcess = spawn(bin, ["-backend", "memory", "-host", `127.0.0.1:${port}`, "-initialbucket", bucket], { stdio: "ignore" });
    for (let i = 0; ; i++) {
        try {
            if ((await fetch(`${base}/${bucket}`)).ok) break;
        } catch {
            if (i > 100 || child.exitCode !== null) throw new Error(`gofakes3 did not start on ${base}`);
            await new Promise((r) => setTimeout(r, 100));
        }
    }
    return {
        bucket,
        env: {
            PULUMI_BACKEND_URL: `s3://${bucket}?endpoint=${base}&region=us-east-1&use_path_style=true`,
            AWS_ACCESS_KEY_ID: "test-access-key",
            AWS_SECRET_ACCESS_KEY: "test-secret-access-key",
            AWS_REGION: "us-east-1",
            // gofakes3 sends no response checksums; without this the SDK warns on every read.
            AWS_RESPONSE_CHECKSUM_VALIDATION: "when_required",
        },
        async get(key) {
            const res = await fetch(`${base}/${bucket}/${key}`);
            return res.ok ? res.text() : undefined;
        },
        async list(prefix) {
            const xml = await (await fetch(`${base}/${bucket}?list-type=2&prefix=${encodeURIComponent(prefix)}`)).text();
            return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]);
        },
        close: () =>
            new Promise((resolve) => {
                if (child.exitCode !== null) return resolve();
                child.once("exit", () => resolve());
                child.kill("SIGTERM");
            }),
    };
}
