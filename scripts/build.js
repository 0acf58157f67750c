// `npm run build`: a clean dist/ (no file of a removed source survives into the tarball), compiled by
// tsc, plus what makes dist/policy a pack of its own: its PulumiPolicy.yaml, and a package.json (the
// policy SDK reads the pack's version from it) pointing at the compiled entry point; the package's
// bins made executable (tsc writes them 644); the reference pages of docs/resources/ (resource-docs.js).
// `node scripts/build.js --if-changed` (the local loop) does nothing when no input is newer than the
// last build: a file's time for an edit, its folder's time for a file added or removed.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const repo = path.resolve(__dirname, "..");
const dist = path.join(repo, "dist");
/** Written last: the time of the build it completes. */
const stamp = path.join(dist, ".built");

/** The newest modification time among the build's inputs, their folders included. */
function newestInput() {
    const config = JSON.parse(fs.readFileSync(path.join(repo, "tsconfig.build.json"), "utf8"));
    const roots = [...config.include, "tsconfig.build.json", "tsconfig.json", "package.json", "scripts/build.js", "scripts/plugin-schema.js", "scripts/resource-docs.js"];
    let newest = 0;
    const visit = (p) => {
        const stat = fs.statSync(p);
        newest = Math.max(newest, stat.mtimeMs);
        if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    };
    for (const root of roots) visit(path.join(repo, root));
    return newest;
}

if (process.argv.includes("--if-changed") && fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= newestInput()) process.exit(0);

const started = new Date();
fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(repo, "tsconfig.build.json")], { stdio: "inherit" });
const pack = path.join(dist, "policy");
fs.copyFileSync(path.join(repo, "policy", "PulumiPolicy.yaml"), path.join(pack, "PulumiPolicy.yaml"));
const manifest = JSON.parse(fs.readFileSync(path.join(repo, "policy", "package.json"), "utf8"));
const { version, bin } = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"));
fs.writeFileSync(path.join(pack, "package.json"), JSON.stringify({ ...manifest, version, main: "index.js" }, null, 2) + "\n");
for (const file of Object.values(bin)) fs.chmodSync(path.join(repo, file), 0o755);
require("./plugin-schema");
require("./resource-docs");
fs.writeFileSync(stamp, "");
fs.utimesSync(stamp, started, started); // an input edited while this build ran is newer than it
