// Clarion's browser tests: builds the Kent example site, serves it on
// 127.0.0.1 under a sub-path, and checks every page in Debian's Chromium
// with axe-core, at 320 px and at desktop width, with the keyboard, in print,
// and (on child pages) the glossary explanations, read-aloud and right-to-left text.
//
//   node tests/browser/run.mjs            build the site with cargo and test it
//   node tests/browser/run.mjs --site DIR test a site already built into DIR
//                                         (built with the base URL it prints)
//   CHROMIUM=/path/to/chrome              another browser binary
//
// Prints every failure with what to fix, then "N passed, N failed", and exits
// non-zero when anything failed.

import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { checkLayoutShift } from "./layout-shift.mjs";
import { checkPrintAndContrast } from "./print.mjs";
import { checkChartPrint } from "./print-chart.mjs";
import { checkChildLayout } from "./child-layout.mjs";
import { checkGlossary } from "./glossary.mjs";
import { checkReadAloud } from "./read-aloud.mjs";
import { AR, EN, checkLanguages, stubSpeech } from "./i18n.mjs";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const SUB = "/kent-inspections/";
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const started = Date.now();

// ---------------------------------------------------------------- results

let passed = 0;
let failed = 0;
const failures = [];

function record(name, problems) {
  if (problems.length === 0) {
    passed++;
    return;
  }
  failed++;
  failures.push({ name, problems });
  console.log(`FAIL ${name}`);
  for (const p of problems) {
    console.log(`  - ${p.replace(/\n/g, "\n    ")}`);
  }
}

async function check(name, fn) {
  try {
    const problems = [];
    await fn(problems);
    record(name, problems);
  } catch (e) {
    record(name, [`the check itself failed: ${e && e.stack ? e.stack : e}`]);
  }
}

// ---------------------------------------------------------------- server

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".pdf": "application/pdf",
  ".woff2": "font/woff2",
  ".ico": "image/x-icon",
};

function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

