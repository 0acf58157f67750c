import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Emulator } from "../../emulator";
import type { CalloutTaskProvider } from "../../provider/callout-task/provider";
import { checked, configuredProvider, startTestEmulator } from "../support/provider-harness";
import { createRequestToApi, describeFromApi, numberFromApi, numberToApi, splitCreateToken, withCreateToken } from "../../provider/callout-task/mapping";
import { type FieldFailure, REPLACE_FIELDS, schemas, stateName, TaskState, UNKNOWN, UPDATABLE_FIELDS, validateInputs } from "../../provider/callout-task/schema";

/** The CCC API pages (Tencent's documentation), copied from the project's notes. */
const SEEDS = path.resolve(__dirname, "../fixtures/seeds");
/** The clock of the rules that depend on the time: 2026-11-25T12:00:00Z. */
const NOW = Date.UTC(2026, 10, 25, 12) / 1000;

/** The JSON body of the first "Input Example" / "Output Example" in a seed page. */
function seedExample(file: string, heading: "Input Example" | "Output Example"): any {
    const text = fs.readFileSync(path.join(SEEDS, file), "utf8");
    const after = text.slice(text.indexOf(heading));
    const start = after.indexOf("\n{");
    let depth = 0;
    for (let i = start + 1; i < after.length; i++) {
        if (after[i] === "{") depth++;
        if (after[i] === "}" && --depth === 0) return JSON.parse(after.slice(start + 1, i + 1));
    }
    throw new Error(`no example in ${file}`);
}

const camel = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k[0].toLowerCase() + k.slice(1), v]));

export const valid = {
    sdkAppId: 1400123455,
    name: "winter-reminders",
    notBefore: "2026-12-01T09:00:00+08:00",
    notAfter: "2026-12-05T18:00:00+08:00",
    callees: ["+8613012345678", "008613112345678"],
    callers: ["008602012345678"],
    ivrId: 8,
    tries: 2,
    retryInterval: 1800,
    timeZone: "Asia/Shanghai",
    availableWorkTimeConfig: [{ dayType: "Custom", daysOfWeek: ["Monday", "Tuesday"], timeRanges: [{ start: "09:00", end: "12:00" }] }],
};

