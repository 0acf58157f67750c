// The CCC transport every CCC kind builds its narrow client on: the official SDK client pointed at the
// configured endpoint, and its actions called at the shared pace with CCC's reading of its errors.
// Made inside the provider's methods (the provider is closure-serialized, so no live client, agent or
// credential may be captured at module level).
import * as http from "http";
import { Client as SdkClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client";
import { processSingleton } from "../shared/process";
import { pacedCall, withRetries as sharedWithRetries } from "../shared/retries";
import { loopbackLookup, parseEndpoint } from "./endpoint";
import { type CccApiError, cccErrorRules } from "./errors";
import type { ClientSettings } from "./settings";

export { clientProcessState } from "../shared/retries";

/** The official SDK client, pointed at the configured endpoint. */
export function createSdkClient(settings: ClientSettings): SdkClient {
    const endpoint = parseEndpoint(settings.endpoint);
    return new SdkClient({
        credential: {
            secretId: settings.credentials.secretId,
            secretKey: settings.credentials.secretKey,
            token: settings.credentials.securityToken,
        },
        region: settings.region ?? "",
        profile: {
            httpProfile: {
                protocol: endpoint.protocol,
                endpoint: endpoint.host,
                reqTimeout: settings.timeoutSeconds ?? 30,
                // An explicit agent also stops the SDK from honouring a stray `http_proxy` for loopback traffic.
                // One per process, so that connections are kept alive across provider calls (each makes
                // its own client); remote endpoints use Node's global agent, which keeps them alive too.
                agent: endpoint.loopback ? processSingleton("loopbackAgent", () => new http.Agent({ keepAlive: true, lookup: loopbackLookup as any })) : undefined,
            },
        },
    });
}

/** The shared retries (provider/shared/retries.ts) with CCC's reading of its errors. */
export const withRetries = <T>(settings: ClientSettings, action: string, retryable: (e: CccApiError) => boolean, attempt: (context: { signal: AbortSignal; attempt: number }) => Promise<T>): Promise<T> =>
    sharedWithRetries(cccErrorRules, settings, action, retryable, attempt);

/**
 * The SDK's actions at the shared pace: `action(name, retryTransient)` makes one method of a kind's
 * narrow client. A create passes `retryTransient: false`, so that only what cannot have committed is
 * repeated by itself; the kind's operations decide the rest.
 */
export function cccActions(settings: ClientSettings) {
    const sdk = createSdkClient(settings);
    return <Req, Res>(name: string, retryTransient: boolean) =>
        (req: Req): Promise<Res> =>
            pacedCall(cccErrorRules, settings, name, retryTransient, (signal) => sdk.request(name, req, { signal }) as Promise<Res>);
}
