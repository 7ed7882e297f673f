"""The pictures' data: elements with positions, filters honoured by the page, its .json twin and the API."""
from __future__ import annotations

import pytest

from webapp import picture_layout as layout

PICTURES = ["dependencies", "organisations", "tools"]
MERSEYSIDE = "plan/merseyside-crc"
ONE_EIGHT = "https://w3id.org/plangraph/id/plan/cheshire-and-greater-manchester-crc/action/1.8"


def nodes(data: dict) -> dict[str, dict]:
    return {e["data"]["id"]: e for e in data["elements"] if "source" not in e["data"]}


@pytest.mark.parametrize("name", PICTURES)
def test_the_page_its_json_twin_and_the_api_agree(client, name):
    twin = client.get(f"/graphs/{name}.json", query_string={"plan": MERSEYSIDE}).get_json()
    api = client.get(f"/api/graphs/{name}", query_string={"plan": MERSEYSIDE}).get_json()
    assert twin["elements"] == api["elements"] and twin["chosen"] == {"plan": MERSEYSIDE}
    assert [f["name"] for f in twin["filters"]] == ["plan", "organisation", "owner", "tool"]
    assert all(f["options"] for f in twin["filters"])
    html = client.get(f"/graphs/{name}", query_string={"plan": MERSEYSIDE}).get_data(as_text=True)
    assert f'<option value="{MERSEYSIDE}" selected>' in html


@pytest.mark.parametrize("name", PICTURES)
def test_every_drawn_node_has_a_position_and_two_answers_are_identical(client, name):
    first = client.get(f"/api/graphs/{name}", query_string={"plan": ""}).get_json()
    assert client.get(f"/api/graphs/{name}", query_string={"plan": ""}).get_json() == first
    parents = {e["data"].get("parent") for e in first["elements"]}
    leaves = [e for i, e in nodes(first).items() if i not in parents]
    assert leaves and all("position" in e for e in leaves)


@pytest.mark.parametrize("name", PICTURES)
def test_a_plan_filter_keeps_only_that_plans_part(client, name):
    everything = nodes(client.get(f"/api/graphs/{name}", query_string={"plan": ""}).get_json())
    merseyside = nodes(client.get(f"/api/graphs/{name}", query_string={"plan": MERSEYSIDE}).get_json())
    assert merseyside and set(merseyside) < set(everything)


def test_an_owner_filter_shows_that_owners_actions(client):
    owner = "owner/cheshire-and-greater-manchester-crc/head-of-operations"
    data = client.get("/api/graphs/dependencies", query_string={"owner": owner}).get_json()
    actions = [n["data"] for n in nodes(data).values() if n["data"]["kind"] == "action"]
    assert ONE_EIGHT in {a["id"] for a in actions}
    organisations = nodes(client.get("/api/graphs/organisations", query_string={"owner": owner}).get_json())
    assert "https://w3id.org/plangraph/id/" + owner in organisations


def test_a_tool_filter_shows_only_that_tool(client):
    data = client.get("/api/graphs/tools", query_string={"tool": "tool/oasys"}).get_json()
    tools = [n["data"] for n in nodes(data).values() if n["data"]["kind"] == "tool"]
    assert [t["name"] for t in tools] == ["OASys (Offender Assessment System)"]
    assert all(e["data"]["source"] == tools[0]["id"] for e in data["elements"] if "source" in e["data"])


def test_action_nodes_say_what_the_action_is_and_the_panel_what_it_waits_on(client):
    action = nodes(client.get("/api/graphs/dependencies").get_json())[ONE_EIGHT]["data"]
    assert action["label"].startswith("1.8 Implementation of") and "Quality" in action["label"]
    assert action["title"].startswith("1.8: Implementation of Quality Observations framework by June 19")
    details = dict(action["details"])
    assert details["Owner"] == "Head of Operations" and details["Due"] == "June 2019"
    assert details["Waits on"] == "Quality Observations framework" and details["Progress"] == "Planned"
    assert action["state"] == "blocked" and action["parent"].endswith("/plan/cheshire-and-greater-manchester-crc")


def test_the_blocking_edges_are_the_blocked_actions_first_links(client):
    edges = [e["data"] for e in client.get("/api/graphs/dependencies").get_json()["elements"] if "source" in e["data"]]
    blocking = {(e["source"], e["target"]) for e in edges if e["blocking"]}
    assert (ONE_EIGHT, "https://w3id.org/plangraph/id/deliverable/quality-observations-framework") in blocking
    assert not any(e["blocking"] for e in edges if e["source"].endswith("/action/1.7"))  # waits on an available one


def test_a_large_picture_starts_from_the_plan_with_most_to_show(client):
    data = client.get("/api/graphs/organisations").get_json()
    assert data["chosen"] == {"plan": "plan/greater-manchester-region-2023"} and "starts from" in data["note"]
    everything = client.get("/api/graphs/organisations", query_string={"plan": ""}).get_json()
    assert everything["chosen"] == {} and everything["note"] == ""
    assert len(nodes(everything)) > len(nodes(data))


