/* notesite — the search page (search.html): full-text search of every note with Pagefind.
   `notesite build` writes the index into pagefind/; this script loads Pagefind's own search
   library from there (pagefind/pagefind.js, which fetches the index in pieces as needed) and
   shows the results as links to each note on its pair's page. No inline script or style, so
   the page keeps the site's Content-Security-Policy (it only adds WebAssembly).
   Browsers refuse to let a page opened from disk (file://) fetch files, so there the page
   says to serve the site instead; every other page works from disk. */
(function () {
  "use strict";

  var PAGE = 20; /* results shown at a time */
  /* Chinese and Japanese characters are indexed one by one (render/search.py, `CJK`): a query
     is split the same way, and the excerpts join them again. */
  var CJK = "\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var SPLIT = new RegExp("([" + CJK + "])", "g");
  var JOIN = new RegExp("([" + CJK + "](?:</?mark>)?) (?=(?:</?mark>)?[" + CJK + "])", "g");
  var FILTERS = ["pm", "school", "type", "tag"];
  var script = document.currentScript;
  var form = document.getElementById("search-form");
  var box = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  if (!script || !form || !box || !status || !list || !more) {
    return;
  }
  var output = list.parentNode;
  var pagefind = null;
  var found = [];
  var shown = 0;
  var asked = 0; /* numbers each search, so a slow answer to an old one is dropped */

  function say(text) {
    status.textContent = text;
  }

  function controls() {
    return form.querySelectorAll("input, select, button");
  }

  function chosen() {
    var filters = {};
    FILTERS.forEach(function (name) {
      var value = form.elements[name].value;
      if (value) {
        filters[name] = value;
      }
    });
    return filters;
  }

  function labelOf(name) {
    var select = form.elements[name];
    var option = select.options[select.selectedIndex];
    return option ? option.textContent : "";
  }

  function describe(term, filters, count) {
    var parts = [];
    if (term) {
      parts.push("“" + term + "”");
    }
    Object.keys(filters).forEach(function (name) {
      parts.push(labelOf(name));
    });
    var what = count === 1 ? "1 note" : count + " notes";
    return (count ? what : "No notes") + " found for " + parts.join(", ") + ".";
  }

  function segment(term) {
    return term.replace(SPLIT, " $1 ").replace(/\s+/g, " ").trim();
  }

  /* Pagefind's excerpt is HTML (the words found in <mark>); keep its text and marks only. */
  function excerpt(html) {
    html = html.replace(JOIN, "$1");
    var p = document.createElement("p");
    p.className = "search-excerpt";
    var parsed = new DOMParser().parseFromString(html, "text/html");
    parsed.body.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function item(data) {
    var meta = data.meta || {};
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    var a = document.createElement("a");
    /* The note on its pair's page, relative to the site root (where this page is). */
    a.href = meta.url;
    a.textContent = meta.title || meta.url;
    h.appendChild(a);
    li.appendChild(h);
    var about = document.createElement("p");
    about.className = "search-about";
    about.textContent = [
      meta.pair && "Pair " + meta.pair,
      meta.school,
      meta.author && "by " + meta.author,
      meta.tags,
    ]
      .filter(Boolean)
      .join(" · ");
    li.appendChild(about);
    if (data.excerpt) {
      li.appendChild(excerpt(data.excerpt));
    }
    return li;
  }

  function showMore(id) {
    var next = found.slice(shown, shown + PAGE);
    more.hidden = true;
    return Promise.all(
      next.map(function (result) {
        return result.data();
      })
    ).then(function (datas) {
      if (id !== asked) {
        return;
      }
      datas.forEach(function (data) {
        list.appendChild(item(data));
      });
      shown += next.length;
      more.hidden = shown >= found.length;
    });
  }

  function remember(term, filters) {
    var query = new URLSearchParams();
    if (term) {
      query.set("q", term);
    }
    Object.keys(filters).forEach(function (name) {
      query.set(name, filters[name]);
    });
    var search = query.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    } catch (e) {
      /* some browsers refuse history changes; the search still works */
    }
  }

  function run() {
    var id = (asked += 1);
    var term = box.value.trim();
    var filters = chosen();
    remember(term, filters);
    list.textContent = "";
    found = [];
    shown = 0;
    more.hidden = true;
    if (!term && !Object.keys(filters).length) {
      say("Type a word to search every note, or choose a filter.");
      return Promise.resolve();
    }
    output.setAttribute("aria-busy", "true");
    say("Searching…");
    /* No words but a filter: every note of that filter (Pagefind searches for null). */
    return pagefind
      .search(term ? segment(term) : null, { filters: filters })
      .then(function (search) {
        if (id !== asked || !search) {
          return null;
        }
        found = search.results;
        return showMore(id).then(function () {
          if (id === asked) {
            say(describe(term, filters, found.length)); /* once the first results are in */
          }
        });
      })
      .catch(function () {
        say("The search failed. Reload the page and try again.");
      })
      .then(function () {
        if (id === asked) {
          output.setAttribute("aria-busy", "false");
        }
      });
  }

  function fromAddress() {
    var query = new URLSearchParams(window.location.search);
    box.value = query.get("q") || "";
    FILTERS.forEach(function (name) {
      var select = form.elements[name];
      var value = query.get(name) || "";
      select.value = value;
      if (select.value !== value) {
        select.value = ""; /* a value this site does not have */
      }
    });
  }

  if (window.location.protocol === "file:") {
    controls().forEach(function (el) {
      el.disabled = true;
    });
    output.classList.add("search-off");
    say(
      "Search needs the site to be served: this page was opened from disk, and browsers do " +
        "not let a page opened from disk read the search index. Run `notesite serve` and open " +
        "the address it prints (or put this folder on any web server). Every other page works " +
        "from disk; each note is on its pair's page, listed under Pairs."
    );
    return;
  }

  fromAddress();
  say("Loading the search index…");
  var timer = 0;
  var bundle = new URL("../pagefind/", script.src).href;
  /* The index is in shards (render/search.py): the primary one in pagefind/, the others
     listed in pagefind/shards.json and merged into it, so a search looks in every note. */
  import(bundle + "pagefind.js")
    .then(function (module) {
      pagefind = module;
      return pagefind.options({ excerptLength: 24 });
    })
    .then(function () {
      return fetch(bundle + "shards.json").then(function (answer) {
        return answer.ok ? answer.json() : { merge: [] };
      });
    })
    .then(function (manifest) {
      return Promise.all(
        (manifest.merge || []).map(function (folder) {
          return pagefind.mergeIndex(bundle + folder + "/");
        })
      );
    })
    .then(function () {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        window.clearTimeout(timer);
        run();
      });
      box.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(run, 250);
      });
      form.addEventListener("change", function (event) {
        if (event.target.tagName === "SELECT") {
          run();
        }
      });
      form.addEventListener("reset", function () {
        window.setTimeout(run, 0); /* the controls change after the reset event */
      });
      more.addEventListener("click", function () {
        showMore(asked);
      });
      return run();
    })
    .catch(function () {
      output.classList.add("search-off");
      say(
        "The search index could not be loaded. If this copy of the site was built with " +
          "`notesite build --no-search`, it has none; otherwise reload the page."
      );
    });
})();
