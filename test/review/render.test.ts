// The review's Markdown, charts included, rendered in headless Chromium (Debian's) with the mermaid
// package, as a pull-request page draws it: every golden review's diagrams must draw, and a broken one
// must fail. Screenshots go to .state/review-screenshots/ (ignored; CI keeps them as artefacts).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { chromium, type RenderedPage, renderPages } from "../../scripts/render-diagrams";
import { REPO } from "../../scripts/pulumi-cli";
import { GOLDEN, PICTURE_SCENARIOS, SCENARIOS } from "./golden";


export const SCREENSHOTS = path.join(REPO, ".state", "review-screenshots");
const BROKEN = "broken-diagram";

describe("ccc-review: the golden reviews render in headless Chromium", function () {
    this.timeout(120_000);
    const names = [...SCENARIOS.map((s) => s.name), ...PICTURE_SCENARIOS];
    const markdown = (name: string) => fs.readFileSync(path.join(GOLDEN, `${name}.md`), "utf8");
    let pages: Map<string, RenderedPage>;

    before(async function () {
        this.timeout(900_000); // a machine without Chromium installs it from Debian's packages first
        chromium();
        // One browser for every page; the broken diagrams prove that Mermaid's errors are caught.
        const broken = markdown("us-dst").replace("gantt\n", "gant\n").replace("2000-01-01 12:00", "2000-13-45 12:00").replace("```mermaid", "```mermaid\ngantt\n    dateFormat YYYY-MM-DD HH:mm\n    section s\n    a :crit, 2000-13-45 10:00, 2000-01-01 12:00\n```\n\n```mermaid");
        const rendered = await renderPages([...names.map((name) => ({ name, markdown: markdown(name) })), { name: BROKEN, markdown: broken }], SCREENSHOTS);
        pages = new Map(rendered.map((p) => [p.name, p]));
    });

    for (const name of names) {
        it(`${name}: every diagram draws, with no Mermaid error`, () => {
            const p = pages.get(name)!;
            const blocks = (markdown(name).match(/^```mermaid$/gm) ?? []).length;
            assert.deepEqual(p.errors, []);
            assert.equal(p.diagrams, blocks);
            assert.equal(p.drawn, blocks);
            assert.ok(fs.statSync(p.screenshot).size > 0, p.screenshot);
        });
    }

    it("a diagram Mermaid cannot read (an unknown type, a bad date) is an error, not a chart", () => {
        const p = pages.get(BROKEN)!;
        assert.equal(p.diagrams, 2);
        assert.equal(p.drawn, 0);
        assert.deepEqual(p.errors, ["Invalid date:2000-13-45 10:00", "No diagram type detected matching given configuration for text: gant"]);
    });
});