const aiTask = { ivrId: undefined, aiAgentId: 3 };
// Each case changes the happy path and must yield exactly the failures listed, each naming its field and rule.
const bad: [string, Record<string, unknown>, [string, RegExp][]][] = [
    ["missing sdkAppId", { sdkAppId: undefined }, [["sdkAppId", /^is required$/]]],
    ["missing notBefore (a union of forms)", { notBefore: undefined }, [["notBefore", /^is required$/]]],
    ["missing callees", { callees: undefined }, [["callees", /^is required$/]]],
    ["missing end of a window", { availableTime: [{ start: "09:00" }] }, [["availableTime[0].end", /^is required$/]]],
    ["negative sdkAppId", { sdkAppId: -3 }, [["sdkAppId", />0/]]],
    ["local time without zone", { notBefore: "2026-12-01T09:00:00" }, [["notBefore", /time zone offset/]]],
    ["milliseconds", { notBefore: 1796086800000 }, [["notBefore", /milliseconds/]]],
    ["a date not in the calendar", { notAfter: "2026-02-30T09:00:00+08:00" }, [["notAfter", /2026-02-30 is not a date in the calendar/]]],
    ["a time that does not exist", { notBefore: "2026-12-01T24:00:00+08:00" }, [["notBefore", /24:00:00 is not a time of day/]]],
    ["an offset that does not exist", { notBefore: "2026-12-01T09:00:00+25:00" }, [["notBefore", /not a time zone offset/]]],
    ["notAfter before notBefore", { notAfter: "2026-11-30T09:00:00+08:00" }, [["notAfter", /after notBefore/]]],
    ["national number", { callees: ["13012345678"] }, [["callees[0]", /must start with a country code/]]],
    ["number too short for its country", { callees: ["+86130123"] }, [["callees[0]", /too short for \+86 \(CN\)/]]],
    ["number too long for its country", { callees: ["+861301234567890"] }, [["callees[0]", /too long for \+86 \(CN\)/]]],
    ["number with a calling code nobody has", { callees: ["+99912345678"] }, [["callees[0]", /no country has this calling code/]]],
    ["number valid in length but not in use", { callees: ["+8610012345678"] }, [["callees[0]", /not a valid phone number for \+86 \(CN\)/]]],
    ["number in digits that are not 0-9", { callees: ["+٨٦١٣٠١٢٣٤٥٦٧٨"] }, [["callees[0]", /contains "٨" \(U\+0668\), "٦" \(U\+0666\).*only digits 0-9/]]],
    ["number read by YAML as a number", { callers: [8602012345678] }, [["callers[0]", /is a number.*write it in quotes/]]],
    ["duplicate callee", { callees: ["+8613012345678", "008613012345678"] }, [["callees[1]", /more than once/]]],
    ["no callees", { callees: [] }, [["callees", />=1/]]],
    ["no caller", { callers: [] }, [["callers", />=1/]]],
    ["both IVR and AI agent", { aiAgentId: 3 }, [["aiAgentId", /exactly one/]]],
    ["neither IVR nor AI agent", { ivrId: undefined }, [["ivrId", /exactly one/]]],
    ["tries above 3", { tries: 4 }, [["tries", /<=3/]]],
    ["tries zero", { tries: 0 }, [["tries", />=1/]]],
    ["retry interval too short", { retryInterval: 60 }, [["retryInterval", />=600/]]],
    ["retry interval too long", { retryInterval: 90000 }, [["retryInterval", /<=86400/]]],
    ["unknown time zone", { timeZone: "Mars/Olympus" }, [["timeZone", /IANA/]]],
    ["window crossing midnight", { availableTime: [{ start: "22:00", end: "06:00" }] }, [["availableTime[0].end", /midnight/]]],
    ["malformed time", { availableTime: [{ start: "9am", end: "12:00" }] }, [["availableTime[0].start", /HH:MM/]]],
    ["time without its leading zero, once", { availableTime: [{ start: "9:30", end: "12:00" }] }, [["availableTime[0].start", /"9:30" must be HH:MM.*write 09:30/]]],
    ["minute 60", { availableTime: [{ start: "09:60", end: "12:00" }] }, [["availableTime[0].start", /00:00–23:59/]]],
    ["overlapping windows", { availableTime: [{ start: "09:00", end: "12:00" }, { start: "11:30", end: "13:00" }] }, [["availableTime[1]", /11:30–13:00 overlaps 09:00–12:00 \(window \[0\]\)/]]],
    ["a window inside another", { availableTime: [{ start: "14:00", end: "15:00" }, { start: "09:00", end: "18:00" }] }, [["availableTime[1]", /09:00–18:00 overlaps 14:00–15:00/]]],
    [
        "overlapping windows of one work-time entry",
        { availableWorkTimeConfig: [{ dayType: "EveryDay", timeRanges: [{ start: "09:00", end: "12:00" }, { start: "10:00", end: "11:00" }] }] },
        [["availableWorkTimeConfig[0].timeRanges[1]", /10:00–11:00 overlaps 09:00–12:00 \(window \[0\]\)/]],
    ],
    ["windows that are not a list", { availableTime: "09:00-12:00" }, [["availableTime", /expected array/]]],
    [
        "a malformed window beside two overlapping ones: both problems",
        { availableTime: [{ start: "9:00", end: "10:00" }, { start: "14:00", end: "16:00" }, { start: "15:00", end: "17:00" }] },
        [["availableTime[0].start", /write 09:00/], ["availableTime[2]", /15:00–17:00 overlaps 14:00–16:00 \(window \[1\]\)/]],
    ],
    ["Custom without days", { availableWorkTimeConfig: [{ dayType: "Custom", timeRanges: [{ start: "09:00", end: "10:00" }] }] }, [["availableWorkTimeConfig[0].daysOfWeek", /required/]]],
    ["days without Custom", { availableWorkTimeConfig: [{ dayType: "EveryDay", daysOfWeek: ["Monday"], timeRanges: [{ start: "09:00", end: "10:00" }] }] }, [["availableWorkTimeConfig[0].daysOfWeek", /only when/]]],
    ["unknown day", { availableWorkTimeConfig: [{ dayType: "Custom", daysOfWeek: ["Funday"], timeRanges: [{ start: "09:00", end: "10:00" }] }] }, [["availableWorkTimeConfig[0].daysOfWeek[0]", /Monday/]]],
    ["unknown day type", { availableWorkTimeConfig: [{ dayType: "Weekend", timeRanges: [{ start: "09:00", end: "10:00" }] }] }, [["availableWorkTimeConfig[0].dayType", /BusinessDay/]]],
    ["day type in the wrong case", { availableWorkTimeConfig: [{ dayType: "everyday", timeRanges: [{ start: "09:00", end: "10:00" }] }] }, [["availableWorkTimeConfig[0].dayType", /EveryDay/]]],
    ["undocumented hang-up code on an AI agent task", { ...aiTask, retryHangupTypes: ["202", "999"] }, [["retryHangupTypes[1]", /"999" is not a documented hang-up code/]]],
    [
        "undocumented hang-up code on an IVR task: the code and the task kind, both",
        { retryHangupTypes: ["999"] },
        [["retryHangupTypes[0]", /not a documented hang-up code/], ["retryHangupTypes", /AI agent tasks only/]],
    ],
    ["unknown trigger mode", { ...aiTask, triggerStrategy: [{ triggerMode: "ONCE" }] }, [["triggerStrategy[0].triggerMode", /ONCE_PER_NUMBER/]]],
    ["undocumented hang-up code in a trigger", { ...aiTask, triggerStrategy: [{ hangupTypes: ["1"] }] }, [["triggerStrategy[0].hangupTypes[0]", /hang-up code/]]],
    ["AI-only field on an IVR task", { retryHangupTypes: ["202"] }, [["retryHangupTypes", /AI agent/]]],
    ["attribute for a number not called", { calleeAttributes: [{ callee: "+8613912345678", uui: "x" }] }, [["calleeAttributes[0].callee", /not in callees/]]],
    ["misspelt input", { timezone: "Asia/Shanghai" }, [["timezone", /not a CalloutTask input/]]],
    ["wrong type", { tries: "2" }, [["tries", /expected number/i]]],
    [
        "several problems at once, cross-field rules included",
        { tries: 9, callees: ["13012345678"], aiAgentId: 3, notAfter: "2026-11-30T09:00:00+08:00", timeZone: 8 },
        [["callees[0]", /country code/], ["tries", /<=3/], ["timeZone", /expected string/], ["aiAgentId", /exactly one/], ["notAfter", /after notBefore/]],
    ],
];
const failuresOf = (r: ReturnType<typeof validateInputs>): FieldFailure[] => (r.ok ? [] : r.failures);

