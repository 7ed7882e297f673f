"""Shared fixtures: the seed documents and builds of them, made once per test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# On a developer's machine without Chromium the browser tests are skipped; in CI they must run.
needs_chromium = pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                                    reason="Debian's chromium is not installed (.ci/run installs it)")


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
    from builder.analysis import load_dependencies, rdflib_select

    return load_dependencies(rdflib_select(corpus_graph))


@pytest.fixture(scope="session")
def graph_file(corpus, tmp_path_factory):
    """The seed corpus built to Turtle (and TriG beside it), as `plangraph build` writes it."""
    from builder.pipeline import serialize

    out = tmp_path_factory.mktemp("build") / "plangraph.ttl"
    out.write_bytes(serialize(corpus.graph(), "turtle"))
    out.with_suffix(".trig").write_bytes(serialize(corpus.dataset(), "trig"))
    return out


def make_app(graph_path, store_dir, **config):
    from webapp import create_app

    return create_app({"GRAPH_PATH": graph_path, "STORE_DIR": store_dir, "QUERY_TIMEOUT": 20.0, **config})


@pytest.fixture(scope="session")
def app(graph_file, tmp_path_factory):
    application = make_app(graph_file, tmp_path_factory.mktemp("store"))
    yield application
    application.extensions["plangraph"].close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def live_server(app):
    """The app served by waitress on a free loopback port, for real clients and the browser."""
    import threading

    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session: Playwright's sync API allows one driver at a time."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh tab that records console errors and uncaught exceptions in `tab.errors`."""
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda message: message.type == "error" and tab.errors.append(message.text))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()
