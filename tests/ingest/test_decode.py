"""Decoding page files: every encoding gives the same articles; bad files give one clear error."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import decode_file, read_pages, split_page

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_PAGES = sorted(SEEDS.glob("*.txt"))

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-8-crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "gb18030-crlf": lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    "utf-8-bom-cr": lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r").encode("utf-8"),
}


@pytest.mark.parametrize("page", SEED_PAGES, ids=lambda p: p.stem[:3])
@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_every_encoding_gives_identical_articles(tmp_path, page, encoding):
    text = page.read_text(encoding="utf-8")
    reference = split_page(text, page.name, year=2023)
    copy = tmp_path / page.name
    copy.write_bytes(ENCODINGS[encoding](text))
    assert copy.read_bytes() != page.read_bytes() or encoding == "utf-8"
    assert decode_file(copy) == text
    assert split_page(decode_file(copy), copy, year=2023) == reference


@pytest.mark.parametrize("encoding", ["gbk", "gb2312"])
def test_gbk_and_gb2312_pages(tmp_path, encoding):
    """GB18030 is a superset of both (seed 001 has SO₂, which GBK lacks, so it is tested above)."""
    text = "政务之要\n\n节前监督检查\n\n本报讯 1月9日迎泽区消息，该区开展检查。（刘涛）\n"
    path = tmp_path / "p.txt"
    path.write_bytes(text.encode(encoding))
    assert decode_file(path) == text


def test_truncated_multibyte_tail_is_dropped(tmp_path):
    data = "本报讯 甲事。".encode("utf-8") + "乙".encode("utf-8")[:2]
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    assert decode_file(path) == "本报讯 甲事。"


# -- bad input ---------------------------------------------------------------------------------------
GOOD_PREFIX = "本报讯 开头是正常的文字。".encode("gb18030")
#: High bytes that are neither UTF-8 nor GB18030: 0x80 and 0xFF never start a GB18030 character.
UNDECODABLE = GOOD_PREFIX + bytes([0xFF, 0x80, 0xC3, 0xFF, 0x9F, 0x80]) * 20
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"IHDR" + bytes(range(256))


def test_the_undecodable_fixture_really_is_undecodable():
    for encoding in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            UNDECODABLE.decode(encoding)


@pytest.mark.parametrize("data, code, detail", [
    (b"", "E102", "empty file"),
    (" \n\r\n\t\u3000\n".encode("utf-8"), "E102", "empty file"),
    (PNG, "E103", "NUL byte at offset 8"),
    (b"\x01\x02\x03\x04text\x05\x06\x07\x08" * 10, "E103", "control bytes"),
    (UNDECODABLE, "E101", f"byte 0xff at {len(GOOD_PREFIX)}"),
])
def test_bad_files_raise_a_coded_error_naming_the_file(tmp_path, data, code, detail):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        decode_file(path)
    assert caught.value.code == code
    assert caught.value.path == str(path)
    assert detail in str(caught.value)
    assert str(caught.value).startswith(f"{path}: [{code}]")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError) as missing:
        decode_file(tmp_path / "nope.txt")
    assert missing.value.code == "E100"
    with pytest.raises(InputError) as folder:
        decode_file(tmp_path)
    assert folder.value.code == "E104" and "directory" in str(folder.value)


def test_bad_files_among_good_pages(tmp_path):
    good = SEED_PAGES[:2]
    for page in good:
        (tmp_path / page.name).write_bytes(page.read_bytes())
    bad = {
        "zz_undecodable.txt": (UNDECODABLE, "E101", "byte 0xff"),
        "aa_empty.txt": (b"", "E102", "empty"),
        "mm_image.txt": (PNG, "E103", "NUL byte"),
    }
    for name, (data, _, _) in bad.items():
        (tmp_path / name).write_bytes(data)
    errors: list[InputError] = []
    got = list(read_pages([tmp_path], year=2023, on_error=errors.append))
    expected = [a for page in good for a in split_page(page.read_text(encoding="utf-8"), page.name, year=2023)]
    assert got == expected
    assert sorted(Path(e.path).name for e in errors) == sorted(bad)
    for error in errors:
        data, code, reason = bad[Path(error.path).name]
        assert error.code == code
        assert reason in str(error) and Path(error.path).name in str(error)


def test_without_on_error_the_first_bad_file_raises(tmp_path):
    (tmp_path / "a.txt").write_bytes(SEED_PAGES[0].read_bytes())
    (tmp_path / "b.txt").write_bytes(b"")
    stream = read_pages([tmp_path])
    first = next(stream)
    assert first.source == "a.txt"
    with pytest.raises(InputError) as caught:
        list(stream)
    assert caught.value.code == "E102"
