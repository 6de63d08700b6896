"""Finding page files, manifests and years, and streaming articles from files and folders."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import iter_page_files, load_manifest, read_pages, split_page

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PAGE = "本报讯 1月9日迎泽区消息，该区开展检查。（刘涛）\n"


def write(path: Path, text: str = PAGE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_iter_page_files_expands_folders_sorts_and_dedups(tmp_path):
    a = write(tmp_path / "pages" / "b.txt")
    b = write(tmp_path / "pages" / "sub" / "a.txt")
    write(tmp_path / "pages" / "notes.md")
    c = write(tmp_path / "other.txt")
    missing = tmp_path / "missing.txt"
    got = iter_page_files([c, tmp_path / "pages", a, str(missing), tmp_path / "pages" / "." / "b.txt"])
    assert got == sorted([a, b, c, missing], key=lambda p: (str(p.parent), p.name))
    assert len(got) == 4


def test_iter_page_files_on_the_seeds():
    assert [p.name for p in iter_page_files([SEEDS])] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(iter_page_files([SEEDS, SEEDS / "000_b783142fb1ce736d.txt"])) == 5


def test_seed_manifest():
    manifest = load_manifest(SEEDS)
    assert manifest["profile"] == "taiyuan_daily"
    assert manifest["files"]["000_b783142fb1ce736d.txt"] == {"date": date(2023, 1, 9)}
    assert manifest["files"]["001_98f03f01644da8bb.txt"] == {"date": date(2023, 12, 15)}


def test_every_seed_article_has_a_dated_year():
    undated = [a.id for a in read_pages([SEEDS]) if not a.date or a.date.startswith("--")]
    assert undated == []


def test_no_manifest(tmp_path):
    assert load_manifest(tmp_path) == {"files": {}}


@pytest.mark.parametrize("content, problem", [
    ("profile = \n", "Invalid"),
    ('[files]\n"a.txt" = { year = "2023" }\n', "year must be an integer"),
    ('[files]\n"a.txt" = { year = 23 }\n', "year must be an integer"),
    ('files = 3\n', "[files] must be a table"),
    ('[files]\n"a.txt" = 2023\n', "must be a table"),
    ("profile = 7\n", "profile must be a string"),
    ('[pages."a.txt"]\ndate = "2023-12-15"\n', "date must be a TOML date"),
    ('[pages."a.txt"]\ndate = 2023-12-15T08:00:00\n', "date must be a TOML date"),
    ('[pages."a.txt"]\ndate = 2023-12-15\nyear = 2022\n', "year 2022 and date 2023-12-15 disagree"),
    ('pages = 3\n', "[pages] must be a table"),
])
def test_malformed_manifest(tmp_path, content, problem):
    write(tmp_path / "manifest.toml", content)
    with pytest.raises(InputError) as caught:
        load_manifest(tmp_path)
    assert caught.value.code == "E106"
    assert caught.value.path == str(tmp_path / "manifest.toml")
    assert problem in str(caught.value)


def test_year_comes_from_argument_then_manifest_then_nowhere(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    first = lambda arts: next(a for a in arts if a.headline and "太原全力保障" in a.headline)
    assert first(read_pages([seeds])).date == "2023-01-07"
    assert first(read_pages([seeds], year=2019)).date == "2019-01-07"
    (seeds / "manifest.toml").unlink()
    assert first(read_pages([seeds])).date == "--01-07"


@pytest.mark.parametrize("issued, dates", [
    # the issue date: a dateline takes its year (the year before for a later day), an item
    # without a dateline takes the issue date itself
    ("2024-01-09", ["2024-01-09", "2024-01-09"]),
    ("2024-01-08", ["2023-01-09", "2024-01-08"]),
])
def test_page_issue_date_from_the_manifest(tmp_path, issued, dates):
    write(tmp_path / "p.txt", PAGE + "\n无日期的消息\n\n市政府召开常务会议，研究有关工作。\n")
    write(tmp_path / "manifest.toml", f'year = 2020\n[pages."p.txt"]\ndate = {issued}\n')
    got = list(read_pages([tmp_path]))
    assert [a.date for a in got] == dates
    assert [a.date for a in read_pages([tmp_path], year=2019)] == ["2019-01-09", None]  # --year wins


def test_manifest_default_year(tmp_path):
    write(tmp_path / "p.txt")
    write(tmp_path / "q.txt")
    write(tmp_path / "manifest.toml", 'year = 2021\n[files]\n"q.txt" = { year = 2020 }\n')
    assert [a.date for a in read_pages([tmp_path])] == ["2021-01-09", "2020-01-09"]


def test_a_corpus_index_gives_issue_dates_where_the_manifest_gives_none(tmp_path):
    write(tmp_path / "p.txt", "市政府召开常务会议，研究有关工作。\n")
    write(tmp_path / "q.txt", "市政府召开常务会议，研究有关工作。\n")
    write(tmp_path / "index.json", '{"items": [{"file": "p.txt", "date": "20240305"}, {"file": "q.txt", "date": "20240306"}]}')
    assert [a.date for a in read_pages([tmp_path])] == ["2024-03-05", "2024-03-06"]
    write(tmp_path / "manifest.toml", '[pages."q.txt"]\ndate = 2020-01-02\n')
    assert [a.date for a in read_pages([tmp_path])] == ["2024-03-05", "2020-01-02"]  # the manifest wins


@pytest.mark.parametrize("content", ['{"items": 3}', '[1, 2]', '{"items": [{"file": "p.txt", "date": "2024-13-40"}]}', "not json"])
def test_a_bad_corpus_index_is_one_error_naming_it(tmp_path, content):
    write(tmp_path / "p.txt")
    write(tmp_path / "index.json", content)
    errors: list[InputError] = []
    got = list(read_pages([tmp_path], on_error=errors.append))
    assert [(e.code, Path(e.path).name) for e in errors] == [("E106", "index.json")]
    assert got == split_page(PAGE, "p.txt")  # the page is still read, without a year


def test_read_pages_reports_missing_paths_empty_folders_and_bad_manifests(tmp_path):
    good = write(tmp_path / "good" / "p.txt")
    write(tmp_path / "good" / "manifest.toml", "year = [\n")
    (tmp_path / "empty").mkdir()
    errors: list[InputError] = []
    got = list(read_pages([tmp_path / "good", tmp_path / "empty", tmp_path / "gone.txt"], on_error=errors.append))
    assert got == split_page(PAGE, "p.txt")  # still read, without a year
    assert sorted((e.code, Path(e.path).name) for e in errors) == [
        ("E100", "gone.txt"), ("E105", "empty"), ("E106", "manifest.toml")]
    assert good.exists()


def test_read_pages_streams(tmp_path):
    for n in range(3):
        write(tmp_path / f"{n}.txt")
    stream = read_pages([tmp_path])
    assert next(stream).id == "0/001"
    assert [a.id for a in stream] == ["1/001", "2/001"]


def test_ids_do_not_depend_on_how_the_folder_is_spelled(tmp_path, monkeypatch):
    write(tmp_path / "pages" / "p.txt")
    monkeypatch.chdir(tmp_path)
    absolute = [(a.id, a.source) for a in read_pages([tmp_path / "pages"])]
    relative = [(a.id, a.source) for a in read_pages(["./pages/"])]
    assert absolute == relative == [("p/001", "p.txt")]


def test_pages_sharing_a_file_name_get_distinct_ids(tmp_path):
    """a/p.txt and b/p.txt read together: articles a/p/001 and b/p/001, never one p/001."""
    for folder, seed in (("a", "003_c8387fcf9c81d2cd.txt"), ("b", "004_231d657270cb7023.txt")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "p.txt").write_bytes((SEEDS / seed).read_bytes())
    articles = list(read_pages([tmp_path]))
    ids = [a.id for a in articles]
    assert len(ids) == len(set(ids))
    assert {a.source for a in articles} == {"a/p.txt", "b/p.txt"}
    assert ids[0] == "a/p/001"
    # a page whose name is unique keeps its plain name
    (tmp_path / "b" / "q.txt").write_bytes((SEEDS / "003_c8387fcf9c81d2cd.txt").read_bytes())
    assert any(a.id == "q/001" for a in read_pages([tmp_path]))
