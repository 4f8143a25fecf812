// "Read this page to me": the browser's own speech synthesis, offered only
// where the browser has it. The page reads fully without this script.
(function () {
  "use strict";
  var box = document.querySelector("[data-read-aloud]");
  var root = document.querySelector("[data-read-root]");
  if (!box || !root || !("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {
    return;
  }
  var synth = window.speechSynthesis;
  var play = box.querySelector('[data-action="play"]');
  var pause = box.querySelector('[data-action="pause"]');
  var stop = box.querySelector('[data-action="stop"]');
  var lang = document.documentElement.lang || "en";

  function show(playing, paused) {
    pause.hidden = !playing;
    stop.hidden = !playing;
    pause.textContent = paused ? "Carry on" : "Pause";
    play.hidden = playing;
    box.setAttribute("data-state", playing ? (paused ? "paused" : "playing") : "stopped");
  }

  function text() {
    // Read what a sighted child sees, not hidden text or the buttons.
    var clone = root.cloneNode(true);
    clone.querySelectorAll("[hidden], [aria-hidden='true'], .visually-hidden").forEach(function (n) { n.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  play.addEventListener("click", function () {
    synth.cancel();
    var u = new SpeechSynthesisUtterance(text());
    u.lang = lang;
    u.rate = 0.9;
    u.onend = function () { show(false, false); };
    u.onerror = function () { show(false, false); };
    synth.speak(u);
    show(true, false);
    pause.focus();
  });
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
    synth.cancel();
    show(false, false);
    play.focus();
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });
  box.hidden = false;
})();
