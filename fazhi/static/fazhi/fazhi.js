// The site's only script of its own (the CSP allows no inline script): links marked data-print print the page.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-print]");
  if (link) {
    event.preventDefault();
    window.print();
  }
});
// Ask before an irreversible step (作出决定、申请法院强制执行…): a form with data-confirm asks its question first.
// No inline script, so the page's Content-Security-Policy can forbid them.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form && form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);
// --- annual report: insert a figure token or a suggested sentence into the text box last focused (or the one named
// by data-insert-into). Without script the page still shows the {{token}} to type by hand.
(function () {
  var lastFocused = null;
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-figure-target]")) {
      lastFocused = event.target;
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-insert-text]");
    if (!button) return;
    var named = button.getAttribute("data-insert-into");
    var box = (named && document.getElementById(named)) || lastFocused ||
      document.querySelector("textarea[data-figure-target]");
    if (!box) return;
    var text = button.getAttribute("data-insert-text");
    var start = box.selectionStart, end = box.selectionEnd;
    if (named) {
      box.value = box.value.replace(/\s*$/, "") + (box.value.trim() ? "\n" : "") + text;
    } else {
      box.value = box.value.slice(0, start) + text + box.value.slice(end);
      box.selectionStart = box.selectionEnd = start + text.length;
    }
    box.focus();
  });
})();

// --- browser (helper E): publication redaction — mask by selecting text -------------------------------------------
// The reviewer selects words in the original text (an element with data-fz-mask-source="<input id>"); the selection
// fills that input, which stays an ordinary text field (the no-script fallback: type or paste the words).
document.documentElement.classList.add("fz-js");
document.addEventListener("selectionchange", function () {
  var selection = window.getSelection && window.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) {
    return;
  }
  var node = selection.getRangeAt(0).commonAncestorContainer;
  var element = node.nodeType === 1 ? node : node.parentElement;
  var source = element && element.closest("[data-fz-mask-source]");
  if (!source) {
    return;
  }
  var input = document.getElementById(source.getAttribute("data-fz-mask-source"));
  var text = selection.toString().trim();
  if (input && text) {
    input.value = text.slice(0, 200);
    input.classList.add("fz-mask-picked");
  }
});
// --- end browser: redaction -----------------------------------------------------------------------------------------

// --- steps opened on demand (ADR 0082): a step's link GETs its form into place through htmx. When the server refuses
// (the step is no longer open to this user — someone else took it, or the rules now block it), htmx would swap nothing;
// follow the link instead, so the officer sees the page's Chinese explanation.
document.addEventListener("htmx:responseError", function (event) {
  var link = event.detail && event.detail.elt;
  if (link && link.matches && link.matches("a[data-testid=step-open]")) {
    window.location.href = link.href;
  }
});
// When a step's form has been swapped in, put the focus in it: the link that was clicked is gone, and a keyboard or
// screen-reader user would otherwise be left at the top of the page.
document.addEventListener("htmx:load", function (event) {
  var section = event.detail && event.detail.elt;
  if (!section || !section.matches || !section.matches("section.step")) {
    return;
  }
  var field = section.querySelector(
    "form input:not([type=hidden]):not([disabled]), form select:not([disabled]), form textarea:not([disabled])"
  ) || section.querySelector("form button");
  if (field) {
    field.focus();
  }
});
