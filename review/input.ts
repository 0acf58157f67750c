// What the review reads, checked by zod schemas: `pulumi preview --json` in either of its two forms,
// and `pulumi stack export`. Both are reduced to the few facts the review needs.
//
// Checked against Pulumi CLI v3.277.0 (pkg/backend/display/json.go):
// - The default `preview --json` is one JSON document (a "digest") whose `steps` carry old and new
//   inputs; it drops every policy event ("we don't handle policy events in JSON serialization"), so
//   a failed policy shows only as the diagnostic "preview failed".
// - With PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true, `preview --json` prints engine events, one JSON
//   object a line: `resourcePreEvent`s carry the same steps, `policyEvent`s the violations (policy,
//   pack, enforcement level, message) and `policyAnalyzeSummaryEvent`s the policies that passed.
// - Secret values are masked in both forms whatever `--show-secrets` says ("[secret]", or a secret
//   envelope with `ciphertext: "[secret]"`). Only `stack export --show-secrets` reveals them.
import { z } from "zod";
import type { TaskKind } from "../campaign/adapter";
import { kindOfType } from "../provider/kinds";

/** A bad input file: the CLI prints the message alone (no stack trace) and exits 2. */
export class ReviewInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ReviewInputError";
    }
}

/** Pulumi's marker of a secret value inside serialized state. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

/** A secret whose value this file does not hold (masked in a preview, encrypted in an export). */
export const HIDDEN = "[secret]" as const;

/** The plain value of a property: a secret envelope is opened when it holds plaintext, else HIDDEN. */
export function reveal(value: unknown): unknown {
    if (value === HIDDEN) return HIDDEN;
    if (Array.isArray(value)) return value.map(reveal);
    if (value && typeof value === "object") {
        const o = value as Record<string, unknown>;
        if (SECRET_SIG_KEY in o) return typeof o.plaintext === "string" ? reveal(parseJson(o.plaintext, "a secret's plaintext")) : HIDDEN;
        return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, reveal(v)]));
    }
    return value;
}

const props = z.record(z.string(), z.unknown());
const resourceState = z.object({ id: z.string().optional(), inputs: props.nullish(), outputs: props.nullish() });

const digestSchema = z.object({
    steps: z
        .array(
            z.object({
                op: z.string(),
                urn: z.string(),
                oldState: resourceState.nullish(),
                newState: resourceState.nullish(),
                replaceReasons: z.array(z.string()).nullish(),
            }),
        )
        .nullish(),
    diagnostics: z.array(z.object({ urn: z.string().optional(), message: z.string(), severity: z.string() })).nullish(),
});

const engineEventSchema = z.object({
    sequence: z.number(),
    resourcePreEvent: z
        .object({
            metadata: z.object({
                op: z.string(),
                urn: z.string(),
                old: resourceState.nullish(),
                new: resourceState.nullish(),
                keys: z.array(z.string()).nullish(),
            }),
        })
        .optional(),
    policyEvent: z
        .object({
            resourceUrn: z.string().optional(),
            message: z.string(),
            policyName: z.string(),
            policyPackName: z.string(),
            enforcementLevel: z.string(),
        })
        .optional(),
    policyAnalyzeSummaryEvent: z.object({ passed: z.array(z.string()).nullish(), failed: z.array(z.string()).nullish() }).optional(),
    policyAnalyzeStackSummaryEvent: z.object({ passed: z.array(z.string()).nullish(), failed: z.array(z.string()).nullish() }).optional(),
    diagnosticEvent: z.object({ urn: z.string().optional(), message: z.string(), severity: z.string(), ephemeral: z.boolean().optional() }).optional(),
    summaryEvent: z.object({ result: z.string().optional() }).optional(),
});

/** The kinds of engine event the review reads (every key of engineEventSchema but the sequence number). */
const REVIEWED_KINDS = Object.keys(engineEventSchema.shape).filter((k) => k !== "sequence");

/**
 * Whether the review reads this engine event. Of the diagnostics only the lasting errors: the
 * engine's debug diagnostics carry the RPCs' payloads, callee numbers in plain text among them.
 */
