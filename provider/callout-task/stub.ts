// The provider that Pulumi serializes into state (`__provider`). The engine keeps running the code
// stored there for refresh, update and delete (pulumi/pulumi#6490), so what is stored only loads the
// lifecycle of the package installed beside the program, by name: an upgrade takes effect for existing
// tasks, and state holds no machine path.
// This module's exports are the provider object itself: installed under node_modules, the serializer
// stores it as `require("pulumi-tencentcloud-ccc/serialized-provider")` (a few hundred bytes); run
// from a checkout of this repository, it stores these functions' text, which load the same way.
import type * as pulumi from "@pulumi/pulumi";

type Lifecycle = Required<pulumi.dynamic.ResourceProvider>;

function lifecycle(): Lifecycle {
    // Resolved from the program's folder, the way Node resolves the program's own imports.
    const load = require("module").createRequire(require("path").join(process.cwd(), "index.js"));
    return new (load("pulumi-tencentcloud-ccc/lifecycle").CalloutTaskProvider)();
}

const serializedProvider: pulumi.dynamic.ResourceProvider = {
    configure: async (req) => lifecycle().configure(req),
    check: async (olds, news) => lifecycle().check(olds, news),
    diff: async (id, olds, news) => lifecycle().diff(id, olds, news),
    create: async (inputs) => lifecycle().create(inputs),
    read: async (id, props) => lifecycle().read(id, props),
    update: async (id, olds, news) => lifecycle().update(id, olds, news),
    delete: async (id, props) => lifecycle().delete(id, props),
};

export = serializedProvider;
