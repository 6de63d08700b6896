"""China's administrative divisions, read from the gazetteer that ships with jionlp.

jionlp's ``dictionary/china_location.txt`` is a tab-indented tree, one unit per line::

    山西省\t140000\t山西                 province  (name, adcode, short name)
    \t太原市\t140100\t太原               city
    \t\t迎泽区\t140106\t迎泽             county
    \t\t\t老军营街道                     town / street
    \t\t\t\t劲松社区                     village / community

We locate the file through ``importlib`` without importing jionlp (its import prints a banner
and loads models), parse it once and keep a pickle in the user cache directory, keyed by
jionlp's version and the file's size and mtime, so a later run loads in a fraction of the
parse time. The file itself is never copied into kg.

>>> gaz = Gazetteer.load()
>>> [p.path for p in gaz.lookup("迎泽区")]
[('山西省', '太原市', '迎泽区')]
>>> gaz.lookup("太原")[0].name, gaz.lookup("内蒙古")[0].name
('太原市', '内蒙古自治区')
>>> [p.name for p in gaz.parents(gaz.lookup("迎泽区")[0])]
['太原市', '山西省']
"""

from __future__ import annotations

import gc
import os
from array import array
import pickle
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg import jionlp_data
from kg.errors import DataError
from kg.resources import load_toml

#: Level names by depth in the tree.
LEVELS: tuple[str, ...] = ("province", "city", "county", "town", "village")

#: How a name matched: its full name, jionlp's short name (province, city, county), or a
#: short form kg derives for towns by dropping the unit word (老军营 -> 老军营街道).
MATCH_NAME, MATCH_SHORT, MATCH_TOWN_SHORT = "name", "short", "town-short"

_CACHE_FORMAT = 3

#: An index maps a name to one node, or to a tuple of nodes when several units share it
#: (a compact form: most names are unique, and ints unpickle far faster than lists).
Index = dict[str, "int | tuple[int, ...]"]


@dataclass(frozen=True, slots=True)
class AdminPlace:
    """One administrative unit of the gazetteer.

    ``path`` runs from the province down and ends with ``name``; a municipality is a province
    whose city level is itself (``("北京市", "朝阳区")``). ``adcode`` is known for the top three
    levels only.
    """

    name: str
    level: str
    adcode: str | None
    path: tuple[str, ...]

    def within(self, other: AdminPlace) -> bool:
        """True if this unit is ``other`` or lies inside it.

        >>> a = AdminPlace("迎泽区", "county", "140106", ("山西省", "太原市", "迎泽区"))
        >>> a.within(AdminPlace("太原市", "city", "140100", ("山西省", "太原市")))
        True
        """
        return self.path[: len(other.path)] == other.path

    @property
    def depth(self) -> int:
        return LEVELS.index(self.level)


