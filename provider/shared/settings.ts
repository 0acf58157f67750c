// Provider settings for any kind: stack config (kept by the provider's `configure`), else an
// environment variable, per setting. Read at run time in the provider process; the values live on
// the process (`processSingleton`), so none is serialized with the provider.
import type * as pulumi from "@pulumi/pulumi";
import { processSingleton } from "./process";

export type SettingSources<N extends string> = Record<N, { config: string; env: string }>;

/** A kind's settings: remember its config keys, read a value, read a positive number. */
export function settingsReader<N extends string>(processKey: string, sources: SettingSources<N>) {
    const configured = () => processSingleton(processKey, () => ({ values: {} as Partial<Record<N, string>> }));
    const reader = (env: NodeJS.ProcessEnv) => {
        const get = (name: N): string | undefined => configured().values[name] ?? (env[sources[name].env] || undefined);
        const positive = (name: N, fallback: number): number => {
            const raw = get(name);
            if (raw === undefined) return fallback;
            const n = Number(raw);
            if (!Number.isFinite(n) || n <= 0) throw new Error(`${sources[name].config}: must be a positive number, got "${raw}"`);
            return n;
        };
        return { get, positive };
    };
    return {
        /** Called from the provider's `configure`: keeps the stack config values for this process. */
        remember(config: pulumi.dynamic.Config): void {
            const values: Partial<Record<N, string>> = {};
            for (const [name, source] of Object.entries(sources) as [N, { config: string }][]) {
                const value = config.get(source.config);
                if (value) values[name] = value;
            }
            configured().values = values;
        },
        reader,
    };
}
