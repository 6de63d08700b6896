"""Known place names, read from the gazetteer that ships with ``jionlp`` (a dependency).

The NER filter uses them to tell a real short place name (大同, 捷克) from a two-character word
that LAC mislabels as a place (宜林, 食安), and to drop organisations that are only a place name
(山西 tagged ORG). Names come from jionlp's China divisions down to county level (full and short
forms: 忻州市 / 忻州) and its world list (countries, full names, capitals, major cities).
Nothing is copied into the repository and nothing is downloaded.
"""

from __future__ import annotations

from functools import lru_cache

from kg import jionlp_data

#: China divisions deeper than this many tab indents (towns, villages) are not read by default:
#: their short forms collide with ordinary words.
MAX_DEPTH = 2

#: Towns and streets (one level below counties): only their full names are read (老军营街道,
#: 北格镇), which do not collide with words; villages below them are not read at all.
TOWN_DEPTH = 3


@lru_cache(maxsize=None)
def _place_depths() -> dict[str, int]:
    """Every name the gazetteer knows -> the shallowest depth it occurs at (0 provinces,
    1 prefectures, 2 counties, 3 towns; the world list counts as 0). Read once."""
    depths: dict[str, int] = {}

    def add(name: str, depth: int) -> None:
        if name and depth < depths.get(name, 99):
            depths[name] = depth

    for line in jionlp_data.read_text("china_location.txt").splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > TOWN_DEPTH:
            continue
        fields = line.strip().split("\t")
        add(fields[0], depth)
        if depth <= MAX_DEPTH and len(fields) >= 3:
            add(fields[2], depth)
    for line in jionlp_data.read_text("world_location.txt").splitlines():
        if line.rstrip().endswith(":"):
            continue
        fields = line.strip().split("\t")
        for name in fields[:3]:
            add(name, 0)
        if len(fields) > 3:
            for name in fields[3].split("/"):
                add(name, 0)
    return depths


@lru_cache(maxsize=None)
def known_places(max_depth: int = MAX_DEPTH) -> frozenset[str]:
    """Every known place name (full and short forms), China down to ``max_depth``
    (0 provinces, 1 prefectures, 2 counties, 3 towns: full names only), plus the world list.

    >>> {"忻州", "忻州市", "莫斯科", "捷克"} <= known_places()
    True
    >>> "宜林" in known_places(), "老军营街道" in known_places(), "老军营街道" in known_places(TOWN_DEPTH)
    (False, False, True)
    """
    return frozenset(name for name, depth in _place_depths().items() if depth <= max_depth)
