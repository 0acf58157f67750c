// Policy 6: no callee on the do-not-call list (inline numbers and/or a file). Messages show a count
// and masked samples, never the list.
import * as fs from "fs";
import * as path from "path";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { stringListSchema } from "../config-schema";
import { calleeList, canonicalNumber, describeCallees } from "../../campaign/callees";
import { Memo } from "../../campaign/memo";
import { forCampaigns } from "../campaign";

export interface DoNotCallConfig {
    numbers: string[];
    file?: string;
}

// Read and canonicalised once per process per list (a stack checks every task against it); the file's
// size and modification time are part of the key, so an edited file is read again.
const lists = new Memo<Set<string>>(16);

/** The list's numbers: inline ones plus one per line of the file (first CSV column; `#` comments). */
export function doNotCallList(config: DoNotCallConfig): Set<string> {
    const file = config.file ? path.resolve(config.file) : undefined;
    const stat = file ? fs.statSync(file) : undefined;
    return lists.get(JSON.stringify([config.numbers, file, stat?.size, stat?.mtimeMs]), () => {
        const fromFile = file
            ? fs
                  .readFileSync(file, "utf8")
                  .split(/\r?\n/)
                  .map((l) => l.split(",")[0].trim())
                  .filter((l) => l && !l.startsWith("#"))
            : [];
        return new Set([...config.numbers, ...fromFile].map(canonicalNumber));
    });
}

export const doNotCall: ResourceValidationPolicy = {
    name: "ccc-do-not-call",
    description: "No callee is on the do-not-call list (numbers given inline and/or in a file, one per line). Reports show how many callees are listed and masked samples, never the list.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            numbers: { ...stringListSchema, default: [], description: "Do-not-call numbers (E.164 or 00-prefixed)." },
            file: { type: "string", description: "Path of a do-not-call file: one number per line (first CSV column), # for comments; a relative path is relative to the policy pack's folder, where the pack runs." },
        },
    },
    validateResource: forCampaigns<DoNotCallConfig>([], ({ callees }, config, report) => {
        if (!callees) return; // unknown or not a list
        let list: Set<string>;
        try {
            list = doNotCallList(config);
        } catch (e) {
            // An unreadable list must not let a campaign through unchecked.
            return report(`the do-not-call file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}: ${config.file}); callees were not checked against it`);
        }
        const { canonical } = calleeList(callees);
        const listed = callees.filter((_, i) => list.has(canonical[i]));
        if (listed.length) report(`${describeCallees(listed)} ${listed.length === 1 ? "is" : "are"} on the do-not-call list`);
    }),
};
