"""The three pictures in a real browser at a 1366 px screen: readable at first view, the same at every
load, filtered through the address, with a side panel, and downloads faithful to what is shown."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]
PICTURES = ["dependencies", "organisations", "tools"]
SVG = "{http://www.w3.org/2000/svg}"
# Every label's box on screen (nodes and boxes' titles), as Cytoscape drew it.
LABEL_BOXES = """plangraphGraph.nodes().map(n => {
    const b = n.renderedBoundingBox({includeLabels: true, includeNodes: false, includeEdges: false,
                                     includeOverlays: false});
    return [n.id(), b.x1, b.y1, b.x2, b.y2]; })"""


def open_picture(tab, server: str, name: str, query: str = ""):
    tab.set_viewport_size({"width": 1366, "height": 900})
    tab.goto(f"{server}/graphs/{name}{query}")
    tab.wait_for_selector("#graph[data-shown]")


def overlapping(boxes: list) -> list[tuple[str, str]]:
    found = []
    for i, (a, ax1, ay1, ax2, ay2) in enumerate(boxes):
        for b, bx1, by1, bx2, by2 in boxes[i + 1:]:
            if min(ax2, bx2) - max(ax1, bx1) > 0.5 and min(ay2, by2) - max(ay1, by1) > 0.5:
                found.append((a, b))
    return found


@pytest.mark.parametrize("name", PICTURES)
def test_first_view_is_readable(page, live_server, name):
    open_picture(page, live_server, name)
    boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) >= 5
    assert overlapping(boxes) == []
    smallest = page.evaluate("Math.min(...plangraphGraph.nodes().map(n => parseFloat(n.style('font-size'))))"
                             " * plangraphGraph.zoom()")
    assert smallest >= 10
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    assert page.errors == []


@pytest.mark.parametrize("name", PICTURES)
def test_two_loads_give_the_same_positions(page, live_server, name):
    positions = "Object.fromEntries(plangraphGraph.nodes().map(n => [n.id(), n.renderedPosition()]))"
    open_picture(page, live_server, name)
    first = page.evaluate(positions)
    page.reload()
    page.wait_for_selector("#graph[data-shown]")
    assert page.evaluate(positions) == first


@pytest.mark.parametrize("name", PICTURES)
def test_a_filter_changes_what_is_shown_and_the_address(page, live_server, name):
    open_picture(page, live_server, name)
    before = set(page.evaluate("plangraphGraph.nodes().map(n => n.id())"))
    current = page.locator("#filter-plan").input_value()
    values = [v for v in page.locator("#filter-plan option").evaluate_all("os => os.map(o => o.value)")
              if v and v != current]
    with page.expect_navigation():
        page.select_option("#filter-plan", values[-1])
    page.wait_for_selector("#graph[data-shown]")
    assert parse_qs(urlparse(page.url).query)["plan"] == [values[-1]]
    after = set(page.evaluate("plangraphGraph.nodes().map(n => n.id())"))
    assert after and after != before
    assert page.locator("#filter-plan").input_value() == values[-1]
    assert page.errors == []


@pytest.mark.parametrize("name", PICTURES)
def test_a_click_opens_the_side_panel(page, live_server, name):
    open_picture(page, live_server, name)
    page.locator("#graph").scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # Cytoscape redraws and binds its events on the next animation frames
    target = page.evaluate("""(() => {
        const leaves = plangraphGraph.nodes().filter(n => !n.isParent());
        const node = leaves.sort((a, b) => a.renderedPosition().y - b.renderedPosition().y)[0];
        const box = document.getElementById('graph').getBoundingClientRect();
        const p = node.renderedPosition();
        return {x: box.left + p.x, y: box.top + p.y, title: node.data('title'), href: node.data('href')}; })()""")
    page.mouse.move(target["x"], target["y"])
    page.mouse.click(target["x"], target["y"])
    page.wait_for_selector("#graph-panel:not([hidden])")
    assert page.locator("#panel-title").inner_text() == target["title"]
    assert page.locator("#panel-link").get_attribute("href") == target["href"]
    assert page.locator("#panel-details dt").count() >= 1
    assert page.errors == []


def test_action_nodes_say_what_the_action_is(page, live_server):
    open_picture(page, live_server, "dependencies")
    labels = page.evaluate("plangraphGraph.nodes('[kind = \"action\"]').map(n => n.data('label'))")
    assert any("Quality Observations" in label for label in labels)
    assert not any(re.fullmatch(r"\d+ of recommendation \d+", label) for label in labels)


def test_the_organisations_picture_starts_from_one_plan(page, live_server):
    open_picture(page, live_server, "organisations")
    assert "starts from" in page.locator("#graph-note").inner_text()
    chosen = page.locator("#filter-plan").input_value()
    assert chosen.startswith("plan/")
    open_picture(page, live_server, "organisations", "?plan=")
    assert page.locator("#graph-note").count() == 0
    assert int(page.locator("#graph").get_attribute("data-shown")) > 60


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("name", PICTURES)
def test_pictures_never_scroll_sideways(page, live_server, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/graphs/{name}")
    page.wait_for_selector("#graph[data-shown]")
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")


def download(page, button: str) -> str:
    with page.expect_download() as info:
        page.click(button)
    return open(info.value.path(), encoding="utf-8").read()


def test_the_svg_download_has_the_boxes_arrows_red_edges_and_whole_labels(page, live_server):
    open_picture(page, live_server, "dependencies")
    shown = page.evaluate("""({labels: plangraphGraph.nodes().map(n => n.data('label')),
        boxes: plangraphGraph.nodes(':parent').length, edges: plangraphGraph.edges().length,
        blocking: plangraphGraph.edges('[?blocking]').length})""")
    svg = ET.fromstring(download(page, "#svg"))
    assert svg.find(f"{SVG}defs/{SVG}marker") is not None
    lines = svg.findall(f".//{SVG}line")
    assert len(lines) == shown["edges"] and all(line.get("marker-end", "").startswith("url(#arrow") for line in lines)
    red = [line for line in lines if line.get("stroke") == "#c53030"]
    assert len(red) == shown["blocking"] > 0
    assert len(svg.findall(f".//{SVG}g[@class='box']/{SVG}rect")) == shown["boxes"] > 0
    backings = svg.findall(f".//{SVG}g[@class='node']/{SVG}rect")  # behind each label, hiding the lines under it
    assert backings and all(r.get("fill") == "#ffffff" and r.get("fill-opacity") is None for r in backings)
    texts = ["\n".join(t.text or "" for t in text.findall(f"{SVG}tspan")) for text in svg.iter(f"{SVG}text")]
    assert sorted(texts) == sorted(shown["labels"])
    x1, y1, w, h = (float(v) for v in svg.get("viewBox").split())
    for text in svg.iter(f"{SVG}tspan"):  # inside the drawing: nothing clipped at its edges
        assert x1 <= float(text.get("x")) <= x1 + w and y1 <= float(text.get("y")) <= y1 + h
    assert page.errors == []


def test_the_graphml_download_names_every_node_with_its_kind(page, live_server):
    open_picture(page, live_server, "organisations")
    names = page.evaluate("plangraphGraph.nodes().filter(n => !n.isParent()).map(n => n.data('name'))")
    graphml = ET.fromstring(download(page, "#graphml"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}
    keys = {k.get("id"): k.get("attr.name") for k in graphml.findall("g:key", ns)}
    assert keys["label"] == "label" and keys["kind"] == "kind"
    nodes = graphml.findall(".//g:node", ns)
    assert sorted(n.find("g:data[@key='label']", ns).text for n in nodes) == sorted(names)
    assert {n.find("g:data[@key='kind']", ns).text for n in nodes} == {"owner"}
    assert all(n.find(".//y:NodeLabel", ns).text for n in nodes)  # yEd shows names without a mapping


# Each red arrow and every label its straight line passes behind (not its own ends' labels), with
# the label's box on the canvas, a little inside its edge so that the arrow beside it does not count.
CROSSED_LABELS = """(() => {
    const crossings = [];
    const cuts = (p, q, b) => {  // does the segment p-q pass through box b? (Liang-Barsky clipping)
        let t0 = 0, t1 = 1;
        const dx = q.x - p.x, dy = q.y - p.y;
        for (const [step, room] of [[-dx, p.x - b.x1], [dx, b.x2 - p.x], [-dy, p.y - b.y1], [dy, b.y2 - p.y]]) {
            if (step === 0) { if (room < 0) return false; continue; }
            const t = room / step;
            if (step < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
            if (t0 > t1) return false;
        }
        return true;
    };
    plangraphGraph.edges('[?blocking]').forEach(edge => {
        const p = edge.renderedSourceEndpoint(), q = edge.renderedTargetEndpoint();
        plangraphGraph.nodes().filter(n => !n.isParent() && n !== edge.source() && n !== edge.target()).forEach(n => {
            const b = n.renderedBoundingBox({includeLabels: true, includeNodes: false, includeEdges: false,
                                             includeOverlays: false});
            const inner = {x1: b.x1 + 3, y1: b.y1 + 3, x2: b.x2 - 3, y2: b.y2 - 3};
            if (inner.x2 > inner.x1 && inner.y2 > inner.y1 && cuts(p, q, inner)) crossings.push([n.id(), inner]);
        });
    });
    return crossings; })()"""
# Pixels of the drawing where red shows (the blocking arrows' colour, or a wash of it) in a box.
REDDISH_PIXELS = """([box]) => {
    const ratio = window.devicePixelRatio || 1;
    let count = 0;
    document.querySelectorAll('#graph canvas').forEach(canvas => {
        const pixels = canvas.getContext('2d').getImageData(box.x1 * ratio, box.y1 * ratio,
            (box.x2 - box.x1) * ratio, (box.y2 - box.y1) * ratio).data;
        for (let i = 0; i < pixels.length; i += 4) {
            if (pixels[i + 3] > 0 && pixels[i] - pixels[i + 1] > 15 && pixels[i] - pixels[i + 2] > 15) count++;
        }
    });
    return count; }"""


def test_an_arrow_behind_a_label_never_shows_through_its_words(page, live_server):
    """Where a red arrow passes behind another action's label (in the seeds, 3.4's arrow behind
    4.4's), the label stays whole: its background hides the line, so no red is drawn inside it."""
    open_picture(page, live_server, "dependencies")
    page.wait_for_timeout(300)  # the canvas is drawn on the next animation frames
    crossings = page.evaluate(CROSSED_LABELS)
    assert crossings, "the seeds' picture has red arrows passing behind labels: the test must see them"
    assert {label: page.evaluate(REDDISH_PIXELS, [box]) for label, box in crossings} == {
        label: 0 for label, _ in crossings}


# The rightmost and leftmost dots of what the actions wait on, where they are on the screen.
WAITED_ON_ON_SCREEN = """(() => {
    const left = document.getElementById('graph').getBoundingClientRect().left;
    const xs = plangraphGraph.nodes('[kind = "deliverable"]').map(n => left + n.renderedPosition().x);
    return [Math.min(...xs), Math.max(...xs)]; })()"""


# A spot on screen, inside the picture's frame and inside a plan's box, with no dot or label near it
# (a finger there moves the frame; on a dot it would tap it).
A_SPOT_IN_A_BOX = """(() => {
    const frame = document.getElementById('graph-scroll').getBoundingClientRect();
    const canvas = document.getElementById('graph').getBoundingClientRect();
    const taken = plangraphGraph.nodes().filter(n => !n.isParent()).map(n => n.renderedBoundingBox({includeLabels: true}));
    const boxes = plangraphGraph.nodes(':parent').map(n => n.renderedBoundingBox({includeLabels: false}));
    for (let y = Math.max(frame.top, 0) + 20; y < Math.min(frame.bottom, innerHeight) - 20; y += 10) {
        for (let x = frame.right - 30; x > frame.left + 30; x -= 10) {
            const cx = x - canvas.left, cy = y - canvas.top;
            const free = taken.every(b => cx < b.x1 - 10 || cx > b.x2 + 10 || cy < b.y1 - 10 || cy > b.y2 + 10);
            if (free && boxes.some(b => cx > b.x1 && cx < b.x2 && cy > b.y1 && cy < b.y2)) return [x, y];
        }
    }
    return null; })()"""


@pytest.fixture
def open_on_a_phone(browser, live_server):
    """Opens a picture (the dependencies unless named) on a 390 px phone screen (a touch screen when
    asked); the phones are put away after the test."""
    contexts = []

    def open_picture_on_a_phone(touch: bool = False, name: str = "dependencies"):
        context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=touch, is_mobile=touch)
        contexts.append(context)
        tab = context.new_page()
        tab.goto(f"{live_server}/graphs/{name}")
        tab.wait_for_selector("#graph[data-shown]")
        return tab
    yield open_picture_on_a_phone
    for context in contexts:
        context.close()


