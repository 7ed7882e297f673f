"""Where each node of a picture goes, decided here rather than by a force-directed layout in the
browser, so that a picture is the same at every load, its labels never overlap and it can be tested.

Sizes are in screen pixels at zoom 1 with the label font of graph.js (12 px; boxes' titles 13 px).
Labels are wrapped here, so that the picture and its SVG download break them in the same places.
Every node is drawn in a cell wide and tall enough for its longest label; boxes (plans,
organisations) are packed in rows no wider than a 1366 px screen's picture.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

LINE_CHARS = 22  # characters on one line of a node's label
LABEL_LINES = 3
CHAR_WIDTH = 7.6  # a generous average for 12 px sans-serif, capitals included
LINE_HEIGHT = 15
CELL_WIDTH = 200  # > LINE_CHARS * CHAR_WIDTH: neighbours' labels keep a gap
NODE_ROOM = 44  # the largest node's diameter and its label's margin
CELL_HEIGHT = NODE_ROOM + LABEL_LINES * LINE_HEIGHT + 18
MAX_WIDTH = 1240  # what a 1366 px screen shows of the picture at zoom 1
BOX_PADDING = 14
TITLE_CHARS = 34  # a box's title is 13 px bold
TITLE_LINES = 3
TITLE_LINE = 17
TITLE_CHAR_WIDTH = 8.6


def wrap(text: str, width: int = LINE_CHARS, lines: int = LABEL_LINES) -> str:
    """The label as drawn: at most `lines` lines, the last cut with an ellipsis."""
    return "\n".join(textwrap.wrap(" ".join(text.split()), width, max_lines=lines, placeholder=" …")) or text


def shorten(text: str, words: int = 9) -> str:
    """The first words of a long text: what an action is, without the whole sentence."""
    parts = " ".join(text.split()).split(" ")
    short = " ".join(parts[:words]).rstrip(",;:.")
    return short + (" …" if len(parts) > words else "")


def grid(ids: list[str], origin: tuple[float, float], columns: int) -> dict[str, tuple[float, float]]:
    """Cells left to right, top to bottom; a node's position is the centre of its cell's top."""
    x0, y0 = origin
    return {node: (x0 + (i % columns) * CELL_WIDTH + CELL_WIDTH / 2, y0 + (i // columns) * CELL_HEIGHT + NODE_ROOM / 2)
            for i, node in enumerate(ids)}


def grid_size(count: int, columns: int) -> tuple[float, float]:
    rows = -(-count // columns) if count else 0
    return min(count, columns) * CELL_WIDTH, rows * CELL_HEIGHT


def columns_for(count: int, width: float = MAX_WIDTH) -> int:
    """Roughly square blocks, never wider than `width`."""
    square = 1
    while square * square < count:
        square += 1
    return max(1, min(square + 1 if count > 3 else count or 1, int(width // CELL_WIDTH)))


def title_width(title: str) -> float:
    return max(len(line) for line in wrap(title, TITLE_CHARS, TITLE_LINES).split("\n")) * TITLE_CHAR_WIDTH


def title_height(title: str) -> float:
    return len(wrap(title, TITLE_CHARS, TITLE_LINES).split("\n")) * TITLE_LINE + 8


@dataclass
class Box:
    """A compound node (plan, organisation): leaf nodes in a grid, then boxes inside it."""
    id: str
    title: str
    leaves: list[str] = field(default_factory=list)
    boxes: list["Box"] = field(default_factory=list)

    def arrange(self, width: float = MAX_WIDTH) -> tuple[float, float, dict[str, tuple[float, float]]]:
        """Width, height (title included) and leaf positions relative to the box's top left."""
        inner = width - 2 * BOX_PADDING
        top = title_height(self.title) + BOX_PADDING
        columns = columns_for(len(self.leaves), inner)
        positions = grid(self.leaves, (BOX_PADDING, top), columns)
        leaf_w, leaf_h = grid_size(len(self.leaves), columns)
        placed = [(box, *box.arrange(inner)) for box in self.boxes]
        child_w, child_h, child_positions = shelves(placed, inner)
        for node, (x, y) in child_positions.items():
            positions[node] = (x + BOX_PADDING, y + top + leaf_h)
        content_w = max(leaf_w, child_w, title_width(self.title) - 2 * BOX_PADDING)
        return content_w + 2 * BOX_PADDING, top + leaf_h + child_h + BOX_PADDING, positions


