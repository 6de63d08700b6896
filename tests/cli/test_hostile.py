"""Hostile commands: data loss, atomic output sets, concurrent builds, kills, arguments checked
before any work, control characters in what is printed. Each kind of failure has its test."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.cli import EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE, _file_name, main
from tests.conftest import SEEDS

PAGE = SEEDS / "003_c8387fcf9c81d2cd.txt"
KG = [sys.executable, "-m", "kg.cli"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("good") / "out"
    assert main(["build", str(PAGE), "-o", str(out), "-q"]) == EXIT_OK
    return out


def test_a_typo_in_the_input_does_not_replace_a_good_output(good, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(good, out)
    before = snapshot(out)
    assert main(["build", str(tmp_path / "seedz"), "-o", str(out)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err == f"kg: {tmp_path / 'seedz'}: [E100] no such file or directory\n"
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left


def test_a_run_where_every_page_fails_writes_nothing(tmp_path, capsys, nlp):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "empty.txt").write_bytes(b"")
    (pages / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    out = tmp_path / "out"
    assert main(["build", str(pages), "-o", str(out), "-q"]) == EXIT_INPUT_FAILED
    err = capsys.readouterr().err
    assert "E102" in err and "E103" in err and "E109" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages"]


def test_an_output_folder_that_is_not_kg_s_is_refused_before_work(tmp_path, capsys):
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.docx").write_text("years of work", encoding="utf-8")
    assert main(["build", str(PAGE), "-o", str(home)]) == EXIT_USAGE
    assert "E904" in capsys.readouterr().err
    assert sorted(p.name for p in home.iterdir()) == ["thesis.docx"]


def test_files_a_build_does_not_write_are_kept(good, tmp_path, nlp):
    out = tmp_path / "out"
    shutil.copytree(good, out)
    (out / "show").mkdir()
    (out / "show" / "周计伟.html").write_text("<p>ego</p>", encoding="utf-8")
    assert main(["build", str(PAGE), "-o", str(out), "-q"]) == EXIT_OK
    assert (out / "show" / "周计伟.html").read_text(encoding="utf-8") == "<p>ego</p>"


@pytest.mark.parametrize("argv, problem", [
    (["build", "PAGE", "--year", "99999"], "--year"),
    (["build", "PAGE", "-j", "0"], "--n-process"),
    (["build", "PAGE", "--max-html-nodes", "0"], "--max-html-nodes"),
    (["build", "PAGE", "--scheduler", "tcp://x:1"], "--engine dask"),
    (["build", "PAGE", "--profile", "no_such_paper"], "E302"),
    (["show", "周计伟", "--radius", "-1"], "--radius"),
    (["show", "", "--graph", "GRAPH"], "a name"),
    (["show", "周\x1b[2J", "--graph", "GRAPH"], "a name"),
    (["stats", "GRAPH", "--top", "-2"], "--top"),
    (["stats", "NOWHERE"], "no graph here"),
])
def test_bad_arguments_are_usage_errors_before_any_work(argv, problem, good, tmp_path, capsys, monkeypatch):
    def no_pipeline(*args, **kwargs):
        raise AssertionError("the pipeline was loaded before the arguments were checked")

    monkeypatch.setattr("kg.nlp.load_pipeline", no_pipeline)
    subs = {"PAGE": str(PAGE), "GRAPH": str(good / "graph.json"), "NOWHERE": str(tmp_path / "g.json")}
    argv = [subs.get(a, a) for a in argv] + ["-o", str(tmp_path / "o")] * (argv[0] == "build")
    assert main(argv) == EXIT_USAGE
    err = capsys.readouterr().err
    assert problem in err and err.count("\n") == 1 and "Traceback" not in err and "\x1b" not in err
    assert not (tmp_path / "o").exists()


def test_show_a_name_inside_a_headline(tmp_path, capsys, nlp):
    out = tmp_path / "seeds"
    assert main(["build", str(SEEDS), "-o", str(out), "-q"]) == EXIT_OK
    capsys.readouterr()
    # 迎泽 alone is no entity; it is inside entity names and inside headlines (whose article
    # ids sort first): an entity comes first, and its ego network is drawn.
    assert main(["show", "迎泽", "--graph", str(out / "graph.json"), "-q"]) == EXIT_OK
    first = capsys.readouterr().out.splitlines()[0]
    assert "迎泽" in first and "Article" not in first
    # A word found only in a headline shows that article.
    assert main(["show", "全力保障", "--graph", str(out / "graph.json"), "-q"]) == EXIT_OK
    assert "Article" in capsys.readouterr().out


def test_a_long_name_makes_a_file_name_that_fits(tmp_path):
    label = "太原市" + "很长的机构名称" * 10 + "中心\n委员会"  # 79 characters, one a newline
    assert len(label) == 79
    for text in (label, label * 3):
        name = _file_name(text)
        assert "\n" not in name and len(name.encode()) <= 255 - len(".html")
        (tmp_path / f"{name}.html").write_text("ok", encoding="utf-8")  # the file system takes it
    assert _file_name(label * 3) != _file_name(label * 3 + "甲")  # cut names stay distinct


def test_control_characters_never_reach_the_terminal(tmp_path, capsys, nlp):
    pages = tmp_path / "pages"
    pages.mkdir()
    text = PAGE.read_text(encoding="utf-8").replace("太原", "太\x1b[31m原", 3)
    (pages / "bell\x07.txt").write_text(text, encoding="utf-8")
    (pages / "fake\nkg: x.txt: [E101] fake.txt").write_bytes(b"")
    code = main(["build", str(pages), "-o", str(tmp_path / "out"), "-v"])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT_FAILED
    assert "\x1b" not in err and "\x07" not in err
    assert not any(line.startswith("kg: x.txt") for line in err.splitlines())  # no fake log line
    assert "fake\\nkg: x.txt" in err
    labels = (tmp_path / "out" / "graph.json").read_text(encoding="utf-8")
    assert "\\u001b" not in labels and "\\u0007" not in labels


def _staging(parent: Path) -> list[Path]:
    return sorted(parent.glob(".out.kg-new-*"))


def test_a_killed_build_leaves_the_previous_output_intact(good, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(good, out)
    before = snapshot(out)
    proc = subprocess.Popen([*KG, "build", str(SEEDS), "-o", str(out), "-q", "--no-cache"],
                            stderr=subprocess.PIPE, cwd=tmp_path)
    while not _staging(tmp_path) and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert snapshot(out) == before
    # The next build clears the stranded staging folder and writes a complete output.
    assert main(["build", str(PAGE), "-o", str(out), "-q"]) == EXIT_OK
    assert not _staging(tmp_path)


def test_a_second_build_into_the_same_folder_waits(good, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(good, out)
    before = snapshot(out)
    fd = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a first build does while it writes
    try:
        proc = subprocess.Popen([*KG, "build", str(PAGE), "-o", str(out)], stderr=subprocess.PIPE, text=True, cwd=tmp_path)
        first = proc.stderr.readline()
        assert "waiting for another kg build" in first
        assert proc.poll() is None and snapshot(out) == before
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    rest = proc.communicate(timeout=300)[1]
    assert proc.returncode == EXIT_OK, rest
    assert (out / "graph.json").read_bytes() == before["graph.json"]  # same page, same graph
