// Interactive pictures of the graph: elements from /api/graphs/<name>, coloured by state,
// filtered by plan, organisation, owner and tool, downloadable as PNG, SVG and GraphML.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var STATES = {
    blocked: ["#c53030", "Blocked on a central framework"],
    waiting: ["#ecc94b", "Waits on local work or on another action"],
    complete: ["#2f855a", "Complete"],
    ongoing: ["#3182ce", "Ongoing"],
    planned: ["#718096", "Planned"],
    "in-development": ["#dd6b20", "Central framework, tool or programme still in development"],
    "local-prerequisite": ["#975a16", "Local prerequisite not yet met (vacancies, a review)"],
    available: ["#805ad5", "Framework or deliverable available"],
    organisation: ["#2c5282", "Organisation"],
    owner: ["#38a169", "Post or team that owns actions"],
    tool: ["#d69e2e", "Tool or framework"]
  };
  var FILTERS = {plan: "plan", organisation: "organisations", owner: "owners", tool: "tools"};

  fetch(box.dataset.api).then(function (r) { return r.json(); }).then(draw);

  function colour(node) {
    var key = node.data("state") || node.data("kind");
    return (STATES[key] || ["#a0aec0"])[0];
  }

  function draw(data) {
    var cy = cytoscape({
      container: box, elements: data.elements,
      layout: {name: "preset"},
      style: [
        {selector: "node", style: {"background-color": colour, label: "data(label)", "font-size": 11,
          "text-wrap": "wrap", "text-max-width": 120, "text-valign": "bottom", width: size, height: size}},
        {selector: "node[kind = 'plan']", style: {"background-color": "#f7fafc", "border-color": "#cbd5e0",
          "border-width": 1, "text-valign": "top", "font-weight": "bold", shape: "round-rectangle"}},
        {selector: "edge", style: {width: weight, "line-color": "#a0aec0", "target-arrow-color": "#a0aec0",
          "target-arrow-shape": "triangle", "curve-style": "bezier"}},
        {selector: "edge[?blocking]", style: {"line-color": "#c53030", "target-arrow-color": "#c53030"}},
        {selector: ".hidden", style: {display: "none"}}
      ]
    });
    arrange(cy);
    cy.on("tap", "node", function (event) {
      var href = event.target.data("href");
      if (href) { window.location.href = href; }
    });
    legend(cy);
    filters(cy, data.filters || {});
    downloads(cy);
    status(cy);
    window.plangraphGraph = cy;  // for the browser tests and the curious
  }

  // Each plan's actions in a block of their own, side by side; what they wait on in a row below.
  // (Force-directed layouts fling the plan groups tens of thousands of pixels apart.)
  function arrange(cy) {
    var plans = cy.nodes("[kind = 'plan']");
    if (!plans.length) {
      cy.layout({name: "cose", animate: false, nodeDimensionsIncludeLabels: true}).run();
      return;
    }
    var cell = 130, x = 0, bottom = 0;
    plans.forEach(function (plan) {
      var children = plan.children();
      var columns = Math.max(1, Math.ceil(Math.sqrt(children.length)));
      children.forEach(function (child, index) {
        child.position({x: x + (index % columns) * cell, y: Math.floor(index / columns) * cell});
        bottom = Math.max(bottom, Math.floor(index / columns) * cell);
      });
      x += columns * cell + cell;
    });
    var loose = cy.nodes("[kind != 'plan']").filter(function (node) { return !node.isChild(); });
    var perRow = Math.max(1, Math.floor(x / cell));
    loose.forEach(function (node, index) {
      node.position({x: (index % perRow) * cell, y: bottom + 2 * cell + Math.floor(index / perRow) * cell});
    });
    cy.fit(undefined, 30);
  }

  function size(node) { return 18 + Math.min(30, 4 * (node.data("weight") || 0)); }
  function weight(edge) { return 1 + Math.min(8, edge.data("weight") || 0); }

  function legend(cy) {
    var used = {};
    cy.nodes().forEach(function (n) { used[n.data("state") || n.data("kind")] = true; });
    var list = document.getElementById("legend");
    Object.keys(STATES).filter(function (k) { return used[k]; }).forEach(function (key) {
      var item = document.createElement("span");
      var swatch = document.createElement("i");
      swatch.style.background = STATES[key][0];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(STATES[key][1]));
      list.appendChild(item);
    });
  }

  function filters(cy, options) {
    var holder = document.getElementById("filters");
    var chosen = {};
    Object.keys(FILTERS).forEach(function (key) {
      if (!options[key] || !options[key].length) { return; }
      var label = document.createElement("label");
      label.appendChild(document.createTextNode(key.charAt(0).toUpperCase() + key.slice(1) + " "));
      var select = document.createElement("select");
      select.id = "filter-" + key;
      [""].concat(options[key]).forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value || "all";
        select.appendChild(option);
      });
      select.addEventListener("change", function () { chosen[key] = select.value; apply(cy, chosen); });
      label.appendChild(select);
      holder.appendChild(label);
    });
  }

  function apply(cy, chosen) {
    cy.batch(function () {
      cy.elements().removeClass("hidden");
      var keep = cy.nodes("[kind != 'plan']").filter(function (node) {
        return Object.keys(chosen).every(function (key) {
          var value = chosen[key];
          if (!value) { return true; }
          var field = node.data(FILTERS[key]);
          return Array.isArray(field) ? field.indexOf(value) >= 0 : field === value;
        });
      });
      var shown = keep.union(keep.neighborhood().nodes());
      cy.nodes("[kind != 'plan']").difference(shown).addClass("hidden");
      cy.nodes("[kind = 'plan']").forEach(function (plan) {
        if (plan.children().not(".hidden").length === 0) { plan.addClass("hidden"); }
      });
    });
    status(cy);
  }

  function status(cy) {
    var shown = cy.nodes("[kind != 'plan']").not(".hidden").length;
    document.getElementById("graph-status").textContent = shown + " items shown";
    box.dataset.shown = String(shown);
  }

  function save(name, blob) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function escapeXml(text) {
    return String(text).replace(/[<>&"']/g, function (c) {
      return {"<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&apos;"}[c];
    });
  }

  function downloads(cy) {
    var name = box.dataset.name;
    document.getElementById("png").addEventListener("click", function () {
      save(name + ".png", cy.png({output: "blob", full: true, bg: "#ffffff"}));
    });
    document.getElementById("svg").addEventListener("click", function () {
      save(name + ".svg", new Blob([svg(cy)], {type: "image/svg+xml"}));
    });
    document.getElementById("graphml").addEventListener("click", function () {
      save(name + ".graphml", new Blob([graphml(cy)], {type: "application/xml"}));
    });
  }

  function svg(cy) {
    var box = cy.elements().not(".hidden").boundingBox();
    var parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="' + [box.x1 - 20, box.y1 - 20, box.w + 40, box.h + 40].join(" ") + '">'];
    cy.edges().not(".hidden").forEach(function (e) {
      var a = e.source().position(), b = e.target().position();
      parts.push('<line x1="' + a.x + '" y1="' + a.y + '" x2="' + b.x + '" y2="' + b.y + '" stroke="#a0aec0"/>');
    });
    cy.nodes("[kind != 'plan']").not(".hidden").forEach(function (n) {
      var p = n.position();
      parts.push('<circle cx="' + p.x + '" cy="' + p.y + '" r="9" fill="' + colour(n) + '"/>' +
                 '<text x="' + p.x + '" y="' + (p.y + 20) + '" font-size="10" text-anchor="middle">' +
                 escapeXml(n.data("label")) + '</text>');
    });
    parts.push("</svg>");
    return parts.join("\n");
  }

  function graphml(cy) {
    var lines = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
      '<key id="label" for="node" attr.name="label" attr.type="string"/>',
      '<key id="state" for="node" attr.name="state" attr.type="string"/>',
      '<key id="evidence" for="edge" attr.name="evidence" attr.type="string"/>',
      '<graph edgedefault="directed">'];
    cy.nodes("[kind != 'plan']").not(".hidden").forEach(function (n) {
      lines.push('<node id="' + escapeXml(n.id()) + '"><data key="label">' + escapeXml(n.data("name") || n.data("label")) +
                 '</data><data key="state">' + escapeXml(n.data("state") || n.data("kind") || "") + '</data></node>');
    });
    cy.edges().not(".hidden").forEach(function (e) {
      lines.push('<edge source="' + escapeXml(e.source().id()) + '" target="' + escapeXml(e.target().id()) +
                 '"><data key="evidence">' + escapeXml(e.data("evidence") || e.data("label") || "") + '</data></edge>');
    });
    lines.push("</graph>", "</graphml>");
    return lines.join("\n");
  }
})();