def shelves(placed: list, width: float, gap: float = 24) -> tuple[float, float, dict[str, tuple[float, float]]]:
    """Boxes (already arranged) left to right in rows no wider than `width`."""
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_h = used_w = 0.0
    for _, w, h, inside in placed:
        if x and x + w > width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        for node, (px, py) in inside.items():
            positions[node] = (px + x, py + y)
        x += w + gap
        row_h = max(row_h, h)
        used_w = max(used_w, x - gap)
    return used_w, (y + row_h if placed else 0.0), positions


# what a plan's actions wait on stands this far above them: an arrow from an action then rises into
# the clear band between its row's dots and the labels of the row above, over the dots to its right
ABOVE_ROW = 0.55 * CELL_HEIGHT


def boxes_then_columns(boxes: list[Box], loose: list[str], neighbours: dict[str, list[str]],
                       box_columns: int = 3, gap: float = 110) -> dict[str, tuple[float, float]]:
    """Boxes stacked on the left, no wider than ``box_columns`` cells; the loose nodes they point at
    in columns to their right, each beside the nodes pointing at it: arrows run across the gap
    between them instead of through other boxes.  A loose node pointed at only by loose nodes goes
    a column further right."""
    width = box_columns * CELL_WIDTH + 2 * BOX_PADDING
    # shelves no wider than nothing: one box a row, so no box stands between another and the gap
    left, _, positions = shelves([(box, *box.arrange(width)) for box in boxes], 0)
    x = left + gap if boxes else 0.0
    waiting = list(loose)
    while waiting:
        ready = [n for n in waiting if any(m in positions for m in neighbours.get(n, []))] or waiting
        positions.update(column(ready, positions, neighbours, x + CELL_WIDTH / 2, ABOVE_ROW))
        waiting = [n for n in waiting if n not in positions]
        x += CELL_WIDTH + gap / 2
    return positions


def column(nodes: list[str], positions: dict[str, tuple[float, float]], neighbours: dict[str, list[str]],
           x: float, rise: float = 0.0) -> dict[str, tuple[float, float]]:
    """Nodes one above another at ``x``, each as near ``rise`` above the mean height of its placed
    neighbours as the nodes above it allow."""
    placed, lowest = {}, float("-inf")
    for node in sorted(nodes, key=lambda n: (_mean_y(n, positions, neighbours), n)):
        lowest = max(_mean_y(node, positions, neighbours) - rise, lowest + CELL_HEIGHT)
        placed[node] = (x, lowest)
    return placed


def hub_between_columns(hubs: list[str], spokes: list[str], neighbours: dict[str, list[str]],
                        gap: float = 160) -> dict[str, tuple[float, float]]:
    """Hubs (organisations) in a middle column, what they link to (tools) in a column on each side,
    each beside the hubs it links to: every line runs between two neighbouring columns, never
    through another node or its label, as lines between rows of nodes do."""
    left, middle, right = CELL_WIDTH / 2, CELL_WIDTH * 1.5 + gap, CELL_WIDTH * 2.5 + 2 * gap
    side_height = -(-len(spokes) // 2) * CELL_HEIGHT
    spacing = max(CELL_HEIGHT, side_height / max(len(hubs), 1))
    positions = {hub: (middle, NODE_ROOM / 2 + i * spacing) for i, hub in enumerate(hubs)}
    ordered = sorted(spokes, key=lambda n: (_mean_y(n, positions, neighbours), n))
    positions.update(column(ordered[0::2], positions, neighbours, left))
    positions.update(column(ordered[1::2], positions, neighbours, right))
    return positions


def _mean_y(node: str, positions: dict[str, tuple[float, float]], neighbours: dict[str, list[str]]) -> float:
    """The mean height of the placed nodes a node links to (0 if none is placed)."""
    found = [positions[n][1] for n in neighbours.get(node, []) if n in positions]
    return sum(found) / len(found) if found else 0.0
