// Alibaba's own SDK runtime, unpatched, as the AICCS product client drives it: `callApi` with the
// action's params (RPC, form body, JSON answers), arrays in the SDK's "json" style, over HTTP to the
// emulator. Errors are the SDK's (ClientError, ServerError, ThrottlingError).
import Credential, { Config as CredentialConfig } from "@alicloud/credentials";
import Client, { $OpenApiUtil, OpenApiUtil } from "@alicloud/openapi-core";
import { RuntimeOptions } from "@darabonba/typescript";

export interface AccessKey {
    accessKeyId: string;
    accessKeySecret: string;
    securityToken?: string;
}

/** `protocol` HTTPS for Alibaba's own endpoint (the acceptance run), HTTP for the emulator. */
export function aiccsClient(endpoint: string, key: AccessKey, timeoutMs = 5000, protocol: "HTTP" | "HTTPS" = "HTTP"): Client {
    const credential = new Credential(
        new CredentialConfig(key.securityToken ? { type: "sts", ...key } : { type: "access_key", accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret }),
    );
    return new Client(new $OpenApiUtil.Config({ credential, endpoint, protocol, readTimeout: timeoutMs, connectTimeout: timeoutMs }));
}

/** The SDK's "json" array style: one parameter holding the array as JSON text. */
export const jsonArray = (name: string, items: unknown[]) => OpenApiUtil.arrayToStringWithSpecifiedStyle(items, name, "json");

/** A CallTime list as the SDK sends it: JSON text of JSON strings. */
export const callTimes = (windows: [string, string][]) => jsonArray("CallTime", windows.map(([startTime, endTime]) => JSON.stringify({ startTime, endTime })));

export type Query = Record<string, string | number | boolean | undefined>;

/** One action, parameters in the query (and `body` in the form), as the product client places them. */
export async function call(client: Client, action: string, query: Query, body?: Record<string, string>, bodyType: "json" | "string" = "json"): Promise<any> {
    const params = new $OpenApiUtil.Params({ action, version: "2019-10-15", protocol: "HTTPS", pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType });
    const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(defined), body: body && OpenApiUtil.parseToMap(body) });
    const answer = await client.callApi(params, request, new RuntimeOptions({}));
    return answer.body;
}
