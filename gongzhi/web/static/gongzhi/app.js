/* The shell's behaviour, in one static file (the Content-Security-Policy allows no inline
   script or event handler). Markup asks for it with data attributes:
     data-autosubmit   on a select: submit its form when it changes
     data-confirm="…"  on a button or link: ask first, cancel when the user says no
     data-print        on a link or button: open the print dialogue
     data-autoprint    anywhere on a page: open the print dialogue once it has loaded
     data-width="42"   set the element's width to 42 % (a meter's bar) */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var select = event.target.closest("[data-autosubmit]");
    if (select && select.form) select.form.submit();
  });
  document.addEventListener("click", function (event) {
    var printer = event.target.closest("[data-print]");
    if (printer) {
      event.preventDefault();
      window.print();
      return;
    }
    var asker = event.target.closest("[data-confirm]");
    if (asker && !window.confirm(asker.dataset.confirm)) event.preventDefault();
  });
  function ready() {
    document.querySelectorAll("[data-width]").forEach(function (el) {
      el.style.width = Math.max(0, Math.min(100, Number(el.dataset.width) || 0)) + "%";
    });
    if (document.querySelector("[data-autoprint]")) {
      window.addEventListener("load", function () { window.print(); });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
