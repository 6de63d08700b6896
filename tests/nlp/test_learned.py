"""The vocabularies learned from public annotations (scripts/learn_lexicons.py)."""

from __future__ import annotations

import importlib.util

from kg.resources import DATA_DIR, load_list, load_tsv
from tests.conftest import ROOT, SHARED


def _script():
    spec = importlib.util.spec_from_file_location("learn_lexicons", ROOT / "scripts" / "learn_lexicons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_files_are_what_the_script_learns_today():
    """One command rebuilds the learned files: the committed ones are not stale or hand-edited."""
    for name, text in _script().learn(SHARED).items():
        assert (DATA_DIR / "nlp" / "learned" / name).read_text(encoding="utf-8") == text, name


def test_positions_have_the_kinds_the_gold_conventions_give():
    kinds = {word: kind for word, kind, _ in load_tsv("nlp/learned/positions.tsv", 3)}
    for post in ("董事", "监事", "总经理", "教授", "研究员", "高级工程师", "局长"):
        assert kinds.get(post) == "post", post
    for occupation in ("记者", "导演", "学生", "专家"):
        assert kinds.get(occupation) == "occupation", occupation
    assert "魔兽" not in kinds  # seldom annotated where the training text has it


def test_learned_modifiers_are_modifiers():
    prefixes = set(load_list("nlp/learned/title_prefixes.txt"))
    assert {"副", "常务", "执行", "高级"} <= prefixes


def test_learned_org_names_are_names_annotators_give_organisations():
    names = set(load_list("nlp/learned/org_names.txt"))
    assert {"美联储", "中储粮", "米兰"} <= names
    assert not {"山西", "北京", "中国"} & names  # mostly places where the training text has them
