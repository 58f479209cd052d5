/* newsprism report: opens cited passages in the source panel and toggles
   removed pieces. Article text only ever reaches the page via textContent
   and text nodes, never as markup. Offsets in data-s/data-e are UTF-16. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("np-data").textContent);
  var layout = document.getElementById("layout");
  var panel = document.getElementById("source");
  var title = document.getElementById("source-title");
  var meta = document.getElementById("source-meta");
  var note = document.getElementById("source-note");
  var body = document.getElementById("source-text");
  var opener = null;

  function openSource(button) {
    var article = data.articles[Number(button.getAttribute("data-a"))];
    if (!article) { return; }
    var text = article.text;
    var start = Number(button.getAttribute("data-s"));
    var end = Number(button.getAttribute("data-e"));
    title.textContent = "[" + button.getAttribute("data-n") + "] " + article.label;
    meta.textContent = [article.title, article.published, article.id].filter(Boolean).join(" · ");
    note.textContent = button.getAttribute("data-note") || "";
    note.hidden = !note.textContent;
    body.textContent = "";
    var mark = null;
    if (start >= 0 && start <= end && end <= text.length) {
      body.appendChild(document.createTextNode(text.slice(0, start)));
      mark = document.createElement("mark");
      mark.id = "source-mark";
      mark.textContent = text.slice(start, end);
      body.appendChild(mark);
      body.appendChild(document.createTextNode(text.slice(end)));
    } else {
      body.textContent = text;
    }
    var previous = document.querySelectorAll("[aria-current='true']");
    for (var i = 0; i < previous.length; i++) { previous[i].removeAttribute("aria-current"); }
    button.setAttribute("aria-current", "true");
    panel.hidden = false;
    layout.classList.add("with-source");
    opener = button;
    panel.focus({ preventScroll: true });
    body.scrollTop = mark ? Math.max(0, mark.offsetTop - body.clientHeight / 3) : 0;
  }

  function closeSource() {
    panel.hidden = true;
    layout.classList.remove("with-source");
    if (opener) { opener.removeAttribute("aria-current"); opener.focus(); }
  }

  /* A story's body is an inert template until the story is opened: then it becomes page content, once. */
  function storyOf(id) {
    var stem = /^st\d+/.exec(id || "");
    return stem ? document.getElementById(stem[0]) : null;
  }

  function openStory(section, show) {
    if (!section || !section.classList.contains("story")) { return; }
    var button = section.querySelector(":scope > .open-story");
    var body = document.getElementById(section.id + "-body");
    var template = body ? body.querySelector(":scope > template") : null;
    if (template) {
      body.insertBefore(document.importNode(template.content, true), template);
      body.removeChild(template);
      prepare(body);
    }
    if (show && section.classList.contains("single")) { showSingles(true); }
    if (body && show !== undefined) { body.hidden = !show; }
    if (button && body) {
      button.setAttribute("aria-expanded", body.hidden ? "false" : "true");
      button.textContent = button.getAttribute(body.hidden ? "data-show" : "data-hide");
    }
  }

  /* The coverage matrix: one tab stop, arrow keys between marks, and a filter of its rows. */
  function rowShown(row) {
    return !row.classList.contains("filtered-out") && !row.parentElement.hidden;
  }

  function visibleRows(table) {
    return Array.prototype.filter.call(table.querySelectorAll("tbody > tr"), rowShown);
  }

  function shownMark(button) { return rowShown(button.closest("tr")); }

  /* One tab stop per matrix, on a mark that can be seen (the first, unless the reader moved it). */
  function rove(table) {
    var marks = table.querySelectorAll("button.cell"), stop = null, i;
    for (i = 0; i < marks.length; i++) {
      if (marks[i].tabIndex === 0 && marks[i].hasAttribute("data-stop") && shownMark(marks[i])) { stop = marks[i]; }
    }
    for (i = 0; i < marks.length && !stop; i++) { if (shownMark(marks[i])) { stop = marks[i]; } }
    for (i = 0; i < marks.length; i++) { marks[i].tabIndex = marks[i] === stop ? 0 : -1; }
    if (stop) { stop.setAttribute("data-stop", ""); }
  }

  function moveTo(from, to) {
    if (!to) { return; }
    from.tabIndex = -1;
    from.removeAttribute("data-stop");
    to.tabIndex = 0;
    to.setAttribute("data-stop", "");
    to.focus();
  }

  function markKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var button = event.target;
    var table = button.closest ? button.closest("table.matrix") : null;
    if (!table || !button.classList.contains("cell")) { return; }
    var cell = button.parentElement, row = cell.parentElement;
    var inRow = Array.prototype.slice.call(row.querySelectorAll("button.cell"));
    var at = inRow.indexOf(button), target = null;
    if (event.key === "ArrowRight") { target = inRow[at + 1]; }
    else if (event.key === "ArrowLeft") { target = inRow[at - 1]; }
    else if (event.key === "Home") { target = inRow[0]; }
    else if (event.key === "End") { target = inRow[inRow.length - 1]; }
    else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var rows = visibleRows(table), column = Array.prototype.indexOf.call(row.children, cell);
      var step = event.key === "ArrowDown" ? 1 : -1;
      for (var r = rows.indexOf(row) + step; r >= 0 && r < rows.length && !target; r += step) {
        var other = rows[r].children[column];
        target = other ? other.querySelector("button.cell") : null;
      }
    } else { return; }
    event.preventDefault();
    moveTo(button, target);
  }

  function filterMatrix(group, value) {
    var table = document.getElementById(group.getAttribute("data-table"));
    if (!table) { return; }
    var more = table.querySelector("tbody[hidden]");
    if (value && more) {
      var opener = document.querySelector("button.toggle[aria-controls='" + more.id + "']");
      if (opener) { toggle(opener); } else { more.hidden = false; }
    }
    Array.prototype.forEach.call(table.querySelectorAll("tbody > tr"), function (row) {
      row.classList.toggle("filtered-out", Boolean(value) && !row.classList.contains(value));
    });
    rove(table);
  }

  function prepare(root) {
    var tables = root.querySelectorAll("table.matrix");
    for (var i = 0; i < tables.length; i++) { rove(tables[i]); }
  }

  document.addEventListener("change", function (event) {
    var group = event.target.closest ? event.target.closest(".matrix-filter") : null;
    if (group) { filterMatrix(group, event.target.value); }
  });

  /* A mark the reader clicks or reaches becomes the matrix's tab stop. */
  document.addEventListener("focusin", function (event) {
    var button = event.target;
    var table = button.closest ? button.closest("table.matrix") : null;
    if (!table || !button.classList.contains("cell") || button.tabIndex === 0) { return; }
    var marks = table.querySelectorAll("button.cell");
    for (var i = 0; i < marks.length; i++) { marks[i].tabIndex = -1; marks[i].removeAttribute("data-stop"); }
    button.tabIndex = 0;
    button.setAttribute("data-stop", "");
  });

  function openFromAddress() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var section = storyOf(id);
    if (!section) { return; }
    openStory(section, true);
    var target = document.getElementById(id);
    if (target) { target.scrollIntoView(); }
  }

  function showSingles(on) {
    document.documentElement.classList.toggle("show-single", on);
    var box = document.getElementById("show-single");
    if (box) { box.checked = on; }
  }

  function toggle(button) {
    var target = document.getElementById(button.getAttribute("aria-controls"));
    if (!target) { return; }
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.textContent = button.getAttribute(open ? "data-hide" : "data-show");
    target.hidden = !open;
    var table = target.closest ? target.closest("table.matrix") : null;
    if (table) { rove(table); }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button") : null;
    if (!button) { return; }
    if (button.classList.contains("open-story")) {
      openStory(button.parentElement, button.getAttribute("aria-expanded") !== "true");
      return;
    }
    if (button.hasAttribute("data-a")) { openSource(button); }
    else if (button.classList.contains("toggle")) { toggle(button); }
    else if (button.id === "source-close") { closeSource(); }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#st']") : null;
    if (link) {
      var section = storyOf(link.getAttribute("href").slice(1));
      if (section) { openStory(section, true); }
    }
  }, true);

  /* The index: search, filters and order, applied to the list and to the stories alike. */
  var list = document.querySelector(".story-nav");
  var find = document.getElementById("find");
  var byOutlet = document.getElementById("by-outlet");
  var byLean = document.getElementById("by-lean");
  var newsOnly = document.getElementById("news-only");
  var order = document.getElementById("sort");
  var found = document.getElementById("found");

  function matches(row) {
    var words = find ? find.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    var title = row.getAttribute("data-words");
    for (var i = 0; i < words.length; i++) { if (title.indexOf(words[i]) < 0) { return false; } }
    if (byOutlet && byOutlet.value && row.getAttribute("data-voices").indexOf("|" + byOutlet.value + "|") < 0) { return false; }
    var lean = byLean ? byLean.value : "";
    var blindspot = row.getAttribute("data-blindspot");
    if (lean === "blindspot" && !blindspot) { return false; }
    if (lean.indexOf("blindspot-") === 0 && blindspot !== lean.slice(10)) { return false; }
    if ((lean === "left" || lean === "right") && Number(row.getAttribute("data-" + lean)) === 0) { return false; }
    if (newsOnly && newsOnly.checked && row.getAttribute("data-news") !== "1") { return false; }
    return true;
  }

  function sortKey(row) {
    var how = order ? order.value : "";
    if (how === "newest") { return [row.getAttribute("data-day") ? 0 : 1, row.getAttribute("data-day")]; }
    if (how === "outlets") { return [-Number(row.getAttribute("data-outlets")), ""]; }
    return [0, ""];
  }

  function applyIndex() {
    if (!list) { return; }
    var rows = Array.prototype.slice.call(list.children);
    var shown = 0;
    rows.forEach(function (row) {
      var ok = matches(row);
      row.classList.toggle("filtered-out", !ok);
      var section = document.getElementById(row.getAttribute("data-story"));
      if (section) { section.classList.toggle("filtered-out", !ok); }
      if (ok && (!row.classList.contains("single") || document.documentElement.classList.contains("show-single"))) { shown++; }
    });
    rows.sort(function (a, b) {
      var x = sortKey(a), y = sortKey(b);
      if (x[0] !== y[0]) { return x[0] - y[0]; }
      if (x[1] !== y[1]) { return x[1] < y[1] ? 1 : -1; }  /* later days first */
      return Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
    });
    var end = document.getElementById("stories-end");
    rows.forEach(function (row) {
      list.appendChild(row);
      var section = document.getElementById(row.getAttribute("data-story"));
      if (section && end) { end.parentNode.insertBefore(section, end); }
    });
    if (found) { found.textContent = shown + " of " + rows.length + " stories shown"; }
  }

  [find, byOutlet, byLean, newsOnly, order].forEach(function (control) {
    if (control) { control.addEventListener(control === find ? "input" : "change", applyIndex); }
  });

  var singles = document.getElementById("show-single");
  if (singles) {
    singles.addEventListener("change", function () { showSingles(singles.checked); applyIndex(); });
    showSingles(singles.checked);
    window.addEventListener("pageshow", function () { showSingles(singles.checked); });
  }
  window.addEventListener("hashchange", openFromAddress);

  document.addEventListener("keydown", markKey);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { closeSource(); }
  });

  document.documentElement.classList.add("js");
  prepare(document);
  applyIndex();
  openFromAddress();
})();
