#!/usr/bin/env node
// The emulator's command (package bin `ccc-emulator`): runs emulator/bin.ts through ts-node, no build step.
require("ts-node").register({ transpileOnly: true });
require("../emulator/bin.ts");
