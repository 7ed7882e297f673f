"""Tools and frameworks: acronyms the plan defines as a model, tool, system or framework,
plus the well-known ones of the reference data, each found wherever the text names it."""
from __future__ import annotations

import re

from ..ids import slug
from ..model import Tool
from .glossary import abbreviation_key
from .reference import Reference

_TOOL_NOUNS = {"model", "tool", "system", "assessment", "guidance", "pack", "checklist",
               "oversight", "scorecard", "score", "scale", "specification", "matrix"}
_FRAMEWORK_NOUNS = {"framework", "frameworks", "strategy"}
_CALLED_TOOL = re.compile(r"\(([A-Z][A-Za-z0-9]{1,8})\) is an? (?:new )?(?:\w+ )?(tool|framework|model|system)\b")


def tool_key(notation: str) -> str:
    """Versions share a key: "SARA3" and "SARA" are the same tool."""
    return slug(notation.rstrip("0123456789") or notation)


def tools_defined(glossary: dict[str, str], text: str, reference: Reference) -> dict[str, Tool]:
    tools: dict[str, Tool] = {}
    called = {m.group(1): m.group(2).lower() for m in _CALLED_TOOL.finditer(text)}
    for notation, expansion in glossary.items():
        head = expansion.split()[-1].lower()
        kind = called.get(notation) or ("framework" if head in _FRAMEWORK_NOUNS else head)
        if kind not in _TOOL_NOUNS | _FRAMEWORK_NOUNS | {"tool", "framework", "model", "system"}:
            continue
        key = reference.tool_names.get(notation) or reference.tool_names.get(expansion) or tool_key(notation)
        known = reference.tools.get(key)
        tools[key] = known or Tool(notation=notation.rstrip("0123456789") or notation,
                                   label=expansion, is_framework=kind in _FRAMEWORK_NOUNS)
    return tools


def tool_patterns(tools: dict[str, Tool], glossary: dict[str, str],
                  reference: Reference) -> list[tuple[str, re.Pattern, str]]:
    """Names to look for: each tool's notation (with version digits) and expansions."""
    names: dict[str, str] = dict(reference.tool_names)
    for notation, expansion in glossary.items():
        key = reference.tool_names.get(notation) or tool_key(notation)
        if key in tools:
            names[notation] = key
            names[expansion] = key
    patterns = []
    for name, key in sorted(names.items(), key=lambda item: -len(item[0])):
        flags = 0 if abbreviation_key(name) == name or len(name) <= 6 else re.I
        patterns.append((name.lower(), re.compile(rf"(?<![\w-]){re.escape(name)}\d*(?![\w-])", flags), key))
    return patterns


def mentioned_tools(text: str, patterns: list[tuple[str, re.Pattern, str]]) -> list[str]:
    """Keys of the tools a text names, in order of first mention."""
    lowered = text.lower()  # a substring test first: most names are in no given text
    found = [(m.start(), key) for needle, pattern, key in patterns if needle in lowered
             for m in pattern.finditer(text)]
    return list(dict.fromkeys(key for _, key in sorted(found)))
