"""Newspaper profiles: where "home" is for a paper, read from ``kg/data/profiles/<name>.toml``.

A city paper writes its own bodies without the place name (市委, 省人社厅, a bare 副市长); the
profile says which city and province those are. The profile is data, so another city's paper
works by writing another TOML file (see ``taiyuan_daily.toml`` for the fields).

>>> p = load_profile()
>>> p.city.name, p.province.short, p.city.prefix
('太原市', '山西', '市')
>>> p.titles["副市长"]
('city', 'government')
>>> load_profile("datong_daily").city.name
'大同市'
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataError, KGError
from kg.resources import DATA_DIR

PROFILE_DIR = DATA_DIR / "profiles"
DEFAULT_PROFILE = "taiyuan_daily"

#: Levels a profile may call home, from the top.
HOME_LEVELS: tuple[str, ...] = ("country", "province", "city")

_TOP_KEYS = {"name", "paper", "aliases", "institutions", "home", "titles", "titles_after_name"}
_UNIT_KEYS = {"name", "short", "prefix", "bodies"}


@dataclass(frozen=True, slots=True)
class HomeUnit:
    """The paper's own city (or province, or country) and the names of its bodies."""

    level: str
    name: str
    short: str
    prefix: str | None = None
    bodies: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Profile:
    """A newspaper's home context. ``titles`` maps a bare title to (home level, body key);
    ``titles_after_name`` does the same for a bare title written after a name only (习近平主席:
    the head of state; 主席 before a name lost its body to the tagger)."""

    name: str
    paper: str
    home: dict[str, HomeUnit]
    titles: dict[str, tuple[str, str]]
    titles_after_name: dict[str, tuple[str, str]] = field(default_factory=dict)
    alias_files: tuple[Path, ...] = ()
    institution_files: tuple[Path, ...] = ()
    source: Path | None = None

    @property
    def city(self) -> HomeUnit | None:
        return self.home.get("city")

    @property
    def province(self) -> HomeUnit | None:
        return self.home.get("province")

    def unit_for_prefix(self, prefix: str) -> HomeUnit | None:
        """The home unit a paper means by a bare prefix character (市 -> the city)."""
        for unit in self.home.values():
            if unit.prefix and unit.prefix == prefix:
                return unit
        return None


def available_profiles() -> list[str]:
    """Names of the profiles shipped in ``kg/data/profiles``."""
    return sorted(p.stem for p in PROFILE_DIR.glob("*.toml"))


def load_profile(name_or_path: str | Path = DEFAULT_PROFILE) -> Profile:
    """Load a shipped profile by name, or any profile file by path.

    Raises ``DataError`` E302 for an unknown name or a missing file, E301 for a malformed one.

    >>> load_profile("no_such_paper")
    Traceback (most recent call last):
    ...
    kg.errors.DataError: no_such_paper: [E302] unknown newspaper profile (shipped: datong_daily, peoples_daily, taiyuan_daily)
    """
    text = str(name_or_path)
    looks_like_path = isinstance(name_or_path, Path) or text.endswith(".toml") or "/" in text or "\\" in text
    path = Path(text) if looks_like_path else PROFILE_DIR / f"{text}.toml"
    if not path.is_file():
        shipped = ", ".join(available_profiles())
        raise DataError("E302", name_or_path, detail=f"shipped: {shipped}")
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except OSError as exc:
        raise DataError("E302", path, detail=exc.strerror or str(exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise DataError("E301", path, detail=str(exc)) from exc
    return _parse(raw, path)


def _fail(path: Path, detail: str) -> KGError:
    return DataError("E301", path, detail=detail)


def _parse(raw: dict, path: Path) -> Profile:
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise _fail(path, f"unknown keys {sorted(unknown)}")
    for key in ("name", "paper"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise _fail(path, f"'{key}' must be a non-empty string")
    home: dict[str, HomeUnit] = {}
    raw_home = raw.get("home", {})
    if not isinstance(raw_home, dict) or not raw_home:
        raise _fail(path, "[home.<level>] is missing (levels: country, province, city)")
    for level in HOME_LEVELS:
        unit = raw_home.get(level)
        if unit is not None:
            home[level] = _parse_unit(unit, level, path)
    extra = set(raw_home) - set(HOME_LEVELS)
    if extra:
        raise _fail(path, f"unknown home levels {sorted(extra)}")
    tables: dict[str, dict[str, tuple[str, str]]] = {"titles": {}, "titles_after_name": {}}
    for key, table in tables.items():
        for title, target in raw.get(key, {}).items():
            level, _, body = str(target).partition(".")
            if level not in home or not body:
                raise _fail(path, f"title {title!r}: {target!r} is not '<home level>.<body key>'")
            table[title] = (level, body)
    return Profile(
        name=raw["name"],
        paper=raw["paper"],
        home=home,
        titles=tables["titles"],
        titles_after_name=tables["titles_after_name"],
        alias_files=tuple(_data_file(f, path) for f in raw.get("aliases", [])),
        institution_files=tuple(_data_file(f, path) for f in raw.get("institutions", [])),
        source=path,
    )


def _parse_unit(raw: object, level: str, path: Path) -> HomeUnit:
    if not isinstance(raw, dict):
        raise _fail(path, f"[home.{level}] must be a table")
    unknown = set(raw) - _UNIT_KEYS
    if unknown:
        raise _fail(path, f"[home.{level}]: unknown keys {sorted(unknown)}")
    for key in ("name", "short"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise _fail(path, f"[home.{level}]: '{key}' must be a non-empty string")
    bodies = raw.get("bodies", {})
    if not isinstance(bodies, dict) or not all(isinstance(v, str) for v in bodies.values()):
        raise _fail(path, f"[home.{level}.bodies] must map body keys to names")
    return HomeUnit(level=level, name=raw["name"], short=raw["short"], prefix=raw.get("prefix"), bodies=dict(bodies))


def _data_file(name: str, profile_path: Path) -> Path:
    """A data file named by a profile: beside the profile first, else under ``kg/data``."""
    candidate = Path(name)
    if candidate.is_absolute():
        return candidate
    beside = profile_path.parent / candidate
    return beside if beside.is_file() else DATA_DIR / candidate
