#!/usr/bin/env node
// The `ccc-review` command (compiled to dist/review/bin.js, or run by `npm run review` under ts-node).
import { main } from "./cli";

process.exitCode = main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
