// State shared by everything in one provider process (settings from `configure`, rate limiters, the
// task listing). The provider is closure-serialized, so module-level state would be captured into the
// serialized code; process-wide values live on `globalThis` under a single key instead.
const PROCESS_KEY = "__pulumiTencentCloudCcc";

/** The process's value for `key`, made by `init` on first use. */
export function processSingleton<T>(key: string, init: () => T): T {
    const g = globalThis as Record<string, unknown>;
    const values = (g[PROCESS_KEY] ??= new Map<string, unknown>()) as Map<string, unknown>;
    if (!values.has(key)) values.set(key, init());
    return values.get(key) as T;
}

/** Forgets every per-process value, as a new provider process would start (tests). */
export function resetProcessState(): void {
    delete (globalThis as Record<string, unknown>)[PROCESS_KEY];
}

/** The process's client for these settings under `key`, made once (rotated credentials make a new one). */
export function clientFor<S, C>(key: string, settings: S, make: (settings: S) => C): C {
    const clients = processSingleton(key, () => new Map<string, C>());
    const id = JSON.stringify(settings);
    let client = clients.get(id);
    if (!client) clients.set(id, (client = make(settings)));
    return client;
}