// Serves `root` at SUB, the way GitHub Pages serves a project site.
function serve(root) {
  const server = createServer((req, res) => {
    const send = (status, file, headers = {}) => {
      const body = file ? readFileSync(file) : Buffer.from("");
      res.writeHead(status, {
        "content-type": file ? TYPES[extname(file)] || "application/octet-stream" : "text/plain",
        "content-length": body.length,
        "cache-control": "no-store",
        ...headers,
      });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const notFound = () => send(404, join(root, "404.html"));
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return notFound();
    }
    if (path === SUB.slice(0, -1)) {
      return send(301, null, { location: SUB });
    }
    if (!path.startsWith(SUB) || path.includes("\0")) {
      return notFound();
    }
    const file = normalize(join(root, path.slice(SUB.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      return notFound();
    }
    if (isFile(file)) {
      return send(200, file);
    }
    if (isFile(join(file, "index.html"))) {
      if (!path.endsWith("/")) {
        return send(301, null, { location: path + "/" });
      }
      return send(200, join(file, "index.html"));
    }
    return notFound();
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

// ---------------------------------------------------------------- helpers

const ARGS = {
  executablePath: CHROMIUM,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

// Records console errors, script errors, failed requests and error responses
// of one page. Requests are watched while `state.loading` (a later reload or
// navigation may cut off a favicon load, which is not the page's fault).
function watch(page, origin, allow404) {
  const state = { loading: true, load: [], scripts: [] };
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const text = m.text();
    // Chromium logs the 404 page's own status as a console error.
    if (allow404 && /status of 404/.test(text) && (m.location().url || "") === allow404) return;
    if (/Failed to load resource/.test(text) && !state.loading) return;
    state.scripts.push(`console error: ${text} (${m.location().url || "?"})`);
  });
  page.on("pageerror", (e) => state.scripts.push(`script error: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (state.loading) state.load.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url() !== allow404) {
      state.load.push(`HTTP ${r.status()} for ${r.url()}`);
    }
  });
  page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:")) return route.continue();
    state.load.push(`request to another site: ${url}`);
    return route.abort();
  });
  return state;
}

// Best-practice rules that only warn: their cause is usually in an editor's
// Markdown (an empty top-left cell of a table), to be fixed in content/.
const WARN_ONLY = new Set(["empty-table-header"]);
const warnings = [];

async function axe(page, label, problems, tags = AXE_TAGS) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.addScriptTag({ content: axeSource });
  }
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
    }));
  }, tags);
  for (const v of result) {
    const nodes = v.nodes
      .slice(0, 8)
      .map((n) => `${n.target}\n  ${(n.summary || "").split("\n").slice(0, 3).join(" ")}`)
      .join("\n");
    const more = v.nodes.length > 8 ? `\n(and ${v.nodes.length - 8} more)` : "";
    const line = `axe ${label}: ${v.id} (${v.impact}): ${v.help}\n${nodes}${more}`;
    if (tags !== AXE_TAGS && WARN_ONLY.has(v.id)) {
      warnings.push(`${short(page.url())}: ${line}`);
      console.log(`WARN ${short(page.url())}: ${line.replace(/\n/g, "\n    ")}`);
    } else {
      problems.push(line);
    }
  }
}

function short(url) {
  return url.replace(/^https?:\/\/[^/]+/, "");
}

function isChildPage(url) {
  return /\/inspections\/[^/]+\/children\/([^/]+\/)?$/.test(url);
}

const NO_SPEECH = () => {
  delete window.speechSynthesis;
  delete window.SpeechSynthesisUtterance;
  for (const o of [Window.prototype, Object.getPrototypeOf(window)]) {
    delete o.speechSynthesis;
    delete o.SpeechSynthesisUtterance;
  }
};

// WCAG 1.4.12 text spacing, as the bookmarklets apply it.
const TEXT_SPACING =
  "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }" +
  " p { margin-block-end: 2em !important; }";

// ---------------------------------------------------------------- checks

async function checkPage(browser, origin, url, is404) {
  const name = short(url);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const watcher = watch(page, origin, is404 ? url : null);
  const links = [];

  await check(`${name}: loads${is404 ? " with status 404" : ""}, no console errors or failed requests`, async (p) => {
    const res = await page.goto(url, { waitUntil: "load" });
    const want = is404 ? 404 : 200;
    if (!res || res.status() !== want) p.push(`status ${res && res.status()}, expected ${want}`);
    await page.waitForLoadState("networkidle").catch(() => {});
    watcher.loading = false;
    p.push(...watcher.load, ...watcher.scripts.splice(0));
    for (const href of await page.$$eval("a[href]", (as) => as.map((a) => a.href))) links.push(href);
  });

  await check(`${name}: zero axe-core violations (${AXE_TAGS.join(", ")}) at 1280 px`, (p) => axe(page, "1280px", p));

  await check(`${name}: axe-core best practices (landmarks, headings, regions)`, (p) => axe(page, "best-practice", p, ["best-practice"]));

  await check(`${name}: grade icons and chart marks have 3:1 contrast, chart text 4.5:1`, async (p) => {
    const bad = await page.evaluate(() => {
      const rgb = (c) => {
        const m = c.match(/rgba?\(([^)]+)\)/);
        if (!m) return null;
        const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
        return { r, g, b, a };
      };
      const lum = ({ r, g, b }) => {
        const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const ratio = (a, b) => {
        const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
        return (x + 0.05) / (y + 0.05);
      };
      const background = (el) => {
        for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c && c.a > 0.99) return c;
        }
        return rgb(getComputedStyle(document.body).backgroundColor) || { r: 255, g: 255, b: 255 };
      };
      const paint = (el) => {
        const s = getComputedStyle(el);
        for (const v of [s.fill, s.stroke]) {
          const c = rgb(v);
          if (c && c.a > 0) return c;
        }
        return null;
      };
      const out = [];
      const marks = [...document.querySelectorAll("svg.grade-icon, svg [class*='grade-tone-']")];
      for (const m of marks) {
        if (!m.getClientRects().length) continue;
        const shapes = m.matches("svg") || m.matches("g") ? [...m.querySelectorAll("path, circle, rect, polygon, line, use")] : [m];
        const bg = background(m.closest("svg").parentElement);
        const svgBg = rgb(getComputedStyle(m.closest("svg")).backgroundColor);
        const behind = svgBg && svgBg.a > 0.99 ? svgBg : bg;
        for (const sh of shapes) {
          const c = paint(sh);
          if (!c || (c.r === 255 && c.g === 255 && c.b === 255)) continue; // white detail on a filled shape
          const r = ratio(c, behind);
          if (r < 3) out.push(`${m.getAttribute("class")} (${getComputedStyle(sh).fill}/${getComputedStyle(sh).stroke}) is ${r.toFixed(2)}:1 on its background`);
        }
      }
      for (const t of document.querySelectorAll("svg text")) {
        if (!t.getClientRects().length) continue;
        const c = paint(t);
        const svg = t.closest("svg");
        const svgBg = rgb(getComputedStyle(svg).backgroundColor);
        const behind = svgBg && svgBg.a > 0.99 ? svgBg : background(svg.parentElement);
        const r = c ? ratio(c, behind) : 21;
        if (r < 4.5) out.push(`chart text "${t.textContent.trim()}" is ${r.toFixed(2)}:1`);
      }
      return [...new Set(out)];
    });
    p.push(...bad);
  });

  await check(`${name}: the document is well formed for assistive technology`, async (p) => {
    const facts = await page.evaluate(() => {
      const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
      const headings = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].filter(visible);
      let skips = [];
      let last = 0;
      for (const h of headings) {
        const level = Number(h.tagName[1]);
        if (last && level > last + 1) skips.push(`${h.tagName} "${h.textContent.trim()}" after H${last}`);
        last = level;
      }
      const outside = [...document.body.querySelectorAll("body > *")]
        .filter((el) => visible(el) && !el.matches("header, main, footer, nav, aside, .skip-link, script"))
        .map((el) => el.outerHTML.slice(0, 80));
      return {
        h1: document.querySelectorAll("h1").length,
        firstHeading: headings[0] ? headings[0].tagName : null,
        skips,
        mains: document.querySelectorAll("main").length,
        outside,
        lang: document.documentElement.lang,
        title: document.title,
      };
    });
    if (facts.h1 !== 1) p.push(`${facts.h1} h1 elements, expected one`);
    if (facts.firstHeading !== "H1") p.push(`the first heading is ${facts.firstHeading}, expected H1`);
    for (const s of facts.skips) p.push(`heading level skipped: ${s}`);
    if (facts.mains !== 1) p.push(`${facts.mains} main elements, expected one`);
    for (const o of facts.outside) p.push(`content outside every landmark: ${o}`);
    if (!facts.lang) p.push("<html> has no lang");
    if (!facts.title.trim()) p.push("the page has no title");
  });

  await check(`${name}: dyslexia-friendly text (19px+, line height 1.5+, left-aligned, no italics or capitals, off-white)`, async (p) => {
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 800 });
      const bad = await page.evaluate(() => {
        const out = [];
        const body = getComputedStyle(document.body);
        const size = parseFloat(body.fontSize);
        if (size < 19) out.push(`body text is ${size}px`);
        const lh = parseFloat(body.lineHeight) / size;
        if (!(lh >= 1.5)) out.push(`body line height is ${body.lineHeight}`);
        const bg = body.backgroundColor;
        if (bg === "rgb(255, 255, 255)" || bg === "rgba(0, 0, 0, 0)") out.push(`the page background is ${bg}, not off-white`);
        for (const el of document.querySelectorAll("main p, main li, main dd, main td, main th, main h1, main h2, main h3")) {
          if (!el.getClientRects().length) continue;
          const s = getComputedStyle(el);
          if (s.textAlign === "justify" || s.textAlign === "center") out.push(`${el.tagName.toLowerCase()} is ${s.textAlign}-aligned: "${el.textContent.trim().slice(0, 40)}"`);
          if (el.matches(".prose p, .lead, .child-summary li") && parseFloat(s.fontSize) < 19) out.push(`text of ${s.fontSize}: "${el.textContent.trim().slice(0, 40)}"`);
          if (el.matches("main p, main li") && parseFloat(s.lineHeight) / parseFloat(s.fontSize) < 1.5) out.push(`line height ${s.lineHeight} for ${s.fontSize} text: "${el.textContent.trim().slice(0, 40)}"`);
        }
        for (const el of document.querySelectorAll("body *")) {
          if (!el.getClientRects().length || !el.textContent.trim()) continue;
          const s = getComputedStyle(el);
          if (s.fontStyle === "italic" || s.fontStyle === "oblique") out.push(`italic text: <${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 40)}"`);
          if (s.textTransform === "uppercase") out.push(`capitals for emphasis: <${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 40)}"`);
        }
        return [...new Set(out)];
      });
      p.push(...bad.map((b) => `at ${width}px: ${b}`));
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await check(`${name}: keyboard: the first Tab reaches the skip link, Enter moves focus to <main>`, async (p) => {
    await page.reload({ waitUntil: "load" });
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => {
      const a = document.activeElement;
      const r = a.getBoundingClientRect();
      return {
        isSkip: a.matches("a.skip-link"),
        html: a.outerHTML.slice(0, 100),
        href: a.getAttribute("href"),
        onScreen: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight,
      };
    });
    if (!first.isSkip) {
      p.push(`the first Tab focuses ${first.html}, not the skip link`);
      return;
    }
    if (!first.onScreen) p.push("the skip link is not visible when it has focus");
    await page.keyboard.press("Enter");
    const after = await page.evaluate(() => {
      const a = document.activeElement;
      const main = document.querySelector("main");
      return { inMain: !!main && (a === main || main.contains(a)), html: a.outerHTML.slice(0, 100) };
    });
    if (!after.inMain) p.push(`after Enter on the skip link, focus is on ${after.html}, not in <main>`);
    // The next Tab then lands inside main, not back at the top.
    await page.keyboard.press("Tab");
    const next = await page.evaluate(() => {
      const a = document.activeElement;
      const main = document.querySelector("main");
      return { ok: a === document.body || (!!main && main.contains(a)) || !!a.closest("footer"), html: a.outerHTML.slice(0, 100) };
    });
    if (!next.ok) p.push(`the Tab after the skip link goes to ${next.html}, outside <main>`);
  });

  await check(`${name}: visible focus on every link and button`, async (p) => {
    const bad = await page.evaluate(() => {
      const out = [];
      const els = [...document.querySelectorAll("a[href], button, summary, input, select, [tabindex]:not([tabindex='-1'])")].filter(
        (el) => el.getClientRects().length > 0,
      );
      for (const el of els.slice(0, 60)) {
        const before = getComputedStyle(el);
        const b = { o: before.outlineStyle + before.outlineWidth, bg: before.backgroundColor, sh: before.boxShadow };
        el.focus({ focusVisible: true });
        if (document.activeElement !== el) continue;
        const s = getComputedStyle(el);
        const shown =
          (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) ||
          s.boxShadow !== b.sh ||
          s.backgroundColor !== b.bg;
        if (!shown) out.push(el.outerHTML.slice(0, 90));
        el.blur();
      }
      return out;
    });
    for (const b of bad) p.push(`no visible focus indicator on ${b}`);
  });

  await check(`${name}: print hides navigation and buttons`, async (p) => {
    await page.emulateMedia({ media: "print" });
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll("nav, button, .read-aloud, .skip-link")]
        .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).display !== "none")
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    for (const s of shown) p.push(`shown in print: ${s}`);
    await page.emulateMedia({ media: "screen" });
  });

  await check(`${name}: no horizontal scrolling at 320 px (also with WCAG text spacing)`, async (p) => {
    await page.setViewportSize({ width: 320, height: 800 });
    const measure = () =>
      page.evaluate(() => {
        const w = document.documentElement.scrollWidth;
        const wide = [...document.querySelectorAll("main *, header *, footer *")]
          .filter((el) => el.getBoundingClientRect().right > 321 && !el.closest(".table-wrap, .visually-hidden, .skip-link"))
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
        return { w, wide };
      });
    const plain = await measure();
    if (plain.w > 320) p.push(`scroll width ${plain.w}px at 320px; too wide: ${plain.wide.join(", ")}`);
    await check(`${name}: zero axe-core violations at 320 px`, (q) => axe(page, "320px", q));
    await page.addStyleTag({ content: TEXT_SPACING });
    const spaced = await measure();
    if (spaced.w > 320) p.push(`with text spacing, scroll width ${spaced.w}px at 320px; too wide: ${spaced.wide.join(", ")}`);
  });

  await check(`${name}: no script errors while testing`, (p) => p.push(...watcher.scripts));
  await context.close();
  return links;
}

