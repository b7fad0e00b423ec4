// Ask before an irreversible step (作出决定、申请法院强制执行…): a form with data-confirm asks its question first.
// No inline script, so the page's Content-Security-Policy can forbid them.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form && form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);
