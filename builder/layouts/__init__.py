"""Layout readers: each one recognises a document by its structure and extracts a RawPlan.

A layout is any object with a ``name``, ``detect(doc) -> float`` (0 = not this layout,
1 = certainly this layout) and ``extract(doc) -> RawPlan``.  Register new ones with
``register``; ``detect_layout`` picks the most confident.  No layout may look at file names.
"""
from __future__ import annotations

from typing import Protocol

from ..model import BuildError, RawPlan, SourceDocument

MIN_CONFIDENCE = 0.5


class Layout(Protocol):
    name: str

    def detect(self, doc: SourceDocument) -> float: ...

    def extract(self, doc: SourceDocument) -> RawPlan: ...


LAYOUTS: list[Layout] = []


def register(layout: Layout) -> Layout:
    LAYOUTS.append(layout)
    return layout


def detect_layout(doc: SourceDocument) -> Layout:
    scored = sorted(((layout.detect(doc), layout.name, layout) for layout in LAYOUTS),
                    key=lambda item: (-item[0], item[1]))
    if not scored or scored[0][0] < MIN_CONFIDENCE:
        raise BuildError(doc.name, "this does not look like an action plan: no table of "
                         "recommendations with responses, owners and target dates was found")
    return scored[0][2]


def extract_plan(doc: SourceDocument) -> RawPlan:
    return detect_layout(doc).extract(doc)

from . import columns  # noqa: E402,F401  (registers the layout)
from . import tables  # noqa: E402,F401  (registers the layout)