async function checkChildPage(browser, origin, url) {
  const name = short(url);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // A voice for each language the Kent pages use: read-aloud shows only
  // with one for the page's (i18n.mjs tests the cases without).
  await stubSpeech(context, [EN, AR]);
  const page = await context.newPage();
  const watcher = watch(page, origin, null);
  await page.goto(url, { waitUntil: "load" });
  await page.waitForLoadState("networkidle").catch(() => {});
  watcher.loading = false;

  // The glossary's explanations in place: tests/browser/glossary.mjs.
  if (!url.endsWith("/children/ar/")) await checkGlossary({ browser, url, name, check, axe });

  await check(`${name}: "Read this page to me" speaks the page in its language; Pause and Stop work`, async (p) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const play = page.locator('[data-read-aloud] [data-action="play"]');
    if (!(await play.isVisible())) {
      p.push("the read-aloud button is not shown although speech synthesis is available");
      return;
    }
    const label = (await play.textContent()).trim();
    const pageLang = await page.evaluate(() => document.documentElement.lang);
    if (pageLang.startsWith("en") && !/Read this page to me/.test(label)) p.push(`the button says "${label}"`);
    await play.click();
    let calls = await page.evaluate(() => window.__speechCalls);
    const speak = calls.filter((c) => c.call === "speak");
    const lang = await page.evaluate(() => document.documentElement.lang);
    const facts = await page.evaluate(() => ({
      h2: document.querySelector("#results-heading")?.textContent.trim() || "",
      lead: document.querySelector(".lead")?.textContent.replace(/\s+/g, " ").trim() || "",
      summary: document.querySelector(".child-summary")?.textContent.replace(/\s+/g, " ").trim() || "",
    }));
    // One utterance per part, each in its part's language (i18n.mjs checks which).
    if (speak.length === 0) {
      p.push("speak() was never called");
    } else {
      const said = speak.map((c) => c.text).join(" ");
      if (!speak.some((c) => c.lang === lang)) p.push(`no utterance is in the page's language "${lang}"`);
      for (const part of [facts.lead, facts.summary.slice(0, 80)]) {
        if (part && !said.includes(part)) p.push(`the spoken text leaves out "${part.slice(0, 60)}"`);
      }
      if (/Read this page to me|Skip to main content/.test(said)) p.push("the spoken text includes the buttons or the skip link");
    }
    const pause = page.locator('[data-read-aloud] [data-action="pause"]');
    const stop = page.locator('[data-read-aloud] [data-action="stop"]');
    if (!(await pause.isVisible()) || !(await stop.isVisible())) p.push("Pause and Stop are not shown while it speaks");
    await axe(page, "while reading aloud", p);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-action"));
    if (focused !== "pause") p.push(`after Play, focus is on ${focused}, not on Pause`);
    await pause.click();
    await pause.click();
    await stop.click();
    calls = await page.evaluate(() => window.__speechCalls.map((c) => c.call));
    const tail = calls.slice(calls.lastIndexOf("speak") + 1);
    if (!tail.includes("pause")) p.push("Pause did not call speechSynthesis.pause()");
    if (!tail.includes("resume")) p.push("Pause a second time did not call speechSynthesis.resume()");
    if (tail[tail.length - 1] !== "cancel") p.push(`Stop did not call speechSynthesis.cancel() (calls: ${calls.join(", ")})`);
    if (!(await play.isVisible())) p.push("after Stop the play button is not shown again");
    if (await stop.isVisible()) p.push("after Stop the Stop button is still shown");
  });

  await check(`${name}: print hides the read-aloud buttons and navigation`, async (p) => {
    await page.emulateMedia({ media: "print" });
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll("[data-read-aloud], [data-read-aloud] button, nav")]
        .filter((el) => getComputedStyle(el).display !== "none" && el.getClientRects().length > 0)
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    for (const s of shown) p.push(`shown in print: ${s}`);
    await page.emulateMedia({ media: "screen" });
  });

  if (url.endsWith("/children/ar/")) {
    await check(`${name}: Arabic page is right-to-left, says in Arabic it is not reviewed, isolates English names`, async (p) => {
      const f = await page.evaluate(() => {
        const html = document.documentElement;
        const notice = document.querySelector(".notice");
        const names = [...document.querySelectorAll(".card h3, .card .official")];
        const english = names.map((el) => {
          const bdi = el.querySelector("bdi");
          const owner = (bdi || el).closest("[lang]");
          return { text: el.textContent.trim(), bdi: !!bdi, lang: owner ? owner.getAttribute("lang") : null };
        });
        const summary = document.querySelector(".child-summary");
        // English words (two or more in a row) must be marked as English.
        const untagged = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || el.closest("script, style, [hidden]") || !/[A-Za-z]+[\s,.']+[A-Za-z]+/.test(n.textContent)) continue;
          const owner = el.closest("[lang]");
          if (!owner || !owner.getAttribute("lang").startsWith("en")) untagged.push(n.textContent.trim().slice(0, 60));
        }
        return {
          untagged,
          lang: html.getAttribute("lang"),
          dir: html.getAttribute("dir"),
          notice: notice ? notice.textContent.replace(/\s+/g, " ").trim() : null,
          english,
          summaryDirection: summary ? getComputedStyle(summary).direction : null,
          summaryAlign: summary ? getComputedStyle(summary.querySelector("p") || summary).textAlign : null,
        };
      });
      for (const t of f.untagged) p.push(`English text not marked lang="en": "${t}"`);
      if (f.lang !== "ar") p.push(`<html lang="${f.lang}">, expected "ar"`);
      if (f.dir !== "rtl") p.push(`<html dir="${f.dir}">, expected "rtl"`);
      if (!f.notice) p.push("no notice that the translation has not been checked");
      // In the page's own language now that the theme's words are (strings files).
      else if (!/مترجم مؤهل/.test(f.notice)) p.push(`the notice does not say, in Arabic, that it is not checked: "${f.notice}"`);
      if (f.english.length === 0) p.push("no grade cards with judgement names found");
      for (const e of f.english) {
        if (!e.bdi) p.push(`judgement name not inside <bdi>: "${e.text}"`);
        const latin = /[A-Za-z]{2,}/.test(e.text) && !/[\u0600-\u06FF]/.test(e.text);
        if (latin && (!e.lang || !e.lang.startsWith("en"))) p.push(`English judgement name not marked lang="en": "${e.text}" (lang ${e.lang})`);
      }
      if (f.summaryDirection !== "rtl") p.push(`the Arabic summary's direction is ${f.summaryDirection}`);
      if (f.summaryAlign && !["start", "right"].includes(f.summaryAlign)) p.push(`the Arabic summary is aligned ${f.summaryAlign}`);
    });
  }

  await check(`${name}: no console errors or failed requests with read-aloud in use`, async (p) => {
    p.push(...watcher.load, ...watcher.scripts);
  });
  await context.close();

  await check(`${name}: without speech synthesis the read-aloud button stays hidden`, async (p) => {
    const ctx = await browser.newContext();
    await ctx.addInitScript(NO_SPEECH);
    const pg = await ctx.newPage();
    const watcher2 = watch(pg, origin, null);
    await pg.goto(url, { waitUntil: "load" });
    const f = await pg.evaluate(() => ({
      gone: !("speechSynthesis" in window),
      box: !!document.querySelector("[data-read-aloud]"),
      shown: [...document.querySelectorAll("[data-read-aloud], [data-read-aloud] button")].some((el) => el.getClientRects().length > 0),
    }));
    if (!f.gone) p.push("the test could not remove window.speechSynthesis");
    if (!f.box) p.push("no read-aloud box on the page");
    if (f.shown) p.push("the read-aloud button is shown although the browser cannot speak");
    p.push(...watcher2.load, ...watcher2.scripts);
    await ctx.close();
  });
}

