// Small page behaviours, declared with data attributes: the Content-Security-Policy allows
// no inline event handlers, so the pages name what they want and this file does it.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches("[data-navigate]")) { window.location = el.value; }
    else if (el.matches("[data-autosubmit]") && el.form) { el.form.submit(); }
  });
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-print], [data-back]");
    if (!el) { return; }
    event.preventDefault();
    if (el.hasAttribute("data-print")) { window.print(); } else { window.history.back(); }
  });
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest && event.target.closest("[data-upload-progress]");
    var bar = form && document.getElementById(form.getAttribute("data-upload-progress"));
    if (bar && event.detail.total) { bar.value = event.detail.loaded / event.detail.total * 100; }
  });
})();
