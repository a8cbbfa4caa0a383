/* Guess, then reveal: students mark words, compare with the kit, save their marks as JSON.
   Text from the data goes into the page with textContent only. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("bk-data").textContent);
  var W = data.words;
  var spans = Array.prototype.slice.call(document.querySelectorAll("#bk-guess .w"));
  var revealed = false;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function marks() {
    return spans.filter(function (s) { return s.classList.contains("marked"); })
      .map(function (s) { return { start: +s.dataset.s, end: +s.dataset.e, text: s.textContent }; });
  }
  function overlaps(a, b) { return a.start < b.end && b.start < a.end; }
  function compare(ms) {
    var found = data.kit.map(function (k) { return ms.some(function (m) { return overlaps(m, k); }); });
    var extra = ms.filter(function (m) { return !data.kit.some(function (k) { return overlaps(m, k); }); });
    return {
      agree: found.filter(Boolean).length,
      miss: found.filter(function (f) { return !f; }).length,
      extra: extra.length, found: found
    };
  }
  function counter() {
    document.getElementById("bk-marked").textContent = W.marked.replace("{n}", marks().length);
  }
  function reveal() {
    revealed = true;
    var ms = marks();
    var r = compare(ms);
    document.getElementById("bk-agree").textContent = r.agree;
    document.getElementById("bk-miss").textContent = r.miss;
    document.getElementById("bk-extra").textContent = r.extra;
    document.getElementById("bk-result").hidden = false;
    spans.forEach(function (s) {
      var w = { start: +s.dataset.s, end: +s.dataset.e };
      var kit = data.kit.some(function (k) { return overlaps(w, k); });
      var marked = s.classList.contains("marked");
      s.classList.toggle("agree", kit && marked);
      s.classList.toggle("miss", kit && !marked);
      s.classList.toggle("extra", !kit && marked);
    });
    var list = document.getElementById("bk-kit-list");
    list.replaceChildren();
    data.kit.forEach(function (k, i) {
      var li = el("li", undefined, r.found[i] ? "agree" : "miss");
      li.appendChild(el("b", k.text));
      li.appendChild(el("span", " — " + k.label + " · " + (r.found[i] ? W.agree : W.miss) + ". "));
      li.appendChild(el("span", k.note));
      if (k.neutral) li.appendChild(el("span", " " + W.neutral + " " + k.neutral));
      list.appendChild(li);
    });
    if (!data.kit.length) list.appendChild(el("li", W.none));
  }
  function toggle(s) {
    s.classList.toggle("marked");
    s.setAttribute("aria-pressed", s.classList.contains("marked") ? "true" : "false");
    counter();
    if (revealed) reveal();
  }
  spans.forEach(function (s) {
    s.setAttribute("role", "button");
    s.setAttribute("tabindex", "0");
    s.setAttribute("aria-pressed", "false");
    s.addEventListener("click", function () { toggle(s); });
    s.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(s); }
    });
  });
  document.getElementById("bk-reveal").addEventListener("click", reveal);
  document.getElementById("bk-clear").addEventListener("click", function () {
    spans.forEach(function (s) { s.classList.remove("marked", "agree", "miss", "extra"); });
    revealed = false;
    document.getElementById("bk-result").hidden = true;
    counter();
  });
  document.getElementById("bk-save").addEventListener("click", function () {
    var name = document.getElementById("bk-name").value.trim().slice(0, 80);
    var out = { schema: "biaskit-marks", version: 1, article: data.id, title: data.title,
                name: name, marks: marks() };
    var blob = new Blob([JSON.stringify(out, null, 1)], { type: "application/json" });
    var a = document.createElement("a");
    var who = (name || "student").replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 40) || "student";
    a.href = URL.createObjectURL(blob);
    a.download = "marks-" + data.slug + "-" + who + ".json";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });
  counter();
})();
