// The provider a task's state names (`__provider`), for every kind. The engine keeps running the code
// stored there for refresh, update and delete (pulumi/pulumi#6490), so what is stored only loads the
// lifecycle of the package installed beside the program, by name: an upgrade takes effect for existing
// tasks, and state holds no machine path.
// A task stores `storedProvider(<its stub module>)`: a few lines that load the kind's stub module
// (provider/<kind>/stub.ts) from the program's folder. It is written here rather than closure-serialized:
// from a checkout of this repository the serializer stored every method's text (2.7 KB, twice per task:
// inputs and outputs). Stacks made before keep the serialized stub in their state; it loads the same way.
import type * as pulumi from "@pulumi/pulumi";

/** The provider of the lifecycle class `className` exported by the package module `lifecycleModule`: what a kind's stub module exports. */
export function serializedProviderOf(lifecycleModule: string, className: string): pulumi.dynamic.ResourceProvider {
    const lifecycle = (): Required<pulumi.dynamic.ResourceProvider> => {
        // Resolved from the program's folder, the way Node resolves the program's own imports.
        const load = require("module").createRequire(require("path").join(process.cwd(), "index.js"));
        return new (load(lifecycleModule)[className])();
    };
    return {
        configure: async (req) => lifecycle().configure(req),
        check: async (olds, news) => lifecycle().check(olds, news),
        diff: async (id, olds, news) => lifecycle().diff(id, olds, news),
        create: async (inputs) => lifecycle().create(inputs),
        read: async (id, props) => lifecycle().read(id, props),
        update: async (id, olds, news) => lifecycle().update(id, olds, news),
        delete: async (id, props) => lifecycle().delete(id, props),
    };
}

/**
 * The `__provider` a task of the kind whose stub module is `stubModule` stores: the dynamic-provider host
 * evaluates it as a module and calls `handler()` for the provider. Resolved from the program's folder,
 * like the program's own imports (also from a checkout, through the package's self-reference).
 */
export function storedProvider(stubModule: string): string {
    return `exports.handler = () => require("module").createRequire(require("path").join(process.cwd(), "index.js"))(${JSON.stringify(stubModule)});\n`;
}

