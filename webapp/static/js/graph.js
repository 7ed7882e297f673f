// Interactive pictures of the graph. The page carries the elements with their positions (computed on
// the server, so the picture is the same at every load) and the filters, kept in the address.
// Labels are drawn at 12 px and the picture is never shown smaller than 10 px labels allow: a
// picture wider than the screen scrolls sideways in its frame, not shrunk. The browser does the
// scrolling (Cytoscape's own panning is off), so on a phone a finger on the picture scrolls the
// page up and down and the picture sideways, as anywhere else; with a mouse, dragging does the same.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var FONT = 12, SMALLEST = 10, MARGIN = 24;
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
    tool: ["#b7791f", "Tool or framework"]
  };
  var BOXES = {plan: "Plan", organisation: "Organisation"};
  var KINDS = {action: "Action", deliverable: "What actions wait on", owner: "Post or team",
               organisation: "Organisation", tool: "Tool or framework", plan: "Plan"};

  function colour(node) { return (STATES[node.data("state") || node.data("kind")] || ["#a0aec0"])[0]; }
  function size(node) { return 16 + Math.min(24, 3 * (node.data("weight") || 0)); }
  function width(edge) { return 1.5 + Math.min(6, (edge.data("weight") || 0) / 2); }

  // The drawing is as large as the picture (the frame scrolls over it): at most two device pixels a
  // pixel, and at most MAX_PIXELS in all, the most a phone's browser draws on one canvas.
  var RATIO = Math.min(window.devicePixelRatio || 1, 2), MAX_PIXELS = 16e6;
  var cy = cytoscape({
    container: box, elements: data.elements, layout: {name: "preset", fit: false}, pixelRatio: RATIO,
    userZoomingEnabled: false, userPanningEnabled: false, boxSelectionEnabled: false, autoungrabify: true,
    style: [
      {selector: "node", style: {"background-color": colour, label: "data(label)", "font-size": FONT,
        "font-family": "DejaVu Sans, Verdana, sans-serif", color: "#1a202c", "text-wrap": "wrap",
        "text-max-width": 1000, "text-valign": "bottom", "text-margin-y": 4, "line-height": 1.25,
        "text-background-color": "#ffffff", "text-background-opacity": 1, "text-background-padding": 1,
        width: size, height: size}},
      {selector: ":parent", style: {"background-color": "#f7fafc", "background-opacity": 1, "border-color": "#a0aec0",
        "border-width": 1, shape: "round-rectangle", "text-valign": "top", "text-halign": "center",
        "text-justification": "left", "font-size": 13, "font-weight": "bold", "text-margin-y": -4, padding: 14,
        color: "#2d3748"}},
      {selector: ":parent :parent", style: {"background-color": "#edf2f7"}},
      // a box lets touches through, so a finger on it scrolls (a tap on it is found below)
      {selector: ":parent", style: {events: "no"}},
      {selector: "edge", style: {width: width, "line-color": "#718096", "target-arrow-color": "#718096",
        "target-arrow-shape": "triangle", "arrow-scale": 1.2, "curve-style": "bezier", opacity: 0.8}},
      {selector: "edge[?blocking]", style: {"line-color": "#c53030", "target-arrow-color": "#c53030", width: 2.5}},
      {selector: "node.chosen", style: {"border-width": 3, "border-color": "#1a202c"}}
    ]
  });
  window.plangraphGraph = cy;  // for the browser tests and the curious

  // A box's name starts at its left edge, as a heading does: in a picture wider than the screen a
  // centred name could lie out of sight where the box begins. A name wider than its box stays centred.
  var INSET = 8;
  cy.nodes(":parent").forEach(function (parent) {
    var room = parent.boundingBox({includeLabels: false}).w - 2 * INSET -
      parent.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true}).w;
    if (room > 0) { parent.style("text-margin-x", -room / 2); }
  });

  var scroller = document.getElementById("graph-scroll");
  var firstZoom = null, LEAST = 0.2, MOST = 3;
  // Size the drawing area to the whole picture at this zoom, so the frame scrolls over it.
  function frame(zoom) {
    var bounds = cy.elements().boundingBox();
    var room = scroller.clientWidth - 2 * MARGIN;
    if (firstZoom === null) {
      firstZoom = Math.max(SMALLEST / FONT, Math.min(1, room / Math.max(bounds.w, 1)));
    }
    var largest = (Math.sqrt(MAX_PIXELS) / RATIO - 2 * MARGIN) / Math.sqrt(Math.max(bounds.w * bounds.h, 1));
    zoom = Math.max(LEAST, Math.min(MOST, largest, zoom || firstZoom));
    var fits = bounds.w * zoom <= room;
    box.style.width = fits ? "" : Math.ceil(bounds.w * zoom + 2 * MARGIN) + "px";
    box.style.height = Math.max(320, Math.ceil(bounds.h * zoom + 2 * MARGIN)) + "px";
    cy.resize();
    cy.zoom(zoom);
    var left = fits ? (box.clientWidth - bounds.w * zoom) / 2 : MARGIN;
    cy.pan({x: left - bounds.x1 * zoom, y: MARGIN - bounds.y1 * zoom});
    document.getElementById("graph-wider").hidden = fits;
  }
  frame();

  document.getElementById("zoom-in").addEventListener("click", function () { zoomBy(1.25); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomBy(0.8); });
  document.getElementById("zoom-reset").addEventListener("click", function () {
    frame(firstZoom);
    scroller.scrollLeft = 0;
  });
  // Zoom about the middle of what is in view: the same spot of the picture stays there.
  function zoomBy(factor) {
    var before = cy.zoom(), pan = cy.pan();
    var middle = (scroller.scrollLeft + scroller.clientWidth / 2 - pan.x) / before;
    frame(before * factor);
    scroller.scrollLeft = middle * cy.zoom() + cy.pan().x - scroller.clientWidth / 2;
  }

  // A mouse drags the picture as a finger does: sideways in its frame, up and down with the page.
  var dragging = null;
  cy.on("mousedown", function (event) {
    if (event.target === cy) { dragging = {x: event.originalEvent.clientX, y: event.originalEvent.clientY}; }
  });
  document.addEventListener("mousemove", function (event) {
    if (!dragging) { return; }
    scroller.scrollLeft -= event.clientX - dragging.x;
    window.scrollBy(0, dragging.y - event.clientY);
    dragging = {x: event.clientX, y: event.clientY};
  });
  document.addEventListener("mouseup", function () { dragging = null; });

  // Filters live in the address: choosing one loads the page for it (the form works without scripts too).
  var form = document.getElementById("filters");
  form.querySelectorAll("select").forEach(function (select) {
    select.addEventListener("change", function () { form.submit(); });
  });

  // Hover: the whole name. Click: what it is, in the side panel.
  var tip = document.getElementById("graph-tip");
  cy.on("mouseover", "node", function (event) {
    var node = event.target, p = node.renderedPosition();
    tip.textContent = node.data("name");
    tip.style.left = Math.min(p.x - scroller.scrollLeft + 12, scroller.clientWidth - 260) + "px";
    tip.style.top = (p.y - 12) + "px";
    tip.hidden = false;
    box.title = node.data("name");
  });
  cy.on("mouseout", "node", function () { tip.hidden = true; box.title = ""; });
  cy.on("tap", "node", function (event) { showPanel(event.target); });
  cy.on("tap", function (event) {  // on no dot: the innermost box there, if any
    if (event.target !== cy) { return; }
    var p = event.position;
    var under = cy.nodes(":parent").filter(function (node) {
      var b = node.boundingBox({includeLabels: false});
      return p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2;
    });
    if (under.length) { showPanel(under.max(function (node) { return node.ancestors().length; }).ele); }
  });
  document.getElementById("panel-close").addEventListener("click", function () {
    document.getElementById("graph-panel").hidden = true;
    cy.nodes().removeClass("chosen");
  });

  function showPanel(node) {
    var panel = document.getElementById("graph-panel");
    document.getElementById("panel-kind").textContent = KINDS[node.data("kind")] || "";
    document.getElementById("panel-title").textContent = node.data("title") || node.data("name");
    var list = document.getElementById("panel-details");
    list.textContent = "";
    (node.data("details") || []).forEach(function (pair) {
      var term = document.createElement("dt"), value = document.createElement("dd");
      term.textContent = pair[0];
      value.textContent = pair[1];
      list.appendChild(term);
      list.appendChild(value);
    });
    var link = document.getElementById("panel-link");
    link.hidden = !node.data("href");
    link.href = node.data("href") || "#";
    cy.nodes().removeClass("chosen");
    node.addClass("chosen");
    panel.hidden = false;
  }

  function legend() {
    var used = {};
    cy.nodes().forEach(function (n) { if (!n.isParent()) { used[n.data("state") || n.data("kind")] = true; } });
    var list = document.getElementById("legend");
    Object.keys(STATES).filter(function (k) { return used[k]; }).forEach(function (key) {
      var item = document.createElement("span");
      var swatch = document.createElement("i");
      swatch.style.background = STATES[key][0];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(STATES[key][1]));
      list.appendChild(item);
    });
    if (cy.edges("[?blocking]").length) {
      var line = document.createElement("span");
      line.className = "legend-line";
      line.appendChild(document.createElement("b"));
      line.appendChild(document.createTextNode("Red arrow: the central work that blocks it"));
      list.appendChild(line);
    }
  }
  legend();

  var shown = cy.nodes().filter(function (n) { return !n.isParent(); }).length;
  var boxes = cy.nodes(":parent").length;
  document.getElementById("graph-status").textContent = shown + " items shown" +
    (boxes ? " in " + boxes + " " + (BOXES[cy.nodes(":parent")[0].data("kind")] || "box").toLowerCase() +
     (boxes > 1 ? "s" : "") : "") + (shown ? "" : ": nothing matches these filters.");
  box.dataset.shown = String(shown);

  window.PlangraphExport.attach(cy, box.dataset.name, colour, size);
})();
