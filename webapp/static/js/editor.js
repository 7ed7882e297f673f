// The query editor: YASGUI on this app's own endpoint, completing from this graph's vocabulary only.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var prefixes = JSON.parse(root.dataset.prefixes);
  var base = root.dataset.base;
  var Yasqe = Yasgui.Yasqe;

  // Completions come from /api/vocabulary, never from prefix.cc or LOV.
  var vocabulary = fetch(root.dataset.vocabulary).then(function (r) { return r.json(); });
  Yasqe.forkAutocompleter("class", {name: "graphClasses", bulk: true, autoShow: false, persistenceId: null,
    get: function () { return vocabulary.then(function (v) { return v.classes; }); }});
  Yasqe.forkAutocompleter("property", {name: "graphProperties", bulk: true, autoShow: false, persistenceId: null,
    get: function () { return vocabulary.then(function (v) { return v.properties; }); }});
  Yasqe.defaults.autocompleters = ["graphClasses", "graphProperties", "variables"];

  var prefixLines = Object.keys(prefixes).map(function (name) {
    return "PREFIX " + name + ": <" + prefixes[name] + ">";
  }).join("\n");
  var startQuery = root.dataset.query || prefixLines + "\n\nSELECT ?plan ?title WHERE {\n  ?plan a ap:ActionPlan ; dcterms:title ?title .\n}";
  // YASGUI reads a share link (/query#query=...) itself and runs it; it must not be overwritten.
  var shared = /(^#|&)query=/.test(window.location.hash);
  // An absolute address: YASGUI builds URL objects from it (a relative one throws in its error path).
  var endpoint = new URL(root.dataset.endpoint, window.location.href).href;
  var tab = null;

  var results = window.PlangraphResults;
  var labels = results.labelCache(endpoint);
  Yasgui.Yasr.registerPlugin("table", results.makeTable(base, labels));
  Yasgui.Yasr.defaults.errorRenderers = [results.errorRenderer(markLine)];
  Yasgui.Yasr.defaults.prefixes = prefixes;

  var yasgui = new Yasgui(root, {
    requestConfig: {endpoint: endpoint, method: "POST"},
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {getData: function () { return []; }},
    persistenceId: null,
    populateFromUrl: true,
    yasqe: {value: startQuery},
    yasr: {prefixes: prefixes}
  });
  tab = yasgui.getTab();
  if (!shared) { tab.setQuery(startQuery); }
  watchTruncation(tab);

  document.querySelectorAll(".load-query").forEach(function (button) {
    button.addEventListener("click", function () {
      tab.setQuery(button.dataset.sparql);
      tab.query();
    });
  });

  // A syntax error's line is marked until the query is changed.
  var marked = null;
  function markLine(line) {
    var yasqe = tab && tab.getYasqe();
    if (!yasqe) { return; }
    clearMark();
    marked = yasqe.addLineClass(line - 1, "background", "query-error-line");
    yasqe.on("change", clearMark);
  }
  function clearMark() {
    var yasqe = tab && tab.getYasqe();
    if (marked && yasqe) { yasqe.removeLineClass(marked, "background", "query-error-line"); }
    marked = null;
  }

  // An answer cut at the endpoint's row limit says so above the table.
  function watchTruncation(current) {
    var cut = null;
    current.getYasqe().on("queryResponse", function (yasqe, response) {
      cut = response && response.headers && response.headers.get ? response.headers.get("X-Plangraph-Truncated") : null;
    });
    current.getYasr().on("drawn", function (yasr) {
      var old = yasr.rootEl.querySelector(".results-cut");
      if (old) { old.remove(); }
      if (!cut || (yasr.results && yasr.results.hasError())) { return; }
      var note = document.createElement("p");
      note.className = "results-cut";
      var limit = (/(\d+) rows/.exec(cut) || [])[1];
      note.textContent = "This answer was cut at " + (limit ? Number(limit).toLocaleString("en-GB") + " rows" :
        "the endpoint's row limit") + ": there are more. Narrow the query (or use LIMIT and OFFSET) to see the rest.";
      yasr.rootEl.insertBefore(note, yasr.resultsEl);
    });
  }

  // YASR handles clicks on IRIs itself; entity pages of this graph open here, in this tab.
  root.addEventListener("click", function (event) {
    var link = entityLink(event.target);
    if (link) {
      event.preventDefault();
      event.stopPropagation();
      window.location.href = link.getAttribute("href");
    }
  }, true);

  // The link itself, or the one link of the result cell that was clicked (YASR wraps links in spans).
  function entityLink(target) {
    var link = target.closest && target.closest("a[href^='/id/']");
    var cell = target.closest && target.closest(".yasr td");
    var inCell = cell ? cell.querySelectorAll("a[href^='/id/']") : [];
    return link || (inCell.length === 1 ? inCell[0] : null);
  }

  // A CONSTRUCT or DESCRIBE answer is also drawn as a graph.
  tab.on("queryResponse", function (t, response) {
    var box = document.getElementById("construct-graph");
    var type = (response && response.type) || "";
    if (!/turtle|n-triples|ld\+json/.test(type) && !/CONSTRUCT|DESCRIBE/i.test(t.getQuery())) {
      box.hidden = true;
      return;
    }
    var query = encodeURIComponent(t.getQuery());
    fetch(endpoint + "?format=nt&query=" + query).then(function (r) { return r.text(); })
      .then(function (text) { drawTriples(box, text); });
  });

  function drawTriples(box, text) {
    var term = /(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@[\w-]+)?)/g;
    var elements = [], seen = {};
    text.split("\n").forEach(function (line, index) {
      var parts = line.match(term);
      if (!parts || parts.length < 3) { return; }
      var s = parts[0], p = parts[1], o = parts[2];
      [s, o].forEach(function (node) {
        if (!seen[node]) {
          seen[node] = true;
          elements.push({data: {id: node, label: shortName(node)}});
        }
      });
      elements.push({data: {id: "e" + index, source: s, target: o, label: shortName(p)}});
    });
    box.hidden = false;
    cytoscape({container: box, elements: elements, layout: {name: "cose", animate: false},
      style: [{selector: "node", style: {label: "data(label)", "font-size": 10, "background-color": "#2b6cb0",
                                          "text-wrap": "ellipsis", "text-max-width": 140}},
              {selector: "edge", style: {label: "data(label)", "font-size": 8, "curve-style": "bezier",
                                          "target-arrow-shape": "triangle", width: 1}}]});
  }

  function shortName(term) {
    if (term.charAt(0) === "<") { return term.slice(1, -1).replace(/^.*[#\/]/, ""); }
    return term.replace(/^"|"(\^\^.*|@.*)?$/g, "").slice(0, 60);
  }
})();
