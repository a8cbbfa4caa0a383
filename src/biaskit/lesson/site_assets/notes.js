/* Notes open on click, tap or Enter: the note of a highlighted word in a panel.
   The panel gets copies of the page's own note nodes; nothing is parsed as HTML. */
(function () {
  "use strict";
  var pop = document.getElementById("bk-pop");
  if (!pop) return;
  var body = pop.querySelector(".bk-pop-body");
  function open(mark) {
    var li = document.getElementById(mark.getAttribute("data-note"));
    if (!li) return;
    body.replaceChildren();
    li.childNodes.forEach(function (n) { body.appendChild(n.cloneNode(true)); });
    pop.hidden = false;
    pop.querySelector(".bk-pop-close").focus();
  }
  document.addEventListener("click", function (e) {
    var mark = e.target.closest("mark.bk");
    if (mark) { e.preventDefault(); open(mark); return; }
    if (e.target.closest(".bk-pop-close")) pop.hidden = true;
  });
  document.addEventListener("keydown", function (e) {
    var mark = e.target.closest && e.target.closest("mark.bk");
    if (mark && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); open(mark); }
    if (e.key === "Escape") pop.hidden = true;
  });
})();
