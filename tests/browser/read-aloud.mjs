// "Read this page to me" on a child page (issue 17), beyond i18n.mjs's
// checks of languages and voices:
//
// - What it reads of the glossary's explanations: each hard word is
//   explained in a closed <details> after the paragraph that first uses
//   it. A closed one is not read, question and all (read after nearly
//   every paragraph, the questions broke up the page); one the child has
//   opened is read where it stands.
// - Its bar, fixed at the foot of the screen so that its late arrival
//   moves nothing (layout-shift.mjs), hides nothing: no focused element
//   and not the end of the page, at 320 px and at 400% zoom (320x256),
//   where it takes at most a quarter of the screen; it sits at the start
//   side (right on a right-to-left page) and keeps its edge in forced
//   colours.
//
//   await checkReadAloud({ browser, url, name, check })   from run.mjs

import { AR, EN, openWithVoices } from "./i18n.mjs";

const said = (page) => page.evaluate(() => window.__speechCalls.filter((c) => c.call === "speak").map((c) => c.text));
const squash = (s) => s.replace(/\s+/g, " ").trim();

export async function checkReadAloud({ browser, url, name, check }) {
  await checkBar({ browser, url, name, check });
  if (!url.endsWith("/children/ar/")) await checkExplanations({ browser, url, name, check });
}

// Screens: a phone, and 1280x1024 at 400% zoom.
const SCREENS = [
  { width: 320, height: 640 },
  { width: 320, height: 256 },
];
const MAX_SHARE = 0.25;
const MAX_TABS = 150;

async function checkBar({ browser, url, name, check }) {
  for (const viewport of SCREENS) {
    await check(`${name}: at ${viewport.width}x${viewport.height} the read-aloud bar hides no focused element and not the end of the page`, async (p) => {
      const { ctx: context, page } = await openWithVoices(browser, url, [EN, AR], { viewport });
      const bar = await page.evaluate(() => {
        const box = document.querySelector("[data-read-aloud]");
        const r = box.getBoundingClientRect();
        const play = box.querySelector('[data-action="play"]').getBoundingClientRect();
        return { top: r.top, height: r.height, shown: r.height > 0, playLeft: play.left, playRight: play.right, dir: getComputedStyle(box).direction };
      });
      if (!bar.shown) {
        p.push("the read-aloud bar is not shown although a voice is there");
        await context.close();
        return;
      }
      if (bar.height > viewport.height * MAX_SHARE) p.push(`the bar is ${Math.round(bar.height)} px high, more than a quarter of a ${viewport.height} px screen`);
      if (bar.top + bar.height > viewport.height + 0.5 || bar.top + bar.height < viewport.height - 0.5) p.push(`the bar is not at the foot of the screen (top ${bar.top}, height ${bar.height})`);
      // The start side: left, or right on a right-to-left page.
      const atStart = bar.dir === "rtl" ? viewport.width - bar.playRight < bar.playLeft : bar.playLeft < viewport.width - bar.playRight;
      if (!atStart) p.push(`the play button is not at the ${bar.dir === "rtl" ? "right" : "left"} of the bar (${Math.round(bar.playLeft)} to ${Math.round(bar.playRight)} px)`);
      const hidden = [];
      let stops = 0;
      for (let i = 0; i < MAX_TABS; i++) {
        await page.keyboard.press("Tab");
        const f = await page.evaluate(() => {
          const a = document.activeElement;
          if (!a || a === document.body) return { end: true };
          if (a.closest("[data-read-aloud]")) return { bar: true };
          const r = a.getBoundingClientRect();
          const top = document.querySelector("[data-read-aloud]").getBoundingClientRect().top;
          return { covered: r.bottom > top + 0.5, html: a.outerHTML.slice(0, 70), footer: !!a.closest("footer") };
        });
        if (f.end) break;
        if (f.bar) continue;
        stops++;
        if (f.covered) hidden.push(f.html);
        if (f.footer && hidden.length === 0 && stops > 20) break;
      }
      if (stops < 10) p.push(`only ${stops} Tab stops reached`);
      for (const h of hidden.slice(0, 5)) p.push(`focused under the read-aloud bar: ${h}`);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const end = await page.evaluate(() => {
        const last = [...document.querySelectorAll("footer *")].filter((e) => e.getClientRects().length && e.textContent.trim()).pop();
        return { bottom: last.getBoundingClientRect().bottom, top: document.querySelector("[data-read-aloud]").getBoundingClientRect().top, text: last.textContent.trim().slice(0, 40) };
      });
      if (end.bottom > end.top + 0.5) p.push(`scrolled to the end, the bar covers "${end.text}"`);
      await context.close();
    });
  }

  await check(`${name}: in forced colours the read-aloud bar keeps its edge and its buttons`, async (p) => {
    const { ctx: context, page } = await openWithVoices(browser, url, [EN, AR], { viewport: { width: 320, height: 640 }, forcedColors: "active" });
    const f = await page.evaluate(() => {
      const box = document.querySelector("[data-read-aloud]");
      const s = getComputedStyle(box);
      const b = getComputedStyle(box.querySelector("button"));
      return { forced: matchMedia("(forced-colors: active)").matches, edge: s.borderTopStyle !== "none" && parseFloat(s.borderTopWidth) >= 1, edgeColour: s.borderTopColor, bg: s.backgroundColor, button: b.borderTopStyle !== "none" && parseFloat(b.borderTopWidth) >= 1 };
    });
    if (!f.forced) p.push("forced colours could not be emulated");
    if (!f.edge || f.edgeColour === f.bg) p.push(`the bar has no visible edge (border ${f.edgeColour} on ${f.bg})`);
    if (!f.button) p.push("the play button has no border in forced colours");
    await context.close();
  });
}

