"""The README's copy of `plangraph --help` and of each command's help is the real help, so that
it never drifts.  After changing a help text: `python tests/test_cli_help.py` rewrites it."""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BEGIN = "<!-- plangraph help: written by `python tests/test_cli_help.py`, checked by the tests -->\n"
END = "<!-- end of plangraph help -->\n"
COMMANDS = ["build", "export", "validate", "dependencies", "serve"]


def help_of(*command: str) -> str:
    """What `plangraph [COMMAND] --help` prints in a terminal 100 characters wide."""
    from builder.cli import main

    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(out), \
            contextlib.suppress(SystemExit):
        patch.setenv("COLUMNS", "100")
        main([*command, "--help"])
    return out.getvalue()


def generated() -> str:
    parts = [BEGIN, "```\n$ plangraph --help\n", help_of(), "```\n"]
    for command in COMMANDS:
        parts += [f"\n<details><summary><code>plangraph {command} --help</code></summary>\n\n",
                  f"```\n$ plangraph {command} --help\n", help_of(command), "```\n\n</details>\n"]
    return "".join(parts + [END])


def readme_copy() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index(BEGIN):text.index(END) + len(END)]


def test_every_command_and_option_is_described_and_every_command_has_an_example():
    from builder.cli import parser

    commands = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert sorted(commands) == sorted(COMMANDS)
    for name, command in commands.items():
        assert command.description, name
        assert all(action.help for action in command._actions), f"an option of {name} has no help"
        assert f"\n  plangraph {name}" in help_of(name).split("examples:")[1]


def test_the_readme_holds_the_real_help():
    assert readme_copy() == generated(), "run `python tests/test_cli_help.py` to update README.md"


def test_defaults_are_shown_and_say_the_folders_come_from_the_current_directory():
    def words(*command: str) -> str:
        return " ".join(help_of(*command).split())  # as read, whatever the wrapping

    assert "Folders are taken from the current directory" in words()
    assert "(default: build/plangraph.ttl)" in words("build") and "(default: data/)" in words("build")
    assert "(default: 5000)" in words("serve") and "(default: 127.0.0.1)" in words("serve")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    text = README.read_text(encoding="utf-8")
    README.write_text(text.replace(readme_copy(), generated()), encoding="utf-8")
