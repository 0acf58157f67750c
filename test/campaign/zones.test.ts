// Where a number can ring, from its prefix (Google libphonenumber's data), and what that means for
// call windows: a table of real-world prefixes per country, then lawful and unlawful windows for them.
import { strict as assert } from "assert";
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import examples from "libphonenumber-js/examples.mobile.json";
import { check } from "../support/policy-harness";
import { calleeList } from "../../campaign/callees";
import { allowedHours } from "../../policy/policies";
import { SOURCE } from "../../campaign/zone-data/map-data";
import { zonesForPrefix } from "../../campaign/zones";

const AU_ALL = ["Australia/Adelaide", "Australia/Brisbane", "Australia/Eucla", "Australia/Lord_Howe", "Australia/Perth", "Australia/Sydney", "Indian/Christmas", "Indian/Cocos"];

// number, expected zones, how they were found
const PREFIXES: [string, string, string[], "prefix" | "country"][] = [
    ["New York (212)", "+12125550123", ["America/New_York"], "prefix"],
    ["Chicago (312)", "+13125550123", ["America/Chicago"], "prefix"],
    ["Phoenix (602), no DST", "+16025550123", ["America/Phoenix"], "prefix"],
    ["Los Angeles (415)", "+14155550123", ["America/Los_Angeles"], "prefix"],
    ["Honolulu (808)", "+18085550123", ["Pacific/Honolulu"], "prefix"],
    ["Alaska (907), two zones", "+19075550123", ["America/Adak", "America/Anchorage"], "prefix"],
    ["Toronto (416)", "+14165550123", ["America/Toronto"], "prefix"],
    ["Vancouver (604)", "+16045550123", ["America/Vancouver"], "prefix"],
    ["China, mobile", "+8613012345678", ["Asia/Shanghai"], "prefix"],
    ["China, Guangzhou landline", "+862012345678", ["Asia/Shanghai"], "prefix"],
    ["China, Urumqi landline: Beijing time", "+869912345678", ["Asia/Shanghai"], "prefix"],
    ["Australia, New South Wales (02)", "+61291234567", ["Australia/Sydney"], "prefix"],
    ["Australia, Queensland (07), no DST", "+61731234567", ["Australia/Brisbane"], "prefix"],
    ["Australia, South and Western Australia (08)", "+61891234567", ["Australia/Adelaide", "Australia/Perth"], "prefix"],
    ["Australia, mobile (04): every Australian zone", "+61412345678", AU_ALL, "prefix"],
    ["Russia, mobile: every zone of +7", "+79123456789", zonesForPrefix("7") ?? [], "prefix"],
    ["Brazil, São Paulo mobile (geographic mobiles)", "+5511912345678", ["America/Sao_Paulo"], "prefix"],
    ["United Kingdom, mobile: every zone of +44", "+447911123456", ["Europe/Guernsey", "Europe/Isle_of_Man", "Europe/Jersey", "Europe/London"], "prefix"],
    ["Germany, Berlin", "+4930123456", ["Europe/Berlin"], "prefix"],
    // Every country calling code has a country-level entry in the data, so only numbers outside any
    // country (+800 international freephone) or invalid ones have no zone in it ("Etc/Unknown").
    ["international freephone (+800): no zone anywhere", "+80012345678", [], "country"],
    ["invalid Chinese number: every zone of China", "+8612345", ["Asia/Shanghai", "Asia/Urumqi"], "country"],
];

describe("zones by number prefix", () => {
    it(`uses libphonenumber ${SOURCE.tag}'s data`, () => {
        assert.match(SOURCE.tag, /^v\d+\.\d+\.\d+$/);
        assert.deepEqual(zonesForPrefix("1212"), ["America/New_York"]);
        assert.deepEqual(zonesForPrefix("12125550123"), ["America/New_York"], "longest prefix");
        assert.equal(zonesForPrefix("999"), undefined);
    });

    for (const [what, number, zones, source] of PREFIXES) {
        it(what, () => {
            const { groups } = calleeList([number]);
            assert.equal(groups.length, 1);
            assert.deepEqual(groups[0].zones, zones);
            assert.equal(groups[0].source, source);
        });
    }

    it("reads a number as a full parse does, for every country's example mobile", () => {
        const numbers = Object.entries(examples).map(([country, national]) => parsePhoneNumberFromString(national, country as CountryCode)?.number ?? national);
        const list = calleeList(numbers);
        assert.deepEqual(list.invalid, []);
        numbers.forEach((n, i) => assert.equal(list.canonical[i], parsePhoneNumberFromString(n)?.number, n));
        for (const g of list.groups) for (const n of g.numbers) assert.equal(g.country, parsePhoneNumberFromString(n)?.country, n);
    });

    it("validates as libphonenumber-js does, on numbers valid and not", () => {
        // Deterministic pseudo-random national numbers under calling codes shared by several countries or not.
        let seed = 7;
        const digit = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), String(seed % 10));
        const numbers = ["1", "7", "44", "61", "86", "33", "49", "91", "55", "262"].flatMap((cc) =>
            Array.from({ length: 150 }, (_, i) => `+${cc}${Array.from({ length: 8 + (i % 4) }, digit).join("")}`),
        );
        const list = calleeList(numbers);
        assert.deepEqual(new Set(list.invalid), new Set(numbers.filter((n) => !parsePhoneNumberFromString(n)?.isValid())));
        assert.ok(list.invalid.length > 100 && list.invalid.length < numbers.length - 100, "both kinds are tried");
        for (const g of list.groups) for (const n of g.numbers) if (g.valid) assert.equal(g.country, parsePhoneNumberFromString(n)?.country, n);
    });

    it("groups a list by country and zones", () => {
        const { groups } = calleeList(["+12125550123", "+13125550123", "+12125550124", "+8613012345678", "+862012345678"]);
        assert.deepEqual(groups.map((g) => [g.country, g.zones.join(","), g.numbers.length]), [
            ["US", "America/New_York", 2],
            ["US", "America/Chicago", 1],
            ["CN", "Asia/Shanghai", 2],
        ]);
    });
});

