"""Imports flow one way: the web app and the CLI sit on top of the builder and its analysis layer."""
from __future__ import annotations

import ast
from pathlib import Path

BUILDER = Path(__file__).resolve().parents[1] / "builder"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_nothing_in_the_builder_imports_the_web_app():
    # builder/cli.py is the command line, on top beside the web app: only its `serve` starts the app
    below = (path for path in BUILDER.rglob("*.py") if path.name != "cli.py")
    offenders = {str(path.relative_to(BUILDER.parent)): sorted(m for m in _imported_modules(path)
                                                               if m.split(".")[0] == "webapp")
                 for path in below}
    assert {path: modules for path, modules in offenders.items() if modules} == {}
    assert (BUILDER / "analysis.py").exists()  # the shared analysis layer lives below the web app
