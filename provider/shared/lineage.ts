// The lineage of a resource, in a module of its own: the program computes it for every CalloutTask it
// declares, and must not load the lifecycle (the SDK, retries, rate limits) to do so.
import { createHash } from "crypto";

export const LINEAGE = /^[0-9a-f]{16}$/;

/**
 * The lineage the resource declares: a digest of its project, stack and name, which every task of the
 * resource carries, so that a replacement finds the tasks before it. (The engine checks a replacement
 * with no old inputs, so a lineage carried only in state would be lost exactly then.)
 */
export function resourceLineage(project: string, stack: string, name: string): string {
    return createHash("sha256").update(JSON.stringify([project, stack, name])).digest("hex").slice(0, 16);
}