/** A weekday campaign in `timeZone` with one daily window. */
function campaign(callee: string, timeZone: string, start: string, end: string, from: string, to: string): Record<string, unknown> {
    return {
        sdkAppId: 1400123455,
        notBefore: from,
        notAfter: to,
        timeZone,
        callers: ["+8602012345678"],
        callees: [callee],
        ivrId: 8,
        availableWorkTimeConfig: [{ dayType: "Custom", daysOfWeek: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], timeRanges: [{ start, end }] }],
    };
}

const DECEMBER: [string, string] = ["2026-12-07T00:00:00Z", "2026-12-11T23:00:00Z"];
const JULY: [string, string] = ["2026-07-06T00:00:00Z", "2026-07-10T23:00:00Z"];

// callee, task zone, window, campaign dates, undefined when lawful or what the violation says
const WINDOWS: [string, string, string, [string, string], [string, string], RegExp | undefined][] = [
    ["New York", "+12125550123", "America/New_York", ["09:00", "17:00"], DECEMBER, undefined],
    ["New York, too early", "+12125550123", "America/New_York", ["07:00", "09:00"], DECEMBER, /in America\/New_York: .* is 07:00–09:00 there/],
    ["Chicago from a New York campaign", "+13125550123", "America/New_York", ["09:00", "17:00"], DECEMBER, undefined],
    ["Los Angeles from a New York campaign at 09:00", "+14155550123", "America/New_York", ["09:00", "17:00"], DECEMBER, /06:00–14:00 there/],
    ["Honolulu from a Los Angeles campaign", "+18085550123", "America/Los_Angeles", ["09:00", "17:00"], DECEMBER, /07:00–15:00 there/],
    ["Vancouver from a Toronto campaign", "+16045550123", "America/Toronto", ["12:00", "20:00"], DECEMBER, undefined],
    ["Phoenix in summer: Los Angeles time", "+16025550123", "America/Los_Angeles", ["08:00", "20:30"], JULY, undefined],
    ["Phoenix in winter: an hour ahead of Los Angeles", "+16025550123", "America/Los_Angeles", ["08:00", "20:30"], DECEMBER, /09:00–21:30 there/],
    ["New York from London while only the US is on summer time", "+12125550123", "Europe/London", ["12:00", "13:00"], ["2026-03-09T00:00:00Z", "2026-03-13T23:00:00Z"], undefined],
    ["New York from London once both are", "+12125550123", "Europe/London", ["12:00", "13:00"], ["2026-03-30T00:00:00Z", "2026-04-03T23:00:00Z"], /07:00–08:00 there \(from Mon 2026-03-30\)/],
    ["China, business hours in Beijing time", "+8613012345678", "Asia/Shanghai", ["08:00", "21:00"], DECEMBER, undefined],
    ["China, Urumqi landline, morning in Beijing time", "+869912345678", "Asia/Shanghai", ["09:00", "12:00"], DECEMBER, undefined],
    ["China, before 08:00", "+8613012345678", "Asia/Shanghai", ["07:30", "09:00"], DECEMBER, /07:30–09:00 there/],
    ["Sydney", "+61291234567", "Australia/Sydney", ["09:00", "17:00"], DECEMBER, undefined],
    ["Perth and Adelaide from a Sydney campaign at noon", "+61891234567", "Australia/Sydney", ["12:00", "20:00"], DECEMBER, undefined],
    ["Perth from a Sydney campaign at 09:00", "+61891234567", "Australia/Sydney", ["09:00", "17:00"], DECEMBER, /06:00–14:00 Australia\/Perth/],
    ["Brisbane from Sydney before Sydney's summer time", "+61731234567", "Australia/Sydney", ["08:00", "10:00"], ["2026-09-14T00:00:00Z", "2026-09-18T12:00:00Z"], undefined],
    ["Brisbane from Sydney during it", "+61731234567", "Australia/Sydney", ["08:00", "10:00"], ["2026-10-05T00:00:00Z", "2026-10-09T12:00:00Z"], /07:00–09:00 there/],
    ["Australian mobile: every zone, from Sydney in the afternoon", "+61412345678", "Australia/Sydney", ["13:00", "18:00"], DECEMBER, undefined],
    ["Australian mobile: Cocos Islands at noon Sydney time", "+61412345678", "Australia/Sydney", ["12:00", "18:00"], DECEMBER, /07:30–13:30 Indian\/Cocos/],
    ["no zone known: refused", "+80012345678", "Asia/Shanghai", ["09:00", "17:00"], DECEMBER, /in no known time zone .*: their local hours cannot be checked/],
];

describe("lawful and unlawful windows by prefix (default pack)", () => {
    for (const [what, callee, zone, [start, end], [from, to], expected] of WINDOWS) {
        it(what, () => {
            const v = check(allowedHours, campaign(callee, zone, start, end, from, to));
            if (!expected) assert.deepEqual(v, []);
            else {
                assert.equal(v.length, 1, v.join("\n"));
                assert.match(v[0], expected);
            }
        });
    }
});
