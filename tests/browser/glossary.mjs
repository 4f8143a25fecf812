// Glossary words on a child page (issue 17, item 4): each hard word is
// explained where it is first used, in a closed <details> after its
// paragraph, reachable by keyboard and by a screen reader with JavaScript
// turned off, and never by a jump to the end of the page.
//
// Called by run.mjs for each child page:
//   await checkGlossary({ browser, url, name, check, axe });

const MAX_TABS = 80;

/// Facts about the page's marked words and their explanations.
function facts() {
  const terms = [...document.querySelectorAll(".child-summary .term")];
  const details = [...document.querySelectorAll(".child-summary details.explain")];
  const block = (el) => el.closest("p, li, td, th");
  return {
    terms: terms.map((t) => t.textContent),
    defined: details.flatMap((d) => [...d.querySelectorAll("dfn")].map((x) => x.textContent)),
    jumps: [...document.querySelectorAll('a[href^="#word-"], a.term')].map((a) => a.outerHTML.slice(0, 80)),
    // Each explanation follows the block that first uses its words: the
    // paragraph just before it, or the list item or cell it ends.
    orphans: details
      .filter((d) => {
        const prev = d.previousElementSibling;
        const owner = d.parentElement.matches("li, td, th") ? d.parentElement : prev;
        return !owner || !owner.querySelector(".term");
      })
      .map((d) => d.querySelector("summary").textContent),
    inParagraph: details.filter((d) => d.closest("p")).length,
    open: details.filter((d) => d.open).length,
    total: details.length,
    firstBlock: terms.length ? block(terms[0])?.tagName.toLowerCase() : null,
  };
}

