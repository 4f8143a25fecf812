// "Find an inspection": results as you type, from small index shards that
// Clarion writes (one per first letter of the words in authorities' names,
// one per year). Without this script the page is the A-Z list.
(function () {
  "use strict";
  var root = document.querySelector("[data-finder]");
  if (!root) {
    return;
  }
  if (!window.fetch || !String.prototype.normalize) {
    // The form is in the page from the start; a browser this old cannot
    // search, and uses the list below it.
    root.hidden = true;
    return;
  }
  var base = root.getAttribute("data-search-url");
  var form = root.querySelector("form");
  var q = root.querySelector("#finder-q");
  var year = root.querySelector("#finder-year");
  var grade = root.querySelector("#finder-grade");
  var kind = root.querySelector("#finder-kind");
  var status = root.querySelector(".finder-status");
  var list = root.querySelector(".finder-results");
  var meta = null;
  var cache = {};
  var latest = 0;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(s) {
    return fold(s).split(/[^a-z0-9]+/).filter(Boolean);
  }
  function shardFor(query) {
    var ws = words(query);
    var significant = ws.filter(function (w) { return meta.stop_words.indexOf(w) < 0; });
    var w = (significant.length ? significant : ws)[0];
    return w ? w.charAt(0) : null;
  }
  function load(name) {
    if (!cache[name]) {
      cache[name] = fetch(base + name + ".json").then(function (r) {
        return r.ok ? r.json() : [];
      });
    }
    return cache[name];
  }
  function option(select, value) {
    var o = document.createElement("option");
    o.value = String(value);
    o.textContent = String(value);
    select.appendChild(o);
  }
  function matches(entry, qWords) {
    var name = words(entry.a + " " + entry.t);
    return qWords.every(function (w) {
      return name.some(function (n) { return n.indexOf(w) === 0; });
    });
  }
  function show(entries) {
    list.textContent = "";
    entries.slice(0, 200).forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = e.u;
      a.textContent = e.t;
      li.appendChild(a);
      var p = document.createElement("p");
      p.className = "meta";
      p.textContent = [e.a, e.d, e.k, e.g ? "Overall: " + e.g : ""].filter(Boolean).join(" · ");
      li.appendChild(p);
      list.appendChild(li);
    });
    var n = entries.length;
    status.textContent = n === 0 ? "No inspections match." :
      (n === 1 ? "1 inspection matches." : n + " inspections match.") +
      (n > 200 ? " Showing the first 200: type more of the name to narrow it down." : "");
  }
  function run() {
    var text = q.value.trim();
    var qWords = words(text);
    var y = year.value, g = grade.value, k = kind.value;
    var names;
    if (qWords.length) {
      var s = shardFor(text);
      names = s && meta.shards[s] ? [s] : [];
    } else if (y) {
      names = ["year-" + y];
    } else if (g || k) {
      names = Object.keys(meta.shards);
    } else {
      list.textContent = "";
      status.textContent = "Type part of an authority's name, or choose a year, grade or kind.";
      return;
    }
    var ticket = ++latest;
    Promise.all(names.map(load)).then(function (shards) {
      if (ticket !== latest) {
        return;
      }
      var seen = {};
      var found = [];
      shards.forEach(function (shard) {
        shard.forEach(function (e) {
          if (seen[e.u]) { return; }
          if (qWords.length && !matches(e, qWords)) { return; }
          if (y && String(e.y) !== y) { return; }
          if (g && e.g !== g) { return; }
          if (k && e.k !== k) { return; }
          seen[e.u] = true;
          found.push(e);
        });
      });
      found.sort(function (a, b) { return (b.y || 0) - (a.y || 0) || (a.a < b.a ? -1 : 1); });
      show(found);
    });
  }

  load("index").then(function (m) {
    meta = m;
    meta.years.forEach(function (v) { option(year, v); });
    meta.grades.forEach(function (v) { option(grade, v); });
    meta.kinds.forEach(function (v) { option(kind, v); });
    var params = new URLSearchParams(location.search);
    q.value = params.get("q") || "";
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    [q, year, grade, kind].forEach(function (el) {
      el.addEventListener(el === q ? "input" : "change", run);
    });
    run();
  });

  // Full-text search with Pagefind, when the site was indexed by it.
  // Clarion writes placeholders for pagefind-ui.js and pagefind-ui.css that
  // Pagefind replaces, so these requests never fail: PagefindUI exists only
  // after indexing. The page links the style sheet, which shows the box
  // (with room for Pagefind's) only then, so mounting it here moves nothing.
  var pf = root.getAttribute("data-pagefind-url");
  var fullText = root.querySelector(".full-text");
  var script = document.createElement("script");
  script.src = pf + "pagefind-ui.js";
  script.onerror = function () { fullText.hidden = true; };
  script.onload = function () {
    if (typeof window.PagefindUI !== "function") {
      fullText.hidden = true;
      return;
    }
    // Pagefind's result links start at the site's root; GitHub Pages serves
    // a project site under a sub-path, so give Pagefind that path.
    new window.PagefindUI({
      element: "#full-text-search",
      baseUrl: pf.slice(0, -"pagefind/".length),
      showSubResults: true,
      resetStyles: false
    });
    // Pagefind's box is labelled only by its placeholder; name it by the
    // visible heading above it.
    var input = root.querySelector(".pagefind-ui__search-input");
    if (input) {
      input.setAttribute("aria-labelledby", "full-text-heading");
    }
  };
  document.head.appendChild(script);
})();
