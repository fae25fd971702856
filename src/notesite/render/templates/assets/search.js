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
  var SHARD = "notesite-shard"; /* a filter each shard of the index adds to its notes */
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

  /* A word as this script compares it with a note's words: letters and digits only, lower
     case, accents dropped (Pagefind ignores punctuation and, by default, accents too). */
  function bare(word) {
    return word
      .normalize("NFD")
      .replace(/[^\p{L}\p{N}]/gu, "")
      .toLowerCase();
  }

  /* How many letters of `word` a result's best matched note word shares from its start:
     all of them when the note word begins with it (it matched by that word, not a shorter
     one). Pagefind's word positions count the words of its text split at white space. */
  function shares(data, word) {
    var words = (data.content || "").split(/[\r\n\s]+/g);
    var most = 0;
    (data.locations || []).forEach(function (at) {
      var seen = bare(words[at] || "");
      var n = 0;
      while (n < word.length && seen[n] === word[n]) {
        n += 1;
      }
      most = Math.max(most, n);
    });
    return most;
  }

  function counts(search) {
    return (search && search.filters && search.filters[SHARD]) || {};
  }

  /* The search across every shard, as one index of every note would answer it.
     Pagefind matches a query word by every indexed word it begins and, when an index has
     none, by the longest indexed word that begins the query word instead (so "installa"
     still finds "install"). In one index that fallback applies only when no note has the
     word; merged shards each apply it alone, so a shard without a rare word answered with
     every note sharing its first letters ("thistledown" finding "this"). So for each query
     word, a shard "has" it when a quoted search (the word's stem exactly) finds it there, or
     when the best result it gave matched a note word that begins with the query word (in a
     shard, all results for a word come from the one rule or the other, so one tells). The
     shards that lack a word some other shard has are left out, by the SHARD filter each
     shard carries (`mergeFilter`). */
  function searchShards(term, filters) {
    var query = term ? segment(term) : null;
    var words = query ? query.split(" ").map(bare).filter(Boolean) : [];
    return pagefind.search(query, { filters: filters }).then(function (search) {
      var found = counts(search);
      var answered = Object.keys(found).filter(function (shard) {
        return found[shard] > 0;
      });
      if (!search || answered.length < 2 || !words.length) {
        return search ? search.results : null;
      }
      return Promise.all(
        words.map(function (word) {
          return pagefind.search('"' + word + '"').then(counts);
        })
      )
        .then(function (exact) {
          var unsure = answered.filter(function (shard) {
            return exact.some(function (has) {
              return !(has[shard] > 0);
            });
          });
          return Promise.all(
            unsure.map(function (shard) {
              var only = Object.assign({}, filters);
              only[SHARD] = shard;
              return pagefind.search(query, { filters: only }).then(function (one) {
                return one.results.length ? one.results[0].data() : null;
              });
            })
          ).then(function (best) {
            var shared = words.map(function (word) {
              var row = {};
              answered.forEach(function (shard) {
                var data = best[unsure.indexOf(shard)];
                row[shard] = data ? shares(data, word) : 0;
              });
              return row;
            });
            var knows = words.map(function (word, i) {
              var row = {};
              answered.forEach(function (shard) {
                row[shard] = exact[i][shard] > 0 || shared[i][shard] === word.length;
              });
              return row;
            });
            var anywhere = words.map(function (word, i) {
              return Object.keys(exact[i]).some(function (shard) {
                return exact[i][shard] > 0;
              }) || answered.some(function (shard) {
                return knows[i][shard];
              });
            });
            var longest = shared.map(function (row) {
              return Math.max.apply(null, answered.map(function (shard) {
                return row[shard];
              }));
            });
            /* A word no shard has: one index would answer with the notes of its longest
               indexed word that begins it, so keep the shards whose fallback came closest. */
            return answered.filter(function (shard) {
              return words.every(function (word, i) {
                return knows[i][shard] || (!anywhere[i] && shared[i][shard] === longest[i]);
              });
            });
          });
        })
        .then(function (kept) {
          if (kept.length === answered.length) {
            return search.results;
          }
          var only = Object.assign({}, filters);
          only[SHARD] = { any: kept };
          return pagefind.search(query, { filters: only }).then(function (again) {
            return again.results;
          });
        });
    });
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
    return searchShards(term, filters)
      .then(function (results) {
        if (id !== asked || !results) {
          return null;
        }
        found = results;
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
     listed in pagefind/shards.json and merged into it, so a search looks in every note.
     Each tags its notes with its number in the SHARD filter, for `searchShards`. */
  import(bundle + "pagefind.js")
    .then(function (module) {
      pagefind = module;
      var primary = {};
      primary[SHARD] = "0";
      return pagefind.options({ excerptLength: 24, mergeFilter: primary });
    })
    .then(function () {
      return fetch(bundle + "shards.json").then(function (answer) {
        return answer.ok ? answer.json() : { merge: [] };
      });
    })
    .then(function (manifest) {
      return Promise.all(
        (manifest.merge || []).map(function (folder, i) {
          var filter = {};
          filter[SHARD] = String(i + 1);
          return pagefind.mergeIndex(bundle + folder + "/", { mergeFilter: filter });
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
