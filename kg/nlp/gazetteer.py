"""Known place names, read from the gazetteer that ships with ``jionlp`` (a dependency).

The NER filter uses them to tell a real short place name (大同, 捷克) from a two-character word
that LAC mislabels as a place (宜林, 食安), and to drop organisations that are only a place name
(山西 tagged ORG). Names come from jionlp's China divisions down to county level (full and short
forms: 忻州市 / 忻州) and its world list (countries, full names, capitals, major cities).
Nothing is copied into the repository and nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from kg.errors import DataError

#: China divisions deeper than this many tab indents (towns, villages) are not read: their
#: short forms collide with ordinary words.
MAX_DEPTH = 2


def _jionlp_dictionary() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("E301", detail="jionlp is not installed; it provides the place gazetteer")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


@lru_cache(maxsize=None)
def known_places(max_depth: int = MAX_DEPTH) -> frozenset[str]:
    """Every known place name (full and short forms), China down to ``max_depth``
    (0 provinces, 1 prefectures, 2 counties), plus the world list.

    >>> {"忻州", "忻州市", "莫斯科", "捷克"} <= known_places()
    True
    >>> "宜林" in known_places()
    False
    """
    folder = _jionlp_dictionary()
    names: set[str] = set()
    try:
        with (folder / "china_location.txt").open(encoding="utf-8") as fh:
            for line in fh:
                depth = len(line) - len(line.lstrip("\t"))
                if depth > max_depth:
                    continue
                fields = line.strip().split("\t")
                names.add(fields[0])
                if len(fields) >= 3 and fields[2]:
                    names.add(fields[2])
        with (folder / "world_location.txt").open(encoding="utf-8") as fh:
            for line in fh:
                if line.rstrip().endswith(":"):
                    continue
                fields = line.strip().split("\t")
                names.update(f for f in fields[:3] if f)
                if len(fields) > 3:
                    names.update(c for c in fields[3].split("/") if c)
    except OSError as exc:
        raise DataError("E301", folder, detail=f"jionlp gazetteer: {exc}") from exc
    names.discard("")
    return frozenset(names)
