// Issue 17, "words first": on a 375 px phone, a child page shows words
// ("In short") before the grade cards on its first screen, and "Who can I
// talk to?" is reachable within 5 Tab stops from the top of the page.
//
// Called from run.mjs for each child page: checkChildLayout(browser, url,
// name, check), where `check(title, async (problems) => ...)` records a
// result as run.mjs does.

const PHONE = { width: 375, height: 667 };
const MAX_TABS = 5;
const TALK = "Who can I talk to?";

export async function checkChildLayout(browser, url, name, check) {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });

  await check(`${name}: at 375 px, words come before the grade cards on the first screen`, async (p) => {
    const r = await page.evaluate(() => {
      const box = (sel) => {
        const el = document.querySelector(sel);
        if (!el) return null;
        const b = el.getBoundingClientRect();
        return { top: b.top + window.scrollY, bottom: b.bottom + window.scrollY };
      };
      return {
        screen: window.innerHeight,
        english: (document.documentElement.lang || "").toLowerCase().startsWith("en"),
        inShort: box(".in-short"),
        lead: box(".lead"),
        cards: box(".cards"),
      };
    });
    // English pages carry their own In short; a translation without one
    // still opens with the lead paragraph.
    const words = r.inShort || r.lead;
    if (r.english && !r.inShort) p.push('no "In short" section: give children.md an `in_short:`');
    if (!words) {
      p.push("no words (In short or the lead paragraph) before the cards");
      return;
    }
    // In short must fit whole on the first screen; a translation's lead
    // paragraph must at least start there.
    if (r.inShort ? words.bottom > r.screen : words.top > r.screen) {
      p.push(`the words before the cards end at ${Math.round(words.bottom)} px, below the first ${r.screen} px screen`);
    }
    if (r.cards && r.cards.top < words.bottom) {
      p.push(`the grade cards start at ${Math.round(r.cards.top)} px, before the words end (${Math.round(words.bottom)} px)`);
    }
  });

  await check(`${name}: at 375 px, "${TALK}" is reachable within ${MAX_TABS} Tab stops and leads to the contacts`, async (p) => {
    await page.goto(url, { waitUntil: "load" });
    const stops = [];
    let found = 0;
    for (let i = 1; i <= MAX_TABS; i++) {
      await page.keyboard.press("Tab");
      const { text, href } = await page.evaluate(() => ({
        text: (document.activeElement?.textContent || "").trim(),
        href: document.activeElement?.getAttribute("href") || "",
      }));
      stops.push(text.slice(0, 40));
      // The link reads "Who can I talk to?" in the page's language.
      if (text === TALK || (href === "#talk" && text === (await page.evaluate(() => document.getElementById("talk-heading")?.textContent.trim())))) {
        found = i;
        break;
      }
    }
    if (!found) {
      p.push(`not among the first ${MAX_TABS} Tab stops: ${stops.map((s) => JSON.stringify(s)).join(", ")}`);
      return;
    }
    await page.keyboard.press("Enter");
    await page.waitForTimeout(100);
    const at = await page.evaluate(() => {
      const h = document.getElementById("talk-heading");
      const b = h ? h.getBoundingClientRect() : null;
      return { hash: location.hash, top: b ? b.top : null, screen: window.innerHeight };
    });
    if (at.hash !== "#talk") p.push(`Enter went to "${at.hash}", not #talk`);
    if (at.top === null || at.top < -1 || at.top > at.screen) p.push(`the "${TALK}" heading is not on screen after the link (top ${at.top})`);
  });

  await context.close();
}
