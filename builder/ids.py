"""Readable, deterministic identifiers: the same name always gives the same slug."""
from __future__ import annotations

import re
import unicodedata

BASE = "https://w3id.org/plangraph/id/"


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.replace("&", " and ").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"
