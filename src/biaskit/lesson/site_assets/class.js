/* The class page: load the students' saved marks (several JSON files), check each file and
   count, per article and per word, how many students marked it and whether the kit flags it.
   Everything from the files reaches the page through textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("bk-data").textContent);
  var A = data.articles;
  var out = document.getElementById("bk-class");
  var errs = document.getElementById("bk-errors");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function isInt(x) { return typeof x === "number" && Number.isInteger(x); }
  function check(obj) {
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) return "not a marks file (no JSON object)";
    if (obj.schema !== "biaskit-marks" || obj.version !== 1) return "not a biaskit marks file (schema)";
    if (typeof obj.article !== "string" || !Object.prototype.hasOwnProperty.call(A, obj.article))
      return "its article is not in this lesson pack";
    if (obj.name !== undefined && typeof obj.name !== "string") return "the name is not text";
    if (!Array.isArray(obj.marks)) return "it has no list of marks";
    var n = A[obj.article].n_chars;
    for (var i = 0; i < obj.marks.length; i++) {
      var m = obj.marks[i];
      if (!m || !isInt(m.start) || !isInt(m.end) || typeof m.text !== "string" ||
          m.start < 0 || m.end <= m.start || m.end > n || m.text.length > 200)
        return "mark " + (i + 1) + " is not a word of the article";
    }
    return null;
  }
  function overlaps(a, b) { return a.start < b.end && b.start < a.end; }
  function aggregate(files) {
    var per = {};
    files.forEach(function (f) {
      var art = A[f.article];
      var agg = per[f.article] || (per[f.article] = {
        names: [], kit: art.kit.map(function (k) { return { text: k.text, n: 0, kit: true }; }),
        extra: {}
      });
      agg.names.push(f.name || "(no name)");
      art.kit.forEach(function (k, i) {
        if (f.marks.some(function (m) { return overlaps(m, k); })) agg.kit[i].n += 1;
      });
      var seen = {};
      f.marks.forEach(function (m) {
        if (art.kit.some(function (k) { return overlaps(m, k); })) return;
        var key = m.start + ":" + m.end;
        if (seen[key]) return;
        seen[key] = true;
        var row = agg.extra[key] || (agg.extra[key] = { text: m.text, n: 0, kit: false });
        row.n += 1;
      });
    });
    return per;
  }
  function render(per) {
    out.replaceChildren();
    Object.keys(per).sort().forEach(function (id) {
      var agg = per[id], art = A[id];
      var sec = el("section", undefined, "bk-class-article");
      sec.setAttribute("data-article", id);
      sec.appendChild(el("h2", art.outlet + " — " + art.title));
      sec.appendChild(el("p", data.words.students + ": " + agg.names.length + " (" + agg.names.join(", ") + ")"));
      var rows = agg.kit.concat(Object.keys(agg.extra).map(function (k) { return agg.extra[k]; }));
      rows.sort(function (a, b) { return b.n - a.n || (b.kit - a.kit); });
      var t = el("table"), head = el("tr");
      [data.words.word, data.words.marked_by, data.words.kit_flags].forEach(function (h) { head.appendChild(el("th", h)); });
      t.appendChild(head);
      rows.forEach(function (r) {
        var tr = el("tr", undefined, r.kit ? "kit" : "extra");
        tr.appendChild(el("td", r.text));
        tr.appendChild(el("td", String(r.n), "num"));
        tr.appendChild(el("td", r.kit ? data.words.yes : data.words.no));
        t.appendChild(tr);
      });
      sec.appendChild(t);
      out.appendChild(sec);
    });
  }
  function readText(file) {
    return new Promise(function (resolve) {
      var r = new FileReader();
      r.onload = function () { resolve(String(r.result)); };
      r.onerror = function () { resolve(null); };
      r.readAsText(file);
    });
  }
  document.getElementById("bk-files").addEventListener("change", function (e) {
    var files = Array.prototype.slice.call(e.target.files);
    Promise.all(files.map(readText)).then(function (texts) {
      errs.replaceChildren();
      var good = [];
      texts.forEach(function (text, i) {
        var obj = null, problem = null;
        if (text === null) problem = "could not be read";
        else {
          try { obj = JSON.parse(text); } catch (err) { problem = "is not a JSON file"; }
        }
        problem = problem || check(obj);
        if (problem) errs.appendChild(el("li", files[i].name + ": " + problem, "bk-error"));
        else good.push(obj);
      });
      document.getElementById("bk-loaded").textContent =
        data.words.loaded.replace("{n}", good.length).replace("{m}", files.length);
      render(aggregate(good));
    });
  });
})();
