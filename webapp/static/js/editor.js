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

  var yasgui = new Yasgui(root, {
    requestConfig: {endpoint: root.dataset.endpoint, method: "POST"},
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {getData: function () { return []; }},
    persistenceId: null,
    yasqe: {value: startQuery}
  });
  var tab = yasgui.getTab();
  tab.setQuery(startQuery);

  document.querySelectorAll(".load-query").forEach(function (button) {
    button.addEventListener("click", function () {
      tab.setQuery(button.dataset.sparql);
      tab.query();
    });
  });

  // IRIs of this graph open their entity page in the app, not the outside world.
  function localise(container) {
    container.querySelectorAll("a[href^='" + base + "']").forEach(function (link) {
      link.setAttribute("href", "/id/" + link.getAttribute("href").slice(base.length));
      link.removeAttribute("target");
    });
  }
  var results = root.querySelector(".yasr") || root;
  new MutationObserver(function () { localise(results); }).observe(results, {childList: true, subtree: true});
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
    fetch(root.dataset.endpoint + "?format=nt&query=" + query).then(function (r) { return r.text(); })
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