export async function checkGlossary({ browser, url, name, check, axe }) {
  // With JavaScript turned off: the explanations must not need it.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });

  const f = await page.evaluate(facts);
  await check(`${name}: glossary words are explained where first used, once, with no jump`, async (p) => {
    if (f.terms.length === 0) {
      p.push("no glossary word is marked on the page");
      return;
    }
    if (f.terms.length !== f.defined.length) p.push(`${f.terms.length} words marked but ${f.defined.length} explained: ${f.terms.join(", ")} / ${f.defined.join(", ")}`);
    const lower = f.defined.map((d) => d.toLowerCase());
    const twice = lower.filter((d, i) => lower.indexOf(d) !== i);
    if (twice.length) p.push(`explained twice: ${twice.join(", ")}`);
    for (const j of f.jumps) p.push(`a glossary word links away instead of explaining in place: ${j}`);
    for (const o of f.orphans) p.push(`"${o}" does not follow the paragraph or item that uses its words`);
    if (f.inParagraph) p.push(`${f.inParagraph} explanations are inside a <p>, which HTML does not allow`);
    if (f.open) p.push(`${f.open} explanations are open before anyone asks`);
  });

  await check(`${name}: without JavaScript, Tab reaches the first explanation and Enter opens it in place`, async (p) => {
    const summary = page.locator(".child-summary details.explain > summary").first();
    if ((await summary.count()) === 0) {
      p.push("no explanation on the page");
      return;
    }
    const before = await page.evaluate(() => location.href);
    let reached = false;
    for (let i = 0; i < MAX_TABS && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await summary.evaluate((s) => document.activeElement === s);
    }
    if (!reached) {
      p.push(`${MAX_TABS} Tabs did not reach "${(await summary.textContent()).trim()}"`);
      return;
    }
    const y = await page.evaluate(() => scrollY);
    await page.keyboard.press("Enter");
    const after = await summary.evaluate((s) => {
      const d = s.parentElement;
      const meaning = d.querySelector("dfn").parentElement;
      const r = meaning.getBoundingClientRect();
      return {
        open: d.open,
        focused: document.activeElement === s,
        visible: meaning.getClientRects().length > 0 && r.top >= 0 && r.top < innerHeight,
        outline: getComputedStyle(s).outlineStyle,
        y: scrollY,
        href: location.href,
      };
    });
    if (!after.open) p.push("Enter on the summary did not open the explanation");
    if (!after.focused) p.push("focus left the summary after Enter");
    if (!after.visible) p.push("the meaning is not on screen after opening it");
    if (after.outline === "none") p.push("the focused summary has no visible outline");
    if (after.href !== before) p.push(`opening it changed the address to ${after.href}: a jump`);
    if (Math.abs(after.y - y) > 200) p.push(`opening it scrolled the page by ${after.y - y}px`);
    await page.keyboard.press("Space");
    if (await summary.evaluate((s) => s.parentElement.open)) p.push("Space did not close it again");
  });

  await check(`${name}: a screen reader hears the question, its state, and the meaning once opened`, async (p) => {
    if ((await page.locator(".child-summary details.explain").count()) === 0) {
      p.push("no explanation on the page");
      return;
    }
    const cdp = await context.newCDPSession(page);
    const tree = async () => (await cdp.send("Accessibility.getFullAXTree")).nodes;
    const question = (await page.locator(".child-summary details.explain > summary").first().textContent()).trim();
    const meaning = (await page.locator(".child-summary details.explain p").first().textContent()).trim();
    const find = (nodes, text) => nodes.filter((n) => !n.ignored && (n.name?.value || "").replace(/\s+/g, " ").trim() === text);
    let nodes = await tree();
    const q = find(nodes, question);
    if (q.length === 0) p.push(`the question "${question}" is not in the accessibility tree`);
    for (const n of q) {
      const role = n.role?.value;
      if (!["DisclosureTriangle", "button"].includes(role)) p.push(`the question is exposed as ${role}, not as a disclosure button`);
      const expanded = (n.properties || []).find((x) => x.name === "expanded");
      if (!expanded || expanded.value.value !== false) p.push(`the closed question does not say it is collapsed (${JSON.stringify(expanded)})`);
    }
    // How often the meaning can be heard: "Words to know" at the end says it too.
    const meaningText = meaning.slice(meaning.indexOf(":") + 1).trim().slice(0, 40);
    const heard = (ns) => ns.filter((n) => !n.ignored && n.role?.value === "StaticText" && (n.name?.value || "").includes(meaningText)).length;
    const closed = heard(nodes);
    await page.locator(".child-summary details.explain > summary").first().click();
    nodes = await tree();
    const opened = heard(nodes);
    if (opened !== closed + 1) p.push(`the meaning "${meaningText}" is heard ${closed} times closed and ${opened} times open: the explanation is not read in place only when opened`);
    const dfn = nodes.some((n) => !n.ignored && n.role?.value === "term");
    if (!dfn) p.push("the explained word is not exposed as a term (<dfn>)");
    await page.locator(".child-summary details.explain > summary").first().click();
    await cdp.detach();
  });

  await check(`${name}: in print the questions give way to "Words to know"`, async (p) => {
    await page.emulateMedia({ media: "print" });
    const shown = await page.evaluate(() => ({
      details: [...document.querySelectorAll("details.explain")].filter((d) => d.getClientRects().length > 0).length,
      words: document.querySelectorAll(".words dt").length,
      wordsShown: !!document.querySelector(".words")?.getClientRects().length,
    }));
    if (shown.details) p.push(`${shown.details} explanations still print`);
    if (!shown.wordsShown || shown.words === 0) p.push('"Words to know" does not print');
    await page.emulateMedia({ media: "screen" });
  });
  await context.close();

  // axe-core needs script: a second visit, every explanation open.
  await check(`${name}: zero axe-core violations with every explanation open`, async (p) => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const pg = await ctx.newPage();
    await pg.goto(url, { waitUntil: "load" });
    await pg.evaluate(() => document.querySelectorAll("details.explain").forEach((d) => (d.open = true)));
    await axe(pg, "explanations open, 375px", p);
    const wide = await pg.evaluate(() => document.documentElement.scrollWidth);
    if (wide > 375) p.push(`with explanations open the page scrolls sideways: ${wide}px at 375px`);
    await ctx.close();
  });
}