def _cache_dir() -> Path:
    base = os.environ.get("KG_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "kg" if base else Path.home() / ".cache" / "kg"


class Gazetteer:
    """Province -> city -> county -> town -> village, with indexes by name and short name.

    Nodes are kept as parallel lists (name, parent index, depth, adcode) rather than objects:
    700 000 units pickle and load fast that way; :class:`AdminPlace` values are built on demand.
    """

    def __init__(
        self,
        names: list[str],
        parents: array,
        depths: bytes,
        adcodes: dict[int, str],
        index: dict[str, Index],
    ) -> None:
        self._names = names
        self._parents = parents
        self._depths = depths
        self._adcodes = adcodes
        self._index = index

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer of the installed jionlp, parsed once per process (pickled per version)."""
        return _load_cached()

    @classmethod
    def parse(cls, text: str, town_suffixes: tuple[str, ...], path: str | Path = "china_location.txt") -> Gazetteer:
        """Parse jionlp's tab-indented ``china_location.txt`` (``path`` names it in errors)."""
        names: list[str] = []
        parents: list[int] = []
        depths = bytearray()
        adcodes: dict[int, str] = {}
        shorts: dict[int, str] = {}
        stack: list[int] = []  # node index at each depth of the current branch
        seen: dict[tuple[int, str], int] = {}  # (parent, name) -> node, to fold repeated lines
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            depth = len(line) - len(line.lstrip("\t"))
            fields = line.strip("\t").split("\t")
            name = fields[0].strip()
            if depth >= len(LEVELS) or depth > len(stack) or not name:
                raise DataError("E301", path, detail=f"line {number}: unexpected indentation")
            del stack[depth:]
            parent = stack[-1] if stack else -1
            if depth == 1 and name == names[parent]:
                # A municipality repeats itself as its own city: keep one node.
                stack.append(parent)
                continue
            key = (parent, name)
            node = seen.get(key)
            if node is None:
                node = len(names)
                seen[key] = node
                names.append(name)
                parents.append(parent)
                depths.append(depth)
                if len(fields) > 1 and fields[1].strip():
                    adcodes[node] = fields[1].strip()
                if len(fields) > 2 and fields[2].strip() and fields[2].strip() != name:
                    shorts[node] = fields[2].strip()
            stack.append(node)
        lists: dict[str, dict[str, list[int]]] = {MATCH_NAME: {}, MATCH_SHORT: {}, MATCH_TOWN_SHORT: {}}
        for node, name in enumerate(names):
            lists[MATCH_NAME].setdefault(name, []).append(node)
        for node, short in shorts.items():
            lists[MATCH_SHORT].setdefault(short, []).append(node)
        town = LEVELS.index("town")
        for node, name in enumerate(names):
            if depths[node] != town:
                continue
            for suffix in town_suffixes:
                if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                    lists[MATCH_TOWN_SHORT].setdefault(name[: -len(suffix)], []).append(node)
                    break
        index = {
            how: {key: nodes[0] if len(nodes) == 1 else tuple(nodes) for key, nodes in by_key.items()}
            for how, by_key in lists.items()
        }
        return cls(names, array("i", parents), bytes(depths), adcodes, index)

    def _nodes(self, how: str, key: str) -> tuple[int, ...]:
        found = self._index[how].get(key, ())
        return (found,) if isinstance(found, int) else found

    # ------------------------------------------------------------------ queries

    def __len__(self) -> int:
        return len(self._names)

    def _place(self, node: int) -> AdminPlace:
        path = []
        i = node
        while i >= 0:
            path.append(self._names[i])
            i = self._parents[i]
        return AdminPlace(
            name=self._names[node],
            level=LEVELS[self._depths[node]],
            adcode=self._adcodes.get(node),
            path=tuple(reversed(path)),
        )

    def match(self, name: str) -> list[tuple[AdminPlace, str]]:
        """Every unit ``name`` can denote, with how it matched, best matches first.

        Full names come before jionlp's short names, which come before derived town short
        names; within a kind, higher levels first, then by path.
        """
        out: list[tuple[AdminPlace, str]] = []
        seen: set[int] = set()
        for how in (MATCH_NAME, MATCH_SHORT, MATCH_TOWN_SHORT):
            nodes = [n for n in self._nodes(how, name) if n not in seen]
            seen.update(nodes)
            places = sorted((self._place(n) for n in nodes), key=lambda p: (p.depth, p.path))
            out.extend((p, how) for p in places)
        return out

    def lookup(self, name: str) -> list[AdminPlace]:
        """Units named ``name`` exactly or by a short alias (太原 -> 太原市, 清徐 -> 清徐县).

        >>> [p.level for p in Gazetteer.load().lookup("山西")]
        ['province']
        """
        return [place for place, _ in self.match(name)]

    def get(self, path: tuple[str, ...]) -> AdminPlace | None:
        """The unit at ``path`` (from the province down), if the gazetteer has it."""
        for node in self._nodes(MATCH_NAME, path[-1]) if path else ():
            place = self._place(node)
            if place.path == tuple(path):
                return place
        return None

    def parents(self, place: AdminPlace) -> list[AdminPlace]:
        """The units above ``place``, nearest first, up to its province."""
        out = []
        for i in range(len(place.path) - 1, 0, -1):
            parent = self.get(place.path[:i])
            if parent is not None:
                out.append(parent)
        return out


def _cache_key(path: Path) -> str:
    stat = path.stat()
    return f"gazetteer-v{_CACHE_FORMAT}-jionlp{jionlp_data.version()}-{path.suffix[1:]}{stat.st_size}-{int(stat.st_mtime)}.pickle"


@lru_cache(maxsize=1)
def _load_cached() -> Gazetteer:
    path = jionlp_data.source_file("china_location.txt")
    rules = load_toml("resolve/rules.toml")
    town_suffixes = tuple(rules["places"]["town_suffixes"])
    cache = _cache_dir() / _cache_key(path)
    try:
        with cache.open("rb") as fh:
            gc.disable()  # unpickling ~1M small objects: the cyclic GC only slows it down
            try:
                payload = pickle.load(fh)
            finally:
                gc.enable()
        if payload["town_suffixes"] == town_suffixes:
            data = payload["data"]
            data["names"] = data["names"].split("\n")
            return Gazetteer(**data)
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, AttributeError, ValueError):
        pass
    gaz = Gazetteer.parse(jionlp_data.read_text("china_location.txt"), town_suffixes, path)
    payload = {
        "town_suffixes": town_suffixes,
        "data": {
            "names": "\n".join(gaz._names),
            "parents": gaz._parents,
            "depths": gaz._depths,
            "adcodes": gaz._adcodes,
            "index": gaz._index,
        },
    }
    try:  # best effort: a read-only home only costs the parse next time
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache.parent, delete=False) as tmp:
            pickle.dump(payload, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, cache)
    except OSError:
        pass
    return gaz
