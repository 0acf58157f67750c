// Small measuring helpers: CPU time of a call (user + system, this process only), medians, waits.

/** CPU milliseconds (user + system) that `fn` took in this process, and its result. */
export async function cpuMs<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
    const before = process.cpuUsage();
    const result = await fn();
    const used = process.cpuUsage(before);
    return { ms: (used.user + used.system) / 1000, result };
}

export function median(values: number[]): number {
    if (!values.length) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const seconds = (startMs: number): number => (Date.now() - startMs) / 1000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