// ---------------------------------------------------------------- finder

// Opens the "Find an inspection" page in a fresh context; returns the page,
// its watcher and the bytes of each response under search/.
async function openFinder(browser, origin, base, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const watcher = watch(page, origin, null);
  const fetched = new Map();
  page.on("response", async (r) => {
    if (!r.url().startsWith(base + "search/")) return;
    const body = await r.body().catch(() => Buffer.alloc(0));
    fetched.set(short(r.url()), body.length);
  });
  await page.goto(base + "find/", { waitUntil: "load" });
  await page.waitForLoadState("networkidle").catch(() => {});
  watcher.loading = false;
  return { context, page, watcher, fetched };
}

// The finder before Pagefind has run: the placeholder script loads (no 404)
// and the full-text part stays hidden.
async function checkFinderUnindexed(browser, origin, base) {
  await check("/find/ before Pagefind has run: no failed requests, full-text search hidden", async (p) => {
    const { context, page, watcher } = await openFinder(browser, origin, base);
    const hidden = await page.evaluate(() => document.querySelector(".full-text")?.hidden);
    if (hidden !== true) p.push("the full-text search is shown although the site has no Pagefind index");
    p.push(...watcher.load, ...watcher.scripts);
    await context.close();
  });
}

async function checkFinder(browser, origin, base) {
  await check("/find/ without JavaScript is the list of inspections, and the live finder stays hidden", async (p) => {
    const { context, page } = await openFinder(browser, origin, base, { javaScriptEnabled: false });
    const f = await page.evaluate(() => ({
      finderShown: document.querySelector("[data-finder]")?.getClientRects().length > 0,
      links: [...document.querySelectorAll(".finder-fallback a")].map((a) => a.getAttribute("href")),
    }));
    if (f.finderShown) p.push("the search form is shown although it cannot work without JavaScript");
    if (f.links.filter((h) => /\/inspections\/[^/]+\/$/.test(h)).length < 5) p.push(`the fallback lists ${f.links.length} links, expected the inspections`);
    await context.close();
  });

  const { context, page, watcher, fetched } = await openFinder(browser, origin, base);
  const results = () =>
    page.evaluate(() => ({
      status: document.querySelector(".finder-status").textContent.trim(),
      items: [...document.querySelectorAll(".finder-results li")].map((li) => ({
        href: li.querySelector("a").getAttribute("href"),
        text: li.textContent.replace(/\s+/g, " ").trim(),
      })),
    }));
  const waitStatus = (re) => page.waitForFunction((src) => new RegExp(src).test(document.querySelector(".finder-status").textContent), re.source, { timeout: 5000 });

  await check('/find/: typing "kent" lists the Kent inspections as you type, loading one small shard', async (p) => {
    await page.locator("#finder-q").pressSequentially("kent", { delay: 20 });
    await waitStatus(/match/);
    const r = await results();
    if (!/^\d+ inspections match/.test(r.status)) p.push(`status says "${r.status}"`);
    if (r.items.length < 5) p.push(`${r.items.length} results, expected every Kent inspection`);
    for (const i of r.items) {
      if (!/Kent/.test(i.text)) p.push(`a result that is not Kent's: ${i.text}`);
      if (!new URL(i.href, page.url()).href.startsWith(base)) p.push(`result link ${i.href} is not under the site's base`);
    }
    const loaded = [...fetched.keys()];
    const bytes = [...fetched.values()].reduce((a, b) => a + b, 0);
    console.log(`  finder: a search for "kent" loaded ${loaded.join(", ")}: ${bytes} bytes`);
    if (loaded.some((u) => /year-/.test(u))) p.push(`a name search loaded a year shard: ${loaded.join(", ")}`);
    if (loaded.length > 2) p.push(`a search for one name loaded ${loaded.length} files: ${loaded.join(", ")}`);
  });

  await check("/find/: a year narrows the results; a name that matches nothing says so", async (p) => {
    const year = await page.evaluate(() => [...document.querySelectorAll("#finder-year option")].map((o) => o.value).filter(Boolean)[0]);
    if (!year) {
      p.push("the year filter has no years");
      return;
    }
    await page.selectOption("#finder-year", year);
    await page.waitForTimeout(200);
    const r = await results();
    if (r.items.length === 0) p.push(`no results for kent in ${year}: "${r.status}"`);
    for (const i of r.items) if (!i.text.includes(year)) p.push(`a result not from ${year}: ${i.text}`);
    await page.selectOption("#finder-year", "");
    await page.fill("#finder-q", "qqqzzz");
    await waitStatus(/No inspections match/);
    const none = await results();
    if (none.items.length) p.push(`${none.items.length} results for nonsense`);
    await page.fill("#finder-q", "kent");
    await waitStatus(/\d+ inspections? match/);
  });

  await check("/find/ with results: zero axe-core violations", (p) => axe(page, "finder with results", p));

  await check("/find/: Pagefind's full-text search, from the real CLI's index, finds words in the pages", async (p) => {
    const shown = await page.evaluate(() => !document.querySelector(".full-text").hidden);
    if (!shown) {
      p.push("the full-text search is hidden although Pagefind indexed the site");
      return;
    }
    const input = page.locator("#full-text-search input");
    await input.fill("fostering");
    await page.waitForSelector(".pagefind-ui__result-link", { timeout: 10000 }).catch(() => {});
    const f = await page.evaluate(() => ({
      links: [...document.querySelectorAll(".pagefind-ui__result-link")].map((a) => a.getAttribute("href")),
      filters: [...document.querySelectorAll(".pagefind-ui__filter-name")].map((e) => e.textContent.trim().toLowerCase()),
    }));
    if (f.links.length === 0) p.push('Pagefind found nothing for "fostering"');
    for (const l of f.links) if (!new URL(l, page.url()).href.startsWith(base)) p.push(`result link ${l} is not under the site's base ${SUB}`);
    for (const want of ["authority", "year", "kind", "language"]) {
      if (!f.filters.some((x) => x.startsWith(want))) p.push(`Pagefind shows no "${want}" filter (filters: ${f.filters.join(", ")})`);
    }
    await axe(page, "with Pagefind results", p);
  });

  await check("/find/: no console errors or failed requests while searching", async (p) => {
    p.push(...watcher.load, ...watcher.scripts);
  });
  await context.close();
}

