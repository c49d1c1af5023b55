(function () {
  "use strict";
  // Article texts come from a JSON data block, never from executable script text.
  var node = document.getElementById("np-data");
  var data = { articles: {} };
  try { if (node) { data = JSON.parse(node.textContent || "{}"); } } catch (e) { data = { articles: {} }; }
  var texts = data.articles || {};
  var chars = {};

  function has(id) { return Object.prototype.hasOwnProperty.call(texts, id); }

  // Offsets count code points, as Python does; Array.from splits a string the same way.
  function codePoints(id) {
    if (!chars[id]) { chars[id] = Array.from(texts[id]); }
    return chars[id];
  }

  function container(id) {
    var els = document.querySelectorAll("[data-text-of]");
    for (var i = 0; i < els.length; i++) {
      if (els[i].getAttribute("data-text-of") === id) { return els[i]; }
    }
    return null;
  }

  function clear() {
    var marked = document.querySelectorAll("[data-marked]");
    for (var i = 0; i < marked.length; i++) {
      var id = marked[i].getAttribute("data-text-of");
      marked[i].textContent = has(id) ? texts[id] : marked[i].textContent;
      marked[i].removeAttribute("data-marked");
    }
    var active = document.querySelectorAll(".cite.active, .passage.active");
    for (var j = 0; j < active.length; j++) { active[j].classList.remove("active"); }
  }

  function highlight(id, start, end) {
    var el = container(id);
    if (!el || !has(id)) { return null; }
    var cp = codePoints(id);
    start = Math.max(0, Math.min(start, cp.length));
    end = Math.max(start, Math.min(end, cp.length));
    clear();
    var mark = document.createElement("mark");
    mark.className = "hl";
    mark.id = "np-highlight";
    mark.tabIndex = -1;
    mark.textContent = cp.slice(start, end).join("");
    el.textContent = "";
    el.appendChild(document.createTextNode(cp.slice(0, start).join("")));
    el.appendChild(mark);
    el.appendChild(document.createTextNode(cp.slice(end).join("")));
    el.setAttribute("data-marked", "1");
    return mark;
  }

  document.addEventListener("click", function (ev) {
    var target = ev.target;
    if (!target || !target.closest) { return; }
    var link = target.closest("a[data-article][data-start][data-end]");
    if (!link) { return; }
    var mark = highlight(link.getAttribute("data-article"),
                         parseInt(link.getAttribute("data-start"), 10) || 0,
                         parseInt(link.getAttribute("data-end"), 10) || 0);
    if (!mark) { return; }
    ev.preventDefault();
    link.classList.add("active");
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    showBack(link);
  });

  // A button that returns the reader to the citation they followed.
  var back = null;
  function showBack(link) {
    if (!back) {
      back = document.createElement("button");
      back.type = "button";
      back.className = "np-back noprint";
      back.textContent = "\u21a9 Back to the citation";
      document.body.appendChild(back);
    }
    back.onclick = function () {
      link.scrollIntoView({ block: "center" });
      link.focus({ preventScroll: true });
      back.hidden = true;
    };
    back.hidden = false;
  }

  // Printing shows every folded list.
  window.addEventListener("beforeprint", function () {
    var folded = document.querySelectorAll("details");
    for (var i = 0; i < folded.length; i++) { folded[i].open = true; }
  });
})();
