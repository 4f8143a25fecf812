// Child pages in the child's language, and read-aloud that never fails
// silently (issue 17, items 5 and 6). Called from run.mjs with its helpers.
//
// - The Arabic page's main part holds no English outside a few names.
// - With speech synthesis but no voice for the page's language, no
//   read-aloud button shows; one shows when a voice arrives later.
// - With voices, Play reads the contacts (Childline and 999 included), each
//   part with its own language's voice, and focus stays on the controls.

// Latin-script words the Arabic page may keep: names, and abbreviations
// written beside their Arabic (Ofsted, IRO, CSV...).
const MAX_LATIN_WORDS = 12;

// A Web Speech stub with the given voices (set before the page loads via
// window.__voices; `window.__addVoices()` adds them later, as browsers do).
const VOICED_SPEECH = () => {
  const calls = [];
  window.__speechCalls = calls;
  const listeners = [];
  let voices = (window.__initialVoices || []).slice();
  class Utterance {
    constructor(text) {
      this.text = text;
      this.lang = "";
      this.voice = null;
      this.rate = 1;
      this.onend = null;
      this.onerror = null;
    }
  }
  const synth = {
    speaking: false,
    paused: false,
    pending: false,
    speak(u) {
      this.speaking = true;
      calls.push({ call: "speak", text: u.text, lang: u.lang, voice: u.voice ? u.voice.lang : null });
    },
    pause() {
      this.paused = true;
      calls.push({ call: "pause" });
    },
    resume() {
      this.paused = false;
      calls.push({ call: "resume" });
    },
    cancel() {
      this.speaking = false;
      this.paused = false;
      calls.push({ call: "cancel" });
    },
    getVoices() {
      return voices;
    },
    addEventListener(type, fn) {
      if (type === "voiceschanged") listeners.push(fn);
    },
    removeEventListener() {},
  };
  window.__addVoices = (more) => {
    voices = voices.concat(more);
    listeners.forEach((fn) => fn({ type: "voiceschanged" }));
  };
  Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true, writable: true });
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true, writable: true });
};

export const EN = { lang: "en-GB", name: "English", localService: true, default: true, voiceURI: "en" };
export const AR = { lang: "ar-SA", name: "Arabic", localService: true, default: false, voiceURI: "ar" };

// Gives every page of `ctx` the speech stub with these voices; run.mjs's
// child page checks use it too.
export async function stubSpeech(ctx, voices) {
  await ctx.addInitScript(`window.__initialVoices = ${JSON.stringify(voices)};`);
  await ctx.addInitScript(VOICED_SPEECH);
}

// A page of `url` opened in a new context with the speech stub and these
// voices; read-aloud.mjs opens its pages this way too.
export async function openWithVoices(browser, url, voices, options = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await stubSpeech(ctx, voices);
  const page = await ctx.newPage();
  await page.goto(url, { waitUntil: "load" });
  return { ctx, page };
}

const shown = (page) =>
  page.evaluate(() => {
    const box = document.querySelector("[data-read-aloud]");
    const play = box && box.querySelector('[data-action="play"]');
    return !!(play && play.getClientRects().length > 0);
  });

export async function checkLanguages({ browser, base, check }) {
  const english = base + "inspections/2025-11-ilacs/children/";
  const arabic = base + "inspections/2025-11-ilacs/children/ar/";

  await check("i18n: the Arabic child page has no English outside a few names", async (p) => {
    const { ctx, page } = await openWithVoices(browser, arabic, []);
    const words = await page.evaluate(() => {
      const main = document.querySelector("main");
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, null);
      const out = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest("[hidden], script, style, .visually-hidden")) continue;
        if (el.getClientRects().length === 0) continue;
        out.push(...(n.nodeValue.match(/[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?/g) || []));
      }
      return out;
    });
    if (words.length > MAX_LATIN_WORDS) {
      p.push(`${words.length} Latin-script words in the Arabic page's main part (at most ${MAX_LATIN_WORDS}): ${words.join(" ").slice(0, 600)}`);
    }
    console.log(`  (the Arabic page shows ${words.length} Latin-script words: ${words.join(" ")})`);
    await ctx.close();
  });

  for (const [url, lang] of [
    [english, "en"],
    [arabic, "ar"],
  ]) {
    const name = url.replace(/^https?:\/\/[^/]+/, "");
    await check(`i18n ${name}: with no voice for the page's language, no read-aloud button shows`, async (p) => {
      // A voice in another language only: the page's own is what counts.
      const other = lang === "ar" ? [EN] : [AR];
      const { ctx, page } = await openWithVoices(browser, url, other);
      if (await shown(page)) p.push("the read-aloud button shows although no voice speaks the page's language");
      // Voices often arrive after the page loads (the voiceschanged event).
      await page.evaluate((v) => window.__addVoices([v]), lang === "ar" ? AR : EN);
      if (!(await shown(page))) p.push("the read-aloud button does not show once a voice for the page's language arrives");
      await ctx.close();
    });

    await check(`i18n ${name}: read-aloud reads the contacts, each part in its own language, focus on the controls`, async (p) => {
      const { ctx, page } = await openWithVoices(browser, url, [EN, AR]);
      if (!(await shown(page))) {
        p.push("the read-aloud button is not shown although a voice speaks the page's language");
        await ctx.close();
        return;
      }
      const play = page.locator('[data-read-aloud] [data-action="play"]');
      await play.focus();
      await page.keyboard.press("Enter");
      const calls = await page.evaluate(() => window.__speechCalls.filter((c) => c.call === "speak"));
      const said = calls.map((c) => c.text).join(" ");
      const contacts = await page.evaluate(() =>
        [...document.querySelectorAll(".contacts li")].map((li) => li.textContent.replace(/\s+/g, " ").trim()),
      );
      if (contacts.length === 0) p.push("the page lists no contacts");
      for (const c of contacts) {
        if (!said.includes(c)) p.push(`the contact "${c.slice(0, 70)}" is not read`);
      }
      if (!said.includes("999")) p.push("999 is not read");
      if (!said.includes("Childline") && !said.includes("تشايلدلاين")) p.push("Childline is not read");
      for (const c of calls) {
        const arabicScript = /[\u0600-\u06FF]/.test(c.text);
        const latinWords = (c.text.match(/[A-Za-z]{2,}/g) || []).length;
        const primary = (c.lang || "").split("-")[0];
        if (arabicScript && primary !== "ar") p.push(`Arabic text is read with lang "${c.lang}": ${c.text.slice(0, 60)}`);
        if (!arabicScript && latinWords >= 3 && primary !== "en") p.push(`English text is read with lang "${c.lang}": ${c.text.slice(0, 60)}`);
        if (c.voice && c.voice.split("-")[0] !== primary) p.push(`a part in "${c.lang}" is read with a "${c.voice}" voice`);
      }
      const focused = await page.evaluate(() => {
        const a = document.activeElement;
        return a && a.closest("[data-read-aloud]") ? a.getAttribute("data-action") : a ? a.tagName : null;
      });
      if (focused !== "pause") p.push(`after Play, focus is on ${focused}, not on the Pause button`);
      await page.keyboard.press("Enter");
      const stop = page.locator('[data-read-aloud] [data-action="stop"]');
      await stop.focus();
      await page.keyboard.press("Enter");
      const after = await page.evaluate(() => ({
        action: document.activeElement?.getAttribute("data-action"),
        scroll: window.scrollY,
      }));
      if (after.action !== "play") p.push(`after Stop, focus is on ${after.action || "the page"}, not on the play button`);
      await ctx.close();
    });
  }
}
