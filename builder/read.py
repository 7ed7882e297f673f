"""Stage 1: read a document from disk, refusing what cannot be an action plan's text."""
from __future__ import annotations

import hashlib
from pathlib import Path

from .model import BuildError, SourceDocument

MAX_BYTES = 20 * 1024 * 1024


def read_document(path: Path) -> SourceDocument:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise BuildError(path.name, f"cannot read file: {err.strerror or err}") from err
    if not data.strip():
        raise BuildError(path.name, "the file is empty")
    if len(data) > MAX_BYTES:
        raise BuildError(path.name, f"the file is larger than {MAX_BYTES // 2**20} MiB")
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
