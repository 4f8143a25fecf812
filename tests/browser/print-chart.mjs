// The grade history chart on paper: printed on A4, on US Letter and on A5
// (the narrowest sheet a reader is likely to pick), the chart is no wider
// and no taller than the printable part of one sheet, and nothing of it is
// scrolled out of sight in its box. On screen the chart keeps a minimum
// width and scrolls; on paper there is no scrolling, so what overflows is cut.
//
// Chromium lays a page out for print at the width of the sheet less the
// @page margins; the check does the same (print media, a viewport of that
// size) and measures the chart there.
//
// Called from run.mjs with the browser, the URLs of pages to print (the
// first must have a chart) and run.mjs's `check(name, fn)`.

/// Sheet sizes in CSS pixels (96 to the inch).
const SHEETS = {
  A4: { width: (210 / 25.4) * 96, height: (297 / 25.4) * 96 },
  Letter: { width: 8.5 * 96, height: 11 * 96 },
  A5: { width: (148 / 25.4) * 96, height: (210 / 25.4) * 96 },
};

/// The print @page margins in CSS pixels, read from the page's style sheets.
function pageMargins() {
  const px = (value) => {
    const probe = document.createElement("div");
    probe.style.cssText = `position:absolute;width:${value || "0"}`;
    document.body.append(probe);
    const w = probe.getBoundingClientRect().width;
    probe.remove();
    return w;
  };
  const margins = { top: 0, right: 0, bottom: 0, left: 0 };
  const visit = (rules, inPrint) => {
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule) visit(rule.cssRules, inPrint || rule.media.mediaText.includes("print"));
      else if (rule instanceof CSSPageRule && inPrint) {
        for (const side of Object.keys(margins)) {
          const v = rule.style.getPropertyValue(`margin-${side}`);
          if (v) margins[side] = px(v);
        }
      }
    }
  };
  for (const sheet of document.styleSheets) visit(sheet.cssRules, false);
  return margins;
}

/// Each history chart's printed size, and how much of it its box hides.
function charts() {
  return [...document.querySelectorAll("svg.history-chart")].map((svg) => {
    const box = svg.getBoundingClientRect();
    const scroller = svg.closest(".chart-scroll") || svg.parentElement;
    return {
      width: box.width,
      height: box.height,
      right: box.right,
      hidden: scroller.scrollWidth - scroller.clientWidth,
    };
  });
}

export async function checkChartPrint(browser, urls, check) {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const [i, url] of urls.entries()) {
    const name = new URL(url).pathname;
    for (const [format, sheet] of Object.entries(SHEETS)) {
      await check(`${name}: printed on ${format}, the grade history chart fits on one sheet`, async (p) => {
        await page.setViewportSize({ width: Math.floor(sheet.width), height: Math.floor(sheet.height) });
        await page.emulateMedia({ media: "print" });
        await page.goto(url, { waitUntil: "load" });
        const m = await page.evaluate(pageMargins);
        const width = Math.floor(sheet.width - m.left - m.right);
        const height = Math.floor(sheet.height - m.top - m.bottom);
        await page.setViewportSize({ width, height });
        const found = await page.evaluate(charts);
        await page.emulateMedia({ media: null });
        if (i === 0 && found.length === 0) p.push("no history chart on this page: the check would test nothing");
        for (const c of found) {
          if (c.width > width + 0.5 || c.right > width + 0.5) {
            p.push(`the chart is ${Math.round(c.width)} px wide, past the printable ${width} px: let it shrink in print (style.css)`);
          }
          if (c.hidden > 0) p.push(`${c.hidden} px of the chart are scrolled out of sight in its box, so paper cuts them off`);
          if (c.height > height + 0.5) p.push(`the chart is ${Math.round(c.height)} px high, past the printable ${height} px of one sheet`);
        }
      });
    }
  }
  await context.close();
}
