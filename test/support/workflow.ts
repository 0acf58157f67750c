// What the workflow tests share: a campaign ahead of any clock they run on, and the search of what a
// run leaves behind for callee numbers and credentials.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parsePhoneNumber } from "libphonenumber-js/max";
import { REPO, type RunResult } from "../../scripts/pulumi-cli";
import { campaign } from "./provider-harness";

/** Runs a command from the repository's root with extra environment; resolves to its exit code and output. */
export function run(command: string, args: string[], env: Record<string, string>): Promise<RunResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
}

/** A campaign in March 2027 (the harness's default starts 2027-11-30). */
export const spring = (overrides: Record<string, unknown> = {}) =>
    campaign({ notBefore: "2027-03-01T09:00:00+08:00", notAfter: "2027-03-04T20:00:00+08:00", ...overrides });

/** Every spelling of a number a file could hold it in: `+86…`, `0086…`, `86…` and the national `13…`. */
export function spellings(number: string): string[] {
    const { countryCallingCode, nationalNumber } = parsePhoneNumber(number.replace(/^00/, "+"));
    return [`+${countryCallingCode}${nationalNumber}`, `00${countryCallingCode}${nationalNumber}`, `${countryCallingCode}${nationalNumber}`, nationalNumber];
}

/** Every file under `dir` (recursively), but the folders named in `except` (absolute paths). */
export function filesUnder(dir: string, except: string[] = []): string[] {
    if (!fs.existsSync(dir) || except.includes(dir)) return [];
    if (!fs.statSync(dir).isDirectory()) return [dir];
    return fs.readdirSync(dir).flatMap((name) => filesUnder(path.join(dir, name), except));
}

/** "file: secret" for each secret (a number in any spelling, or a credential) found in a file or in one of the texts. */
export function leaks(files: string[], texts: Record<string, string>, numbers: string[], credentials: string[]): string[] {
    const secrets = [...numbers.flatMap(spellings), ...credentials];
    const sources: [string, string][] = [...files.map((f): [string, string] => [f, fs.readFileSync(f, "latin1")]), ...Object.entries(texts)];
    return sources.flatMap(([where, text]) => secrets.filter((s) => text.includes(s)).map((s) => `${where}: ${s}`));
}
