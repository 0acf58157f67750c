// Writes each provider plugin package's schema, dist/plugin/<package>/schema.json, from the compiled
// zod schemas (plugin/schema.ts, plugin/packages.ts). Run by `npm run build` after tsc; never edited by hand.
const fs = require("fs");
const path = require("path");

const repo = path.resolve(__dirname, "..");
const dist = path.join(repo, "dist", "plugin");
const { packageSchema, schemaFile } = require(path.join(dist, "schema.js"));
const { PACKAGES } = require(path.join(dist, "packages.js"));
const { version } = require(path.join(repo, "package.json"));
for (const pkg of PACKAGES) {
    const file = path.join(dist, schemaFile(pkg.name));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(packageSchema(pkg, version), null, 2)}\n`);
}