def test_labels_are_wrapped_and_cut_to_three_lines():
    text = "Implementation of Quality Observations framework by June 19 which is currently being developed centrally"
    lines = layout.wrap(text).split("\n")
    assert len(lines) == 3 and all(len(line) <= layout.LINE_CHARS for line in lines) and lines[-1].endswith("…")
    assert layout.wrap("EMO") == "EMO"


def test_boxes_never_overlap_and_nested_boxes_sit_inside_their_parent():
    inner = layout.Box("unit", "Wigan PDU", leaves=["a", "b"])
    outer = layout.Box("crc", "Greater Manchester", leaves=[f"p{i}" for i in range(9)], boxes=[inner])
    other = layout.Box("other", "Merseyside", leaves=["m"])
    width, _, positions = layout.shelves([(b, *b.arrange()) for b in (outer, other)], layout.MAX_WIDTH)
    assert width <= layout.MAX_WIDTH and len(positions) == 12
    spots = sorted(positions.values())
    assert all(abs(a[0] - b[0]) >= layout.CELL_WIDTH or abs(a[1] - b[1]) >= layout.CELL_HEIGHT
               for i, a in enumerate(spots) for b in spots[i + 1:])
    assert min(positions["a"][1], positions["b"][1]) > max(positions[f"p{i}"][1] for i in range(9))


def test_arrows_to_what_plans_wait_on_never_cross_another_plan():
    plans = [layout.Box(f"plan{p}", f"Plan {p}", leaves=[f"a{p}.{i}" for i in range(n)])
             for p, n in enumerate([7, 1, 1, 4])]
    waits_on = {"framework": ["a0.0", "a3.3", "a2.0"], "vacancies": ["a1.0"], "package": ["a0.6", "a3.0"],
                "strategy": ["framework"]}
    positions = layout.boxes_then_columns(plans, list(waits_on), waits_on)
    half_w, half_h = layout.CELL_WIDTH / 2, layout.CELL_HEIGHT / 2

    def area(box):  # the cells of a plan's actions, as drawn
        xs, ys = zip(*(positions[leaf] for leaf in box.leaves))
        return min(xs) - half_w, min(ys) - half_h, max(xs) + half_w, max(ys) + half_h

    for target, sources in waits_on.items():
        for source in sources:
            (x1, y1), (x2, y2) = positions[source], positions[target]
            for box in plans:
                if source in box.leaves:
                    continue
                left, top, right, bottom = area(box)
                crossed = [t / 100 for t in range(101)
                           if left < x1 + (x2 - x1) * t / 100 < right and top < y1 + (y2 - y1) * t / 100 < bottom]
                assert not crossed, f"{source} -> {target} crosses {box.id}"
    assert positions["strategy"][0] > positions["framework"][0] > max(positions[f"a0.{i}"][0] for i in range(7))
    column = sorted(positions[n][1] for n in ("framework", "vacancies", "package"))
    assert all(b - a >= layout.CELL_HEIGHT for a, b in zip(column, column[1:]))
    assert positions["vacancies"][1] == positions["a1.0"][1] - layout.ABOVE_ROW  # beside the one action waiting on it


def test_lines_between_organisations_and_tools_never_pass_through_another_dot():
    hubs = [f"org{i}" for i in range(5)]
    spokes = [f"tool{i}" for i in range(16)]
    uses = {tool: [hubs[(i * 7 + k) % 5] for k in range(1 + i % 3)] for i, tool in enumerate(spokes)}
    positions = layout.hub_between_columns(hubs, spokes, uses)
    radius = 14  # the largest dot's, with a margin
    for tool, orgs in uses.items():
        for org in orgs:
            (x1, y1), (x2, y2) = positions[tool], positions[org]
            for other, (x, y) in positions.items():
                if other in (tool, org):
                    continue
                closest = min(((x1 + (x2 - x1) * t / 200 - x) ** 2 + (y1 + (y2 - y1) * t / 200 - y) ** 2) ** .5
                              for t in range(201))
                assert closest > radius, f"{tool} - {org} passes through {other}"
    columns = {x for x, _ in positions.values()}
    assert len(columns) == 3 and {positions[h][0] for h in hubs} == {sorted(columns)[1]}


def test_an_arrow_from_the_start_of_a_row_passes_over_the_dots_beside_it():
    plan = layout.Box("plan", "Plan", leaves=["a1", "a2", "a3"])  # one row of three actions
    waits_on = {"framework": ["a1"]}
    positions = layout.boxes_then_columns([plan], ["framework"], waits_on)
    (x1, y1), (x2, y2) = positions["a1"], positions["framework"]
    for other in ("a2", "a3"):
        x, y = positions[other]
        closest = min(((x1 + (x2 - x1) * t / 200 - x) ** 2 + (y1 + (y2 - y1) * t / 200 - y) ** 2) ** .5
                      for t in range(201))
        assert closest > 14, f"the arrow from a1 passes through {other}'s dot"
    assert y2 < y1  # it rises, into the band above the row, not down through the labels
