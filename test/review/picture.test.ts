// The review's chart of call windows in the callees' local time: a three-zone US campaign across the
// US DST change (golden), the pack's config deciding what is refused, the row cap on a large campaign.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DateTime } from "luxon";
import { type Schedule, WEEKDAYS } from "../../campaign/model";
import { loadCampaigns } from "../../program/campaigns";
import { calloutTaskKind } from "../../provider/callout-task/campaign";
import { ganttLines } from "../../review/mermaid";
import { pictureOf, ROW_CAP, windowRules } from "../../review/picture";
import { digestPreview, matchGolden, PICTURE_SCENARIOS, PICTURES, POLICY_CONFIG, review } from "./golden";

const campaign = (name: string) => {
    const [c] = loadCampaigns(path.join(PICTURES, name, "campaigns"), { now: 0, warn: () => {} });
    return calloutTaskKind.read(c.inputs as Record<string, unknown>).campaign;
};
const exampleRules = () => windowRules(JSON.parse(fs.readFileSync(POLICY_CONFIG, "utf8")));

describe("ccc-review: the chart of call windows", () => {
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-picture-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    for (const name of PICTURE_SCENARIOS) {
        it(`${name}: the review's golden file`, () => {
            const dir = path.join(tmp, name);
            fs.cpSync(path.join(PICTURES, name), dir, { recursive: true });
            fs.writeFileSync(path.join(dir, "preview-digest.json"), digestPreview(dir));
            fs.writeFileSync(path.join(dir, "state.json"), JSON.stringify({ version: 3, deployment: { resources: [] } }));
            const r = review(dir, [], "preview-digest.json");
            assert.equal(r.stderr, "");
            matchGolden(`${name}.md`, r.stdout);
        });
    }
});

describe("ccc-review: the chart's data (picture.ts)", () => {
    const EVERY_DAY = { days: [...WEEKDAYS], label: "every day" };
    const schedule = (start: string, end: string, timeZone: string, windows: { start: string; end: string }[]): Partial<Schedule> => ({
        start: DateTime.fromISO(start).toSeconds(),
        end: DateTime.fromISO(end).toSeconds(),
        timeZone,
        timeZoneSource: "task",
        windows: windows.map((w) => ({ ...w, ...EVERY_DAY })),
    });

    it("a window across the callee's midnight is two bars on two local days, both refused", () => {
        const p = pictureOf(schedule("2027-01-04T00:00:00Z", "2027-01-05T23:00:00Z", "Europe/London", [{ start: "15:00:00", end: "17:30:00" }]), ["+8613012345601"], exampleRules())!;
        assert.deepEqual(p.groups.map((g) => [g.zones, g.days]), [
            [
                ["Asia/Shanghai"],
                [
                    { date: "2027-01-04", weekday: "Mon", offset: "UTC+8", bars: [{ from: "23:00", to: "24:00", refused: "outside 08:00–21:00" }] },
                    { date: "2027-01-05", weekday: "Tue", offset: "UTC+8", bars: [{ from: "00:00", to: "01:30", refused: "outside 08:00–21:00" }, { from: "23:00", to: "24:00", refused: "outside 08:00–21:00" }] },
                    { date: "2027-01-06", weekday: "Wed", offset: "UTC+8", bars: [{ from: "00:00", to: "01:30", refused: "outside 08:00–21:00" }] },
                ],
            ],
        ]);
        assert.match(ganttLines(p, "late").join("\n"), /Tue 2027-01-05 UTC\+8 :crit, 2000-01-01 23:00, 2000-01-02 00:00/);
    });

    it("with ccc-allowed-hours disabled, no allowed row and no refusal by hours; a Sunday is still refused by ccc-allowed-days", () => {
        const rules = windowRules({ "ccc-allowed-hours": { enforcementLevel: "disabled" } });
        const p = pictureOf(schedule("2027-01-09T00:00:00+08:00", "2027-01-10T23:00:00+08:00", "Asia/Shanghai", [{ start: "21:30:00", end: "23:00:00" }]), ["+8613012345601"], rules)!;
        assert.deepEqual(p.groups[0].allowed, []);
        assert.deepEqual(p.groups[0].days.map((d) => [d.weekday, d.bars]), [
            ["Sat", [{ from: "21:30", to: "23:00" }]],
            ["Sun", [{ from: "21:30", to: "23:00", refused: "Sunday not allowed" }]],
        ]);
    });

    it("a campaign over every US zone: zones that read the same share a row group, the rows are capped and the cap is stated", () => {
        // Not a valid number: every zone of the country (as the policies assume).
        const p = pictureOf(schedule("2027-03-10T00:00:00Z", "2027-03-30T00:00:00Z", "Europe/London", [{ start: "15:00:00", end: "18:00:00" }]), ["+1201555"], exampleRules())!;
        const rows = p.groups.reduce((n, g) => n + g.allowed.length + g.days.reduce((m, d) => m + d.bars.length, 0), 0);
        assert.ok(rows <= ROW_CAP, `${rows} rows`);
        assert.ok(p.groups.some((g) => g.zones.length > 1), "no zones grouped");
        // One callee that can ring in every zone: each row group holds it once.
        assert.deepEqual([...new Set(p.groups.map((g) => g.callees))], [1]);
        assert.ok(p.omitted && p.omitted.groups > 0, JSON.stringify(p.omitted));
        const text = ganttLines(p, "us").join("\n");
        assert.match(text, new RegExp(`rows capped at ${ROW_CAP}: ${p.omitted.groups} more zone groups? \\(${p.omitted.callees} callees?\\) not drawn\\.`));
    });

    it("a zone whose every day differs, taller than the cap alone, keeps its first days and counts the rest", () => {
        // Two windows a weekday, other hours each weekday: no day looks like the one before it.
        const windows = WEEKDAYS.flatMap((day, i) => [
            { start: `0${i + 2}:00:00`, end: `0${i + 2}:30:00`, days: [day], label: day },
            { start: `1${i}:00:00`, end: `1${i}:30:00`, days: [day], label: day },
        ]);
        const s = { start: DateTime.fromISO("2027-01-04T00:00:00+08:00").toSeconds(), end: DateTime.fromISO("2027-02-01T00:00:00+08:00").toSeconds(), timeZone: "Asia/Shanghai", timeZoneSource: "task" as const, windows };
        const p = pictureOf(s, ["+8613012345601"], exampleRules())!;
        // One allowed row and 19 days of two bars: 39 rows; a 20th day would make 41.
        assert.equal(p.groups[0].days.length, 19);
        assert.deepEqual(p.omitted, { groups: 0, callees: 0, days: 28 - 19, rowCap: ROW_CAP });
        assert.match(ganttLines(p, "many").join("\n"), /rows capped at 40: 9 later days of Asia\/Shanghai not drawn/);
    });

    it("the us-dst campaign: New York's window is cut on the first day and refused after the DST change", () => {
        const c = campaign("us-dst");
        const p = pictureOf(c.schedule, c.callees!, exampleRules())!;
        const ny = p.groups.find((g) => g.zones.includes("America/New_York"))!;
        assert.deepEqual(ny.days.map((d) => `${d.weekday} ${d.offset} ${d.bars.map((b) => `${b.from}-${b.to}${b.refused ? " refused" : ""}`).join(",")}`), [
            "Thu UTC-5 11:00-13:00",
            "Fri UTC-5 10:00-13:00",
            "Mon UTC-4 11:00-14:00 refused",
        ]);
        assert.equal(ny.sameDays, 1);
    });
});
