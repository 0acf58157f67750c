// Shared by the golden tests: the scenarios, running the review on a captured preview, normalising a
// capture into a fixture, and comparing with (or, with UPDATE_GOLDEN=1, rewriting) the golden files.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadCampaigns } from "../../program/campaigns";
import { KINDS } from "../../provider/kinds";
import { main } from "../../review/cli";
import { REPO } from "../../scripts/pulumi-cli";

export const FIXTURES = path.join(REPO, "test", "fixtures", "previews");
export const GOLDEN = path.join(REPO, "test", "review", "golden");
export const UPDATE = process.env.UPDATE_GOLDEN === "1";

export interface Scenario {
    name: string;
    /** What the engine run does before capturing; told in the test's title. */
    title: string;
    /** The review's exit status without --ack-restart. */
    exit: number;
    /** Also reviewed with --format json, golden `<name>.json`. */
    json?: boolean;
    /** The preview file to review: the streaming events (default) or the default JSON document. */
    preview?: "preview.json" | "preview-digest.json";
}

export const SCENARIOS: Scenario[] = [
    { name: "create", title: "two new campaigns are created", exit: 0 },
    { name: "unchanged", title: "nothing changed", exit: 0 },
    { name: "pause", title: "a campaign is paused", exit: 0 },
    { name: "resume", title: "a paused campaign is resumed", exit: 0 },
    { name: "replace-started", title: "a started campaign is replaced (new callees, more tries)", exit: 1, json: true },
    { name: "removal", title: "a campaign file is removed (the task is stopped)", exit: 0 },
    { name: "policy-failure", title: "a campaign dials at night (mandatory violation)", exit: 1 },
    { name: "policy-failure-digest", title: "the same, from the default JSON document (no policy events)", exit: 1, preview: "preview-digest.json" },
];

/** Campaign folders reviewed from a preview made here (a create step per file), not captured from the engine: ccc-kinds holds a campaign of each CCC kind (the AiCallTask sample starts at the wall clock). */
export const PICTURES = path.join(REPO, "test", "fixtures", "pictures");
export const PICTURE_SCENARIOS = ["us-dst", "ccc-kinds"];

/** A digest preview (`pulumi preview --json`) creating the folder's campaigns (each of its kind), callees secret as the engine shows them. */
export function digestPreview(dir: string): string {
    const steps = loadCampaigns(path.join(dir, "campaigns"), { now: 0, warn: () => {} }).map((c) => {
        const type = KINDS.find((k) => k.name === c.kind)!.tokens.dynamic;
        return {
            op: "create",
            urn: `urn:pulumi:pictures::ccc-campaigns::${type}::${c.name}`,
            newState: { type, custom: true, inputs: { ...JSON.parse(JSON.stringify(c.inputs)), callees: "[secret]" } },
        };
    });
    return `${JSON.stringify({ steps, diagnostics: [], changeSummary: { create: steps.length } }, null, 2)}\n`;
}

export interface ReviewRun {
    code: number;
    stdout: string;
    stderr: string;
}

/** The policy config the captures' previews ran with (the example pack's). */
export const POLICY_CONFIG = path.join(REPO, "policy-config.example.json");

/** Runs the command's main on a capture folder (preview, state export, campaign files) with the captures' policy config. */
export function review(dir: string, extra: string[] = [], preview = "preview.json"): ReviewRun {
    let stdout = "";
    let stderr = "";
    const args = ["--preview", path.join(dir, preview), "--state", path.join(dir, "state.json"), "--campaigns", path.join(dir, "campaigns"), "--policy-config", POLICY_CONFIG];
    const code = main([...args, ...extra], {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
    });
    return { code, stdout, stderr };
}

/** Compares with the golden file, or writes it when UPDATE_GOLDEN=1. */
export function matchGolden(file: string, actual: string): void {
    const golden = path.join(GOLDEN, file);
    if (UPDATE) {
        fs.mkdirSync(GOLDEN, { recursive: true });
        fs.writeFileSync(golden, actual);
        return;
    }
    assert.ok(fs.existsSync(golden), `${path.relative(REPO, golden)} is missing: run with UPDATE_GOLDEN=1 to write it`);
    assert.equal(actual, fs.readFileSync(golden, "utf8"), `${file} differs from the golden file (UPDATE_GOLDEN=1 rewrites it after review)`);
}

/** The numbers a scenario dials, in full: none of them may appear in a review. */
export function fullNumbers(dir: string): string[] {
    const text = fs.readdirSync(path.join(dir, "campaigns")).map((f) => fs.readFileSync(path.join(dir, "campaigns", f), "utf8")).join("\n");
    return [...new Set(text.match(/\d{11,}/g) ?? [])];
}

const PROVIDER = "<serialized provider>";

/** Drops what changes from run to run (times, ports, paths, the ~30 KB serialized provider, debug output) and credentials. */
export function normaliseCapture(text: string, emulatorUrl: string): string {
    const replacer = (key: string, value: unknown) => {
        if (key === "__provider") return PROVIDER;
        if (key === "timestamp" || key === "durationSeconds") return 0;
        if (key === "created" || key === "modified" || key === "time") return "2027-01-01T00:00:00Z";
        // The provider's config holds the credentials (in plaintext in an export with --show-secrets).
        if (key === "secrets_providers" || key === "config" || key === "duration" || key.startsWith("tencentcloud:")) return undefined;
        return value;
    };
    const plain = text.split(REPO).join("<repo>").split(emulatorUrl).join("http://ccc.localhost:PORT");
    const trimmed = plain.trim();
    if (trimmed.startsWith('{"sequence":')) {
        return (
            trimmed
                .split("\n")
                .map((l) => JSON.parse(l))
                // Debug and progress output of the engine and the program: not part of the preview's result.
                .filter((e) => !e.progressEvent && !(e.diagnosticEvent && (e.diagnosticEvent.ephemeral || e.diagnosticEvent.severity === "debug")))
                .map((e) => JSON.stringify(e, replacer))
                .join("\n") + "\n"
        );
    }
    return `${JSON.stringify(JSON.parse(trimmed), replacer, 2)}\n`;
}
