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
    private readonly sweeps = new Map<string, Sweep>();
    private readonly inFlight = new Set<Promise<unknown>>();
    private readonly folders = new Set<string>();
    private readonly problems: string[] = [];
    /** The sweeps, one after another. */
    private chain: Promise<void> = Promise.resolve();
    private stopping = false;

    constructor(private readonly say: (line: string) => void) {}

    add(vendor: string, sweep: Sweep): void {
        this.sweeps.set(vendor, sweep);
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

    /** Runs a vendor's sweep now, once, after the calls in flight: its tasks do not wait for the other vendors. */
    finish(vendor: string): Promise<void> {
        const sweep = this.sweeps.get(vendor);
        if (!sweep) return this.chain;
        this.sweeps.delete(vendor);
        this.chain = this.chain.then(async () => {
            await Promise.allSettled([...this.inFlight]);
            try {
                this.say(`${vendor}: cleanup stopped ${await sweep()} task(s)`);
            } catch (e) {
                this.problems.push(`${vendor}: cleanup failed: ${e instanceof Error ? e.message : String(e)}; stop the tasks named with this run's marker in the console`);
            }
        });
        return this.chain;
    }

    /** Refuses new tasks, runs every sweep not yet run, removes the folders; returns every sweep's problems. */
    async stopAll(): Promise<string[]> {
        this.stopping = true;
        for (const vendor of [...this.sweeps.keys()]) void this.finish(vendor);
        await this.chain;
        for (const folder of this.folders) fs.rmSync(folder, { recursive: true, force: true });
        return [...this.problems];
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
