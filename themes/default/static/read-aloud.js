// "Read this page to me": the browser's own speech synthesis. The button
// shows only when the browser has a voice for the page's language, so it
// never sits there doing nothing. It reads what a sighted child sees in the
// page's main part, contacts included, each part in its own language's
// voice (from the nearest lang attribute). The page reads fully without it.
//
// The controls are a bar fixed at the foot of the screen (style.css), so
// the page does not move when they appear: voices load late (Chromium lists
// none at first), and a box in the flow would push the page down under the
// reader's finger. Its place in the page stays after the heading, among the
// first Tab stops; the page gets room at its end, and focus scrolls clear of
// the bar, so it never hides the last lines or a focused link.
(function () {
  "use strict";
  var box = document.querySelector("[data-read-aloud]");
  // All of the main part: the contacts and the word list too.
  var root = document.querySelector("main");
  if (!box || !root || !("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {
    return;
  }
  var synth = window.speechSynthesis;
  var play = box.querySelector('[data-action="play"]');
  var pause = box.querySelector('[data-action="pause"]');
  var stop = box.querySelector('[data-action="stop"]');
  if (!play || !pause || !stop) {
    return;
  }
  var pageLang = document.documentElement.lang || "en";
  var pauseLabel = pause.getAttribute("data-label-pause") || pause.textContent;
  var resumeLabel = pause.getAttribute("data-label-resume") || pause.textContent;
  // Bumped by Stop, so the end of an utterance already cancelled is ignored.
  var run = 0;

  // A language tag as voices and lang attributes are compared: "en-gb".
  function tag(lang) {
    return String(lang || "").toLowerCase().replace(/_/g, "-");
  }

  // The best voice for a language: the same tag, else the same language.
  function voiceFor(lang) {
    var voices = synth.getVoices ? synth.getVoices() || [] : [];
    var want = tag(lang);
    var wantPrimary = want.split("-")[0];
    var same = null;
    for (var i = 0; i < voices.length; i++) {
      var v = tag(voices[i].lang);
      if (v === want) return voices[i];
      if (!same && v.split("-")[0] === wantPrimary) same = voices[i];
    }
    return same;
  }

  function show(playing, paused) {
    pause.hidden = !playing;
    stop.hidden = !playing;
    pause.textContent = paused ? resumeLabel : pauseLabel;
    play.hidden = playing;
    box.setAttribute("data-state", playing ? (paused ? "paused" : "playing") : "stopped");
  }

  // Elements a sighted child does not see, or that are not the page's words.
  // A closed disclosure (a glossary word's "What does the word X mean?") is
  // left out whole, question too: read after nearly every paragraph, the
  // questions would break up the page. One the child has opened is read,
  // question and answer, where it stands.
  var SKIP = "[hidden], [aria-hidden='true'], .visually-hidden, script, style, template, audio, .listen, [data-read-aloud], [data-read-skip], .language-switcher, details:not([open])";
  var BLOCK = /^(P|LI|H1|H2|H3|H4|H5|H6|DT|DD|TD|TH|FIGCAPTION|BLOCKQUOTE|SUMMARY|CAPTION|LEGEND|DIV|SECTION|UL|OL|DL|TABLE|TR|DETAILS|NAV|HEADER|FOOTER|ARTICLE|ASIDE)$/;

  function hidden(el) {
    if (el.closest(SKIP)) return true;
    var style = window.getComputedStyle(el);
    return style.display === "none" || style.visibility === "hidden";
  }

  // The page's words as parts: one per block and language, in order, each
  // with the language of the element it is in.
  function parts() {
    var out = [];
    var current = null;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, null);
    var lastBlock = null;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var el = node.parentElement;
      if (!el || hidden(el)) continue;
      // A space between two inline elements still parts their words.
      if (!node.nodeValue.trim()) {
        if (current) current.text += " ";
        continue;
      }
      var langEl = el.closest("[lang]");
      var lang = (langEl && langEl.getAttribute("lang")) || pageLang;
      var block = el;
      while (block && block !== root && !BLOCK.test(block.tagName)) block = block.parentElement;
      if (!current || current.lang !== lang || block !== lastBlock) {
        current = { lang: lang, text: "" };
        out.push(current);
      }
      current.text += node.nodeValue;
      lastBlock = block;
    }
    return out
      .map(function (p) { return { lang: p.lang, text: p.text.replace(/\s+/g, " ").trim() }; })
      .filter(function (p) { return p.text; });
  }

  function start() {
    synth.cancel();
    run++;
    var mine = run;
    var list = parts();
    if (!list.length) return;
    list.forEach(function (part, k) {
      var u = new SpeechSynthesisUtterance(part.text);
      u.lang = part.lang;
      var v = voiceFor(part.lang);
      if (v) u.voice = v;
      u.rate = 0.9;
      if (k === list.length - 1) {
        u.onend = function () { if (mine === run) finish(); };
      }
      u.onerror = function (e) {
        // "interrupted"/"canceled" are Stop's own doing.
        if (mine === run && (!e || (e.error !== "interrupted" && e.error !== "canceled"))) finish();
      };
      synth.speak(u);
    });
    show(true, false);
    // Play is hidden now: Pause stands where it was.
    pause.focus();
  }

  // Back to the start, keeping focus on the controls, never on the page top.
  function finish() {
    var inBox = box.contains(document.activeElement);
    show(false, false);
    if (inBox) play.focus();
  }

  play.addEventListener("click", start);
  pause.addEventListener("click", function () {
    if (synth.paused) {
      synth.resume();
      show(true, false);
    } else {
      synth.pause();
      show(true, true);
    }
  });
  stop.addEventListener("click", function () {
    run++;
    synth.cancel();
    show(false, false);
    play.focus();
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });

  // The bar's height, for the room kept for it at the end of the page and
  // above it when focus moves (--read-aloud-height in style.css).
  var html = document.documentElement;
  function room() {
    html.style.setProperty("--read-aloud-height", box.offsetHeight + "px");
  }
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(room).observe(box);
  }

  // Voices load late in some browsers: offer the button once one for the
  // page's language is there, and hide it if none is.
  function offer() {
    var on = !!voiceFor(pageLang);
    box.hidden = !on;
    html.classList.toggle("read-aloud-on", on);
    if (on) room();
  }
  offer();
  if (synth.addEventListener) {
    synth.addEventListener("voiceschanged", offer);
  } else {
    synth.onvoiceschanged = offer;
  }
})();