export function isReviewedEvent(event: Record<string, unknown>): boolean {
    const diagnostic = event.diagnosticEvent as { severity?: unknown; ephemeral?: unknown } | undefined;
    if (diagnostic) return diagnostic.severity === "error" && !diagnostic.ephemeral;
    return REVIEWED_KINDS.some((k) => k in event);
}

/** A policy event's violations, one a line: the engine prefixes them with the policy's description line. */
export function violationLines(message: string): string[] {
    const lines = message.trim().split("\n");
    return lines.length > 1 ? lines.slice(1) : lines;
}

const stateExportSchema = z.object({
    deployment: z.object({
        resources: z
            .array(z.object({ urn: z.string(), type: z.string(), id: z.string().optional(), inputs: props.nullish(), outputs: props.nullish() }))
            .nullish(),
    }),
});

/** One call task's step of the preview. `old` are the recorded inputs and outputs, `new` the planned inputs. */
export interface PreviewStep {
    op: string;
    urn: string;
    name: string;
    kind: TaskKind;
    old?: { id?: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> };
    new?: { inputs: Record<string, unknown> };
    replaceReasons: string[];
}

export interface PolicyViolation {
    policy: string;
    pack: string;
    level: string;
    /** The resource's name, absent for a stack policy. */
    resource?: string;
    message: string;
}

export interface ParsedPreview {
    format: "digest" | "events";
    stack: string;
    steps: PreviewStep[];
    /** Undefined for the digest form, which carries no policy events. */
    policy?: { violations: PolicyViolation[]; passed: string[] };
    errors: string[];
}

export interface StateResource {
    name: string;
    kind: TaskKind;
    id?: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
}

/** Keys the provider adds to the declared inputs: the serialized provider, and the lineage its check carries. */
const ADDED_KEYS = ["__provider", "lineage"];

/** Plain inputs and outputs (without what the provider adds), secrets opened where possible. */
function plain(p: Record<string, unknown> | null | undefined): Record<string, unknown> {
    return Object.fromEntries(Object.entries(p ?? {}).filter(([k]) => !ADDED_KEYS.includes(k)).map(([k, v]) => [k, reveal(v)]));
}

const nameOf = (urn: string) => urn.split("::").pop() ?? urn;
const stackOf = (urn: string) => /^urn:pulumi:([^:]+)::/.exec(urn)?.[1] ?? "";
/** The call-task kind of a resource, by the type in its URN (a parent's types come first, `$`-separated). */
const kindOfUrn = (urn: string) => kindOfType(urn.split("::")[2]?.split("$").pop() ?? "");

function issuesText(e: z.ZodError): string {
    return e.issues
        .slice(0, 5)
        .map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`)
        .join("; ");
}

function parseJson(text: string, what: string, line?: number): unknown {
    try {
        return JSON.parse(text);
    } catch (e) {
        const where = line === undefined ? "" : ` (line ${line})`;
        throw new ReviewInputError(`${what}: not valid JSON${where}: ${(e as Error).message}; is the file truncated?`);
    }
}

// A step per resource: the `replace` step stands for its `delete-replaced`/`create-replacement` pair.
const SHOWN_OPS = new Set(["create", "update", "replace", "delete", "same"]);

function step(kind: TaskKind, op: string, urn: string, old: z.infer<typeof resourceState> | null | undefined, next: z.infer<typeof resourceState> | null | undefined, keys: string[] | null | undefined): PreviewStep {
    return {
        op,
        urn,
        name: nameOf(urn),
        kind,
        old: old ? { id: old.id, inputs: plain(old.inputs), outputs: plain(old.outputs) } : undefined,
        new: next ? { inputs: plain(next.inputs) } : undefined,
        replaceReasons: [...(keys ?? [])].sort(),
    };
}

const byUrn = (a: { urn: string }, b: { urn: string }) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);

function fromDigest(value: unknown, what: string): ParsedPreview {
    const parsed = digestSchema.safeParse(value);
    if (!parsed.success) throw new ReviewInputError(`${what}: not the output of \`pulumi preview --json\`: ${issuesText(parsed.error)}`);
    const steps = parsed.data.steps ?? [];
    const all = steps.map((s) => s.urn);
    return {
        format: "digest",
        stack: stackOf(all[0] ?? ""),
        steps: steps
            .flatMap((s) => {
                const kind = kindOfUrn(s.urn);
                return kind && SHOWN_OPS.has(s.op) ? [step(kind, s.op, s.urn, s.oldState, s.newState, s.replaceReasons)] : [];
            })
            .sort(byUrn),
        errors: (parsed.data.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => d.message.replace(/^error: /, "").trim()),
    };
}

