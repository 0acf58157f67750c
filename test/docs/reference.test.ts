// The reference pages of docs/resources/, generated from each kind's zod schema by `npm run build`:
// the committed pages must be the current ones, and every relative link in docs/, the README and
// CONTRIBUTING.md must resolve.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { KINDS } from "../../provider/kinds";
import { REFERENCE_DIR, referencePage } from "../../provider/reference";
import { REPO } from "../../scripts/pulumi-cli";
import { dialerKind } from "../support/fake-kind";

const DOCS = path.join(REPO, "docs");
const STALE = "stale: run `npm run build`, which rewrites docs/resources/, and commit (or git add) the pages";

/** Every Markdown file under a folder. */
const markdownFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : e.name.endsWith(".md") ? [path.join(dir, e.name)] : []));

/** GitHub's anchors of a Markdown file's headings. */
const anchors = (text: string) => new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => m[1].toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-")));

describe("docs: reference pages generated from the schemas", () => {
    for (const kind of KINDS) {
        it(`${REFERENCE_DIR}/${kind.name}.md is current`, () => {
            const file = path.join(REPO, REFERENCE_DIR, `${kind.name}.md`);
            assert.ok(fs.existsSync(file), `${kind.name}.md is missing: ${STALE}`);
            const page = referencePage(kind);
            assert.equal(fs.readFileSync(file, "utf8"), page, `${kind.name}.md is ${STALE}`);
            // `npm test` builds first, which rewrites the page: what git holds is what must be current.
            const tracked = spawnSync("git", ["show", `:${REFERENCE_DIR}/${kind.name}.md`], { cwd: REPO, encoding: "utf8" });
            if (tracked.status === 0) assert.equal(tracked.stdout, page, `${kind.name}.md in git is ${STALE}`);
            else assert.ok(!fs.existsSync(path.join(REPO, ".git")), `${kind.name}.md is not in git: ${tracked.stderr}`);
        });
    }

    it("no page of a kind that is not listed", () => {
        const pages = fs.readdirSync(path.join(REPO, REFERENCE_DIR)).filter((f) => f.endsWith(".md"));
        assert.deepEqual(pages.sort(), KINDS.map((k) => `${k.name}.md`).sort());
    });

    it("any kind's page names each input's type, secrecy, replacement and default, and its outputs", () => {
        const page = referencePage(dialerKind);
        assert.match(page, /^- `numbers` \(list of string, required, secret, forces replacement\): Constraints: at least 1 item\.$/m);
        assert.match(page, /^- `enabled` \(boolean, optional, updated in place\): Default: `true`\.$/m);
        assert.match(page, /^- `attempts` \(integer, optional, forces replacement\): Constraints: ≥ 1; ≤ 5\.$/m);
        assert.match(page, /^- `hours` \(object, required, forces replacement\): See \[hours\]\(#nested-schema-for-hours\)\.$/m);
        assert.match(page, /^### Nested schema for hours\n\n- `start` \(string, required\): Constraints: matches `.+`\.$/m);
        assert.match(page, /## Outputs[^]*^- `dialerId` \(string, required\)\n- `status` \(string, required\): Constraints: one of `queued`, `dialing`, `done`\.$/m);
    });

    it("every relative link in docs/, README.md and CONTRIBUTING.md resolves, anchors included", () => {
        const broken: string[] = [];
        for (const file of [...markdownFiles(DOCS), path.join(REPO, "README.md"), path.join(REPO, "CONTRIBUTING.md")]) {
            const text = fs.readFileSync(file, "utf8");
            for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
                if (/^[a-z]+:/i.test(target)) continue;
                const [rel, anchor] = target.split("#");
                const dest = rel ? path.resolve(path.dirname(file), rel) : file;
                if (!fs.existsSync(dest)) broken.push(`${path.relative(REPO, file)}: ${target}`);
                else if (anchor && dest.endsWith(".md") && !anchors(fs.readFileSync(dest, "utf8")).has(anchor)) broken.push(`${path.relative(REPO, file)}: ${target} (no such heading)`);
            }
        }
        assert.deepEqual(broken, []);
    });
});
