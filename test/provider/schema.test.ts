import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { createRequestToApi, describeFromApi, numberFromApi, numberToApi, splitCreateToken, withCreateToken } from "../../provider/callout-task/mapping";
import { FIELD_NAMES, maskNumber, REPLACE_FIELDS, UNKNOWN, validateInputs } from "../../provider/callout-task/schema";

const SEEDS = path.resolve(__dirname, "../../../shared/seeds");

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

    const bad: [string, Record<string, unknown>, string, RegExp][] = [
        ["missing sdkAppId", { sdkAppId: undefined }, "sdkAppId", /expected number/i],
        ["negative sdkAppId", { sdkAppId: -3 }, "sdkAppId", />0/],
        ["local time without zone", { notBefore: "2026-12-01T09:00:00" }, "notBefore", /time zone offset/],
        ["milliseconds", { notBefore: 1796086800000 }, "notBefore", /milliseconds/],
        ["notAfter before notBefore", { notAfter: "2026-11-30T09:00:00+08:00" }, "notAfter", /after notBefore/],
        ["national number", { callees: ["13012345678"] }, "callees[0]", /country code/],
        ["invalid number", { callees: ["+86123"] }, "callees[0]", /(country code|not a valid)/],
        ["duplicate callee", { callees: ["+8613012345678", "008613012345678"] }, "callees[1]", /more than once/],
        ["no callees", { callees: [] }, "callees", />=1/],
        ["no caller", { callers: [] }, "callers", />=1/],
        ["both IVR and AI agent", { aiAgentId: 3 }, "aiAgentId", /exactly one/],
        ["neither IVR nor AI agent", { ivrId: undefined }, "ivrId", /exactly one/],
        ["tries above 3", { tries: 4 }, "tries", /<=3/],
        ["tries zero", { tries: 0 }, "tries", />=1/],
        ["retry interval too short", { retryInterval: 60 }, "retryInterval", />=600/],
        ["retry interval too long", { retryInterval: 90000 }, "retryInterval", /<=86400/],
        ["unknown time zone", { timeZone: "Mars/Olympus" }, "timeZone", /IANA/],
        ["window crossing midnight", { availableTime: [{ start: "22:00", end: "06:00" }] }, "availableTime[0].end", /midnight/],
        ["malformed time", { availableTime: [{ start: "9am", end: "12:00" }] }, "availableTime[0].start", /HH:MM/],
        ["Custom without days", { availableWorkTimeConfig: [{ dayType: "Custom", timeRanges: [{ start: "09:00", end: "10:00" }] }] }, "availableWorkTimeConfig[0].daysOfWeek", /required/],
        ["days without Custom", { availableWorkTimeConfig: [{ dayType: "EveryDay", daysOfWeek: ["Monday"], timeRanges: [{ start: "09:00", end: "10:00" }] }] }, "availableWorkTimeConfig[0].daysOfWeek", /only when/],
        ["unknown day", { availableWorkTimeConfig: [{ dayType: "Custom", daysOfWeek: ["Funday"], timeRanges: [{ start: "09:00", end: "10:00" }] }] }, "availableWorkTimeConfig[0].daysOfWeek[0]", /Monday/],
        ["unknown day type", { availableWorkTimeConfig: [{ dayType: "Weekend", timeRanges: [{ start: "09:00", end: "10:00" }] }] }, "availableWorkTimeConfig[0].dayType", /BusinessDay/],
        ["AI-only field on an IVR task", { retryHangupTypes: ["202"] }, "retryHangupTypes", /AI agent/],
        ["attribute for a number not called", { calleeAttributes: [{ callee: "+8613912345678", uui: "x" }] }, "calleeAttributes[0].callee", /not in callees/],
        ["misspelt input", { timezone: "Asia/Shanghai" }, "timezone", /not a CalloutTask input/],
        ["wrong type", { tries: "2" }, "tries", /expected number/i],
    ];
    for (const [what, change, field, rule] of bad) {
        it(`rejects ${what}, naming ${field}`, () => {
            const r = validateInputs({ ...valid, ...change });
            assert.equal(r.ok, false, `${what} was accepted`);
            const failures = (r as { failures: { property: string; reason: string }[] }).failures;
            const f = failures.find((x) => x.property === field);
            assert.ok(f, `no failure for ${field}: ${JSON.stringify(failures)}`);
            assert.match(f.reason, rule);
        });
    }

    it("never shows a full callee number in an error", () => {
        const r = validateInputs({ ...valid, callees: ["+8613012345678", "+8613012345678"] });
        assert.ok(!r.ok);
        const text = JSON.stringify(r.failures);
        assert.ok(!text.includes("13012345678"), text);
        assert.match(text, /\+86\*+78/);
    });

    it("passes values unknown during preview through, and skips the rules that need them", () => {
        const r = validateInputs({ ...valid, ivrId: UNKNOWN, notBefore: UNKNOWN });
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.inputs.ivrId, UNKNOWN);
        assert.equal(r.inputs.notBefore, UNKNOWN);
        const bad = validateInputs({ ...valid, ivrId: UNKNOWN, tries: 9 });
        assert.ok(!bad.ok && bad.failures.some((f) => f.property === "tries"));
    });

    it("lists every input as replacing the task except paused", () => {
        assert.deepEqual(
            FIELD_NAMES.filter((f) => !REPLACE_FIELDS.includes(f)),
            ["paused"],
        );
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

    it("masks numbers to country code and last two digits", () => {
        assert.equal(maskNumber("+8613012345678"), "+86*********78");
        assert.equal(maskNumber("0012125550123"), "+1********23");
    });
});