describe("CalloutTask schema", () => {
    it("accepts the CreateAutoCalloutTask seed example and maps it back to the same request", () => {
        const seed = seedExample("CreateAutoCalloutTask.txt", "Input Example");
        const result = validateInputs(camel(seed));
        assert.ok(result.ok, JSON.stringify(result));
        assert.deepEqual(createRequestToApi(result.inputs), seed);
    });

    it("accepts the other vendor's window model (days of week plus time ranges) as a Custom work-time config", () => {
        const r = validateInputs({ ...valid, availableWorkTimeConfig: [{ dayType: "Custom", daysOfWeek: ["Monday"], timeRanges: [{ start: "09:00:00", end: "10:00:00" }] }] });
        assert.ok(r.ok);
        assert.deepEqual(createRequestToApi(r.inputs).AvailableWorkTimeConfig, [
            { DayType: "Custom", DaysOfWeek: ["Monday"], TimeRanges: [{ StartTime: "09:00:00", EndTime: "10:00:00" }] },
        ]);
    });

    it("normalises times, numbers and windows so that equal campaigns compare equal", () => {
        const a = validateInputs(valid);
        const b = validateInputs({ ...valid, notBefore: 1796086800, callees: ["0086 130 1234 5678", "+86 131 1234 5678"], callers: ["+8602012345678"] });
        assert.ok(a.ok && b.ok);
        assert.deepEqual(a.inputs, b.inputs);
        assert.equal(a.inputs.notBefore, Date.UTC(2026, 11, 1, 1) / 1000);
        assert.deepEqual(a.inputs.callees, ["+8613012345678", "+8613112345678"]);
        assert.equal(a.inputs.availableWorkTimeConfig![0].timeRanges[0].end, "12:00:00");
        assert.equal(a.inputs.paused, false);
    });

    for (const [what, change, expected] of bad) {
        it(`rejects ${what}, naming ${expected.map(([field]) => field).join(" and ")}`, () => {
            const failures = failuresOf(validateInputs({ ...valid, ...change }, { now: NOW }));
            assert.deepEqual(failures.map((f) => f.property), expected.map(([field]) => field), JSON.stringify(failures));
            expected.forEach(([, rule], i) => assert.match(failures[i].reason, rule));
        });
    }

    it("refuses a campaign whose end has passed, and notes a start that has passed", () => {
        const ended = validateInputs({ ...valid, notBefore: "2026-11-20T09:00:00+08:00", notAfter: "2026-11-25T18:00:00+08:00" }, { now: NOW });
        assert.deepEqual(failuresOf(ended), [{ property: "notAfter", reason: "2026-11-25T10:00:00Z has already passed (now 2026-11-25T12:00:00Z): the task could never dial; move the dates, or remove a campaign that has run" }]);
        const started = validateInputs({ ...valid, notBefore: "2026-11-24T09:00:00+08:00" }, { now: NOW });
        assert.ok(started.ok, JSON.stringify(started));
        assert.deepEqual(started.notes, [{ property: "notBefore", reason: "2026-11-24T01:00:00Z has already passed: CCC starts the task at once" }]);
        const future = validateInputs(valid, { now: NOW });
        assert.ok(future.ok);
        assert.deepEqual(future.notes, []);
    });

    it("applies no rule of time without a clock, or to an existing task's unchanged end", () => {
        const ended = { ...valid, notBefore: "2020-01-01T09:00:00+08:00", notAfter: "2020-01-02T09:00:00+08:00" };
        assert.equal(validateInputs(ended).ok, true);
        const previous = { notAfter: Date.UTC(2020, 0, 2, 1) / 1000 };
        assert.equal(validateInputs(ended, { now: NOW, previous }).ok, true);
        assert.deepEqual(failuresOf(validateInputs(ended, { now: NOW, previous: { notAfter: previous.notAfter - 60 } })).map((f) => f.property), ["notAfter"]);
    });

    it("accepts windows that touch without overlapping", () => {
        const r = validateInputs({ ...valid, availableWorkTimeConfig: undefined, availableTime: [{ start: "12:00", end: "14:00" }, { start: "09:00", end: "12:00" }] });
        assert.ok(r.ok, JSON.stringify(r));
        assert.deepEqual(r.inputs.availableTime, [{ start: "12:00:00", end: "14:00:00" }, { start: "09:00:00", end: "12:00:00" }]);
    });

    it("reads digits and plus signs typed in full width as ASCII", () => {
        const r = validateInputs({ ...valid, callees: ["＋８６ １３０ １２３４ ５６７８", "００８６１３１１２３４５６７８"] });
        assert.ok(r.ok, JSON.stringify(r));
        assert.deepEqual(r.inputs.callees, ["+8613012345678", "+8613112345678"]);
    });

    it("accepts every documented value of every enumerated field", () => {
        const workTime = ["EveryDay", "BusinessDay", "Holiday"].map((dayType) => ({ dayType, timeRanges: [{ start: "09:00", end: "10:00" }] }));
        const custom = { dayType: "Custom", daysOfWeek: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], timeRanges: [{ start: "09:00", end: "10:00" }] };
        const codes = ["202", "203", "204", "205", "206", "207", "208", "210", "212", "213", "215", "216", "217", "218", "219", "221", "222", "234"];
        const r = validateInputs({
            ...valid,
            ...aiTask,
            availableWorkTimeConfig: [...workTime, custom],
            retryHangupTypes: codes,
            triggerStrategy: [{ triggerMode: "ONCE_PER_NUMBER", hangupTypes: codes }, { triggerMode: "ALWAYS_ON_MATCH" }],
        });
        assert.ok(r.ok, JSON.stringify(r));
    });
    it("never shows a full callee number in an error", () => {
        const r = validateInputs({ ...valid, callees: ["+8613012345678", "+8613012345678"] });
        assert.ok(!r.ok);
        const text = JSON.stringify(r.failures);
        assert.ok(!text.includes("13012345678"), text);
        assert.match(text, /\+86\*+78/);
    });

    it("passes values unknown during preview through, names them, and skips the rules that need them", () => {
        const r = validateInputs({ ...valid, ivrId: UNKNOWN, notBefore: UNKNOWN });
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.inputs.ivrId, UNKNOWN);
        assert.equal(r.inputs.notBefore, UNKNOWN);
        assert.deepEqual(r.unknownFields, ["notBefore", "ivrId"]);
        assert.deepEqual(failuresOf(validateInputs({ ...valid, ivrId: UNKNOWN, tries: 9 })).map((f) => f.property), ["tries"]);
    });

    it("replaces the task on a change of any input of the schema but paused", () => {
        assert.deepEqual(UPDATABLE_FIELDS, ["paused"]);
        assert.deepEqual([...REPLACE_FIELDS, ...UPDATABLE_FIELDS].sort(), Object.keys(schemas().fields).sort());
    });

    it("names the task states with the codes DescribeAutoCalloutTask reports", () => {
        assert.deepEqual(TaskState, { initial: 0, running: 1, completed: 2, ending: 3, terminated: 4, paused: 5 });
        assert.deepEqual([0, 1, 2, 3, 4, 5].map(stateName), ["initial", "running", "completed", "ending", "terminated", "paused"]);
    });
});

