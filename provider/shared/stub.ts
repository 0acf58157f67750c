// The provider that Pulumi serializes into state (`__provider`), for every kind. The engine keeps
// running the code stored there for refresh, update and delete (pulumi/pulumi#6490), so what is stored
// only loads the lifecycle of the package installed beside the program, by name: an upgrade takes
// effect for existing tasks, and state holds no machine path.
// Each kind's stub module exports the object this makes: installed under node_modules, the serializer
// stores it as a `require` of that module (a few hundred bytes); run from a checkout of this
// repository, it stores these functions' text, which load the same way.
import type * as pulumi from "@pulumi/pulumi";

/** The serialized provider of the lifecycle class `className` exported by the package module `lifecycleModule`. */
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
