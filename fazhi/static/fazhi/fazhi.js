// The site's only script of its own (the CSP allows no inline script): links marked data-print print the page.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-print]");
  if (link) {
    event.preventDefault();
    window.print();
  }
});
