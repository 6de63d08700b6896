"""The README's set-up commands are the ones CI runs, and what it points to exists."""

from __future__ import annotations

import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    """Commands of the first ```sh block under "## Set-up"."""
    section = README.split("## Set-up", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]


def test_setup_is_two_commands():
    assert setup_commands() == ["make run", "make test"]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [l.strip() for l in ci.splitlines() if l.strip() and not l.lstrip().startswith("#")]
    assert setup_commands()[1] in commands


def test_make_targets_do_what_the_readme_says():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run = re.search(r"^run:.*?\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "kg build seeds -o output" in run
    test = re.search(r"^test:.*?\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "pytest" in test


def test_linked_files_exist():
    for link in re.findall(r"\]\(([^)#]+)\)", README):
        if not link.startswith("http"):
            assert (ROOT / link).exists(), link
    for path in re.findall(r"`((?:queries|notebooks|kg/data/[a-z]+|ontology)/[\w./-]+\.(?:rq|ipynb|toml|tsv|ttl))`", README):
        assert (ROOT / path).exists(), path


def test_one_way_to_call_kg():
    """Every kg command the README shows is .venv/bin/kg (bare `kg` is not on PATH after make run)."""
    bare = re.findall(r"(?<![/\w.-])kg (?:build|query|show|stats|export|eval)\b", README)
    assert bare == []
    assert len(re.findall(r"\.venv/bin/kg (?:build|query|show|stats|export|eval)\b", README)) >= 8