// ---------------------------------------------------------------- main

async function main() {
  const siteArg = process.argv.indexOf("--site");
  let root;
  let temp = null;
  if (siteArg > 0) {
    root = resolve(process.argv[siteArg + 1]);
  } else {
    temp = mkdtempSync(join(tmpdir(), "clarion-browser-"));
    root = join(temp, "kent-inspections");
  }
  const server = await serve(root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const base = origin + SUB;

  if (temp) {
    const t = Date.now();
    const build = spawnSync(
      "cargo",
      ["run", "--release", "--quiet", "--", "build", "--output", root, "--base-url", base],
      { cwd: repo, stdio: ["ignore", "inherit", "inherit"] },
    );
    if (build.status !== 0) {
      console.log("FAIL building the Kent site");
      console.log(`0 passed, 1 failed`);
      process.exit(1);
    }
    console.log(`Built the Kent site in ${((Date.now() - t) / 1000).toFixed(1)} s; serving it at ${base}`);
  } else {
    console.log(`Serving ${root} at ${base} (it must be built with --base-url ${base.replace(/:\d+\//, ":PORT/")})`);
  }

  const sitemap = readFileSync(join(root, "sitemap.xml"), "utf8");
  const pages = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(/^https?:\/\/[^/]+\//, origin + "/"));
  const sitemapOk = pages.length > 0 && pages.every((u) => u.startsWith(base));
  record("sitemap.xml lists the site's pages under the base URL", sitemapOk ? [] : [`pages: ${pages.slice(0, 5).join(", ")}`]);

  const browser = await chromium.launch(ARGS);
  console.log(`Chromium ${browser.version()}, axe-core ${JSON.parse(readFileSync(require.resolve("axe-core/package.json"), "utf8")).version}`);

  // Then index the site with the real Pagefind CLI, as the Pages workflow does.
  await checkFinderUnindexed(browser, origin, base);
  await checkLayoutShift(browser, base, check, { root });
  const pagefind = spawnSync(join(here, "node_modules", ".bin", "pagefind"), ["--site", root], { encoding: "utf8" });
  record(
    "the Pagefind CLI indexes the built site",
    pagefind.status === 0 ? [] : [`pagefind exited with ${pagefind.status}: ${(pagefind.stderr || pagefind.stdout || String(pagefind.error)).slice(-600)}`],
  );
  const indexed = (pagefind.stdout || "").match(/Indexed (\d+) pages?/);
  if (indexed) console.log(`Pagefind indexed ${indexed[1]} pages`);
  await checkFinder(browser, origin, base);
  await checkLayoutShift(browser, base, check, { pages: ["find/"], label: "indexed by Pagefind" });
  await check("axe-core finds a known violation (self-test)", async (p) => {
    const ctx = await browser.newContext();
    const pg = await ctx.newPage();
    await pg.setContent('<html><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#999;background:#aaa">faint</p></main></body></html>');
    const found = [];
    await axe(pg, "self-test", found);
    for (const id of ["html-has-lang", "image-alt", "color-contrast"]) {
      if (!found.some((f) => f.includes(` ${id} `))) p.push(`axe did not report ${id}: ${found.join(" | ").slice(0, 300)}`);
    }
    await ctx.close();
  });
  await check("the theme's CSS uses logical properties, so right-to-left pages mirror", async (p) => {
    for (const file of ["style.css"]) {
      const css = readFileSync(join(root, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
      css.split("\n").forEach((line, n) => {
        const physical = line.match(/\b(margin|padding|border)-(left|right)\b|(^|[;{\s])(left|right)\s*:|text-align:\s*(left|right)|float:\s*(left|right)|clear:\s*(left|right)/);
        if (physical) p.push(`${file}:${n + 1}: ${physical[0].trim()}: use the inline-start/inline-end form: ${line.trim()}`);
        for (const m of line.matchAll(/\b(margin|padding|border-width|inset):\s*([^;}]+)/g)) {
          const v = m[2].trim().split(/\s+/);
          if (v.length === 4 && v[1] !== v[3]) p.push(`${file}:${n + 1}: ${m[0]}: left and right differ, so it does not mirror; use -block and -inline`);
        }
      });
    }
  });
  const onlyAt = process.argv.indexOf("--only");
  const only = onlyAt > 0 ? process.argv[onlyAt + 1] : null;
  // `--only i18n` runs these checks alone.
  if (!only || only === "i18n") await checkLanguages({ browser, base, check });
  const visited = new Set();
  let queue = pages.filter((u) => !only || u.includes(only));
  const seen = new Set(queue);
  let childPages = 0;
  const testOne = async (url) => {
    visited.add(url);
    const links = await checkPage(browser, origin, url, false);
    if (isChildPage(url)) {
      childPages++;
      await checkChildPage(browser, origin, url);
      await checkChildLayout(browser, url, short(url), check);
      await checkReadAloud({ browser, url, name: short(url), check });
    }
    // Pages the sitemap leaves out but a page links to are tested too.
    for (const l of links) {
      const u = l.split("#")[0].split("?")[0];
      if (!only && u.startsWith(base) && (u.endsWith("/") || u.endsWith(".html")) && !seen.has(u)) {
        seen.add(u);
        queue.push(u);
      }
    }
  };
  // Two pages at a time: the machines have two cores.
  const workers = Number(process.env.BROWSER_TEST_JOBS || 2);
  while (queue.length) {
    const batch = queue;
    queue = [];
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (batch.length) await testOne(batch.shift());
      }),
    );
  }
  await checkPage(browser, origin, base + "no-such-page/", true);
  await checkPrintAndContrast(browser, [...visited].filter(isChildPage).sort(), [...visited].filter((u) => /\/inspections\/[^/]+\/$/.test(u)).sort(), check);
  if (!only) await checkChartPrint(browser, [base, base + "inspections/2025-11-ilacs/"], check);
  if (!only) record("the sitemap has child pages, the Arabic one among them", childPages > 0 && visited.has(base + "inspections/2025-11-ilacs/children/ar/") ? [] : [`${childPages} child pages`]);

  await browser.close();
  server.close();
  if (temp) rmSync(temp, { recursive: true, force: true });

  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nBrowser tests: ${visited.size + 1} pages (${childPages} child pages) in ${secs} s.`);
  if (warnings.length) console.log(`${warnings.length} warnings (not failures): see WARN above.`);
  if (failed) console.log(`Failed: ${failures.map((f) => f.name).join("\n        ")}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log(`FAIL the browser tests could not run: ${e && e.stack ? e.stack : e}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
