/* The responsibility list's editor: show the department kind only for a department row,
   and add a row from the empty form's <template>. Static (no inline script: CSP). */
(function () {
  document.documentElement.classList.add("js");
  var form = document.getElementById("resp-form");
  if (!form) return;
  function sync(select) {
    var kind = select.closest(".resp-row").querySelector(".field-department_kind");
    if (kind) kind.classList.toggle("is-hidden", select.value !== "department");
  }
  form.addEventListener("change", function (event) {
    if (event.target.matches("select[data-party]")) sync(event.target);
  });
  form.querySelectorAll("select[data-party]").forEach(sync);
  document.getElementById("resp-add").addEventListener("click", function (event) {
    var total = form.querySelector("input[name$='-TOTAL_FORMS']");
    var html = document.getElementById("resp-empty").innerHTML.replace(/__prefix__/g, total.value);
    event.preventDefault();
    document.getElementById("resp-rows").insertAdjacentHTML("beforeend", html);
    total.value = String(Number(total.value) + 1);
    var rows = form.querySelectorAll(".resp-row");
    var added = rows[rows.length - 1];
    added.querySelectorAll("select[data-party]").forEach(sync);
    var first = added.querySelector("input");
    if (first) first.focus();
  });
})();
