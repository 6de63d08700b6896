"""The data tables of resolution, loaded and checked once per profile.

Every word list of ``kg.resolve`` lives in ``kg/data/resolve/`` (see each file's header); this
module turns the files into typed rows and rejects a malformed row with E301 naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataError
from kg.resources import data_path, load_list, load_toml, load_tsv
from kg.schema import SCHEMA

from .names import normalise
from .profile import Profile

#: Jurisdiction levels that have bodies and departments, in the column order of the tables.
BODY_LEVELS: tuple[str, ...] = ("province", "city", "county")

_RESOLVE = "resolve"


def _file(name: str) -> Path:
    return data_path(f"{_RESOLVE}/{name}")


@dataclass(frozen=True, slots=True)
class Alias:
    """A row of an alias table: ``太钢 -> 太原钢铁（集团）有限公司``."""

    alias: str
    canonical: str
    type: str
    note: str
    source: str


@dataclass(frozen=True, slots=True)
class Body:
    """A body every jurisdiction has (委, 政府, 人大常委会 ...) as written after the place."""

    written: str
    key: str
    kind: str
    parent: str | None
    templates: dict[str, str | None]


@dataclass(frozen=True, slots=True)
class Department:
    """A committee or government department, by the stem papers abbreviate it to."""

    stem: str
    full: str
    suffixes: dict[str, str | None]
    body: str
    kind: str


@dataclass(frozen=True, slots=True)
class Institution:
    """A numbered or abbreviated institution after a place (十五中 -> 第十五中学)."""

    written: str
    canonical: str
    kind: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Subunit:
    """A unit word of sub-organisations (科, 党支部) and the kinds of parents it lives in."""

    suffix: str
    parents: frozenset[str] | None  # None: any kind
    bare: bool


@dataclass(slots=True)
class Tables:
    """Everything ``kg.resolve`` reads from data files, for one profile."""

    rules: dict
    kinds: tuple[str, ...]
    aliases: dict[str, dict[str, Alias]] = field(default_factory=dict)  # type -> alias -> row
    bodies: list[Body] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    kind_prefixes: list[tuple[str, str]] = field(default_factory=list)
    kind_suffixes: list[tuple[str, str]] = field(default_factory=list)  # longest first
    subunits: list[Subunit] = field(default_factory=list)  # longest suffix first
    not_entities: frozenset[str] = frozenset()
    bare_titles: frozenset[str] = frozenset()
    person_affixes: list[tuple[str, str, int | None]] = field(default_factory=list)
    geography_suffixes: tuple[str, ...] = ()
    admin_suffixes: list[tuple[str, str]] = field(default_factory=list)  # longest first
    world_places: dict[str, str] = field(default_factory=dict)  # foreign city -> country

    def alias(self, type_name: str, name: str) -> Alias | None:
        return self.aliases.get(type_name, {}).get(name)

    def kind_of(self, canonical: str) -> str:
        """Organisation kind from the start or end of a canonical name.

        >>> t = load_tables(None)
        >>> t.kind_of("中共太原市委组织部"), t.kind_of("山西医科大学第二医院"), t.kind_of("万水物贸")
        ('party', 'hospital', 'enterprise')
        """
        for prefix, kind in self.kind_prefixes:
            if canonical.startswith(prefix):
                return kind
        core = strip_bracket_tail(canonical)
        for suffix, kind in self.kind_suffixes:
            if core.endswith(suffix):
                return kind
        return "other"

    def subunit(self, name: str) -> Subunit | None:
        """The sub-unit row whose suffix ends ``name`` (longest suffix), if any."""
        for row in self.subunits:
            if name.endswith(row.suffix) and len(name) > len(row.suffix):
                return row
        return None

    def looks_like_org(self, name: str) -> bool:
        """True if ``name`` ends like an organisation (a kind suffix of org_kinds.tsv)."""
        core = strip_bracket_tail(name)
        return len(core) >= 2 and any(core.endswith(s) for s, _ in self.kind_suffixes)


def strip_bracket_tail(name: str) -> str:
    """``联盟（筹）`` -> ``联盟``: a trailing bracketed remark does not change what a name is."""
    if name.endswith("）") and "（" in name:
        return name[: name.rindex("（")]
    return name


def _fail(name: str | Path, detail: str) -> DataError:
    return DataError("E301", name if isinstance(name, Path) else _file(name), detail=detail)


def _opt(value: str) -> str | None:
    return None if value == "-" else value


def _load_aliases(path: Path, into: dict[str, dict[str, Alias]]) -> None:
    types = set(SCHEMA.types)
    for alias, canonical, type_name, note in load_tsv(path, 4):
        if type_name not in types:
            raise _fail(path, f"row {alias!r}: unknown type {type_name!r} (one of {sorted(types)})")
        alias, canonical = normalise(alias), normalise(canonical)
        into.setdefault(type_name, {})[alias] = Alias(alias, canonical, type_name, note, path.name)


def _institutions(path: Path, numerals: str, kinds: tuple[str, ...]) -> list[Institution]:
    number = f"(?P<n>[{re.escape(numerals)}]+)"
    rows = []
    for written, canonical, kind in load_tsv(path, 3):
        if written.count("{n}") > 1 or written.count("{n}") != canonical.count("{n}"):
            raise _fail(path, f"row {written!r}: {{n}} must appear once in both columns or in neither")
        if kind not in kinds:
            raise _fail(path, f"row {written!r}: unknown kind {kind!r} (one of {list(kinds)})")
        pattern = re.compile(re.escape(written).replace(re.escape("{n}"), number))
        rows.append(Institution(written, canonical, kind, pattern))
    return rows


def load_tables(profile: Profile | None) -> Tables:
    """Load and check every resolution table, with the profile's regional files on top."""
    rules = load_toml(f"{_RESOLVE}/rules.toml")
    kinds = tuple(rules["orgs"]["kinds"])
    t = Tables(rules=rules, kinds=kinds)

    def check_kind(name: str, row: str, kind: str) -> str:
        if kind not in kinds:
            raise _fail(name, f"row {row!r}: unknown kind {kind!r} (one of {list(kinds)})")
        return kind

    _load_aliases(_file("aliases_national.tsv"), t.aliases)
    for path in profile.alias_files if profile else ():
        _load_aliases(path, t.aliases)

    for written, key, kind, parent, *templates in load_tsv(f"{_RESOLVE}/bodies.tsv", 4 + len(BODY_LEVELS)):
        check_kind("bodies.tsv", written, kind)
        t.bodies.append(Body(written, key, kind, _opt(parent), dict(zip(BODY_LEVELS, map(_opt, templates)))))
    body_keys = {b.key for b in t.bodies}
    for b in t.bodies:
        if b.parent and b.parent not in body_keys:
            raise _fail("bodies.tsv", f"row {b.written!r}: parent {b.parent!r} is not a body key")

    prefixes = rules["orgs"]["department_prefix"]
    for stem, full, *rest in load_tsv(f"{_RESOLVE}/departments.tsv", 4 + len(BODY_LEVELS)):
        suffixes, (body, kind) = rest[: len(BODY_LEVELS)], rest[len(BODY_LEVELS) :]
        if body not in prefixes:
            raise _fail("departments.tsv", f"row {stem!r}: body {body!r} has no department_prefix in rules.toml")
        check_kind("departments.tsv", stem, kind)
        t.departments.append(Department(stem, full, dict(zip(BODY_LEVELS, map(_opt, suffixes))), body, kind))

    numerals = rules["orgs"]["numeral_chars"]
    by_written = {row.written: row for row in _institutions(_file("institutions.tsv"), numerals, kinds)}
    for path in profile.institution_files if profile else ():
        by_written.update({row.written: row for row in _institutions(path, numerals, kinds)})
    t.institutions = sorted(by_written.values(), key=lambda r: -len(r.written))

    for position, affix, kind in load_tsv(f"{_RESOLVE}/org_kinds.tsv", 3):
        check_kind("org_kinds.tsv", affix, kind)
        if position == "prefix":
            t.kind_prefixes.append((affix, kind))
        elif position == "suffix":
            t.kind_suffixes.append((affix, kind))
        else:
            raise _fail("org_kinds.tsv", f"row {affix!r}: position must be prefix or suffix, not {position!r}")
    t.kind_prefixes.sort(key=lambda r: -len(r[0]))
    t.kind_suffixes.sort(key=lambda r: -len(r[0]))

    for suffix, parents, bare in load_tsv(f"{_RESOLVE}/subunits.tsv", 3):
        kinds_set = None if parents == "*" else frozenset(parents.split(","))
        if kinds_set is not None:
            for k in kinds_set:
                check_kind("subunits.tsv", suffix, k)
        if bare not in ("yes", "no"):
            raise _fail("subunits.tsv", f"row {suffix!r}: bare must be yes or no")
        t.subunits.append(Subunit(suffix, kinds_set, bare == "yes"))
    t.subunits.sort(key=lambda r: -len(r.suffix))

    t.not_entities = frozenset(load_list(f"{_RESOLVE}/not_entities.txt"))
    t.bare_titles = frozenset(load_list(f"{_RESOLVE}/bare_titles.txt")) | frozenset(profile.titles if profile else ()) | frozenset(profile.titles_after_name if profile else ())
    for position, affix, length in load_tsv(f"{_RESOLVE}/person_affixes.tsv", 3):
        if position not in ("prefix", "suffix") or not (length == "*" or length.isdigit()):
            raise _fail("person_affixes.tsv", f"row {affix!r}: expected prefix|suffix and a length or *")
        t.person_affixes.append((position, affix, None if length == "*" else int(length)))
    t.geography_suffixes = tuple(sorted(load_list(f"{_RESOLVE}/geography_suffixes.txt"), key=lambda s: -len(s)))
    levels = ("town", "village")
    for suffix, level in rules["places"]["admin_suffixes"].items():
        if level not in levels:
            raise _fail("rules.toml", f"admin_suffixes {suffix!r}: level must be one of {levels}")
        t.admin_suffixes.append((suffix, level))
    t.admin_suffixes.sort(key=lambda r: -len(r[0]))
    t.world_places = {normalise(name): country for name, country in load_tsv(f"{_RESOLVE}/world_places.tsv", 2)}
    return t
