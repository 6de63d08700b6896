"""The statistical layer: features, BIO round trip, a model trained by the script's own code,
and what kg_crf_ner adds (and must not add) to the rules' output."""

from __future__ import annotations

import importlib.util

import pytest

from kg.nlp.crf import bio_labels, doc_features, spans_of
from tests.conftest import ROOT, SHARED


def _train_script():
    spec = importlib.util.spec_from_file_location("train_crf", ROOT / "scripts" / "train_crf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_features_are_deterministic_and_one_per_character(nlp):
    doc = nlp.make_doc("他在太原市工作。")
    a, b = doc_features(doc), doc_features(nlp.make_doc("他在太原市工作。"))
    assert a == b and len(a) == len(doc.text)
    assert a[2]["w.place"] is True and a[2]["lac"].endswith("-B")  # 太原市 is a known place


@pytest.mark.parametrize("spans", [[(0, 2, "PER")], [(0, 4, "ORG"), (4, 7, "TITLE")], []])
def test_bio_round_trip(spans):
    text = "山西银行董事长王明"
    assert spans_of(bio_labels(text, spans)) == spans


def test_a_model_trained_by_the_script_code_tags_what_it_learned(tmp_path, nlp):
    import pycrfsuite

    script = _train_script()
    trainer = pycrfsuite.Trainer(verbose=False)
    texts = [("公司董事长王明出席", [(2, 5, "TITLE"), (5, 7, "PER")]), ("集团总经理李强讲话", [(2, 5, "TITLE"), (5, 7, "PER")])] * 10
    for text, spans in texts:
        trainer.append(script.featurise([text], nlp)[0], bio_labels(text, spans))
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50})
    trainer.train(str(tmp_path / "m.crfsuite"))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp_path / "m.crfsuite"))
    assert (2, 5, "TITLE") in spans_of(tagger.tag(script.featurise(["公司董事长张伟出席"], nlp)[0]))


def test_training_rows_leave_the_held_out_rows_out():
    script = _train_script()
    path = SHARED / "data" / "ner" / "resume_train.jsonl"
    train = sum(1 for _ in script.rows(path, held_out=False))
    held = sum(1 for _ in script.rows(path, held_out=True))
    assert held and train and abs(held * 9 - train) < 20  # every 10th row is held out
    assert not list(script.rows(SHARED / "data" / "ner" / "pd1998_dev.jsonl", held_out=False))  # never learned from


@pytest.mark.parametrize("text, title", [
    ("张伟任首席运营官。", "首席运营官"),  # a title the vocabulary lacks, in a sentence that names someone
])
def test_the_model_reads_titles_the_rules_miss(nlp, text, title):
    doc = nlp(text)
    assert title in {s.text for s in doc.spans["titles"]}


@pytest.mark.parametrize("text, kind", [("要积极发挥居民委员会的作用。", "居民委员会"), ("加强与检察机关的沟通。", "检察机关")])
def test_kinds_of_body_are_not_added(nlp, text, kind):
    assert kind not in {e.text for e in nlp(text).ents}


def test_the_model_reads_a_name_lac_cut_short_to_its_end(nlp):
    from spacy.tokens import Doc, Span

    words, tags = ["新台阶", "。", "吴为", "山", "常委", "代表", "民盟中央", "发言"], ["n", "w", "PER", "ORG", "n", "v", "ORG", "v"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words), tags=tags)
    doc.set_ents([Span(doc, 2, 3, "PERSON"), Span(doc, 3, 4, "ORG")])
    doc = nlp.get_pipe("kg_crf_ner")(doc)
    assert ("吴为山", "PERSON") in {(e.text, e.label_) for e in doc.ents}


def test_the_model_does_not_stretch_a_name_over_another_name(nlp):
    from spacy.tokens import Doc, Span

    words, tags = ["王明", "李强", "出席", "。"], ["PER", "PER", "v", "w"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * 4, tags=tags)
    doc.set_ents([Span(doc, 0, 1, "PERSON"), Span(doc, 1, 2, "PERSON")])
    doc = nlp.get_pipe("kg_crf_ner")(doc)
    assert {e.text for e in doc.ents} == {"王明", "李强"}
