#!/usr/bin/env node
// Standalone emulator of both vendors: prints CCC's URL as the first line of stdout and AICCS's endpoint
// as the second, stops cleanly on SIGTERM/SIGINT.
import { parseArgs } from "util";
import { DEFAULT_CREDENTIALS, startEmulator } from "./index";
import type { ClockMode } from "./types";

const USAGE = `Usage: ccc-emulator [options]

A local Tencent Cloud CCC API (2020-02-10, auto callout tasks, predictive and agent cruise dialing
campaigns) and Alibaba Cloud AICCS API (2019-10-15, AI call tasks) on one port, for the vendors'
official SDKs.
Prints CCC's URL (http://ccc.localhost:PORT) on the first line of stdout and AICCS's endpoint
("aiccs 127.0.0.1:PORT": @alicloud/openapi-core's config.endpoint, with protocol HTTP) on the
second; stops on SIGTERM/SIGINT. The control plane is under /_emulator/ (AICCS's under
/_emulator/aiccs/; see the README).

Options:
  --port N                        port to listen on (default 0: a free one)
  --credentials ID:KEY[:TOKEN],…  accepted credentials, by both vendors (default
                                  AKIDEMULATOR:emulator-secret-key; or CCC_EMULATOR_CREDENTIALS)
  --sdk-app-id N                  an SdkAppId that exists (repeatable; default 1400123455)
  --state FILE                    load tasks and campaigns from FILE at start, save after every change
  --rate-limit N                  requests per second per action, each vendor (default 20)
  --clock manual|wall             manual: the model clock moves only through the control plane;
                                  wall: it also follows wall time (default manual)
  --help                          print this and exit
`;

function credentialsFrom(text: string | undefined) {
    if (!text) return DEFAULT_CREDENTIALS;
    return text.split(",").map((pair) => {
        const [secretId, secretKey, token] = pair.split(":");
        if (!secretId || !secretKey) throw new Error(`--credentials: "${pair}" is not ID:KEY`);
        return { secretId, secretKey, token };
    });
}

function clockFrom(text: string): ClockMode {
    if (text !== "manual" && text !== "wall") throw new Error(`--clock: "${text}" is not manual or wall`);
    return text;
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            port: { type: "string", default: "0" },
            credentials: { type: "string" },
            "sdk-app-id": { type: "string", multiple: true },
            state: { type: "string" },
            "rate-limit": { type: "string" },
            clock: { type: "string", default: "manual" },
            help: { type: "boolean" },
        },
    });
    if (values.help) {
        process.stdout.write(USAGE);
        return;
    }
    const emulator = await startEmulator({
        port: Number(values.port),
        credentials: credentialsFrom(values.credentials ?? process.env.CCC_EMULATOR_CREDENTIALS),
        sdkAppIds: values["sdk-app-id"]?.map(Number),
        statePath: values.state,
        rateLimitPerSecond: values["rate-limit"] ? Number(values["rate-limit"]) : undefined,
        clock: clockFrom(values.clock),
    });
    process.stdout.write(`${emulator.url}\naiccs ${emulator.aiccs.endpoint}\n`);
    const stop = () => void emulator.close().then(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
}

main().catch((e) => {
    console.error(`ccc-emulator: ${e instanceof Error ? e.message : e}\n(ccc-emulator --help for usage)`);
    process.exit(1);
});
