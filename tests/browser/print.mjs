// Reading, print and contrast checks of the child pages (issue 17, item 7):
// - printed to PDF on A4 and on US Letter, each page takes at most two
//   sheets and its last sheet holds more than one line of text;
// - on a desktop, no line of text runs past about 70 characters;
// - in forced colours (Windows high contrast), every grade icon keeps its
//   shape: its marks are drawn in a colour other than the shape behind them.
//
// Called from run.mjs with the browser, the child pages' URLs (and one adult
// page, for the prose measure) and run.mjs's `check(name, fn)`.

import { inflateSync } from "node:zlib";

const FORMATS = ["A4", "Letter"];
const MAX_SHEETS = 2;
/// "About 70 characters": dyslexia guidance asks for 60 to 70.
const MAX_LINE_CHARS = 72;
/// A last sheet with fewer lines than this is a waste of paper and looks lost.
const MIN_LAST_LINES = 3;

/// Sheets in a PDF that Chromium wrote: one `/Type /Page` object each.
function pdfPages(pdf) {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g) || []).length;
}

/// Lines of text in a PDF: the distinct baselines its text is set on
/// (Chromium sets each run with `1 0 0 -1 x y Tm` in Flate streams).
function pdfTextLines(pdf) {
  const s = pdf.toString("latin1");
  const baselines = new Set();
  for (const m of s.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let text;
    try {
      text = inflateSync(Buffer.from(m[1], "latin1")).toString("latin1");
    } catch {
      continue;
    }
    for (const t of text.matchAll(/BT[\s\S]*?ET/g)) {
      for (const tm of t[0].matchAll(/([-\d.]+) ([-\d.]+) Tm/g)) baselines.add(Math.round(Number(tm[2])));
    }
  }
  return baselines.size;
}

/// The most characters on one line of text in `main`, with that line.
function longestLine() {
  const main = document.querySelector("main");
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const lines = new Map();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest("svg, nav, [hidden], .visually-hidden, pre, table")) continue;
    const block = el.closest("p, li, dd, dt, h1, h2, h3, h4, div, td, th, summary, figcaption");
    const text = node.data;
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const key = block;
      let perBlock = lines.get(key);
      if (!perBlock) lines.set(key, (perBlock = new Map()));
      const top = Math.round(r.bottom / 4);
      const line = perBlock.get(top) || { n: 0, text: "" };
      line.n++;
      line.text += text[i];
      perBlock.set(top, line);
    }
  }
  let best = { n: 0, text: "" };
  for (const perBlock of lines.values()) {
    for (const line of perBlock.values()) {
      const t = line.text.replace(/\s+/g, " ").trim();
      if (t.length > best.n) best = { n: t.length, text: t };
    }
  }
  return best;
}

/// Grade icons whose marks vanish into their shape in forced colours.
function iconProblems() {
  const problems = [];
  const icons = [...document.querySelectorAll("svg.grade-icon")];
  for (const svg of icons) {
    const shapes = [...svg.querySelectorAll("path, circle, rect, polygon")];
    const box = svg.getBoundingClientRect();
    if (shapes.length === 0 || box.width < 8 || box.height < 8) {
      problems.push(`an icon has no visible shape (${box.width}x${box.height}, ${shapes.length} shapes)`);
      continue;
    }
    const paint = (el, prop) => {
      const v = getComputedStyle(el)[prop];
      return v === "none" ? null : v;
    };
    // What each part paints: the base shape's fill, the marks' fill or stroke.
    const painted = shapes.map((el) => ({ el, fill: paint(el, "fill"), stroke: paint(el, "stroke") }));
    const base = painted.find((p) => p.fill && !p.el.hasAttribute("fill") && !p.el.hasAttribute("stroke"));
    if (!base) continue; // An outline icon: one colour is its shape.
    for (const p of painted) {
      if (p === base) continue;
      const mark = p.el.getAttribute("fill") && p.el.getAttribute("fill") !== "none" ? p.fill : p.stroke;
      if (mark && mark === base.fill) {
        const word = svg.closest(".grade")?.textContent.trim() || "?";
        problems.push(`the "${word}" icon's mark is painted ${mark}, the colour of the shape behind it: it shows as a blank shape`);
        break;
      }
    }
  }
  return { problems, count: icons.length };
}

export async function checkPrintAndContrast(browser, childUrls, adultUrls, check) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const sheets = [];
  for (const url of childUrls) {
    const name = new URL(url).pathname;
    await page.goto(url, { waitUntil: "load" });
    for (const format of FORMATS) {
      await check(`${name}: prints on at most ${MAX_SHEETS} ${format} sheets, the last with more than a line or two`, async (p) => {
        const pdf = await page.pdf({ format });
        const n = pdfPages(pdf);
        const last = n > 0 ? pdfTextLines(await page.pdf({ format, pageRanges: String(n) })) : 0;
        sheets.push(`${name} ${format}: ${n} sheets, ${last} lines on the last`);
        if (n > MAX_SHEETS) p.push(`prints on ${n} ${format} sheets; at most ${MAX_SHEETS}: tighten the print styles in style.css`);
        if (n === 0) p.push("the PDF has no pages");
        if (n > 1 && last < MIN_LAST_LINES) p.push(`the last of ${n} ${format} sheets holds only ${last} line(s) of text`);
      });
    }
    // Windows' high-contrast themes are light and dark: a white mark on a
    // shape in the text colour vanishes in a dark one.
    for (const colorScheme of ["light", "dark"]) {
      await check(`${name}: in ${colorScheme} forced colours every grade icon keeps its shape`, async (p) => {
        await page.emulateMedia({ forcedColors: "active", colorScheme });
        const found = await page.evaluate(iconProblems);
        await page.emulateMedia({ forcedColors: "none", colorScheme: "light" });
        if (found.count === 0) p.push("no grade icons found on a child page");
        p.push(...found.problems);
      });
    }
  }
  for (const url of [...childUrls, ...adultUrls]) {
    const name = new URL(url).pathname;
    await check(`${name}: no line of text is longer than about 70 characters`, async (p) => {
      await page.goto(url, { waitUntil: "load" });
      const longest = await page.evaluate(longestLine);
      if (longest.n > MAX_LINE_CHARS) p.push(`a line of ${longest.n} characters (at most ${MAX_LINE_CHARS}): "${longest.text}"`);
    });
  }
  console.log(`Printed:\n  ${sheets.join("\n  ")}`);
  await context.close();
}
