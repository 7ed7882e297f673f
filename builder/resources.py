"""Where the files the code reads live: the ontology, the reference data and the SHACL shapes.

In a source checkout they are the top-level folders ontology/ and shapes/ beside builder/ (so a
worktree's tests read that worktree's ontology, whatever is installed); in an installed wheel they
are the data packages ``plangraph_ontology`` and ``plangraph_shapes`` (setup.py maps the folders to
them), found through importlib.resources.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]


def _folder(package: str, checkout_name: str) -> Path:
    if (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / checkout_name).is_dir():
        return CHECKOUT / checkout_name
    return Path(str(files(package)))  # pip installs packages unzipped: a Traversable that is a real folder


ONTOLOGY_DIR = _folder("plangraph_ontology", "ontology")
ONTOLOGY = ONTOLOGY_DIR / "plangraph.ttl"
REFERENCE = ONTOLOGY_DIR / "reference.ttl"
SHAPES_DIR = _folder("plangraph_shapes", "shapes")
