"""Shared fixtures: the seed documents and builds of them, made once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def seed(prefix: str) -> Path:
    """A seed document by its number ("000" ... "004"): tests name documents, code never does."""
    return next(DATA.glob(f"{prefix}_*"))


@pytest.fixture(scope="session")
def seed_path():
    return seed


@pytest.fixture(scope="session")
def corpus():
    from builder.pipeline import build_corpus

    return build_corpus([DATA])


@pytest.fixture(scope="session")
def plans(corpus):
    """Built plans keyed by seed number."""
    return {d.path.name[:3]: d.plan for d in corpus.documents}


@pytest.fixture(scope="session")
def corpus_graph(corpus):
    return corpus.graph()



@pytest.fixture(scope="session")
def corpus_dependencies(corpus_graph):
    """The seed corpus's dependency graph, read through SPARQL as the web app reads it."""
    from webapp.analysis import load_dependencies, rdflib_select

    return load_dependencies(rdflib_select(corpus_graph))
