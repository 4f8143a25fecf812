// What "Read this page to me" reads of the glossary's explanations (issue
// 17): each hard word is explained in a closed <details> after the
// paragraph that first uses it. A closed one is not read, question and
// all (read after nearly every paragraph, the questions broke up the
// page); one the child has opened is read where it stands.
//
//   await checkReadAloudExplanations({ browser, url, name, check })   from run.mjs

import { AR, EN, stubSpeech } from "./i18n.mjs";

const said = (page) => page.evaluate(() => window.__speechCalls.filter((c) => c.call === "speak").map((c) => c.text));
const squash = (s) => s.replace(/\s+/g, " ").trim();

export async function checkReadAloudExplanations({ browser, url, name, check }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await stubSpeech(context, [EN, AR]);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
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
