#!/usr/bin/env node
// Standalone emulator: prints its URL as the first line of stdout, stops cleanly on SIGTERM/SIGINT.
//   ccc-emulator [--port N] [--credentials ID:KEY[:TOKEN][,…]] [--sdk-app-id N]… [--state FILE] [--rate-limit N]
// Credentials may also come from CCC_EMULATOR_CREDENTIALS (same format).
import { parseArgs } from "util";
import { DEFAULT_CREDENTIALS, startEmulator } from "./index";

function credentialsFrom(text: string | undefined) {
    if (!text) return DEFAULT_CREDENTIALS;
    return text.split(",").map((pair) => {
        const [secretId, secretKey, token] = pair.split(":");
        if (!secretId || !secretKey) throw new Error(`--credentials: "${pair}" is not ID:KEY`);
        return { secretId, secretKey, token };
    });
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            port: { type: "string", default: "0" },
            credentials: { type: "string" },
            "sdk-app-id": { type: "string", multiple: true },
            state: { type: "string" },
            "rate-limit": { type: "string" },
        },
    });
    const emulator = await startEmulator({
        port: Number(values.port),
        credentials: credentialsFrom(values.credentials ?? process.env.CCC_EMULATOR_CREDENTIALS),
        sdkAppIds: values["sdk-app-id"]?.map(Number),
        statePath: values.state,
        rateLimitPerSecond: values["rate-limit"] ? Number(values["rate-limit"]) : undefined,
    });
    process.stdout.write(`${emulator.url}\n`);
    const stop = () => void emulator.close().then(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
}

main().catch((e) => {
    console.error(`ccc-emulator: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
});
