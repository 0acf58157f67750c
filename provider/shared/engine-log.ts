// Warnings shown by the CLI beside a resource, through the engine's log service. Both hosts start the
// provider with the engine's address as an argument: the plugin's `main`, and the dynamic provider host
// (`@pulumi/pulumi/cmd/dynamic-provider`, whose only argument it is).
import * as path from "path";
import { processSingleton } from "./process";

export type Warn = (urn: string, message: string) => Promise<void>;

/** Warnings to the engine at `engineAddress`; without one (outside the engine), to stderr. */
export function engineWarnings(engineAddress: string | undefined): Warn {
    const from = { paths: [path.dirname(require.resolve("@pulumi/pulumi/provider"))] };
    const grpc = require(require.resolve("@grpc/grpc-js", from));
    const { EngineClient } = require(require.resolve("@pulumi/pulumi/proto/engine_grpc_pb", from));
    const { LogRequest, LogSeverity } = require(require.resolve("@pulumi/pulumi/proto/engine_pb", from));
    const engine = engineAddress ? new EngineClient(engineAddress, grpc.credentials.createInsecure()) : undefined;
    return (urn, message) =>
        new Promise((resolve) => {
            if (!engine) return resolve(void console.error(message));
            const req = new LogRequest();
            req.setSeverity(LogSeverity.WARNING);
            req.setMessage(message);
            req.setUrn(urn);
            engine.log(req, () => resolve());
        });
}

/** The warnings of this process when it is the dynamic provider host, else stderr (a test, a script). */
export const dynamicHostWarnings = (): Warn =>
    processSingleton("warnings", () => engineWarnings(/[\\/]cmd[\\/]dynamic-provider[\\/]/.test(require.main?.filename ?? "") ? process.argv[2] : undefined));
