// CalloutTask's serialized provider (provider/shared/stub.ts). Its module path,
// `pulumi-tencentcloud-ccc/serialized-provider`, is in existing stacks' state: it must not move.
import { serializedProviderOf } from "../shared/stub";

const serializedProvider = serializedProviderOf("pulumi-tencentcloud-ccc/lifecycle", "CalloutTaskProvider");

export = serializedProvider;