def test_a_picture_wider_than_the_screen_says_how_to_see_the_rest(page, live_server, open_on_a_phone):
    """On a phone the dependency picture is wider than the screen (labels are never shrunk below
    10 px): the page says so, and dragging it with a mouse brings what the actions wait on into view."""
    open_picture(page, live_server, "dependencies")
    assert page.locator("#graph-wider").is_hidden()
    phone = open_on_a_phone()
    assert "drag it sideways" in phone.locator("#graph-wider").inner_text()
    _, before = phone.evaluate(WAITED_ON_ON_SCREEN)
    assert before > 390  # out of sight at first
    phone.locator("#graph").evaluate("box => box.scrollIntoView({block: 'end'})")
    phone.wait_for_timeout(300)  # Cytoscape binds its events on the next animation frames
    box = phone.locator("#graph-scroll").bounding_box()
    start_y = box["y"] + box["height"] - 5  # along the bottom margin, where no dot is
    phone.mouse.move(box["x"] + box["width"] - 10, start_y)
    phone.mouse.down()
    phone.mouse.move(box["x"] + 10, start_y, steps=10)
    phone.mouse.up()
    assert before - phone.evaluate(WAITED_ON_ON_SCREEN)[1] > 0.9 * (box["width"] - 20)  # it followed the drag
    assert phone.evaluate("document.scrollingElement.scrollWidth <= innerWidth")  # the frame scrolled, not the page


