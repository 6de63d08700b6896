"""Hostile page files, one kind per test: encodings, control characters, files that are not
files, folders that cannot be read. Each bad file gives one InputError naming it and why."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import plan_pages, read_page, read_pages, split_page
from kg.ingest.decode import decode_page, read_page_bytes, remove_controls

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED = SEEDS / "003_c8387fcf9c81d2cd.txt"
PAGE = "政务之要\n\n节前监督检查\n\n本报讯 1月9日迎泽区消息，该区开展节前监督检查。（刘涛）\n"


def collect(paths, **kw):
    errors: list[InputError] = []
    warnings = []
    articles = list(read_pages(paths, on_error=errors.append, on_warning=warnings.append, **kw))
    return articles, errors, warnings


# -- encodings -----------------------------------------------------------------------------------

UTF16 = {
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16-le": lambda t: t.encode("utf-16-le"),
    "utf-16-be": lambda t: t.encode("utf-16-be"),
    "utf-32-le-bom": lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le"),
}


@pytest.mark.parametrize("encoding", sorted(UTF16))
def test_utf16_and_utf32_pages_read_like_utf8(tmp_path, encoding):
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / SEED.name
    path.write_bytes(UTF16[encoding](text))
    articles, errors, warnings = collect([path])
    assert not errors and not warnings
    assert articles == split_page(text, SEED.name)


TRADITIONAL = "臺灣省政府今日宣布新的經濟政策\n\n行政院長表示將擴大公共建設投資，並於會議中說明相關細節。\n"


def test_big5_is_decoded_with_one_warning_naming_the_file(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    articles, errors, warnings = collect([path])
    assert not errors
    assert [w.code for w in warnings] == ["W102"] and "big5" in str(warnings[0]) and str(path) in str(warnings[0])
    assert "行政院長" in articles[0].text  # not garbled GB18030


@pytest.mark.parametrize("text, encoding", [
    ("Le café à Orléans: élan, naïveté, Noël. Ça va très bien, déjà vu.\n" * 4, "latin-1"),
    ("Zürich Straße Größe München Bär für über Öl.\n" * 4, "cp1252"),
    ("株式会社の東京本社で会議が開かれました。日本政府は新しい政策を発表した。\n", "shift_jis"),
])
def test_pages_in_other_encodings_are_refused_not_garbled(tmp_path, text, encoding):
    path = tmp_path / f"{encoding}.txt"
    data = text.encode(encoding)
    path.write_bytes(data)
    articles, errors, _ = collect([path])
    assert articles == []
    assert [e.code for e in errors] == ["E107"]
    assert str(errors[0]).startswith(f"{path}: [E107]") and "looks like" in str(errors[0])


def test_short_gb18030_page_stays_gb18030():
    assert decode_page("本报讯\r\n".encode("gb18030")).text == "本报讯\n"
    assert decode_page(PAGE.encode("gb2312")).encoding == "gb18030"


def test_bom_in_mid_file_does_not_glue_two_articles(tmp_path):
    first = "政务之要\n\n第一条新闻标题\n\n本报讯 1月9日迎泽区消息，该区开展检查。（刘涛）"  # no final newline
    second = "第二条新闻标题\n\n本报讯 1月10日小店区消息，该区召开会议。（王红）\n"
    path = tmp_path / "cat.txt"
    path.write_bytes(codecs.BOM_UTF8 + first.encode() + codecs.BOM_UTF8 + second.encode())
    articles, errors, _ = collect([path])
    assert not errors
    assert [a.headline for a in articles] == ["第一条新闻标题", "第二条新闻标题"]
    assert all("\ufeff" not in a.text for a in articles)


# -- control characters --------------------------------------------------------------------------

def test_control_characters_are_removed_and_offsets_still_point_into_the_page(tmp_path):
    page = "政务之要\n\n节前\x1b[31m监督检查\n\n本报讯 1月9日迎泽区消息，该区\x07开展\x85节前监督\x00检查。（刘涛）\n"
    path = tmp_path / "ctl.txt"
    path.write_bytes(page.encode("utf-8").replace(b"\x00", b""))  # NUL would make it binary
    page = page.replace("\x00", "")
    articles, errors, warnings = collect([path])
    assert not errors and [w.code for w in warnings] == ["W103"]
    [a] = articles
    for text in (a.text, a.headline):
        assert not any(c < " " and c != "\n" or "\x7f" <= c <= "\x9f" for c in text)
    assert a.headline == "节前[31m监督检查"
    for seg in a.segments:  # every run of the article is a verbatim slice of the decoded page
        assert a.text[seg.start : seg.start + seg.length] == page[seg.source_start : seg.source_start + seg.length]
    assert len(a.segments) >= 3  # split where the \x07 and \x85 were taken out


def test_remove_controls_keeps_tab_and_newline():
    assert remove_controls("a\tb\nc\x1b\x9fd") == ("a\tb\ncd", [5, 6])


# -- files that are not files --------------------------------------------------------------------

def test_fifo_and_devices_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "pages" / "pipe.txt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    (tmp_path / "pages" / "good.txt").write_text(PAGE, encoding="utf-8")
    # Opening a FIFO for reading would block forever: a hang fails the test run.
    articles, errors, _ = collect([tmp_path / "pages", "/dev/zero"])
    assert len(articles) == 1
    assert sorted((e.code, Path(e.path).name) for e in errors) == [("E104", "pipe.txt"), ("E104", "zero")]
    assert all("not a regular file" in str(e) for e in errors)
    with pytest.raises(InputError, match="character device"):
        read_page_bytes("/dev/zero")


def test_dangling_symlink_is_reported_not_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    articles, errors, _ = collect([tmp_path])
    assert len(articles) == 1
    assert [(e.code, Path(e.path).name) for e in errors] == [("E100", "gone.txt")]
    assert "dangling symbolic link" in str(errors[0])


def _unreadable(monkeypatch, folder: Path) -> None:
    """Make ``folder`` unlistable as it is for another user (the tests may run as root)."""
    real = os.scandir

    def scandir(path="."):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_unreadable_sub_folder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "p.txt").write_text(PAGE, encoding="utf-8")
    _unreadable(monkeypatch, tmp_path / "locked")
    articles, errors, _ = collect([tmp_path])
    assert len(articles) == 1
    assert [(e.code, Path(e.path).name) for e in errors] == [("E104", "locked")]
    assert "Permission denied" in str(errors[0])


def test_unreadable_input_folder_is_one_error_not_a_traceback(tmp_path, monkeypatch):
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    _unreadable(monkeypatch, tmp_path)
    articles, errors, _ = collect([tmp_path])
    assert articles == []
    assert {e.code for e in errors} == {"E104", "E105"} and all(str(tmp_path) in str(e) for e in errors)


def test_oversized_page_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(PAGE.encode() * 100)
    with pytest.raises(InputError) as caught:
        read_page_bytes(path, limit=1000)
    assert caught.value.code == "E108" and str(path) in str(caught.value)


# -- manifests -----------------------------------------------------------------------------------

def test_a_manifest_applies_to_its_folder_whatever_the_argument_order(tmp_path):
    for folder, year, profile in (("a", 2021, "datong_daily"), ("b", 2019, "peoples_daily")):
        (tmp_path / folder / "sub").mkdir(parents=True)
        (tmp_path / folder / "p.txt").write_text(PAGE, encoding="utf-8")
        (tmp_path / folder / "sub" / "q.txt").write_text(PAGE, encoding="utf-8")
        (tmp_path / folder / "manifest.toml").write_text(f'profile = "{profile}"\nyear = {year}\n', encoding="utf-8")
    (tmp_path / "a" / "sub" / "manifest.toml").write_text("year = 2020\n", encoding="utf-8")
    one = plan_pages([tmp_path / "a", tmp_path / "b"])
    two = plan_pages([tmp_path / "b", tmp_path / "a"])
    assert one == two
    settings = {job.path.relative_to(tmp_path).as_posix(): (job.year, job.profile) for job in one}
    assert settings == {
        "a/p.txt": (2021, "datong_daily"),
        "a/sub/q.txt": (2020, "datong_daily"),  # the nearer manifest's year, the folder's profile
        "b/p.txt": (2019, "peoples_daily"),
        "b/sub/q.txt": (2019, "peoples_daily"),
    }
    assert [a.date for a in read_page(one[0]).articles] == ["2021-01-09"]


def test_arguments_override_every_manifest(tmp_path):
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "manifest.toml").write_text('profile = "datong_daily"\nyear = 2021\n', encoding="utf-8")
    [job] = plan_pages([tmp_path], year=2018, profile="peoples_daily")
    assert (job.year, job.profile) == (2018, "peoples_daily")
