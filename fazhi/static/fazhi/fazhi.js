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
