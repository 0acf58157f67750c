// Which vendors an acceptance run covers, read from the environment: a vendor whose credentials are
// absent is skipped; one whose credentials are set must have every other variable, the maintainer's
// own callee first, or the run refuses to start (every problem named at once, before any API call).
import { isValidPhoneNumber } from "libphonenumber-js";
import { z } from "zod";
import { maskNumber } from "../../campaign/numbers";
import { DEFAULT_ENDPOINT } from "../../provider/ccc";

const set = (what: string) => z.string({ error: `is not set (${what})` }).min(1, `is empty (${what})`);
const positiveInt = (what: string) => set(what).regex(/^[1-9]\d*$/, `must be a positive whole number (${what})`).transform(Number);
const CALLEE = "the maintainer's own number, the only callee a test task ever gets";
/** Both vendors' lifecycles write it into a campaign file, which takes +E.164 only. */
const callee = () => set(CALLEE).refine((n) => isValidPhoneNumber(n), "must be a phone number in +E.164");

const cccSchema = z.object({
    TENCENTCLOUD_SECRET_ID: set("the API key's SecretId"),
    TENCENTCLOUD_SECRET_KEY: set("the API key's SecretKey"),
    TENCENTCLOUD_SESSION_TOKEN: z.string().optional(),
    /** The provider's own variable; a loopback emulator's URL turns the run into a rehearsal. */
    TENCENTCLOUD_CCC_ENDPOINT: z.string().default(DEFAULT_ENDPOINT),
    TENCENTCLOUD_CCC_SDK_APP_ID: positiveInt("the CCC application, SdkAppId"),
    TENCENTCLOUD_ACCEPTANCE_CALLER: set("a caller number of that application, in +E.164").refine((n) => isValidPhoneNumber(n), "must be a phone number in +E.164"),
    TENCENTCLOUD_ACCEPTANCE_IVR_ID: positiveInt("an IVR of that application"),
    TENCENTCLOUD_ACCEPTANCE_CALLEE: callee(),
});

const aiccsSchema = z.object({
    ALIBABA_CLOUD_ACCESS_KEY_ID: set("the AccessKey id"),
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: set("the AccessKey secret"),
    ALIBABA_CLOUD_SECURITY_TOKEN: z.string().optional(),
    /** `host[:port]`; `http://127.0.0.1:PORT` reaches an emulator. */
    ALIBABA_CLOUD_AICCS_ENDPOINT: z.string().default("aiccs.aliyuncs.com"),
    ALIBABA_CLOUD_AICCS_AGENT_ID: set("the AI agent the test tasks name"),
    ALIBABA_CLOUD_AICCS_VIRTUAL_NUMBER: set("the account's calling number"),
    ALIBABA_CLOUD_ACCEPTANCE_CALLEE: callee(),
});

export type CccEnv = z.infer<typeof cccSchema>;
export type AiccsEnv = z.infer<typeof aiccsSchema>;

interface VendorSpec<S extends z.ZodType> {
    schema: S;
    /** The variables whose presence means "test this vendor". */
    credentials: [string, string];
}

const VENDORS = {
    ccc: { schema: cccSchema, credentials: ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"] },
    aiccs: { schema: aiccsSchema, credentials: ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"] },
} satisfies Record<string, VendorSpec<z.ZodType>>;

export type VendorName = keyof typeof VENDORS;
export const VENDOR_NAMES = Object.keys(VENDORS) as VendorName[];

export type VendorPlan<E> = { run: false; reason: string } | { run: true; env: E };
export interface Plan {
    ccc: VendorPlan<CccEnv>;
    aiccs: VendorPlan<AiccsEnv>;
}

/** The plan, or every problem of every vendor whose credentials are set (no number shown in full). */
export function readPlan(env: NodeJS.ProcessEnv): { plan: Plan } | { problems: string[] } {
    const problems: string[] = [];
    const plan: Record<string, VendorPlan<unknown>> = {};
    for (const name of VENDOR_NAMES) {
        const { schema, credentials } = VENDORS[name];
        if (!credentials.some((v) => env[v])) {
            plan[name] = { run: false, reason: `${credentials.join(" and ")} are not set` };
            continue;
        }
        const parsed = schema.safeParse(env);
        if (parsed.success) plan[name] = { run: true, env: parsed.data };
        else for (const issue of parsed.error.issues) problems.push(`${name}: ${issue.path.join(".")} ${issue.message}${shown(env, issue.path)}`);
    }
    return problems.length ? { problems } : { plan: plan as unknown as Plan };
}

/** A refused phone number, masked; no other value is shown (it may be a secret). */
function shown(env: NodeJS.ProcessEnv, path: PropertyKey[]): string {
    const name = String(path[0]);
    const value = env[name];
    return value && /_(CALLEE|CALLER)$/.test(name) ? `, got "${maskNumber(value)}"` : "";
}
