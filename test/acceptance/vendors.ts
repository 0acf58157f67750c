// Each vendor's probes against a target: the real account (from the run's variables) or an emulator
// (the emulator column, and CI). The emulator side uses sample numbers: nothing of the maintainer's
// reaches it.
import type OpenApiClient from "@alicloud/openapi-core";
import type { Client as SdkClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client";
import type { Emulator } from "../../emulator";
import { createSdkClient } from "../../provider/ccc";
import { aiccsClient } from "../emulator/aiccs/client";
import type { AiccsEnv, CccEnv } from "./config";
import { probeAiccs } from "./probes/aiccs";
import { probeCcc } from "./probes/ccc";
import { type Guard, unguarded } from "./probes/common";
import type { ProbeAnswer } from "./report";

/** Waits on a real listing: index lag is typically seconds. */
const REAL_LIST_WAIT_MS = 30_000;
const REAL_POLL_MS = 1000;
/** On an emulator a listing lags only by listing calls (the listLag fault), so polls can be quick. */
const EMULATOR_LIST_WAIT_MS = 2000;
const EMULATOR_POLL_MS = 20;
const SAMPLE = { callee: "+8613012345678", caller: "+8602012345678", ivrId: 8, agentId: "agent-1", virtualNumber: "057100000000" };
const TIMEOUT_SECONDS = 30;

export interface Credential {
    secretId: string;
    secretKey: string;
}

export const realCccClient = (env: CccEnv): SdkClient =>
    createSdkClient({
        credentials: { secretId: env.TENCENTCLOUD_SECRET_ID, secretKey: env.TENCENTCLOUD_SECRET_KEY, securityToken: env.TENCENTCLOUD_SESSION_TOKEN },
        endpoint: env.TENCENTCLOUD_CCC_ENDPOINT,
        timeoutSeconds: TIMEOUT_SECONDS,
    });

/** `http://host:port` (an emulator) goes over HTTP, a bare host over HTTPS. */
export function realAiccsClient(env: AiccsEnv): OpenApiClient {
    const plain = /^http:\/\//.exec(env.ALIBABA_CLOUD_AICCS_ENDPOINT);
    const endpoint = env.ALIBABA_CLOUD_AICCS_ENDPOINT.replace(/^https?:\/\//, "");
    const key = { accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET, securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN };
    return aiccsClient(endpoint, key, TIMEOUT_SECONDS * 1000, plain ? "HTTP" : "HTTPS");
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export const probeRealCcc = (env: CccEnv, client: SdkClient, marker: string, track: (id: number) => void, guard: Guard) =>
    probeCcc({ sdk: client, sdkAppId: env.TENCENTCLOUD_CCC_SDK_APP_ID, callee: env.TENCENTCLOUD_ACCEPTANCE_CALLEE, caller: env.TENCENTCLOUD_ACCEPTANCE_CALLER, ivrId: env.TENCENTCLOUD_ACCEPTANCE_IVR_ID, marker, now: nowSeconds(), track, guard, listWaitMs: REAL_LIST_WAIT_MS, pollMs: REAL_POLL_MS });

export const probeRealAiccs = (env: AiccsEnv, client: OpenApiClient, marker: string, track: (id: string) => void, guard: Guard) =>
    probeAiccs({ client, agentId: env.ALIBABA_CLOUD_AICCS_AGENT_ID, virtualNumber: env.ALIBABA_CLOUD_AICCS_VIRTUAL_NUMBER, marker, now: nowSeconds(), track, guard, listWaitMs: REAL_LIST_WAIT_MS, pollMs: REAL_POLL_MS });

/** The CCC probes against an emulator, on its clock, as `credential` on `sdkAppId`. */
export function probeEmulatorCcc(emu: Emulator, credential: Credential, sdkAppId: number): Promise<ProbeAnswer[]> {
    const sdk = createSdkClient({ credentials: credential, endpoint: emu.url, timeoutSeconds: TIMEOUT_SECONDS });
    return probeCcc({ sdk, sdkAppId, ...SAMPLE, marker: "emulator", now: emu.now(), track: () => {}, guard: unguarded, listWaitMs: EMULATOR_LIST_WAIT_MS, pollMs: EMULATOR_POLL_MS });
}

/** The AICCS probes against an emulator, on its clock. */
export function probeEmulatorAiccs(emu: Emulator, credential: Credential): Promise<ProbeAnswer[]> {
    const client = aiccsClient(emu.aiccs.endpoint, { accessKeyId: credential.secretId, accessKeySecret: credential.secretKey }, TIMEOUT_SECONDS * 1000);
    return probeAiccs({ client, ...SAMPLE, marker: "emulator", now: emu.now(), track: () => {}, guard: unguarded, listWaitMs: EMULATOR_LIST_WAIT_MS, pollMs: EMULATOR_POLL_MS });
}