BOX_NAMES = """plangraphGraph.nodes(':parent').map(n => {
    const box = n.renderedBoundingBox({includeLabels: false});
    const name = n.renderedBoundingBox({includeLabels: true, includeNodes: false, includeEdges: false});
    return [n.data('label'), box.x1, box.x2, name.x1, name.x2]; })"""


def test_on_a_phone_each_box_name_starts_where_its_box_starts(open_on_a_phone):
    """The organisations' boxes nest four deep and the outer ones are wider than a phone: a name
    centred over its box would lie out of sight. Each name starts at its box's left edge (one wider
    than its box stays centred over it), so every box that starts on screen shows its name there."""
    phone = open_on_a_phone(name="organisations")
    frame_width = phone.locator("#graph-scroll").evaluate("frame => frame.clientWidth")
    boxes = phone.evaluate(BOX_NAMES)
    assert len(boxes) >= 4 and max(x2 for _, _, x2, _, _ in boxes) > frame_width  # wider than the screen
    for label, box_x1, box_x2, name_x1, name_x2 in boxes:
        if name_x2 - name_x1 < box_x2 - box_x1:
            assert 0 < name_x1 - box_x1 <= 16, label
        else:
            assert abs((name_x1 + name_x2) - (box_x1 + box_x2)) <= 2, label
        if box_x1 < frame_width:
            assert name_x1 < frame_width - 40, label


