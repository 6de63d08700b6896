"""One person across articles: namesakes split where their provinces contradict at the same
time, careers that move stay one person, pinned decisions win, and the report says why."""

from __future__ import annotations

import pytest

from kg.errors import DataError
from kg.graph import GraphBuilder
from kg.model import Article
from kg.pipeline import analyse
from kg.resolve import Resolver, load_profile
from kg.resolve.identity import Pin, PersonIdentities


def assign_all(ids: PersonIdentities, rows) -> list[str]:
    return [ids.assign(name, f"person/{name}", article, date, regions, text) for name, article, date, regions, text in rows]


# (rows of (name, article, date, provinces, text), expected ids)
CASES = [
    pytest.param([("王伟", "a/1", "2023-01-05", {"浙江省"}, ""), ("王伟", "a/2", "2023-02-01", {"海南省"}, "")],
                 ["person/王伟", "person/王伟~2"], id="two provinces at the same time: namesakes"),
    pytest.param([("王伟", "a/1", "2019-01-05", {"浙江省"}, ""), ("王伟", "a/2", "2023-02-01", {"海南省"}, "")],
                 ["person/王伟", "person/王伟"], id="years apart: a career that moved"),
    pytest.param([("易炼红", "a/1", "2022-12-07", {"浙江省", "江西省"}, ""), ("易炼红", "a/2", "2023-01-09", {"江西省"}, "")],
                 ["person/易炼红", "person/易炼红"], id="an article links the provinces"),
    pytest.param([("王伟", "a/1", "2023-01-05", {"浙江省"}, ""), ("王伟", "a/2", "2023-01-06", set(), "")],
                 ["person/王伟", "person/王伟"], id="no province: no contradiction"),
    pytest.param([("王伟", "a/1", "2023-01-05", {"浙江省"}, ""), ("王伟", "a/2", None, {"海南省"}, "")],
                 ["person/王伟", "person/王伟"], id="undated: no contradiction"),
    pytest.param([("王伟", "a/1", "2023-01-05", {"浙江省"}, ""), ("王伟", "a/2", "2023-02-01", {"海南省"}, ""),
                  ("王伟", "a/3", "2023-03-01", {"海南省"}, "")],
                 ["person/王伟", "person/王伟~2", "person/王伟~2"], id="the namesake's next article joins the namesake"),
]


@pytest.mark.parametrize("rows, expected", CASES)
def test_identity_rule(rows, expected):
    assert assign_all(PersonIdentities.for_tests(), rows) == expected


def test_pins_split_and_merge():
    ids = PersonIdentities.for_tests([Pin("王伟", "港澳台侨", "split")])
    got = assign_all(ids, [("王伟", "a/1", "2023-01-05", set(), "王伟同志任港澳台侨委员会副主任"), ("王伟", "a/2", "2023-01-06", set(), "王伟出席")])
    assert got == ["person/王伟~港澳台侨", "person/王伟"]
    assert ids.decisions[0]["decision"] == "split" and "港澳台侨" in ids.decisions[0]["reason"]
    ids = PersonIdentities.for_tests([Pin("王伟", "", "merge")])
    assert assign_all(ids, CASES[0].values[0]) == ["person/王伟", "person/王伟"]


def test_a_bad_pin_is_a_data_error(tmp_path):
    path = tmp_path / "pins.toml"
    path.write_text('window_days = 365\n[[pins]]\nname = "王伟"\ndecision = "keep"\n', encoding="utf-8")
    with pytest.raises(DataError, match="E301"):
        PersonIdentities(None, path)


def test_provinces_of_organisations():
    ids = PersonIdentities(Resolver(load_profile("peoples_daily")).gazetteer)
    assert ids.regions(["浙江省委", "三亚市教育局"]) == {"浙江省", "海南省"}
    assert ids.regions(["全国人大常委会", "中华人民共和国外交部", "", "办公室"]) == frozenset()


def test_namesakes_through_the_pipeline(nlp):
    texts = [("2023-01-05", "浙江省委书记王伟主持召开会议。"), ("2023-02-01", "海南省三亚市副市长王伟到企业调研。"),
             ("2023-03-01", "王伟同志任浙江省委常委。"), ("2022-12-07", "易炼红同志任浙江省委书记，不再担任江西省委书记职务。"),
             ("2023-01-09", "江西省委书记易炼红出席会议。")]
    articles = [Article(f"n/{i}", "n.txt", i, t, date=d) for i, (d, t) in enumerate(texts, 1)]
    builder = GraphBuilder(Resolver(load_profile("peoples_daily")))
    for result in analyse(articles, nlp):
        builder.add(result)
    G = builder.graph()
    assert sorted(n for n in G if n.startswith("person/")) == ["person/易炼红", "person/王伟", "person/王伟~2"]
    assert G.nodes["person/王伟~2"]["label"] == "王伟" and G.nodes["person/王伟~2"]["articles"] == ["n/2"]
    decisions = [(d["decision"], d["id"], tuple(d["articles"])) for d in G.graph["person_identity"]]
    assert decisions == [("split", "person/王伟~2", ("n/2",)), ("merge", "person/王伟", ("n/1", "n/3")), ("merge", "person/易炼红", ("n/4", "n/5"))]
