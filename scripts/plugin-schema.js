// Writes the provider plugin's package schema, dist/plugin/schema.json, from the compiled zod schema
// (plugin/schema.ts). Run by `npm run build` after tsc; never edited by hand.
const fs = require("fs");
const path = require("path");

const repo = path.resolve(__dirname, "..");
const { packageSchema } = require(path.join(repo, "dist", "plugin", "schema.js"));
const { version } = require(path.join(repo, "package.json"));
fs.writeFileSync(path.join(repo, "dist", "plugin", "schema.json"), `${JSON.stringify(packageSchema(version), null, 2)}\n`);
