// `npm run build`: a clean dist/ (no file of a removed source survives into the tarball), compiled by
// tsc, plus the policy pack's manifest so that dist/policy runs as a pack of its own.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const repo = path.resolve(__dirname, "..");
fs.rmSync(path.join(repo, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(repo, "tsconfig.build.json")], { stdio: "inherit" });
fs.copyFileSync(path.join(repo, "policy", "PulumiPolicy.yaml"), path.join(repo, "dist", "policy", "PulumiPolicy.yaml"));
require("./plugin-schema");
