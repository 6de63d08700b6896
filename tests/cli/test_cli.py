"""Every command's output and exit code (0 ok, 1 some inputs failed, 2 usage error)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import EXIT_INPUT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, build_parser, main
from kg.export.formats import FORMATS
from tests.conftest import ROOT, SEEDS

OUTPUTS = ("articles.jsonl", "mentions.jsonl", "graph.json", "graph.ttl", "graph.html", "report.json", "report.html")


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("build")
    code = main(["build", str(SEEDS), "-o", str(out), "-q"])
    assert code == EXIT_OK
    return out


def test_build_writes_every_output(built):
    for name in OUTPUTS:
        assert (built / name).stat().st_size > 0, name
    assert [p.name for p in built.glob(".*")] == [".kg-output"], "temporary files left behind"


def test_build_rows_are_consistent(built):
    articles = {}
    for line in (built / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles[row["id"]] = row
        assert {"id", "source", "section", "headline", "date", "dateline_place", "authors", "text"} <= set(row)
    assert len(articles) > 40
    mentions = [json.loads(line) for line in (built / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert mentions
    for m in mentions:
        assert articles[m["article_id"]]["text"][m["start"] : m["end"]] == m["text"]


def test_build_summary_and_progress_quiet(tmp_path, capsys, nlp):
    code = main(["build", str(SEEDS / "003_c8387fcf9c81d2cd.txt"), "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == EXIT_OK
    assert "files: 1 read, 0 failed" in err
    assert "articles: " in err and "mentions: " in err and "PERSON" in err
    code = main(["build", str(SEEDS / "003_c8387fcf9c81d2cd.txt"), "-o", str(tmp_path), "--quiet"])
    assert code == EXIT_OK and capsys.readouterr().err == ""


def test_build_with_bad_inputs_reports_each_and_exits_1(tmp_path, capsys, nlp):
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(SEEDS / "003_c8387fcf9c81d2cd.txt", pages)
    (pages / "empty.txt").write_bytes(b"")
    (pages / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (pages / "garbled.txt").write_bytes(bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0x80]) * 20)
    out = tmp_path / "out"
    code = main(["build", str(pages), "-o", str(out), "-q"])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT_FAILED
    for name, code_ in (("empty.txt", "E102"), ("binary.txt", "E103"), ("garbled.txt", "E101")):
        lines = [l for l in err.splitlines() if name in l]
        assert len(lines) == 1 and code_ in lines[0], err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["run"]["failed"] == 3
    assert report["run"]["articles"] > 5  # the good page was still built
    assert {w["code"] for w in report["warnings"]} == {"E101", "E102", "E103", "W101"}  # W101: no manifest here


def test_missing_input_path_is_a_usage_error_that_writes_nothing(tmp_path, capsys):
    for argv in ([str(tmp_path / "nope.txt")], [str(SEEDS), str(tmp_path / "nope")]):
        code = main(["build", *argv, "-o", str(tmp_path / "o"), "-q"])
        assert code == EXIT_USAGE
        [line] = capsys.readouterr().err.splitlines()
        assert line == f"kg: {tmp_path / argv[-1].rsplit('/', 1)[-1]}: [E100] no such file or directory"
        assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("argv", [
    ["query", "{ttl}", "--format", "csv", "{q}"],
    ["query", "--format", "csv", "{ttl}", "{q}"],
    ["query", "{ttl}", "{q}", "--format", "csv"],
    ["--format", "csv", "query", "{ttl}", "{q}"],
])
def test_options_in_any_position(built, capsys, argv):
    q = "SELECT ?name WHERE { ?p a kg:Official ; rdfs:label ?name } ORDER BY ?name"
    assert main([a.format(ttl=built / "graph.ttl", q=q) for a in argv]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "name" and "周计伟" in lines


def test_build_options_before_paths(tmp_path, capsys, nlp):
    page = str(SEEDS / "003_c8387fcf9c81d2cd.txt")
    assert main(["build", "-q", "-o", str(tmp_path), "--formats", "json,gexf", page]) == EXIT_OK
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".kg-output") == [
        "articles.jsonl", "graph.gexf", "graph.json", "mentions.jsonl", "report.html", "report.json"]
    assert main(["build", page, "-o", str(tmp_path / "x"), "--formats", "gexf,pdf"]) == EXIT_USAGE
    assert "'pdf'" in capsys.readouterr().err and not (tmp_path / "x").exists()


@pytest.mark.parametrize("argv", [[], ["build"], ["build", "seeds", "--n-process", "x"], ["frobnicate"]])
def test_usage_errors_exit_2(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    assert code == EXIT_USAGE


def test_build_is_byte_identical(built, tmp_path, nlp):
    assert main(["build", str(SEEDS), "-o", str(tmp_path), "-q"]) == EXIT_OK
    for name in ("graph.ttl", "graph.json", "report.json", "articles.jsonl", "mentions.jsonl", "graph.html"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_failed_export_leaves_previous_output_intact(built, tmp_path, monkeypatch, capsys, nlp):
    out = tmp_path / "o"
    shutil.copytree(built, out)
    before = (out / "graph.ttl").read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("kg.export.write_turtle", boom)
    assert main(["build", str(SEEDS / "000_b783142fb1ce736d.txt"), "-o", str(out), "-q"]) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "E999" in err and "disk on fire" in err  # one line, no traceback
    assert (out / "graph.ttl").read_bytes() == before
    assert [p.name for p in out.glob(".*")] == [".kg-output"], "temporary files left behind"
    assert not list(tmp_path.glob(".o.*")), "staging folder left behind"


def test_query_formats(built, capsys):
    q = "SELECT ?name WHERE { ?p a kg:Official ; rdfs:label ?name } ORDER BY ?name"
    assert main(["query", str(built / "graph.ttl"), q]) == EXIT_OK
    table = capsys.readouterr().out
    assert "周计伟" in table and "row" in table
    assert main(["query", str(built / "graph.ttl"), q, "--format", "csv"]) == EXIT_OK
    csv = capsys.readouterr().out.splitlines()
    assert csv[0] == "name" and "周计伟" in csv
    assert main(["query", str(built / "graph.ttl"), q, "--format", "json"]) == EXIT_OK
    names = [b["name"]["value"] for b in json.loads(capsys.readouterr().out)["results"]["bindings"]]
    assert "武晓花" in names


def test_query_from_file(built, capsys):
    rq = sorted((ROOT / "queries").glob("*.rq"))[0]
    assert main(["query", str(built / "graph.ttl"), "--file", str(rq)]) == EXIT_OK
    assert "row" in capsys.readouterr().out


def test_query_errors_exit_2(built, tmp_path, capsys):
    assert main(["query", str(built / "graph.ttl"), "SELECT WHERE {"]) == EXIT_USAGE
    assert "E501" in capsys.readouterr().err
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    assert main(["query", str(bad), "SELECT * WHERE { ?s ?p ?o }"]) == EXIT_USAGE
    assert "bad.ttl" in capsys.readouterr().err


def test_show_person(built, tmp_path, capsys):
    page = tmp_path / "zhou.html"
    assert main(["show", "周计伟", "--graph", str(built / "graph.json"), "--html", str(page), "-q"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("周计伟")
    assert "posts over time" in out and "市委常委 @ 中共太原市委员会" in out
    assert "迎泽区" in out and "「" in out  # a relation with its evidence sentence
    assert "周计伟" in page.read_text(encoding="utf-8")


def test_show_alias_and_unknown(built, capsys):
    assert main(["show", "市委", "--graph", str(built / "graph.json"), "--html", str(built / "show.html"), "-q"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("中共太原市委员会")
    assert main(["show", "不存在的人", "--graph", str(built / "graph.json")]) == EXIT_USAGE
    assert "E902" in capsys.readouterr().err


def test_stats_matches_graph(built, capsys):
    from kg.graph import read_graph

    G = read_graph(built / "graph.json")
    assert main(["stats", str(built / "graph.json"), "--json"]) == EXIT_OK
    stats = json.loads(capsys.readouterr().out)
    assert stats["counts"]["nodes"] == G.number_of_nodes()
    assert stats["counts"]["edges"] == G.number_of_edges()
    assert sum(stats["counts"]["types"].values()) == G.number_of_nodes()
    assert main(["stats", str(built / "graph.json")]) == EXIT_OK
    assert f"nodes: {G.number_of_nodes()}" in capsys.readouterr().out


def test_every_command_help_has_examples():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) == {"build", "query", "show", "stats", "eval", "export", "diff"}
    for name, p in sub.choices.items():
        assert "examples:" in p.format_help(), name
    assert "exit codes" in parser.format_help()


def test_console_script_runs(tmp_path):
    kg = Path(sys.executable).with_name("kg")
    result = subprocess.run([str(kg), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("kg ")
    result = subprocess.run([str(kg), "query", str(tmp_path / "none.ttl"), "ASK {}"], capture_output=True, text=True)
    assert result.returncode == EXIT_USAGE and "none.ttl" in result.stderr


def test_report_numbers_match_the_graph(built):
    from collections import Counter

    from kg.graph import read_graph

    G = read_graph(built / "graph.json")
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["types"] == dict(Counter(t for _, t in G.nodes(data="type")))
    assert report["counts"]["predicates"] == dict(Counter(p for *_, p in G.edges(data="predicate")))
    assert report["run"]["articles"] == report["counts"]["types"]["Article"]
    mentions = sum(1 for _ in (built / "mentions.jsonl").open(encoding="utf-8"))
    assert sum(report["run"]["mentions"].values()) == mentions
    officials = {r["label"] for r in report["top_officials"]}
    assert {"周计伟", "武晓花"} <= officials
    assert report["merges"] and all(m["reason"] for m in report["merges"])
    page = (built / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    for t, n in report["counts"]["types"].items():
        assert f"<td>{t}</td><td class=\"num\">{n}</td>" in page
    assert "太原市卫生健康委员会" in page  # a merge is listed


def test_parallel_build_gives_the_same_graph(built, tmp_path, nlp):
    assert main(["build", str(SEEDS), "-o", str(tmp_path), "-q", "-j", "2", "--no-cache"]) == EXIT_OK
    for name in ("graph.ttl", "graph.json", "mentions.jsonl"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_verbose_build_lists_articles(tmp_path, capsys, nlp):
    assert main(["build", str(SEEDS / "003_c8387fcf9c81d2cd.txt"), "-o", str(tmp_path), "-v"]) == EXIT_OK
    err = capsys.readouterr().err
    assert "003_c8387fcf9c81d2cd/001: " in err and "posts" in err


@pytest.mark.parametrize("command", ["build", "query", "show", "stats", "export"])
def test_every_command_takes_quiet_and_verbose(command):
    help_text = build_parser()._subparsers._group_actions[0].choices[command].format_help()
    assert "--quiet" in help_text and "--verbose" in help_text


def test_bad_profile_and_output_are_usage_errors(tmp_path, capsys, nlp):
    page = str(SEEDS / "003_c8387fcf9c81d2cd.txt")
    assert main(["build", page, "-o", str(tmp_path / "o"), "--profile", "no_such_paper"]) == EXIT_USAGE
    assert "E302" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[home.city\n', encoding="utf-8")
    assert main(["build", page, "-o", str(tmp_path / "o"), "--profile", str(bad)]) == EXIT_USAGE
    assert "bad.toml" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["build", page, "-o", str(blocker / "out"), "-q"]) == EXIT_USAGE
    assert "E401" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_every_format_from_graph_json(built, tmp_path, capsys, fmt):
    out = tmp_path / FORMATS[fmt].file
    assert main(["export", str(built / "graph.json"), "--to", fmt, "-o", str(out)]) == EXIT_OK
    assert capsys.readouterr().err == f"wrote: {out}\n"
    assert (out.is_dir() and len(list(out.iterdir())) > 5) if FORMATS[fmt].folder else out.stat().st_size > 1000
    if fmt in ("json", "ttl"):  # the same bytes as the build wrote
        assert out.read_bytes() == (built / out.name).read_bytes()


def test_build_formats_all_matches_kg_export(built, tmp_path, capsys, nlp):
    assert main(["build", str(SEEDS), "-o", str(tmp_path / "b"), "-q", "--formats", "all"]) == EXIT_OK
    for fmt in ("ftm", "gexf", "graphml"):
        assert main(["export", str(built / "graph.json"), "--to", fmt, "-o", str(tmp_path / fmt), "-q"]) == EXIT_OK
        assert (tmp_path / fmt).read_bytes() == (tmp_path / "b" / FORMATS[fmt].file).read_bytes(), fmt
    assert sorted(p.name for p in (tmp_path / "b" / "cypher").iterdir())[:2] == ["import.sh", "load.cypher"]


def test_export_errors_are_usage_errors(built, tmp_path, capsys):
    assert main(["export", str(tmp_path / "none.json"), "--to", "gexf"]) == EXIT_USAGE
    assert "none.json" in capsys.readouterr().err
    assert main(["export", str(built / "graph.json"), "--to", "cypher", "-o", str(built / "graph.json")]) == EXIT_USAGE
    assert "cypher writes a folder" in capsys.readouterr().err


def test_every_article_without_a_year_is_warned_in_terminal_and_report(tmp_path, capsys, nlp):
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(SEEDS / "003_c8387fcf9c81d2cd.txt", pages)  # no manifest: no year anywhere
    assert main(["build", str(pages), "-o", str(tmp_path / "o")]) == EXIT_OK
    err = capsys.readouterr().err
    articles = [json.loads(line) for line in (tmp_path / "o" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    undated = [a["id"] for a in articles if a["date"] is None or a["date"].startswith("--")]
    assert len(undated) == len(articles) > 5
    warned = [line for line in err.splitlines() if line.startswith("kg: warning: 003_c8387fcf9c81d2cd.txt: [W101]")]
    assert [w.split("article ", 1)[1].split()[0] for w in warned] == undated
    assert f"warnings: {len(undated)} articles without a year" in err
    report = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert report["run"]["undated"] == len(undated)
    assert [w["code"] for w in report["warnings"]] == ["W101"] * len(undated)
    assert "articles without a year" in (tmp_path / "o" / "report.html").read_text(encoding="utf-8")
    # with the seeds' manifest (issue dates), none
    assert main(["build", str(SEEDS / "003_c8387fcf9c81d2cd.txt"), "-o", str(tmp_path / "m")]) == EXIT_OK
    assert "W101" not in capsys.readouterr().err
