// The provider plugin's entry point, run by each package's launcher (plugin/pulumi-resource-<package>)
// as `node dist/plugin/index.js --package=<package> <engine address>`. Served by @pulumi/pulumi's
// Node.js provider host.
import * as fs from "fs";
import * as path from "path";
import { engineWarnings } from "../provider/shared/engine-log";
import { packageNamed, PACKAGES } from "./packages";
import { packageProvider } from "./provider";
import { schemaFile } from "./schema";

/**
 * Two gaps of @pulumi/pulumi's provider host (`provider/server.js`, 3.248 to 3.270 at least), closed
 * around the service it registers rather than by patching node_modules:
 * - `configure` answers without handing the provider its configuration: forward the variables;
 * - `read` calls `req.getProperties().toJavaScript()`, which throws when the engine sends no
 *   properties, as `pulumi import` does: give it an empty struct.
 */
function serveWithConfigureAndImport(configure: (variables: Map<string, string>) => Promise<void>): void {
    const from = { paths: [path.dirname(require.resolve("@pulumi/pulumi/provider"))] };
    const grpc = require(require.resolve("@grpc/grpc-js", from));
    const { ResourceProviderService } = require(require.resolve("@pulumi/pulumi/proto/provider_grpc_pb", from));
    const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", from));
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service: unknown, impl: Record<string, (call: any, callback: any) => unknown>) {
        if (service === ResourceProviderService) {
            const { configure: answer, read } = impl;
            impl.configure = (call, callback) => {
                // Keys come as `PACKAGE:config:KEY` (the engine's legacy form) or `PACKAGE:KEY`.
                const variables = new Map<string, string>(call.request.getVariablesMap().toArray().map(([k, v]: [string, string]) => [k.replace(/^([^:]+):config:/, "$1:"), v]));
                configure(variables).then(() => answer.call(impl, call, callback), (e: Error) => callback(e));
            };
            impl.read = (call, callback) => {
                if (!call.request.getProperties()) call.request.setProperties(new Struct());
                return read.call(impl, call, callback);
            };
        }
        return addService.call(this, service, impl);
    };
}

function main(): void {
    const { version } = require("../../package.json");
    // The launcher names the package; the engine's arguments follow.
    const PACKAGE_FLAG = "--package=";
    const chosen = process.argv.slice(2).find((a) => a.startsWith(PACKAGE_FLAG));
    const args = process.argv.slice(2).filter((a) => a !== chosen);
    // Without the flag, the first package: pulumi-resource-tencentcloud-ccc runs as it did before there were others.
    const pkg = chosen ? packageNamed(chosen.slice(PACKAGE_FLAG.length)) : PACKAGES[0];
    const schema = fs.readFileSync(path.join(__dirname, schemaFile(pkg.name)), "utf8");
    const plugin = packageProvider(pkg, version, schema, engineWarnings(args.find((a) => !a.startsWith("-"))));
    serveWithConfigureAndImport(plugin.configure);
    // Loaded after the shim so that the host registers its service through it.
    const { main: serve } = require("@pulumi/pulumi/provider");
    serve(plugin, args);
}

main();
