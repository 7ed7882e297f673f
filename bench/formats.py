"""Reading speed by form: the same plans built from their text dumps and from their PDF, Word and
HTML versions (written by tests/fixtures/make_formats.py), in one process, without the cache.
Each row is the median of the repeats; plans/s counts the whole build of a plan, reading included."""
from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from pathlib import Path

from builder.pipeline import build_corpus

ROOT = Path(__file__).resolve().parents[1]
FORMS = {"text": None, "pdf": ".pdf", "word": ".docx", "html": ".html"}


def _make_formats():
    spec = importlib.util.spec_from_file_location("make_formats", ROOT / "tests" / "fixtures" / "make_formats.py")
    module = sys.modules["make_formats"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(folder: Path, repeat: int) -> list[dict]:
    make_formats = _make_formats()
    documents = folder / "formats"
    make_formats.main(documents)
    rows = []
    for form, suffix in FORMS.items():
        paths = list(make_formats.PLANS.values()) if suffix is None else sorted(documents.glob(f"*{suffix}"))
        times = []
        for _ in range(max(repeat, 1)):
            started = time.perf_counter()
            result = build_corpus(paths)
            times.append(time.perf_counter() - started)
            if result.errors:
                raise RuntimeError(f"{form}: {result.errors[0]}")
        seconds = statistics.median(times)
        rows.append({"form": form, "plans": len(paths), "runs": len(times), "seconds": seconds,
                     "plans/s": len(paths) / seconds})
    return rows