function fromEvents(lines: string[], what: string): ParsedPreview {
    const steps: PreviewStep[] = [];
    const violations: PolicyViolation[] = [];
    const passed = new Set<string>();
    const failed = new Set<string>();
    const errors: string[] = [];
    let stack = "";
    let finished = false;
    lines.forEach((line, i) => {
        if (!line.trim()) return;
        const parsed = engineEventSchema.safeParse(parseJson(line, what, i + 1));
        if (!parsed.success) throw new ReviewInputError(`${what}: line ${i + 1} is not a Pulumi engine event: ${issuesText(parsed.error)}`);
        const e = parsed.data;
        if (e.resourcePreEvent) {
            const m = e.resourcePreEvent.metadata;
            stack ||= stackOf(m.urn);
            const kind = kindOfUrn(m.urn);
            if (kind && SHOWN_OPS.has(m.op)) steps.push(step(kind, m.op, m.urn, m.old, m.new, m.keys));
        }
        if (e.policyEvent) {
            const p = e.policyEvent;
            violations.push({
                policy: p.policyName,
                pack: p.policyPackName,
                level: p.enforcementLevel,
                resource: p.resourceUrn ? nameOf(p.resourceUrn) : undefined,
                message: violationLines(p.message).join(" ").trim(),
            });
        }
        for (const s of [e.policyAnalyzeSummaryEvent, e.policyAnalyzeStackSummaryEvent]) {
            s?.passed?.forEach((p) => passed.add(p));
            s?.failed?.forEach((p) => failed.add(p));
        }
        if (e.diagnosticEvent && e.diagnosticEvent.severity === "error" && !e.diagnosticEvent.ephemeral) errors.push(e.diagnosticEvent.message.trim());
        if (e.summaryEvent) finished = true;
    });
    if (!finished) throw new ReviewInputError(`${what}: the event stream ends before the preview's summary event; is the file truncated?`);
    return {
        format: "events",
        stack,
        steps: steps.sort(byUrn),
        policy: { violations, passed: [...passed].filter((p) => !failed.has(p)).sort() },
        errors,
    };
}

/** Reads either form of `pulumi preview --json`. */
export function parsePreview(text: string, what = "preview"): ParsedPreview {
    const trimmed = text.trim();
    if (!trimmed) throw new ReviewInputError(`${what}: empty; expected the output of \`pulumi preview --json\``);
    const lines = trimmed.split("\n");
    // The streaming form is one event per line, each starting with its sequence number.
    if (lines[0].startsWith('{"sequence":')) return fromEvents(lines, what);
    return fromDigest(parseJson(trimmed, what), what);
}

/** The call tasks recorded in a `pulumi stack export` (with `--show-secrets` for callee numbers). */
export function parseStateExport(text: string, what = "state"): StateResource[] {
    if (!text.trim()) throw new ReviewInputError(`${what}: empty; expected the output of \`pulumi stack export\``);
    const parsed = stateExportSchema.safeParse(parseJson(text, what));
    if (!parsed.success) throw new ReviewInputError(`${what}: not the output of \`pulumi stack export\`: ${issuesText(parsed.error)}`);
    return (parsed.data.deployment.resources ?? [])
        .flatMap((r) => {
            const kind = kindOfType(r.type);
            return kind ? [{ name: nameOf(r.urn), kind, id: r.id, inputs: plain(r.inputs), outputs: plain(r.outputs) }] : [];
        })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
