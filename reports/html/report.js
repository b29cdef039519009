(function () {
  "use strict";
  var q = document.getElementById("fq");
  var sev = document.getElementById("fsev");
  var kind = document.getElementById("fkind");
  var waived = document.getElementById("fwaived");
  var shown = document.getElementById("fshown");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.f"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.fgroup"));
  var texts = null;
  function apply() {
    if (texts === null) {
      texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    }
    var needle = q ? q.value.trim().toLowerCase() : "";
    var s = sev ? sev.value : "";
    var k = kind ? kind.value : "";
    var w = waived ? waived.checked : true;
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!s || r.getAttribute("data-sev") === s) &&
        (!k || r.closest("section.fgroup").getAttribute("data-kind") === k) &&
        (w || r.getAttribute("data-waived") !== "1") &&
        (!needle || texts[i].indexOf(needle) >= 0);
      r.hidden = !ok;
      if (ok) { n++; }
    }
    groups.forEach(function (g) {
      g.hidden = g.querySelector("tr.f:not([hidden])") === null;
    });
    if (shown) { shown.textContent = String(n); }
  }
  var timer = 0;
  function later() {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  }
  if (q) { q.addEventListener("input", later); }
  [sev, kind, waived].forEach(function (el) {
    if (el) { el.addEventListener("change", apply); }
  });
  function key(row, col, num) {
    var cell = row.cells[col];
    if (!cell) { return num ? 0 : ""; }
    var v = cell.getAttribute("data-k");
    if (v === null) { v = cell.textContent.trim(); }
    return num ? (parseFloat(v) || 0) : v.toLowerCase();
  }
  Array.prototype.forEach.call(document.querySelectorAll("th[data-sort]"), function (th) {
    th.addEventListener("click", function () {
      var table = th.closest("table");
      var body = table.tBodies[0];
      var col = th.cellIndex;
      var num = th.getAttribute("data-sort") === "num";
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      Array.prototype.forEach.call(table.querySelectorAll("th[aria-sort]"), function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var list = Array.prototype.slice.call(body.rows);
      list.sort(function (a, b) {
        var x = key(a, col, num), y = key(b, col, num);
        return x < y ? -dir : x > y ? dir : 0;
      });
      var frag = document.createDocumentFragment();
      list.forEach(function (r) { frag.appendChild(r); });
      body.appendChild(frag);
    });
  });
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
})();
