"""kg eval: the reference scorer's numbers, a hand-checked graph, bad gold files, public sets."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import networkx as nx
import pytest

from kg.errors import DataError
from kg.eval import evaluate, format_report, load_gold
from kg.eval.gold import Gold
from kg.eval.ner import read_set, span_counts
from kg.eval.score import score_page
from kg.export.turtle import turtle_bytes
from tests.conftest import ROOT, SEEDS, SHARED

KG = [sys.executable, "-m", "kg.cli"]


def _scorer():
    spec = importlib.util.spec_from_file_location("score_kg", SHARED / "tools" / "score_kg.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("pages, stem, profile", [
    (SEEDS, "000_b783142fb1ce736d", None),
    (SHARED / "corpus" / "xwlb_appointments", "xwlb_20230224_03", "peoples_daily"),  # removals too
])
def test_reproduces_the_reference_scorer(tmp_path, nlp, capsys, pages, stem, profile):
    """kg eval of a page = score_kg.py on `kg build` of that page alone, measure by measure."""
    gold_file = (SHARED / "gold" / f"{stem}.json") if pages == SEEDS else (SHARED / "gold-dev" / "xwlb_appointments" / f"{stem}.json")
    extra = ["--profile", profile] if profile else []
    subprocess.run([*KG, "build", str(pages / f"{stem}.txt"), "-o", str(tmp_path / "out"), "-q", "--no-cache", *extra], check=True, cwd=ROOT)
    reference = _scorer().main(str(tmp_path / "out" / "graph.ttl"), str(ROOT / "kg" / "data" / "ontology"), str(gold_file))
    capsys.readouterr()
    page = evaluate([gold_file], [pages], profile=profile, nlp=nlp).pages[0]
    for measure in ("person", "org", "place", "project", "post", "post+org"):
        p, r, f1, npred, ngold = reference[measure]
        c = page.counts[measure]
        assert (round(c.precision, 6), round(c.recall, 6), c.n_pred, c.n_gold) == (round(p, 6), round(r, 6), npred, ngold), measure
    assert page.counts["relations"].recall == pytest.approx(reference["relation_recall"][0])
    assert page.counts["relations"].precision == pytest.approx(reference["relation_precision"][0])


def _graph() -> nx.MultiDiGraph:
    """Two people, one post, one visit; one false place (清水县) and one false relation."""
    G = nx.MultiDiGraph()
    for node, kind, label, aliases in [
        ("person/王明", "Person", "王明", []),
        ("person/李强", "Person", "李强", []),
        ("org/太原市人民政府", "Organization", "太原市人民政府", ["市政府"]),
        ("place/山西省/太原市/迎泽区", "Place", "迎泽区", []),
        ("place/清水县", "Place", "清水县", []),
    ]:
        G.add_node(node, type=kind, label=label, aliases=aliases, articles=["p/001"], mentions=1)
    ev = [{"article_id": "p/001", "sentence": "副市长王明到迎泽区调研。", "start": 0, "end": 12, "rule": "test"}]
    G.add_edge("person/王明", "org/太原市人民政府", key="holdsPost|0", predicate="holdsPost", title="副市长", confidence=1.0, evidence=ev)
    G.add_edge("person/王明", "place/山西省/太原市/迎泽区", key="visited|0", predicate="visited", confidence=1.0, evidence=ev)
    G.add_edge("person/李强", "place/清水县", key="visited|0", predicate="visited", confidence=1.0, evidence=ev)
    return G


def test_counts_on_a_graph_checked_by_hand(tmp_path):
    gold = Gold(tmp_path / "g.json", "p.txt", {
        "persons": [{"name": "王明"}, {"name": "李强"}, {"name": "张三"}],
        "organisations": [{"as_written": "市政府", "canonical": "太原市人民政府"}],
        "places": [{"name": "迎泽区"}],
        "officials": [{"person": "王明", "title": "副市长", "org_as_written": "市政府", "org": "太原市人民政府"},
                      {"person": "李强", "title": "局长", "org_as_written": "", "org": ""}],
        "relations": [{"s": "王明", "p": "visited", "o": "迎泽区"}, {"s": "王明", "p": "attended", "o": "常务会议"}],
    })
    page = score_page(turtle_bytes(_graph()), gold, lambda *names: "句子")
    c = page.counts
    assert (c["person"].tp_pred, c["person"].n_pred, c["person"].tp_gold, c["person"].n_gold) == (2, 2, 2, 3)
    assert (c["place"].tp_pred, c["place"].n_pred, c["place"].tp_gold) == (1, 2, 1)  # 清水县 is a false hit
    assert (c["org"].precision, c["org"].recall) == (1.0, 1.0)
    assert (c["post"].tp_pred, c["post"].n_pred, c["post"].tp_gold, c["post"].n_gold) == (1, 1, 1, 2)
    assert (c["relations"].tp_gold, c["relations"].n_gold, c["relations"].tp_pred, c["relations"].n_pred) == (1, 2, 1, 2)
    assert (c["relation:visited"].precision, c["relation:attended"].recall) == (0.5, 0.0)
    found = {(f.measure, f.kind, f.text) for f in page.findings}
    assert ("person", "miss", "张三") in found and ("place", "false", "清水县") in found
    assert ("relation:visited", "false", "李强 —visited→ 清水县") in found
    assert ("relation:attended", "miss", "王明 —attended→ 常务会议") in found
    assert "changes" not in c  # the gold lists no changes


def test_changes_are_scored_only_when_the_gold_lists_them(tmp_path):
    gold = Gold(tmp_path / "g.json", "p.txt", {"changes": [{"person": "王明", "event": "appointed", "title": "副市长", "org": "太原市人民政府"}]})
    c = score_page(turtle_bytes(_graph()), gold).counts["changes"]
    assert (c.n_gold, c.tp_gold) == (1, 0)


@pytest.mark.parametrize("content, problem", [
    ("{not json", "not JSON"),
    ('{"persons": []}', 'no "file"'),
    ('{"file": "p.txt", "persons": [{"kind": "other"}]}', 'persons[0] has no string "name"'),
    ('{"file": "p.txt", "relations": {"s": "a"}}', '"relations" must be a list'),
])
def test_a_malformed_gold_file_is_named_with_its_problem(tmp_path, content, problem):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_gold(path)
    assert str(path) in str(info.value) and "E601" in str(info.value) and problem in str(info.value)


def test_cli_reports_a_bad_gold_file_and_a_missing_page_and_scores_the_rest(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "a_bad.json").write_text("{oops", encoding="utf-8")
    (gold_dir / "b_missing.json").write_text('{"file": "nowhere.txt", "persons": []}', encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "c.txt").write_text("本报讯 副市长王明到迎泽区调研。\n", encoding="utf-8")
    (gold_dir / "c_good.json").write_text(json.dumps({"file": "c.txt", "persons": [{"name": "王明"}]}, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([*KG, "eval", str(gold_dir), "--pages", str(pages), "--json", str(tmp_path / "s.json")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "a_bad.json" in errors[0] and "E601" in errors[0]
    assert "b_missing.json" in errors[1] and "E602" in errors[1] and "nowhere.txt" in errors[1]
    assert "gold files: 1 scored, 2 failed" in run.stdout
    scores = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["gold"]
    assert scores["total"]["person"]["recall"] == 1.0


def test_findings_carry_their_sentence(nlp):
    report = evaluate([SHARED / "gold" / "001_98f03f01644da8bb.json"], [SEEDS], nlp=nlp)
    text = format_report(report)
    misses = [f for f in report.pages[0].findings if f.kind == "miss" and f.measure == "org"]
    assert misses, "001 has organisation misses to show"
    assert all(f.sentence and f.text in f.sentence for f in misses if not f.text.startswith("中"))
    assert "F1 per file" in text and "== 001_98f03f01644da8bb.txt" in text


def test_ner_set_held_out_rows_and_span_counts(tmp_path):
    path = tmp_path / "cluener_train.jsonl"
    rows = [{"text": f"王明{i}", "entities": [[0, 2, "name"]]} for i in range(25)]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    data = read_set(path)
    assert data.texts == ["王明0", "王明10", "王明20"]  # holdout = 10 in ner_sets.toml
    assert span_counts({(0, 0, 2, "PER"), (1, 0, 3, "PER")}, data.gold, "PER").tp_pred == 1


def test_an_unknown_ner_set_is_refused(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"text": "x", "entities": []}\n', encoding="utf-8")
    with pytest.raises(DataError, match="E603"):
        read_set(path)


def test_six_predicates_count_recall_and_precision_over_the_same_relations():
    from kg.eval.run import _cells, six_predicates
    from kg.eval.score import Counts

    total = {"relation:attended": Counts(3, 4, 3, 6), "relation:issued": Counts(1, 1, 1, 2),
             "relation:partOf": Counts(0, 0, 5, 10)}
    six = six_predicates(total)
    assert (six.tp_pred, six.n_pred, six.tp_gold, six.n_gold) == (4, 5, 4, 8)  # partOf left out
    assert _cells(total["relation:partOf"], precision=False).split()[0] == "—"
