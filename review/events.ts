// `node dist/review/events.js < ENGINE-EVENTS > REVIEWED-EVENTS`: the stream of `pulumi preview --json`
// (with PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true) cut down to the events the review reads, line by line
// as it comes, so that the engine's debug diagnostics (callee numbers in plain text) are never written
// anywhere. The policy violations and the errors also go to stderr, for the CI log.
import * as readline from "readline";
import { isReviewedEvent, violationLines } from "./input";

interface Io {
    write: (line: string) => void;
    log: (line: string) => void;
}

/** Copies the reviewed events of `input` to `io.write`; resolves to how many lines it kept and dropped. */
export async function keepReviewedEvents(input: NodeJS.ReadableStream, io: Io): Promise<{ kept: number; dropped: number }> {
    let kept = 0;
    let dropped = 0;
    for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
        let event: Record<string, any>;
        try {
            event = JSON.parse(line);
        } catch {
            event = {}; // not an engine event: dropped like the rest
        }
        if (!event || typeof event !== "object" || !isReviewedEvent(event)) {
            dropped++;
            continue;
        }
        kept++;
        io.write(line);
        const p = event.policyEvent;
        if (p) for (const v of violationLines(String(p.message))) io.log(`[${p.enforcementLevel}] ${p.policyName}: ${v}`);
        if (event.diagnosticEvent) io.log(String(event.diagnosticEvent.message).trim());
    }
    return { kept, dropped };
}

if (require.main === module) {
    keepReviewedEvents(process.stdin, { write: (l) => process.stdout.write(`${l}\n`), log: (l) => process.stderr.write(`${l}\n`) }).catch((e) => {
        process.stderr.write(`review events: ${(e as Error).message}\n`);
        process.exitCode = 1;
    });
}
