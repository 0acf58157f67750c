// The reference pages of docs/resources/, generated from each kind's zod schema by `npm run build`:
// the committed pages must be the current ones, and every relative link in docs/, the README and
// CONTRIBUTING.md must resolve. The README is a front page that leads to every page of docs/.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { KINDS } from "../../provider/kinds";
import { REFERENCE_DIR, referencePage } from "../../provider/reference";
import { REPO } from "../../scripts/pulumi-cli";
import { dialerKind } from "../support/fake-kind";

const DOCS = path.join(REPO, "docs");
const README = path.join(REPO, "README.md");
/** The bar for a front page: "at most about 200 lines". */
const FRONT_PAGE_LINES = 200;
const STALE = "stale: run `npm run build`, which rewrites docs/resources/, and commit (or git add) the pages";

/** Every Markdown file under a folder. */
const markdownFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : e.name.endsWith(".md") ? [path.join(dir, e.name)] : []));

/** The relative links of a Markdown file: the file each leads to, and the anchor if any. */
const relativeLinks = (file: string) =>
    [...fs.readFileSync(file, "utf8").matchAll(/\]\(([^)\s]+)\)/g)]
        .map(([, target]) => target)
        .filter((target) => !/^[a-z]+:/i.test(target))
        .map((target) => {
            const [rel, anchor] = target.split("#");
            return { target, dest: rel ? path.resolve(path.dirname(file), rel) : file, anchor };
        });

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
        for (const file of [...markdownFiles(DOCS), README, path.join(REPO, "CONTRIBUTING.md")]) {
            for (const { target, dest, anchor } of relativeLinks(file)) {
                if (!fs.existsSync(dest)) broken.push(`${path.relative(REPO, file)}: ${target}`);
                else if (anchor && dest.endsWith(".md") && !anchors(fs.readFileSync(dest, "utf8")).has(anchor)) broken.push(`${path.relative(REPO, file)}: ${target} (no such heading)`);
            }
        }
        assert.deepEqual(broken, []);
    });
});

describe("docs: the README is a front page", () => {
    const readme = fs.readFileSync(README, "utf8");

    it("opens with the two commands", () => {
        const first = /```(\w*)\n([\s\S]*?)```/.exec(readme);
        assert.ok(first, "no code block in the README");
        assert.equal(first[1], "sh");
        assert.deepEqual(
            first[2].split("\n").filter(Boolean).map((line) => line.replace(/\s+#.*$/, "")),
            ["npm ci && npm run demo", "npm ci && npm test"],
        );
    });

    it(`is at most ${FRONT_PAGE_LINES} lines`, () => {
        const lines = readme.split("\n").length;
        assert.ok(lines <= FRONT_PAGE_LINES, `README.md has ${lines} lines: move a topic into docs/`);
    });

    it("leads to every page of docs/, by its links and theirs", () => {
        const reached = new Set<string>();
        const visit = (file: string) => {
            for (const { dest } of relativeLinks(file)) {
                if (reached.has(dest) || !dest.startsWith(DOCS + path.sep) || !dest.endsWith(".md") || !fs.existsSync(dest)) continue;
                reached.add(dest);
                visit(dest);
            }
        };
        visit(README);
        assert.deepEqual(markdownFiles(DOCS).filter((f) => !reached.has(f)).map((f) => path.relative(REPO, f)), []);
    });
});
