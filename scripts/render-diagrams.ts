// Renders Markdown reviews, Mermaid diagrams included, the way a pull-request page shows them: marked
// turns the Markdown into HTML, the mermaid package draws each ```mermaid block in headless Chromium
// (Debian's, installed by scripts/ensure-chromium.sh), one browser for every page. A diagram Mermaid
// cannot parse is an error; each page is kept as HTML and a PNG screenshot in the output folder.
//
//   npx ts-node scripts/render-diagrams.ts OUT_DIR FILE.md…   (exit 1 when a diagram fails)
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { marked } from "marked";
import puppeteer from "puppeteer-core";
import { REPO } from "./pulumi-cli";

export interface RenderedPage {
    name: string;
    /** ```mermaid blocks in the Markdown, and SVG diagrams drawn from them. */
    diagrams: number;
    drawn: number;
    /** Mermaid's parse or render errors, one per failed diagram. */
    errors: string[];
    screenshot: string;
}

const MERMAID = path.join(REPO, "node_modules", "mermaid", "dist", "mermaid.min.js");

/** The Chromium binary: $CHROMIUM, else the one ensure-chromium.sh finds or installs. */
export function chromium(): string {
    if (process.env.CHROMIUM) return process.env.CHROMIUM;
    const out = execFileSync("bash", [path.join(REPO, "scripts", "ensure-chromium.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    return out.trim().split("\n").pop() ?? "chromium";
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A page as GitHub lays out a comment: the Markdown's HTML, with ```mermaid blocks left for mermaid to draw. */
export function pageHtml(markdown: string): string {
    const renderer = new marked.Renderer();
    const code = renderer.code.bind(renderer);
    renderer.code = (token) => (token.lang === "mermaid" ? `<pre class="mermaid">${escape(token.text)}</pre>\n` : code(token));
    const body = marked.parse(markdown, { renderer, async: false });
    return `<!doctype html>
<html><head><meta charset="utf-8"><style>body{font-family:sans-serif;max-width:1000px;margin:16px;font-size:14px} table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:2px 8px}</style>
<script src="${pathToFileUrl(MERMAID)}"></script></head>
<body>${body}
<script>
(async () => {
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
  const errors = [];
  let drawn = 0;
  const diagrams = document.querySelectorAll("pre.mermaid");
  for (const el of diagrams) {
    try {
      await mermaid.parse(el.textContent);
      await mermaid.run({ nodes: [el], suppressErrors: false });
      if (el.querySelector("svg")) drawn++;
    } catch (e) {
      errors.push(String(e && e.message ? e.message : e).split("\\n")[0]);
    }
  }
  window.rendered = { diagrams: diagrams.length, drawn, errors };
})();
</script></body></html>
`;
}

const pathToFileUrl = (p: string) => `file://${p.split(path.sep).map(encodeURIComponent).join("/")}`;

/** Renders each page in one browser; writes `<name>.html` and `<name>.png` into `outDir`. */
export async function renderPages(pages: { name: string; markdown: string }[], outDir: string): Promise<RenderedPage[]> {
    fs.mkdirSync(outDir, { recursive: true });
    const browser = await puppeteer.launch({ executablePath: chromium(), headless: true, args: ["--no-sandbox", "--allow-file-access-from-files"] });
    try {
        const out: RenderedPage[] = [];
        for (const { name, markdown } of pages) {
            const html = path.resolve(outDir, `${name}.html`);
            fs.writeFileSync(html, pageHtml(markdown));
            const page = await browser.newPage();
            await page.setViewport({ width: 1040, height: 600 });
            await page.goto(pathToFileUrl(html), { waitUntil: "load" });
            await page.waitForFunction("window.rendered !== undefined", { timeout: 20_000 });
            const result = (await page.evaluate("window.rendered")) as Omit<RenderedPage, "name" | "screenshot">;
            const screenshot = path.resolve(outDir, `${name}.png`);
            await page.screenshot({ path: screenshot, fullPage: true });
            await page.close();
            out.push({ name, ...result, screenshot });
        }
        return out;
    } finally {
        await browser.close();
    }
}

if (require.main === module) {
    const [outDir, ...files] = process.argv.slice(2);
    if (!outDir || !files.length) {
        console.error("Usage: ts-node scripts/render-diagrams.ts OUT_DIR FILE.md…");
        process.exit(2);
    }
    renderPages(files.map((f) => ({ name: path.basename(f, ".md"), markdown: fs.readFileSync(f, "utf8") })), outDir).then(
        (pages) => {
            for (const p of pages) console.log(`${p.name}: ${p.drawn} of ${p.diagrams} diagrams drawn${p.errors.length ? `; ${p.errors.join("; ")}` : ""} (${path.relative(process.cwd(), p.screenshot)})`);
            process.exit(pages.some((p) => p.errors.length || p.drawn !== p.diagrams) ? 1 : 0);
        },
        (e) => {
            console.error(`render-diagrams: ${(e as Error).message}`);
            process.exit(1);
        },
    );
}