def swipe(tab, x: float, y: float, dx: float, dy: float) -> None:
    """A finger drawn across the screen, as a phone's touch screen reports it."""
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove",
                                              "touchPoints": [{"x": x + dx * step / 10, "y": y + dy * step / 10}]})
        tab.wait_for_timeout(16)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    settle(tab)


def settle(tab) -> None:
    """Wait until a swipe's momentum has died away: a finger put down on a moving page only stops
    it, so the next swipe would move nothing (on a busy machine the fling lasts longer)."""
    where = "[scrollY, document.getElementById('graph-scroll').scrollLeft]"
    last = tab.evaluate(where)
    for _ in range(50):
        tab.wait_for_timeout(150)
        now = tab.evaluate(where)
        if now == last:
            return
        last = now


def test_on_a_touch_screen_a_finger_on_the_picture_scrolls_the_page_and_the_picture(open_on_a_phone):
    """A finger on the picture scrolls the page up and down (the picture takes the whole screen on a
    phone: a reader must be able to scroll past it) and the picture sideways, never the page sideways."""
    phone = open_on_a_phone(touch=True)
    phone.evaluate("window.scrollTo(0, document.getElementById('graph').getBoundingClientRect().top + scrollY - 50)")
    phone.wait_for_timeout(300)
    top = phone.evaluate("scrollY")
    swipe(phone, 150, 500, 0, -250)
    assert phone.evaluate("scrollY") > top + 100
    shown = phone.evaluate("[plangraphGraph.zoom(), plangraphGraph.pan()]")
    _, before = phone.evaluate(WAITED_ON_ON_SCREEN)
    x, y = phone.evaluate(A_SPOT_IN_A_BOX)
    swipe(phone, x, y, -150, 0)
    assert before - phone.evaluate(WAITED_ON_ON_SCREEN)[1] > 100
    assert phone.evaluate("[plangraphGraph.zoom(), plangraphGraph.pan()]") == shown  # the frame moved, not the drawing
    assert phone.evaluate("scrollX") == 0


