// Layout shift (issue 16): a page that moves under the reader's finger
// invites mis-taps on a phone. Each page kind is loaded at phone and
// desktop widths and its cumulative layout shift (the sum Lighthouse
// reports, from the browser's own layout-shift entries, leaving out shifts
// right after input) must stay 0.
//
//   await checkLayoutShift(browser, base, check, { root })   from run.mjs
//
// Child pages are loaded with a speech voice there at load, one that
// arrives late (as in Chromium, which lists its voices only after the
// page has painted) and none, since the read-aloud bar shows only with a
// voice. The find page is loaded as built (no full-text search) and with a
// stand-in for Pagefind in the site folder (`root`) whose UI mounts late.
// `{ pages: ["find/"], label }` checks only those pages, as they are.

import { AR, EN, stubSpeech } from "./i18n.mjs";
import { copyFileSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PAGES = [
  "find/",
  "",
  "inspections/",
  "inspections/2025-11-ilacs/",
  "documents/",
  "glossary/",
  "about/",
  "no-such-page/",
];

const CHILD_PAGES = [
  "inspections/2025-11-ilacs/children/",
  "inspections/2013-adoption/children/",
  "inspections/2025-11-ilacs/children/ar/",
];

// How the page's speech voices arrive: `voices` at load, `late` after it.
const SPEECH = [
  { label: "with a voice at load", voices: [EN, AR], late: [] },
  { label: "with a voice that arrives late", voices: [], late: [EN, AR] },
  { label: "with no voice", voices: [], late: [] },
];

const WIDTHS = [
  { width: 320, height: 640 },
  { width: 1280, height: 900 },
];

// A stand-in for Pagefind's UI: the same elements and sizes as Pagefind
// 1.x's (a 64px search box at its 0.8 scale), mounted 400 ms after its
// script runs, as a slow phone would. No network, no index.
const STUB_UI_JS = `window.PagefindUI = function (options) {
  var el = document.querySelector(options.element);
  setTimeout(function () {
    el.innerHTML = '<div class="pagefind-ui"><form class="pagefind-ui__form" role="search" aria-label="Search this site">' +
      '<input class="pagefind-ui__search-input" type="text" placeholder="Search" title="Search"> ' +
      '<button class="pagefind-ui__search-clear pagefind-ui__suppressed">Clear</button> ' +
      '<div class="pagefind-ui__drawer pagefind-ui__hidden"></div></form></div>';
  }, 400);
};
`;
const STUB_UI_CSS = `:root { --pagefind-ui-scale: .8; }
.pagefind-ui__form { position: relative; }
.pagefind-ui__search-input { height: calc(64px * var(--pagefind-ui-scale)); display: flex; width: 100%; box-sizing: border-box; font-size: calc(21px * var(--pagefind-ui-scale)); border: 2px solid #eee; }
.pagefind-ui__search-clear { position: absolute; top: 3px; right: 3px; height: calc(58px * var(--pagefind-ui-scale)); }
.pagefind-ui__suppressed { opacity: 0; pointer-events: none; }
.pagefind-ui__hidden { display: none !important; }
`;

// The shifts recorded since the page started loading, with what moved.
async function shifts(page, wait) {
  return page.evaluate(
    (wait) =>
      new Promise((resolve) => {
        const seen = [];
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.hadRecentInput) continue;
            const moved = (e.sources || [])
              .map((s) => s.node && s.node.nodeType === 1 ? s.node.tagName.toLowerCase() + (s.node.getAttribute("class") ? "." + s.node.getAttribute("class").split(" ")[0] : "") : "text")
              .join(", ");
            seen.push({ value: e.value, moved });
          }
        });
        observer.observe({ type: "layout-shift", buffered: true });
        // Scripts and late requests have run by now; give them a frame more.
        setTimeout(() => {
          observer.disconnect();
          resolve(seen);
        }, wait);
      }),
    wait,
  );
}

async function measure(browser, url, viewport, { speech, wait = 500, ready } = {}) {
  const context = await browser.newContext({ viewport });
  if (speech) await stubSpeech(context, speech.voices);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  await page.waitForLoadState("networkidle").catch(() => {});
  if (speech && speech.late.length) {
    await page.waitForTimeout(300);
    await page.evaluate((v) => window.__addVoices(v), speech.late);
  }
  const seen = await shifts(page, wait);
  const problems = ready ? await page.evaluate(ready) : [];
  await context.close();
  const total = seen.reduce((sum, s) => sum + s.value, 0);
  if (total > 0) {
    problems.push(`cumulative layout shift ${total.toFixed(3)}: ${seen.map((s) => `${s.value.toFixed(3)} (${s.moved || "?"})`).join("; ")}`);
  }
  return problems;
}

// The read-aloud bar is there exactly when a voice is.
const barShown = (want) => `(() => {
  const box = document.querySelector("[data-read-aloud]");
  const shown = !!box && box.getClientRects().length > 0;
  return shown === ${want} ? [] : [${want} ? "the read-aloud bar is not shown although a voice is there" : "the read-aloud bar is shown with no voice"];
})()`;

const FULL_TEXT_MOUNTED = `(() => document.querySelector("#full-text-search .pagefind-ui__search-input") ? [] : ["the stand-in Pagefind UI did not mount"])()`;

export async function checkLayoutShift(browser, base, check, options = {}) {
  const { root, pages = PAGES, label = "" } = options;
  const suffix = label ? ` ${label}` : "";
  for (const viewport of WIDTHS) {
    for (const path of pages) {
      await check(`/${path} at ${viewport.width} px${suffix}: no layout shift while it loads`, async (p) => {
        p.push(...(await measure(browser, base + path, viewport)));
      });
    }
  }
  if (options.pages) return;

  for (const viewport of WIDTHS) {
    for (const path of CHILD_PAGES) {
      for (const speech of SPEECH) {
        await check(`/${path} at ${viewport.width} px ${speech.label}: no layout shift while it loads`, async (p) => {
          const ready = barShown(speech.voices.length + speech.late.length > 0);
          p.push(...(await measure(browser, base + path, viewport, { speech, ready: ready })));
        });
      }
    }
  }

  // The stand-in Pagefind, put where Pagefind puts its UI, then taken away
  // (the real Pagefind CLI indexes the site later in run.mjs).
  if (!root) return;
  const dir = join(root, "pagefind");
  const files = ["pagefind-ui.js", "pagefind-ui.css"];
  for (const f of files) if (existsSync(join(dir, f))) copyFileSync(join(dir, f), join(dir, `${f}.built`));
  writeFileSync(join(dir, "pagefind-ui.js"), STUB_UI_JS);
  writeFileSync(join(dir, "pagefind-ui.css"), STUB_UI_CSS);
  try {
    for (const viewport of WIDTHS) {
      await check(`/find/ at ${viewport.width} px with a stand-in Pagefind that mounts late: no layout shift while it loads`, async (p) => {
        p.push(...(await measure(browser, base + "find/", viewport, { wait: 900, ready: FULL_TEXT_MOUNTED })));
      });
    }
  } finally {
    for (const f of files) {
      if (existsSync(join(dir, `${f}.built`))) {
        copyFileSync(join(dir, `${f}.built`), join(dir, f));
        rmSync(join(dir, `${f}.built`));
      }
    }
  }
}
