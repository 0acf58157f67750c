// Every task an acceptance run makes is stopped before it ends: on success, on failure (`finally`)
// and on Ctrl-C or a kill (SIGINT, SIGTERM). Each vendor registers a sweep that stops the tasks it
// knows of and any other carrying the run's marker in its name (one the engine made before its
// outputs were saved); then the folders that hold a real callee (the engine's stack) are removed. Every call that can make a task goes through `guard`: after a signal none
// starts, and the sweep waits for those in flight, so none is made behind its back.

import * as fs from "fs";

export type Sweep = () => Promise<number>;

/** Exit codes after a signal: 128 + its number, as a shell reports it. */
const SIGNAL_EXIT: Record<"SIGINT" | "SIGTERM", number> = { SIGINT: 130, SIGTERM: 143 };

export class Interrupted extends Error {
    constructor() {
        super("interrupted: no new task is made while the run stops");
        this.name = "Interrupted";
    }
}

export class Cleanup {
    private readonly sweeps: { vendor: string; sweep: Sweep }[] = [];
    private readonly inFlight = new Set<Promise<unknown>>();
    private readonly folders = new Set<string>();
    private stopping = false;
    private running?: Promise<string[]>;

    constructor(private readonly say: (line: string) => void) {}

    add(vendor: string, sweep: Sweep): void {
        this.sweeps.push({ vendor, sweep });
    }

    /** A folder to remove after the sweeps. */
    removeLater(folder: string): void {
        this.folders.add(folder);
    }

    /** Runs `make` (a call that can create tasks) unless the run is stopping. */
    guard<T>(make: () => Promise<T>): Promise<T> {
        if (this.stopping) return Promise.reject(new Interrupted());
        const p = make();
        this.inFlight.add(p);
        const done = () => this.inFlight.delete(p);
        p.then(done, done);
        return p;
    }

    /** Waits for the calls in flight, then runs every sweep once (a second call gets the first's answer); returns the problems. */
    stopAll(): Promise<string[]> {
        this.stopping = true;
        this.running ??= (async () => {
            await Promise.allSettled([...this.inFlight]);
            const problems: string[] = [];
            for (const { vendor, sweep } of this.sweeps) {
                try {
                    this.say(`${vendor}: cleanup stopped ${await sweep()} task(s)`);
                } catch (e) {
                    problems.push(`${vendor}: cleanup failed: ${e instanceof Error ? e.message : String(e)}; stop the tasks named with this run's marker in the console`);
                }
            }
            for (const folder of this.folders) fs.rmSync(folder, { recursive: true, force: true });
            return problems;
        })();
        return this.running;
    }

    /** On SIGINT or SIGTERM: stop everything, then exit with the signal's code. Returns the uninstaller. */
    onSignals(): () => void {
        const handlers = (Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]).map((signal) => {
            const handler = () => {
                this.say(`${signal}: stopping every task this run made`);
                void this.stopAll().then((problems) => {
                    for (const p of problems) this.say(p);
                    process.exit(SIGNAL_EXIT[signal]);
                });
            };
            process.on(signal, handler);
            return () => process.off(signal, handler);
        });
        return () => handlers.forEach((off) => off());
    }
}
