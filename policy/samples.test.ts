// What the repository shows people passes the default pack: the campaign files, the docs'
// snippets and the examples (run with the Pulumi runtime's mocks, so the real CalloutTask declares
// them). Config defaults are supplied as the CLI supplies them; no violation of any level is expected.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { resetOptions } from "@pulumi/pulumi/runtime/settings";
import { parse } from "yaml";
import { type Campaign, loadCampaigns } from "../program/campaigns";
import { KINDS, kindOfType } from "../provider/kinds";
import { runPolicies } from "./policies";

const ROOT = path.join(__dirname, "..");
/** The pages that show a campaign file (docs/campaign-files.md), a YAML program (docs/other-languages.md) and TypeScript (docs/installing.md). */
const DOCS = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f))].map((f) => fs.readFileSync(path.join(ROOT, f), "utf8"));

/** The fenced blocks of a language in the README and the pages of docs/. */
const blocks = (lang: string) => DOCS.flatMap((text) => [...text.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]));

/** A value as the policy runtime hands it to policies: secrets unwrapped. */
function unwrapSecrets(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(unwrapSecrets);
    if (value && typeof value === "object") {
        const o = value as Record<string, unknown>;
        return specialSigKey in o ? unwrapSecrets(o.value) : Object.fromEntries(Object.entries(o).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

/** A campaign file as the pack sees its resource: its kind's type token and its inputs. */
const asResource = (c: Campaign) => ({ name: c.name, props: c.inputs, type: KINDS.find((k) => k.name === c.kind)!.tokens.dynamic });

/** What the pack says of a sample: an AICCS task has no end, which ccc-schedule advises against; nothing else. */
const expected = (c: Campaign) =>
    c.kind === "AiCallTask" ? [{ policy: "ccc-schedule", message: `${c.name}: an end (AICCS tasks have none; pause or remove the task to end it) is not set: the task never ends` }] : [];

describe("samples pass the default pack", () => {
    for (const c of loadCampaigns(path.join(ROOT, "campaigns"))) {
        it(c.file, () => assert.deepEqual(runPolicies([asResource(c)]), expected(c)));
    }

    it("the campaigns together, as one stack", () => {
        const campaigns = loadCampaigns(path.join(ROOT, "campaigns"));
        assert.deepEqual(runPolicies(campaigns.map(asResource)), campaigns.flatMap(expected));
    });

    it("the docs' campaign file and YAML program", () => {
        const yaml = blocks("yaml").filter((b) => b.includes("callees:")).map((b) => parse(b));
        // A campaign file is the task's inputs; a YAML program declares them as a resource's properties.
        const tasks = yaml.flatMap((doc, i) =>
            doc.resources
                ? Object.entries(doc.resources as Record<string, { type: string; properties: Record<string, unknown> }>).map(([name, r]) => ({ name, props: r.properties, type: r.type }))
                : [(({ kind = "CalloutTask", ...props }) => ({ name: `readme-${i}`, props, type: KINDS.find((k) => k.name === kind)!.tokens.dynamic }))(doc)],
        );
        assert.equal(tasks.length, 4);
        for (const task of tasks) assert.deepEqual(runPolicies([task]), expected({ name: task.name, kind: kindOfType(task.type)!.name } as Campaign), task.name);
    });

    it("the docs' TypeScript snippet", () => {
        const snippets = blocks("ts").flatMap((b) => [...b.matchAll(/new CalloutTask\("([^"]+)", (\{[\s\S]*?\n\})\);/g)]);
        assert.equal(snippets.length, 1);
        const [, name, literal] = snippets[0];
        const props = new Function(`return (${literal});`)() as Record<string, unknown>;
        assert.deepEqual(runPolicies([{ name, props }]), []);
    });

    describe("the examples", () => {
        const declared: { name: string; type: string; props: Record<string, unknown> }[] = [];
        before(async function () {
            this.timeout(120_000);
            await pulumi.runtime.setMocks(
                {
                    newResource: (a) => {
                        declared.push({ name: a.name, type: a.type, props: unwrapSecrets(a.inputs) as Record<string, unknown> });
                        return { id: `${a.name}-id`, state: a.inputs };
                    },
                    call: () => ({}),
                },
                "examples",
                "test",
                false,
            );
            const examples = fs.readdirSync(path.join(ROOT, "examples")).filter((d) => fs.existsSync(path.join(ROOT, "examples", d, "index.ts")));
            for (const d of examples) require(path.join(ROOT, "examples", d, "index.ts"));
            // Resources are registered asynchronously: wait for the runtime to have declared them.
            for (let i = 0; i < 600 && declared.length < examples.length; i++) await new Promise((r) => setTimeout(r, 100));
        });

        // Back to no engine and no mocks, as before, for the suites that run after this one in the process.
        after(() => resetOptions("", "", -1, "", "", false, ""));

        it("declare CalloutTasks that pass every policy", () => {
            assert.ok(declared.length > 0, "the examples declare tasks");
            assert.deepEqual(runPolicies(declared.map(({ name, type, props }) => ({ name, type, props }))), []);
        });
    });
});
