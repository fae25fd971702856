/* notesite — progressive enhancement of the pairs table (the page works without it).
   The filtering itself is CSS (assets/filters.css); this script only
   - says how many rows are shown ("12 of 48 pairs shown") when the filters change, and
   - turns a link fragment such as #level-stale or #pm-pm-jrivera into the checked radio,
     keeping the fragment in step with the last filter chosen. */
(function () {
  "use strict";

  var box = document.querySelector(".filterable");
  var body = box && box.querySelector("tbody");
  var out = document.getElementById("pair-count");
  if (!box || !body || !out) {
    return;
  }
  var form = box.querySelector("form");
  var total = body.rows.length;

  function shown() {
    var n = 0;
    for (var i = 0; i < body.rows.length; i += 1) {
      if (window.getComputedStyle(body.rows[i]).display !== "none") {
        n += 1;
      }
    }
    return n;
  }

  function update() {
    var n = shown();
    out.textContent = n + " of " + total + (total === 1 ? " pair" : " pairs") + " shown";
  }

  function labelFor(id) {
    if (!id) {
      return null;
    }
    var el = document.getElementById(id);
    return el && form.contains(el) && el.tagName === "LABEL" ? el : null;
  }

  function fromFragment() {
    var id = "";
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (e) {
      id = "";
    }
    var label = labelFor(id);
    var input = label && label.querySelector("input[type=radio]");
    if (input) {
      input.checked = true;
    }
  }

  function setFragment(id) {
    var url = window.location.pathname + window.location.search + (id ? "#" + id : "");
    try {
      window.history.replaceState(null, "", url);
    } catch (e) {
      /* some browsers refuse history changes for file:// pages; the filter still works */
    }
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input && input.type === "radio") {
      var label = input.closest("label");
      setFragment(input.value && label && label.id ? label.id : "");
    }
    update();
  });

  form.addEventListener("reset", function () {
    setFragment("");
    window.setTimeout(update, 0); /* the radios change after the reset event */
  });

  window.addEventListener("hashchange", function () {
    fromFragment();
    update();
  });

  fromFragment();
  box.classList.add("js"); /* from now on the radios, not :target, carry the link's filter */
  update();
})();
