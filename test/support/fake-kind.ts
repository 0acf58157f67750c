// A second kind of call task that exists only in the tests: fakevendor's Dialer, with inputs and
// states of its own (one set of hours on chosen weekdays, string task ids, a zone it assumes). The
// policy pack and the review must handle it once it is in the list of kinds, with no change to
// policy/ or review/: the measure of the campaign model's design.
import { z } from "zod";
import { type CampaignReading, type Failure, REACHED_RESTART, STOP_ENDING, type TaskKind } from "../../campaign/adapter";
import { type CampaignParts, type Concern, WEEKDAYS } from "../../campaign/model";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, "must be HH:MM:SS");
const fields = {
    numbers: z.array(z.string()).min(1),
    callerIds: z.array(z.string()).min(1).optional(),
    from: z.number().int().nonnegative(),
    until: z.number().int().nonnegative().optional(),
    zone: z.string().optional(),
    hours: z.object({ start: time, end: time }).strict(),
    weekdays: z.array(z.enum(WEEKDAYS)).min(1),
    attempts: z.number().int().min(1).max(5).optional(),
    gapSeconds: z.number().int().min(60).optional(),
    cps: z.number().positive().optional(),
    enabled: z.boolean().optional(),
};
type Field = keyof typeof fields;
const CONCERN: Partial<Record<Field, Concern>> = { numbers: "callees", callerIds: "callers", from: "start", until: "end", zone: "timeZone", hours: "windows", weekdays: "windows", attempts: "tries", gapSeconds: "retryInterval", cps: "pace" };

/** fakevendor's zone when a Dialer declares none. */
const VENDOR_ZONE = "Europe/Berlin";

function readDialer(props: Record<string, unknown>): CampaignReading {
    const v: Partial<Record<Field, any>> = {};
    const failures: Failure[] = [];
    for (const key of Object.keys(fields) as Field[]) {
        const parsed = fields[key].safeParse(props[key]);
        if (parsed.success) v[key] = parsed.data;
        else failures.push({ property: key, reason: parsed.error.issues[0].message, concern: CONCERN[key] });
    }
    const failed = new Set(failures.flatMap((f) => (f.concern ? [f.concern] : [])));
    const campaign: CampaignParts = {
        callees: v.numbers,
        callers: v.callerIds,
        schedule: { start: v.from, end: v.until, timeZone: v.zone ?? VENDOR_ZONE, timeZoneSource: v.zone === undefined ? "assumed" : "task" },
        attempts: { tries: v.attempts ?? 1, retryInterval: v.gapSeconds ?? 300 },
        pace: v.cps === undefined ? {} : { callsPerSecond: v.cps },
    };
    if (!failed.has("windows")) campaign.schedule.windows = [{ ...v.hours, days: v.weekdays, label: v.weekdays.map((d: string) => d.slice(0, 3)).join(",") }];
    return { campaign, failures, failed, unknown: new Set() };
}

export const dialerKind: TaskKind = {
    name: "Dialer",
    tokens: { dynamic: "pulumi-nodejs:dynamic/fakevendor:Dialer", plugin: "fakevendor:index:Dialer" },
    assumedTimeZone: VENDOR_ZONE,
    fields: { callees: "numbers", callers: "callerIds", start: "from", end: "until", timeZone: "zone", windows: "hours and weekdays", tries: "attempts", retryInterval: "gapSeconds", pace: "cps" },
    read: readDialer,
    reference: {
        description: "fakevendor's Dialer (tests only).",
        inputs: () => z.object(fields),
        outputs: () => z.object({ ...fields, dialerId: z.string(), status: z.enum(["queued", "dialing", "done"]) }),
    },
    lifecycle: {
        inputOrder: Object.keys(fields),
        updatable: ["enabled"],
        secret: ["numbers"],
        defaults: { enabled: true },
        paused: (inputs) => inputs.enabled === false,
        redialsEveryone: () => false,
        restart: REACHED_RESTART,
        ending: STOP_ENDING,
        taskId: (outputs) => (typeof outputs.dialerId === "string" ? outputs.dialerId : undefined),
        stateName: (outputs) => (typeof outputs.status === "string" ? outputs.status : undefined),
        states: { all: ["queued", "dialing", "done"], restarting: ["dialing"], finished: ["done"], final: ["done"] },
        progress: (outputs) => {
            const c = outputs.counts as { total: number; waiting: number; answered: number; missed: number; busy: number } | undefined;
            return c && { total: c.total, dialed: c.total - c.waiting, reached: c.answered, notAnswered: c.missed, pending: c.busy };
        },
        replaceReason: "fakevendor changes nothing in place",
        zoneNote: "not declared; fakevendor's zone assumed",
    },
    display: (field, value) => (field === "hours" ? `${(value as { start: string }).start}…` : undefined),
};
