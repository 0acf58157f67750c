// Writes docs/resources/<Kind>.md for every kind in provider/kinds.ts from the compiled code
// (provider/reference.ts), and removes the page of a kind no longer listed. Run by `npm run build`
// after tsc; test/docs/reference.test.ts fails when a committed page is stale.
const fs = require("fs");
const path = require("path");

const repo = path.resolve(__dirname, "..");
const { KINDS } = require(path.join(repo, "dist", "provider", "kinds.js"));
const { REFERENCE_DIR, referencePage } = require(path.join(repo, "dist", "provider", "reference.js"));
const dir = path.join(repo, REFERENCE_DIR);
fs.mkdirSync(dir, { recursive: true });
const pages = new Set(KINDS.map((kind) => `${kind.name}.md`));
for (const kind of KINDS) {
    const file = path.join(dir, `${kind.name}.md`);
    const text = referencePage(kind);
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
}
for (const f of fs.readdirSync(dir)) if (f.endsWith(".md") && !pages.has(f)) fs.rmSync(path.join(dir, f));
