// `npm run build`: a clean dist/ (no file of a removed source survives into the tarball), compiled by
// tsc, plus what makes dist/policy a pack of its own: its PulumiPolicy.yaml, and a package.json (the
// policy SDK reads the pack's version from it) pointing at the compiled entry point.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const repo = path.resolve(__dirname, "..");
fs.rmSync(path.join(repo, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(repo, "tsconfig.build.json")], { stdio: "inherit" });
const pack = path.join(repo, "dist", "policy");
fs.copyFileSync(path.join(repo, "policy", "PulumiPolicy.yaml"), path.join(pack, "PulumiPolicy.yaml"));
const manifest = JSON.parse(fs.readFileSync(path.join(repo, "policy", "package.json"), "utf8"));
const { version } = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"));
fs.writeFileSync(path.join(pack, "package.json"), JSON.stringify({ ...manifest, version, main: "index.js" }, null, 2) + "\n");
require("./plugin-schema");
