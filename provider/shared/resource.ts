// The resource class every kind's task extends: a dynamic resource (`pulumi-nodejs:dynamic/<module>:<type>`,
// served by the Node dynamic-provider host) whose `__provider` is the few lines of `storedProvider`, not a
// closure-serialized provider object. One constructor level, as `pulumi.dynamic.Resource` had: the engine
// records the kind's constructor as the task's source position.
import * as pulumi from "@pulumi/pulumi";
import { storedProvider } from "./stub";

export class TaskResource extends pulumi.CustomResource {
    /** `stubModule`: the package path of the kind's stub module, which existing stacks' state names. */
    constructor(type: string, stubModule: string, name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
        super(type, name, { ...props, __provider: storedProvider(stubModule) }, opts);
    }
}