describe("CalloutTask check in the provider (against the emulator)", () => {
    let emu: Emulator;
    let provider: CalloutTaskProvider;
    // The provider's check runs on the real clock: the happy path's dates lie far ahead.
    const future = { ...valid, notBefore: "2099-12-01T09:00:00+08:00", notAfter: "2099-12-05T18:00:00+08:00" };

    before(async () => {
        emu = await startTestEmulator();
        provider = await configuredProvider(emu);
    });
    after(() => emu.close());

    it("refuses every bad input of the table with the same failures, and makes no API call", async () => {
        for (const [what, change, expected] of bad) {
            const r = await provider.check({}, { ...future, ...change, __provider: "serialized" });
            assert.deepEqual((r.failures ?? []).map((f) => f.property), expected.map(([field]) => field), what);
        }
        assert.deepEqual(emu.requestLog(), []);
    });

    it("refuses a new task whose end has passed, but not an existing task's unchanged end, with no API call", async () => {
        const ended = { ...valid, notBefore: "2020-01-01T09:00:00+08:00", notAfter: "2020-01-02T09:00:00+08:00" };
        const refused = await provider.check({}, ended);
        assert.deepEqual(refused.failures?.map((f) => f.property), ["notAfter"]);
        assert.match(refused.failures![0].reason, /2020-01-02T01:00:00Z has already passed .*could never dial/);
        const existing = await provider.check(checked(ended), ended);
        assert.equal(existing.failures, undefined);
        assert.deepEqual(emu.requestLog(), []);
    });
});

