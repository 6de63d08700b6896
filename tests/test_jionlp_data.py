"""jionlp's dictionary files are read from the .txt or, in a fresh install, from the .zip."""

from __future__ import annotations

import zipfile

import pytest

from kg import jionlp_data
from kg.errors import DataError


def test_reads_zip_when_the_txt_is_not_unpacked(tmp_path, monkeypatch):
    with zipfile.ZipFile(tmp_path / "china_location.zip", "w") as archive:
        archive.writestr("china_location.txt", "山西省\t140000\t山西\n\t太原市\t140100\t太原\n")
    monkeypatch.setattr(jionlp_data, "dictionary_dir", lambda: tmp_path)
    jionlp_data.read_text.cache_clear()
    try:
        assert jionlp_data.source_file("china_location.txt").suffix == ".zip"
        assert "太原市" in jionlp_data.read_text("china_location.txt")
        (tmp_path / "china_location.txt").write_text("山西省\t140000\t山西\n", encoding="utf-8")
        jionlp_data.read_text.cache_clear()
        assert "太原市" not in jionlp_data.read_text("china_location.txt")  # the .txt wins
        with pytest.raises(DataError, match="world_location.txt"):
            jionlp_data.read_text("world_location.txt")
    finally:
        jionlp_data.read_text.cache_clear()


def test_installed_package_has_the_divisions():
    text = jionlp_data.read_text("china_location.txt")
    assert "\t\t迎泽区\t140106" in text