def test_a_click_on_a_box_opens_the_innermost_box_there(page, live_server):
    """Boxes let pointers through (so a finger on one scrolls), yet a click on a box, away from its
    dots, still opens the panel of the innermost box there: the region, not the service around it."""
    open_picture(page, live_server, "organisations")
    page.locator("#graph").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    target = page.evaluate("""(() => {
        const canvas = document.getElementById('graph').getBoundingClientRect();
        const leaves = plangraphGraph.nodes().filter(n => !n.isParent()).map(n => n.renderedBoundingBox({includeLabels: true}));
        const parents = plangraphGraph.nodes(':parent').sort((a, b) => b.ancestors().length - a.ancestors().length);
        for (const deepest of parents) {
        const b = deepest.renderedBoundingBox({includeLabels: false});
        for (let y = b.y1 + 5; y < b.y2 - 5; y += 5) for (let x = b.x1 + 5; x < b.x2 - 5; x += 5) {
            const inner = plangraphGraph.nodes(':parent').filter(n => n !== deepest && n.ancestors().contains(deepest)
                && (r => x > r.x1 && x < r.x2 && y > r.y1 && y < r.y2)(n.renderedBoundingBox({includeLabels: false})));
            if (!inner.length && leaves.every(l => x < l.x1 - 5 || x > l.x2 + 5 || y < l.y1 - 5 || y > l.y2 + 5)
                && canvas.top + y > 0 && canvas.top + y < innerHeight)
                return {x: canvas.left + x, y: canvas.top + y, title: deepest.data('title') || deepest.data('name'),
                        depth: deepest.ancestors().length};
        }}
        return null; })()""")
    assert target and target["depth"] >= 2, "the picture has a box inside boxes, with room beside its dots"
    page.mouse.click(target["x"], target["y"])
    page.wait_for_selector("#graph-panel:not([hidden])")
    assert page.locator("#panel-title").inner_text() == target["title"]
    assert page.errors == []


def test_zoom_buttons_grow_the_picture_in_its_frame_and_reset_brings_the_first_view_back(page, live_server):
    open_picture(page, live_server, "tools")
    first = page.evaluate("[plangraphGraph.zoom(), document.getElementById('graph').offsetWidth]")
    frame = page.evaluate("document.getElementById('graph-scroll').clientWidth")
    for _ in range(3):
        page.click("#zoom-in")
    zoom, width = page.evaluate("[plangraphGraph.zoom(), document.getElementById('graph').offsetWidth]")
    assert zoom == pytest.approx(first[0] * 1.25 ** 3) and width > frame  # bigger, and scrolls in its frame
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    page.click("#zoom-reset")
    assert page.evaluate("[plangraphGraph.zoom(), document.getElementById('graph').offsetWidth]") == first
    assert page.evaluate("document.getElementById('graph-scroll').scrollLeft") == 0
    assert page.errors == []


def test_zooming_in_never_makes_a_canvas_larger_than_a_phone_draws(browser, live_server):
    """The drawing is as large as the picture, so zooming in grows it: on a 3x phone screen it stays
    at two device pixels a pixel and under 16 million pixels a canvas (iOS draws no larger canvas)."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, device_scale_factor=3)
    phone = context.new_page()
    phone.goto(f"{live_server}/graphs/organisations?plan=")  # every organisation: the largest picture
    phone.wait_for_selector("#graph[data-shown]")
    sizes = "[...document.querySelectorAll('#graph canvas')].map(c => [c.width, c.height, c.clientWidth])"
    for _ in range(12):
        phone.click("#zoom-in")
    canvases = phone.evaluate(sizes)
    assert canvases and all(width * height <= 16e6 * 1.05 for width, height, _ in canvases)
    assert all(width == 2 * css for width, _, css in canvases)
    assert phone.evaluate("plangraphGraph.zoom()") > 1  # it did grow
    context.close()