describe("CalloutTask mapping", () => {
    it("reads the DescribeAutoCalloutTask seed example", () => {
        const seed = seedExample("DescribeAutoCalloutTask.txt", "Output Example").Response;
        const t = describeFromApi({ ...seed, Callees: [{ ...seed.Callees[0], Callee: "008613012345678" }] });
        assert.equal(t.name, "foobar");
        assert.equal(t.state, 1);
        assert.equal(t.stateName, "running");
        assert.deepEqual(t.callers, ["+8610086"]);
        assert.deepEqual(t.callees, ["+8613012345678"]);
        assert.deepEqual(t.progress, { total: 1, initial: 0, answered: 1, notAnswered: 0, calling: 0, awaitingRetry: 0 });
    });

    it("maps numbers both ways", () => {
        assert.equal(numberToApi("+8613012345678"), "008613012345678");
        assert.equal(numberFromApi("008613012345678"), "+8613012345678");
    });

    it("carries a create token in the description and strips it on the way back", () => {
        const d = withCreateToken("spring", "ab12");
        assert.deepEqual(splitCreateToken(d), { description: "spring", token: "ab12" });
        assert.deepEqual(splitCreateToken(withCreateToken(undefined, "ab12")), { description: undefined, token: "ab12" });
        assert.deepEqual(splitCreateToken("plain"), { description: "plain" });
        assert.deepEqual(splitCreateToken(""), { description: undefined }, "an empty description is no description");
    });
});
