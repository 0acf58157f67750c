// The partial create, for every kind: the task exists, its setup did not finish, and the engine must keep it.
/**
 * A create that made the task but failed afterwards. The contract is duck-typed: the dynamic provider
 * host of `@pulumi/pulumi` (`cmd/dynamic-provider`, `grpcResponseFromError`; the same in
 * `provider/server`) turns an error carrying `id`, `properties` and `reasons` into
 * `ErrorResourceInitFailed`, and the engine keeps tracking the resource (pulumi-go-provider names it
 * `ResourceInitFailedError`). A plain Error with fields: a serialized subclass loses its message.
 */
export type ResourceInitFailedError = Error & { id: string; properties: Record<string, unknown>; reasons: string[] };

export function resourceInitFailed(cause: unknown, taskId: number | string, properties: Record<string, unknown>): ResourceInitFailedError {
    const message = cause instanceof Error ? cause.message : String(cause);
    return Object.assign(new Error(`task ${taskId} was created, but finishing its setup failed: ${message}`), { id: String(taskId), properties, reasons: [message] });
}
