// How the query editor shows answers and errors: YASR's own table plugin, extended so that this
// graph's IRIs read as their labels (linked to their pages), other IRIs as prefixed names and
// literals as values; and the endpoint's error messages in plain words.
// Loaded before editor.js, which builds YASGUI with these.
(function () {
  "use strict";
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var NUMBERS = ["integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
                 "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"];

  function escapeHtml(text) {
    return String(text).replace(/[<>&"']/g, function (c) {
      return {"<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"}[c];
    });
  }

  // "2019-06-30" -> "30 June 2019", "2019-06" -> "June 2019"; anything else stays as written.
  function readableDate(value, type) {
    var match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}:\d{2}))?/.exec(value);
    if (!match) { return value; }
    var month = match[2] ? MONTHS[Number(match[2]) - 1] + " " : "";
    var day = match[3] ? Number(match[3]) + " " : "";
    var time = match[4] && type === "dateTime" ? ", " + match[4] : "";
    return day + month + match[1] + time;
  }

  function literalHtml(binding) {
    var type = (binding.datatype || "").indexOf(XSD) === 0 ? binding.datatype.slice(XSD.length) : "";
    if (NUMBERS.indexOf(type) >= 0) {
      return "<span class='number'>" + escapeHtml(binding.value) + "</span>";
    }
    if (/^(date|dateTime|gYearMonth|gYear)$/.test(type)) {
      return "<span class='date' title='" + escapeHtml(binding.value) + "'>" +
        escapeHtml(readableDate(binding.value, type)) + "</span>";
    }
    return "<span class='nonIri'>" + escapeHtml(binding.value) + "</span>";
  }

  function prefixed(iri, prefixes) {
    var best = null;
    Object.keys(prefixes || {}).forEach(function (name) {
      var space = prefixes[name];
      if (iri.indexOf(space) === 0 && (!best || space.length > prefixes[best].length)) { best = name; }
    });
    return best === null ? null : best + ":" + iri.slice(prefixes[best].length);
  }

  function makeTable(base, labels) {
    var Table = Yasgui.Yasr.plugins.table;

    function iriHtml(iri, prefixes) {
      var name = prefixed(iri, prefixes);
      if (iri.indexOf(base) === 0) {
        return "<a class='iri local' href='/id/" + escapeHtml(iri.slice(base.length)) + "' data-iri='" +
          escapeHtml(iri) + "'>" + escapeHtml(labels.known(iri) || name || iri) + "</a>";
      }
      var text = name ? escapeHtml(name) : "&lt;" + escapeHtml(iri) + "&gt;";
      return "<a class='iri' target='_blank' rel='noopener noreferrer' href='" + escapeHtml(iri) + "'>" + text + "</a>";
    }

    class PlangraphTable extends Table {
      getCellContent(binding, prefixes) {
        var inner = binding.type === "uri" ? iriHtml(binding.value, prefixes) :
          binding.type === "bnode" ? "<span class='nonIri'>_:" + escapeHtml(binding.value) + "</span>" :
            literalHtml(binding);
        return "<div>" + inner + "</div>";
      }

      // Only the page on screen is ever rendered (DataTables' deferred rendering); its labels are
      // fetched when it is drawn.
      draw(persistentConfig) {
        var result = super.draw(persistentConfig);
        var table = this.tableEl;
        labels.fill(table);
        if (this.dataTable) { this.dataTable.on("draw", function () { labels.fill(table); }); }
        return result;
      }
    }
    return PlangraphTable;
  }

  // Labels of this graph's IRIs, asked of the endpoint for the rows on screen and remembered.
  function labelCache(endpoint) {
    var known = {};
    function fill(table) {
      if (!table) { return; }
      var links = Array.prototype.slice.call(table.querySelectorAll("a.local[data-iri]"));
      var wanted = links.map(function (a) { return a.dataset.iri; })
        .filter(function (iri, i, all) { return !(iri in known) && all.indexOf(iri) === i; });
      var apply = function () {
        links.forEach(function (a) {
          var label = known[a.dataset.iri];
          if (label) {
            a.title = a.textContent === label ? a.title : a.textContent;
            a.textContent = label;
          }
        });
      };
      if (!wanted.length) { apply(); return; }
      var query = "SELECT ?s ?label WHERE { VALUES ?s { " +
        wanted.map(function (iri) { return "<" + iri + ">"; }).join(" ") +
        " } ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }";
      wanted.forEach(function (iri) { known[iri] = known[iri] || ""; });
      fetch(endpoint, {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded",
                                                 Accept: "application/sparql-results+json"},
                       body: "query=" + encodeURIComponent(query)})
        .then(function (r) { return r.ok ? r.json() : {results: {bindings: []}}; })
        .then(function (answer) {
          answer.results.bindings.forEach(function (row) { known[row.s.value] = row.label.value; });
          apply();
        }).catch(function () { /* names stay as prefixed IRIs */ });
    }
    return {fill: fill, known: function (iri) { return known[iri]; }};
  }

  // The endpoint answers errors as plain text; say what happened and what to do.
  function describeError(text) {
    var position = /^error at (\d+):(\d+):\s*(.*)$/s.exec(text);
    if (position) {
      return {title: "The query has a mistake", line: Number(position[1]),
              detail: "Line " + position[1] + ", column " + position[2] + ": " + position[3],
              hint: "The line is marked in the editor above. Check brackets, full stops and prefixes there."};
    }
    if (/took longer than|did not answer/.test(text)) {
      return {title: "The query took too long and was stopped", detail: text,
              hint: "Narrow it down (a plan, a LIMIT) or pick a ready-made question."};
    }
    if (/not allowed|read-only|refused/i.test(text)) {
      return {title: "The query was refused", detail: text,
              hint: "This endpoint answers questions about the plans; it never changes them or asks other servers."};
    }
    if (/too long|busy/i.test(text)) {
      return {title: "The query could not be run now", detail: text, hint: ""};
    }
    if (!text) {
      return {title: "The server did not answer", detail: "No reply came back from the query service.",
              hint: "Check that Plangraph is still running and try again."};
    }
    return {title: "The query could not be answered", detail: text, hint: ""};
  }

  function errorRenderer(markLine) {
    return function (error) {
      var text = String((error && error.text) || "").trim();
      var found = describeError(text);
      var box = document.createElement("div");
      box.className = "query-error";
      var title = document.createElement("strong");
      title.textContent = found.title;
      var detail = document.createElement("p");
      detail.textContent = found.detail;
      box.appendChild(title);
      box.appendChild(detail);
      if (found.hint) {
        var hint = document.createElement("p");
        hint.textContent = found.hint;
        box.appendChild(hint);
      }
      if (found.line) { markLine(found.line); }
      return Promise.resolve(box);
    };
  }

  window.PlangraphResults = {makeTable: makeTable, labelCache: labelCache, errorRenderer: errorRenderer,
                             describeError: describeError};
})();
