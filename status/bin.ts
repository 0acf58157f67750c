#!/usr/bin/env node
// The `ccc-status` command (compiled to dist/status/bin.js).
import { main } from "./cli";

process.exitCode = main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), isTTY: !!process.stdout.isTTY });
