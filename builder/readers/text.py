"""Text dumps (.txt, .md, .tsv): read as they are, refusing what cannot be an action plan's text."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import BuildError, SourceDocument


def read(path: Path, data: bytes) -> SourceDocument:
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise BuildError(path.name, "the file is binary (it contains NUL bytes), not text", line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise BuildError(
            path.name, f"invalid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})", line
        ) from err
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceDocument(path=path, text=text, sha256=hashlib.sha256(data).hexdigest())

