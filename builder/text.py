"""Small text helpers shared by the layouts and normalisation: markup removal, whitespace folding, phrases."""
from __future__ import annotations

import html
import re
from functools import lru_cache

_TAG = re.compile(r"<[^>]*>")
_MARKDOWN = re.compile(r"(\*+(?=\S)|(?<=\S)\*+|__|^#+\s*)")  # emphasis marks: "**Assessment:*"
_SHOULD = re.compile(r"^(?P<who>.{2,80}?)\s+should\s*:\s*(?P<rest>.*)$", re.I | re.S)


_MARKUP_SIGNS = frozenset("<&*_#")
_MARKDOWN_SIGNS = frozenset("*_#")


# The layouts read the same lines and cells several times over (detection, header, rows, cells):
# remembering the answers halves the build time.
@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Collapse runs of white space (including non-breaking space) to one space."""
    return " ".join(text.split())  # str.split's white space is the regex's \s, and faster


@lru_cache(maxsize=1 << 16)
def strip_markup(text: str) -> str:
    """Plain text of a cell or line: HTML tags, entities and markdown emphasis removed."""
    if _MARKUP_SIGNS.isdisjoint(text):
        return fold(text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = " ".join(_MARKDOWN.sub("", part.strip()) if _MARKDOWN_SIGNS.intersection(part) else part.strip()
                    for part in text.split("\n"))
    return fold(text)


def forget_document() -> None:
    """Forget the lines remembered while reading a document: the memory helps within one document,
    while a worker that builds thousands must not keep the lines of every one."""
    fold.cache_clear()
    strip_markup.cache_clear()


def split_addressee(text: str | None) -> tuple[str | None, str | None]:
    """ "The CRC should: Manage workloads ..." -> ("The CRC", "Manage workloads ...")."""
    if not text:
        return None, None
    m = _SHOULD.match(text)
    if not m:
        return None, text
    return m.group("who").strip(), fold(m.group("rest")) or None


# how a plan says a recommendation is not fully agreed, in a cell or a sentence of the response
NOT_FULLY_AGREED = r"(?:(?:partly|partially|not)\s+agreed|agreed\s+in\s+part)"
