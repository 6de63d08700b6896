"""The gazetteer read from jionlp: lookups, parents, load time, no banner."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from kg.resolve import AdminPlace, Gazetteer
from kg.resolve import gazetteer as gazetteer_module


@pytest.mark.parametrize(
    "name, first",
    [
        ("太原", ("山西省", "太原市")),
        ("太原市", ("山西省", "太原市")),
        ("清徐", ("山西省", "太原市", "清徐县")),
        ("山西", ("山西省",)),
        ("内蒙古", ("内蒙古自治区",)),
        ("迎泽区", ("山西省", "太原市", "迎泽区")),
        ("老军营街道", ("山西省", "太原市", "迎泽区", "老军营街道")),
        ("老军营", ("山西省", "太原市", "迎泽区", "老军营街道")),
        ("上海", ("上海市",)),
        ("嘉定区", ("上海市", "嘉定区")),
    ],
)
def test_lookup(gazetteer: Gazetteer, name: str, first: tuple[str, ...]) -> None:
    assert gazetteer.lookup(name)[0].path == first


def test_levels_and_codes(gazetteer: Gazetteer) -> None:
    [county] = gazetteer.lookup("迎泽区")
    assert (county.level, county.adcode) == ("county", "140106")
    assert gazetteer.lookup("老军营街道")[0].adcode is None
    assert gazetteer.lookup("劲松社区")[0].level == "village"
    assert [p.name for p in gazetteer.parents(gazetteer.lookup("老军营街道")[0])] == ["迎泽区", "太原市", "山西省"]
    assert gazetteer.parents(gazetteer.lookup("山西")[0]) == []
    assert gazetteer.get(("山西省", "太原市")) == AdminPlace("太原市", "city", "140100", ("山西省", "太原市"))
    assert gazetteer.get(("山西省", "长沙市")) is None
    assert len(gazetteer) > 600_000


def test_ambiguous_names_list_every_unit(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("城关镇")
    assert len(found) > 50 and len({p.path for p in found}) == len(found)
    assert all(p.level == "town" for p in found)


def test_full_names_before_short_names(gazetteer: Gazetteer) -> None:
    # 吉林 is the province's short name; 吉林市 is a city's full name and its own short name
    assert [p.level for p in gazetteer.lookup("吉林")][:1] == ["province"]
    assert gazetteer.lookup("吉林市")[0].path == ("吉林省", "吉林市")


def test_load_time_cold_and_cached(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    gazetteer_module._load_cached.cache_clear()
    try:
        start = time.perf_counter()
        cold = Gazetteer.load()
        cold_s = time.perf_counter() - start
        assert list(tmp_path.glob("kg/gazetteer-*.pickle")), "no cache written"
        gazetteer_module._load_cached.cache_clear()
        start = time.perf_counter()
        warm = Gazetteer.load()
        warm_s = time.perf_counter() - start
    finally:
        gazetteer_module._load_cached.cache_clear()
    print(f"\ngazetteer load: parse {cold_s:.2f} s, from cache {warm_s:.2f} s, {len(warm)} units")
    assert len(cold) == len(warm) and warm.lookup("迎泽区") == cold.lookup("迎泽区")
    assert warm_s < cold_s  # the cache pays for itself
    assert warm_s < 3.0  # loaded once per run: keep it small


def test_a_corrupt_cache_is_rebuilt(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    gazetteer_module._load_cached.cache_clear()
    try:
        Gazetteer.load()
        [cache] = tmp_path.glob("kg/gazetteer-*.pickle")
        cache.write_bytes(b"not a pickle")
        gazetteer_module._load_cached.cache_clear()
        assert Gazetteer.load().lookup("太原")[0].name == "太原市"
        assert cache.read_bytes() != b"not a pickle"
    finally:
        gazetteer_module._load_cached.cache_clear()


def test_loading_prints_nothing(tmp_path) -> None:
    code = "from kg.resolve import Gazetteer; Gazetteer.load().lookup('太原')"
    env = {"KG_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and "jionlp" not in done.stderr
