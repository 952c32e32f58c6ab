// The review page (return_xml.review): select a finding or a fact to see its box on the page.
// Keys: j or n next finding, k or p previous (and ArrowDown / ArrowUp from a finding); Enter or Space on a focused
// entry selects it; Escape clears the selection.
(function () {
  "use strict";
  var findings = Array.prototype.slice.call(document.querySelectorAll("#findings .item"));
  var lit = [];

  function clear() {
    lit.forEach(function (m) { m.classList.remove("lit"); });
    Array.prototype.forEach.call(document.querySelectorAll(".selected"), function (e) { e.classList.remove("selected"); });
    lit = [];
  }

  // Light the marks ``ids`` (space-separated), mark ``entry`` as selected, and bring the first mark into view.
  function show(ids, entry, page) {
    clear();
    lit = ids.split(" ").filter(Boolean).map(function (id) { return document.getElementById(id); }).filter(Boolean);
    lit.forEach(function (m) { m.classList.add("lit"); });
    if (entry) { entry.classList.add("selected"); }
    if (lit.length) {
      lit[0].scrollIntoView({ block: "center", inline: "nearest" });
    } else if (page) {
      var figure = document.getElementById("page-" + page);
      if (figure) { figure.scrollIntoView({ block: "start" }); }
    }
  }

  function select(entry) {
    show(entry.dataset.marks || entry.dataset.mark || "", entry, entry.dataset.page);
    entry.focus({ preventScroll: true });
  }

  function step(delta) {
    if (!findings.length) { return; }
    var at = findings.indexOf(document.activeElement);
    if (at < 0) { at = findings.findIndex(function (f) { return f.classList.contains("selected"); }); }
    var next = at < 0 ? (delta > 0 ? 0 : findings.length - 1) : Math.min(findings.length - 1, Math.max(0, at + delta));
    findings[next].scrollIntoView({ block: "nearest" });
    select(findings[next]);
  }

  var entries = findings.concat(Array.prototype.slice.call(document.querySelectorAll("#facts .fact[data-mark]")));
  entries.forEach(function (entry) {
    entry.addEventListener("click", function () { select(entry); });
    entry.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(entry); }
    });
  });

  // A box on the page selects its fact in the side panel.
  Array.prototype.forEach.call(document.querySelectorAll(".mark"), function (mark) {
    mark.addEventListener("click", function () {
      var row = document.querySelector('#facts .fact[data-mark="' + mark.id + '"]');
      show(mark.id, row, null);
      if (row) { row.scrollIntoView({ block: "nearest" }); }
    });
  });

  document.addEventListener("keydown", function (event) {
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || event.altKey || event.ctrlKey || event.metaKey) { return; }
    // The arrows move between findings only from a finding: elsewhere they still scroll.
    var onFinding = findings.indexOf(document.activeElement) >= 0;
    if (event.key === "j" || event.key === "n" || (onFinding && event.key === "ArrowDown")) { event.preventDefault(); step(1); }
    else if (event.key === "k" || event.key === "p" || (onFinding && event.key === "ArrowUp")) { event.preventDefault(); step(-1); }
    else if (event.key === "Escape") { clear(); }
  });

  var filter = document.getElementById("filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var wanted = filter.value.trim().toLowerCase();
      Array.prototype.forEach.call(document.querySelectorAll("#facts .fact"), function (row) {
        row.hidden = wanted !== "" && row.textContent.toLowerCase().indexOf(wanted) < 0;
      });
    });
  }
}());
