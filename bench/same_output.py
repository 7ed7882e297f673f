"""Does a change to the builder keep its output?  Builds the same documents with another revision
of the builder and with this checkout, and compares the Turtle and TriG byte for byte.

Usage: python -m bench.same_output [--base REVISION] [--generated 20]

The documents: the seeds (data/), each folder of unseen plans (tests/fixtures/unseen*/) and a
synthetic corpus of the seeds' shape (bench/corpus.py, `--generated` plans per seed), each built
alone.  For a change meant to be invisible (speed, memory), compare against the revision it started
from (the default: where this branch left main), so that others' changes in between do not count.
Exit status 1 when any file differs.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from bench.corpus import generate

ROOT = Path(__file__).resolve().parents[1]


def checkout(revision: str, folder: Path) -> Path:
    """The files of a revision, unpacked (not a worktree: nothing of git's state changes)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def build(code: Path, documents: Path, output: Path, *options: str) -> tuple[bytes, bytes]:
    """Turtle and TriG of `plangraph build` run from a copy of the code."""
    subprocess.run([sys.executable, "-m", "builder.cli", "build", "-q", "--no-cache", "-o", str(output),
                    *options, str(documents)], cwd=code, env={**os.environ, "PYTHONPATH": str(code)},
                   capture_output=True, check=False)
    trig = output.with_suffix(".trig")
    return (output.read_bytes() if output.exists() else b"", trig.read_bytes() if trig.exists() else b"")


def corpora(folder: Path, generated: int) -> dict[str, Path]:
    found = {"seeds": ROOT / "data"}
    found |= {path.name: path for path in sorted((ROOT / "tests" / "fixtures").glob("unseen*")) if path.is_dir()}
    if generated:
        seeds = sorted((ROOT / "data").glob("*.txt"))
        found["generated"] = folder / "generated"
        generate(seeds, generated * len(seeds), found["generated"], seed=7)
    return found


def compare(base: str, generated: int) -> list[str]:
    """The outputs that differ, named by corpus and format."""
    differ = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        old_code = checkout(base, folder / "base")
        for name, documents in corpora(folder, generated).items():
            # the reference built serially; this checkout as it builds by default, in parallel
            before = build(old_code, documents, folder / "before" / name / "plangraph.ttl", "-j", "1")
            after = build(ROOT, documents, folder / "after" / name / "plangraph.ttl")
            for fmt, old, new in zip(("ttl", "trig"), before, after):
                same = old == new and old
                print(f"{name:12} {fmt:5} {len(old):>10} bytes  {'same' if same else 'DIFFERENT'}")
                differ += [] if same else [f"{name}.{fmt}"]
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="the revision to compare with (default: where this branch left main)")
    parser.add_argument("--generated", type=int, default=20, help="synthetic plans per seed (default: 20)")
    args = parser.parse_args()
    base = args.base or subprocess.run(["git", "-C", str(ROOT), "merge-base", "main", "HEAD"], capture_output=True,
                                       text=True, check=True).stdout.strip()
    sys.exit(1 if compare(base, args.generated) else 0)


if __name__ == "__main__":
    main()
