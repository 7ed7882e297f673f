"""Stage 1, reading: a file on disk -> the ``SourceDocument`` the layouts read.

One reader per kind of file, registered by the file name endings it reads (as rdflib registers
its parser plug-ins by format): plain text dumps, Word documents, HTML pages and PDFs.  Each turns
its document into the same read form, lines of text with tables as tab-separated rows of HTML
cells, using the structure the document states (a Word table's rows and merged cells, a PDF's
ruling lines and word positions), and says where each line was printed.  A file no reader takes
is not read, and the build lists it.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from ..model import BuildError, SourceDocument

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Reader:
    """A reader plug-in: its module, imported when a document of its kind is first read (the PDF
    and Word libraries take a tenth of a second to load, which a build of text dumps need not
    pay), has ``read(path, data) -> SourceDocument``."""

    name: str  # as the build summary names it
    suffixes: tuple[str, ...]
    module: str

    def read(self, path: Path, data: bytes) -> SourceDocument:
        return import_module(self.module, __name__).read(path, data)


READERS: dict[str, Reader] = {}


def register(name: str, suffixes: tuple[str, ...], module: str) -> Reader:
    reader = Reader(name, suffixes, module)
    for suffix in suffixes:
        READERS[suffix] = reader
    return reader


def reader_for(path: Path) -> Reader | None:
    return READERS.get(Path(path).suffix.lower())


def read_document(path: Path) -> SourceDocument:
    """The document read by the reader of its kind; BuildError names the file and says why not."""
    path = Path(path)
    reader = reader_for(path)
    if reader is None:
        raise BuildError(path.name, f"plangraph does not read {path.suffix or 'extensionless'} files "
                         f"(it reads {', '.join(sorted(READERS))})")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise BuildError(path.name, f"cannot read file: {err.strerror or err}") from err
    if not data.strip():
        raise BuildError(path.name, "the file is empty")
    if len(data) > MAX_BYTES:
        raise BuildError(path.name, f"the file is larger than {MAX_BYTES // 2**20} MiB")
    return reader.read(path, data)


register("text", (".txt", ".md", ".tsv", ".text"), ".text")
register("word", (".docx",), ".word")
register("html", (".html", ".htm"), ".html")
register("pdf", (".pdf",), ".pdf")
