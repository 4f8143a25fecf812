// Screenshots of a built site, to look at the design by eye:
//   node tests/browser/screenshots.mjs SITE_DIR OUT_DIR [path ...]
// SITE_DIR is a site built with a base URL whose path is /kent-inspections/
// Each path (default: a few typical pages) is taken at 320 px and 1280 px wide.
import { createServer } from "node:http";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { chromium } from "playwright-core";

const [siteDir, outDir, ...paths] = process.argv.slice(2);
if (!siteDir || !outDir) {
  console.error("usage: node screenshots.mjs SITE_DIR OUT_DIR [path ...]");
  process.exit(2);
}
const root = resolve(siteDir);
const SUB = "/kent-inspections/";
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".json": "application/json" };
const server = createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = join(root, p.slice(SUB.length));
  try {
    if (statSync(file).isDirectory()) file = join(file, "index.html");
    const body = readFileSync(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": TYPES[".html"] });
    res.end(readFileSync(join(root, "404.html")));
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const port = server.address().port;
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const list = paths.length
  ? paths
  : ["", "inspections/2025-11-ilacs/", "inspections/2025-11-ilacs/children/", "inspections/2025-11-ilacs/children/ar/", "find/"];
for (const path of list) {
  for (const [width, height] of [[320, 800], [1280, 900]]) {
    const media = process.env.MEDIA || "screen";
    const ctx = await browser.newContext({ viewport: { width, height } });
    const page = await ctx.newPage();
    await page.emulateMedia({ media });
    await page.goto(`http://127.0.0.1:${port}${SUB}${path}`, { waitUntil: "networkidle" });
    const name = (path.replace(/\/$/, "").replace(/\//g, "_") || "home") + `-${width}${media === "print" ? "-print" : ""}.png`;
    await page.screenshot({ path: join(outDir, name), fullPage: process.env.FULL !== "0" });
    console.log(join(outDir, name));
    await ctx.close();
  }
}
await browser.close();
server.close();
