// Downloads of the picture as it is on screen: PNG (Cytoscape's own), SVG written here from
// Cytoscape's positions and sizes (the same boxes, arrows, colours and whole labels), and GraphML
// with each node's kind and name (yEd's node labels included, so yEd and Gephi show names).
(function () {
  "use strict";
  var FONT = 12, TITLE_FONT = 13, LINE = 1.25;
  var GREY = "#718096", RED = "#c53030";

  function escapeXml(text) {
    return String(text).replace(/[<>&"']/g, function (c) {
      return {"<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&apos;"}[c];
    });
  }
  function n(value) { return Math.round(value * 10) / 10; }

  function save(name, blob) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function labelBox(node) {
    return node.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true});
  }

  // Each line of a label as one <tspan>, at the place Cytoscape drew it.
  function text(node, fontSize, boxName) {
    var lines = String(node.data("label") || "").split("\n");
    // a box's name is drawn from its left, each line starting there; a dot's name is centred under it
    var area = labelBox(node), x = boxName ? area.x1 : (area.x1 + area.x2) / 2, step = fontSize * LINE;
    var top = area.y1 + (area.h - step * lines.length) / 2;
    var backing = boxName ? "" : '<rect x="' + n(area.x1) + '" y="' + n(area.y1) + '" width="' + n(area.w) +
      '" height="' + n(area.h) + '" fill="#ffffff"/>';
    return backing + '<text class="label" x="' + n(x) + '" font-size="' + fontSize + '"' +
      (boxName ? ' font-weight="bold" text-anchor="start">' : ' text-anchor="middle">') + lines.map(function (line, i) {
        return '<tspan x="' + n(x) + '" y="' + n(top + step * (i + 0.78)) + '">' + escapeXml(line) + "</tspan>";
      }).join("") + "</text>";
  }

  // An edge stops at the edge of its target's dot, where the arrow head sits.
  function edgeLine(edge, size) {
    var a = edge.source().position(), b = edge.target().position();
    var dx = b.x - a.x, dy = b.y - a.y, length = Math.sqrt(dx * dx + dy * dy) || 1;
    var from = size(edge.source()) / 2, to = size(edge.target()) / 2 + 1;
    var blocking = !!edge.data("blocking");
    return '<line class="' + (blocking ? "edge blocking" : "edge") + '" x1="' + n(a.x + dx * from / length) +
      '" y1="' + n(a.y + dy * from / length) + '" x2="' + n(b.x - dx * to / length) + '" y2="' + n(b.y - dy * to / length) +
      '" stroke="' + (blocking ? RED : GREY) + '" stroke-width="' + n(parseFloat(edge.style("width")) || 1.5) +
      '" marker-end="url(#' + (blocking ? "arrow-red" : "arrow") + ')"><title>' +
      escapeXml(edge.data("evidence") || edge.data("title") || "") + "</title></line>";
  }

  function svg(cy, colour, size) {
    var all = cy.elements().boundingBox(), pad = 20;
    var parts = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="' + [n(all.x1 - pad), n(all.y1 - pad), n(all.w + 2 * pad),
        n(all.h + 2 * pad)].join(" ") + '" width="' + n(all.w + 2 * pad) + '" height="' + n(all.h + 2 * pad) +
      '" font-family="DejaVu Sans, Verdana, sans-serif">',
      "<defs>" + [["arrow", GREY], ["arrow-red", RED]].map(function (m) {
        return '<marker id="' + m[0] + '" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" ' +
          'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="' + m[1] + '"/></marker>';
      }).join("") + "</defs>",
      '<rect x="' + n(all.x1 - pad) + '" y="' + n(all.y1 - pad) + '" width="' + n(all.w + 2 * pad) + '" height="' +
        n(all.h + 2 * pad) + '" fill="#ffffff"/>'];
    cy.nodes(":parent").sort(function (a, b) { return a.ancestors().length - b.ancestors().length; })
      .forEach(function (parent) {
        var b = parent.boundingBox({includeLabels: false});
        parts.push('<g class="box"><rect x="' + n(b.x1) + '" y="' + n(b.y1) + '" width="' + n(b.w) + '" height="' + n(b.h) +
          '" rx="8" fill="' + (parent.isChild() ? "#edf2f7" : "#f7fafc") + '" stroke="#a0aec0"/>' +
          text(parent, TITLE_FONT, true) + "</g>");
      });
    cy.edges().forEach(function (edge) { parts.push(edgeLine(edge, size)); });
    cy.nodes().filter(function (node) { return !node.isParent(); }).forEach(function (node) {
      var p = node.position();
      parts.push('<g class="node"><title>' + escapeXml(node.data("name")) + '</title><circle cx="' + n(p.x) + '" cy="' +
        n(p.y) + '" r="' + n(size(node) / 2) + '" fill="' + colour(node) + '"/>' + text(node, FONT, false) + "</g>");
    });
    parts.push("</svg>");
    return parts.join("\n");
  }

  function graphml(cy, colour, size) {
    var keys = [["label", "node", "label"], ["kind", "node", "kind"], ["state", "node", "state"],
                ["in", "node", "in"], ["page", "node", "page"], ["evidence", "edge", "evidence"],
                ["blocking", "edge", "blocking"], ["weight", "edge", "weight"]];
    var lines = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">']
      .concat(keys.map(function (k) {
        return '<key id="' + k[0] + '" for="' + k[1] + '" attr.name="' + k[2] + '" attr.type="string"/>';
      }), ['<key id="yfiles" for="node" yfiles.type="nodegraphics"/>', '<graph id="G" edgedefault="directed">']);
    function datum(key, value) { return value ? '<data key="' + key + '">' + escapeXml(value) + "</data>" : ""; }
    cy.nodes().filter(function (node) { return !node.isParent(); }).forEach(function (node) {
      var p = node.position(), s = size(node), name = node.data("name") || "";
      lines.push('<node id="' + escapeXml(node.id()) + '">' + datum("label", name) + datum("kind", node.data("kind")) +
        datum("state", node.data("state")) + datum("in", node.isChild() ? node.parent().data("name") : "") +
        datum("page", node.data("href") ? window.location.origin + node.data("href") : "") +
        '<data key="yfiles"><y:ShapeNode><y:Geometry x="' + n(p.x - s / 2) + '" y="' + n(p.y - s / 2) + '" width="' + s +
        '" height="' + s + '"/><y:Fill color="' + colour(node) + '"/><y:NodeLabel>' + escapeXml(name) +
        '</y:NodeLabel><y:Shape type="ellipse"/></y:ShapeNode></data></node>');
    });
    cy.edges().forEach(function (edge) {
      lines.push('<edge source="' + escapeXml(edge.source().id()) + '" target="' + escapeXml(edge.target().id()) + '">' +
        datum("evidence", edge.data("evidence")) + datum("blocking", edge.data("blocking") ? "true" : "") +
        datum("weight", edge.data("weight") ? String(edge.data("weight")) : "") + "</edge>");
    });
    lines.push("</graph>", "</graphml>");
    return lines.join("\n");
  }

  function attach(cy, name, colour, size) {
    document.getElementById("png").addEventListener("click", function () {
      save(name + ".png", cy.png({output: "blob", full: true, bg: "#ffffff", scale: 2}));
    });
    document.getElementById("svg").addEventListener("click", function () {
      save(name + ".svg", new Blob([svg(cy, colour, size)], {type: "image/svg+xml"}));
    });
    document.getElementById("graphml").addEventListener("click", function () {
      save(name + ".graphml", new Blob([graphml(cy, colour, size)], {type: "application/xml"}));
    });
  }

  window.PlangraphExport = {attach: attach, svg: svg, graphml: graphml};
})();