async function checkExplanations({ browser, url, name, check }) {
  const { ctx: context, page } = await openWithVoices(browser, url, [EN, AR]);
  const play = page.locator('[data-read-aloud] [data-action="play"]');
  const stop = page.locator('[data-read-aloud] [data-action="stop"]');
  const explanations = () =>
    page.evaluate(() =>
      [...document.querySelectorAll("main details")].map((d) => ({
        open: d.open,
        question: d.querySelector("summary").textContent.replace(/\s+/g, " ").trim(),
        answer: [...d.children].filter((c) => c.tagName !== "SUMMARY").map((c) => c.textContent.replace(/\s+/g, " ").trim()),
        before: (d.previousElementSibling || d.parentElement).textContent.replace(/\s+/g, " ").trim(),
      })),
    );

  await check(`${name}: read-aloud leaves out closed explanations, question and all`, async (p) => {
    const list = await explanations();
    if (list.length === 0) {
      p.push("no explanation (<details>) on the page to test with");
      return;
    }
    await play.click();
    const text = (await said(page)).join(" ");
    for (const d of list) {
      if (text.includes(d.question)) p.push(`the closed question is read: "${d.question}"`);
      for (const a of d.answer) if (a && text.includes(a)) p.push(`a closed explanation is read: "${a.slice(0, 70)}"`);
    }
    if (!text.includes(squash(list[0].before).slice(0, 40))) p.push(`the paragraph before the first explanation is not read: "${list[0].before.slice(0, 60)}"`);
    await stop.click();
  });

  await check(`${name}: read-aloud reads an explanation the child has opened, where it stands`, async (p) => {
    await page.locator("main details > summary").first().click();
    const list = await explanations();
    if (!list[0] || !list[0].open) {
      p.push("the first explanation did not open");
      return;
    }
    await page.evaluate(() => window.__speechCalls.splice(0));
    await play.click();
    const parts = await said(page);
    const text = parts.join(" ");
    const [first, ...rest] = list;
    if (!text.includes(first.question)) p.push(`the opened explanation's question is not read: "${first.question}"`);
    for (const a of first.answer) if (a && !text.includes(a)) p.push(`the opened explanation is not read: "${a.slice(0, 70)}"`);
    // In its place: after the words it explains, before the next heading's.
    const at = text.indexOf(first.question);
    const before = text.indexOf(squash(first.before).slice(0, 40));
    if (at >= 0 && before >= 0 && at < before) p.push("the opened explanation is read before the paragraph it explains");
    for (const d of rest) if (text.includes(d.question)) p.push(`a closed question is read: "${d.question}"`);
    await stop.click();
  });

  await context.close();
}
