"""Organisations: from the name as written to the canonical, full official name.

A name is read as ``<jurisdiction><body or department or institution><sub-units>``:

* the jurisdiction is a home prefix the profile defines (市 -> 太原市, 省 -> 山西省), a
  context prefix (区 -> the article's district), or a place name at the start (太原市,
  晋源区, a short name like 太原 or an aliased zone like 综改区);
* what follows is looked up in the tables: bodies (委, 政府, 人大常委会 …, ``bodies.tsv``),
  departments (人社局, 卫健委, 组织部 …, ``departments.tsv``), institutions (十五中,
  ``institutions.tsv``). A full place name may also be followed by any name that ends like an
  organisation (太原市 + 中心医院); a short place name may not (山西大学 stays 山西大学);
* what is left must be a chain of sub-units (妇产科党支部 -> 妇产科 + 党支部, ``subunits.tsv``),
  each a sub-organisation of the name before it.

Names that the rules cannot derive come from the alias tables (太钢, 山大二院), which also
serve as heads of longer names (山大二院妇产科). A bare department (组织部, 卫健委) takes the
jurisdiction of the chain it sits in, of the article's organisations, else the home city.
A term ordinal inside a name (十四届全国人大常委会, 政协第十四届全国委员会; rules.toml
``term_ordinal``) is left out when the rest is a body the rules or tables read: the body is the
same in every term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.resources import load_list

from .context import Context
from .gazetteer import AdminPlace
from .places import PlaceResolver
from .profile import HomeUnit, Profile
from .tables import Body, Department, Tables

_MAX_PLACE_PREFIX = 14


#: ``OrgName.reason`` of a name no rule or table reads: kept as written.
AS_WRITTEN = "as-written"
#: ``OrgName.reason`` of a body of an unnamed district (区委 with no 区 in the article): no node.
UNPLACED = "unplaced"
#: ``OrgName.reason`` of a name that is only a body's head word (办公室, 党委) and that the article
#: does not attach to a body: no node of its own; a post held there keeps it (金琦…出任办公厅主任).
BARE_HEAD = "bare-head"


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """The place an organisation belongs to, as its name is built from it.

    ``name`` is the form used in canonical names (太原市, 山西省, 太原市晋源区); ``level`` the
    column of the tables (a municipality such as 北京市 uses the city column); ``strict``
    when only table forms may follow (after a short place name).
    """

    name: str
    level: str
    how: str
    strict: bool = False
    home: HomeUnit | None = None
    prefix: str = ""  # the prefix character as written (市, 区), for prefix_blockers


@dataclass(frozen=True, slots=True)
class OrgName:
    """A canonical organisation name, its kind, why, and the organisation it is a unit of."""

    canonical: str
    kind: str
    reason: str
    parent: OrgName | None = None
    jurisdiction: Jurisdiction | None = None


@dataclass(frozen=True, slots=True)
class _Form:
    written: str
    row: Body | Department
    bare: bool  # a bare stem (公安, 工信): valid only as the whole rest of the name


class OrgResolver:
    """Canonical organisation names for one profile."""

    def __init__(self, profile: Profile, tables: Tables, places: PlaceResolver) -> None:
        self.profile = profile
        self.tables = tables
        self.places = places
        rules = tables.rules["orgs"]
        self._short_suffix: dict[str, str] = rules["short_suffix"]
        self._dept_prefix: dict[str, str] = rules["department_prefix"]
        self._dept_infix: dict[str, list[str]] = rules["department_infix"]
        self._context_prefix: dict[str, str] = rules["context_prefix"]
        self._blockers: dict[str, list[str]] = rules["prefix_blockers"]
        self._min_alias_prefix: int = rules["min_alias_prefix"]
        self._min_bare_stem: int = rules["min_bare_stem"]
        self._country_prefixes: tuple[str, ...] = tuple(rules["country_prefixes"])
        self._kept_units: dict[str, list[str]] = rules["kept_units"]
        # a name that is only the head word of a body (办公室, 党委) names no body of its own
        self._bare_heads = frozenset(load_list("nlp/suffix/org.txt"))
        self._country_name: str = rules["country_name"]
        self._qualify: list[str] = rules["qualify_county_suffixes"]
        self._qualify_exclude: list[str] = rules["qualify_exclude_suffixes"]
        self._municipality: str = rules["municipality_suffix"]
        self._party_prefix: str = rules["party_prefix"]
        self._party_committees: dict[str, str] = rules["party_committees"]
        self._forms = self._build_forms()
        self._max_form = max(map(len, self._forms))
        self._bodies_by_key: dict[str, Body] = {}
        for body in tables.bodies:
            self._bodies_by_key.setdefault(body.key, body)
        heads = {a.alias: a.canonical for a in tables.aliases.get("Organization", {}).values()}
        self._canonicals = frozenset(heads.values())
        heads.update({c: c for c in self._canonicals})
        excluded = set(rules["heads_exclude"])
        short = set(rules["short_alias_heads"])
        self._heads = {k: v for k, v in heads.items() if (len(k) >= self._min_alias_prefix or k in short) and k not in excluded}
        self._no_bodies = set(rules["no_bodies"])
        self._root_units: tuple[str, ...] = tuple(rules["root_units"])
        self._root_unit_stem: int = rules["root_unit_max_stem"]
        self._term = re.compile(rules["term_ordinal"])
        self._memo: dict[tuple, OrgName] = {}

    def _build_forms(self) -> dict[str, list[_Form]]:
        """Every written form of every body and department, as it follows a jurisdiction."""
        forms: dict[str, list[_Form]] = {}

        def add(written: str, row: Body | Department, bare: bool = False) -> None:
            if written:
                forms.setdefault(written, []).append(_Form(written, row, bare))

        for body in self.tables.bodies:
            add(body.written, body)
        for dept in self.tables.departments:
            words = {s for s in dept.suffixes.values() if s}
            for infix in self._dept_infix[dept.body]:
                for word in sorted(words):
                    short = self._short_suffix.get(word, word)
                    for written in dict.fromkeys((dept.stem + short, dept.stem + word, dept.full + word, dept.full + short)):
                        add(infix + written, dept)
                for stem in dict.fromkeys((dept.stem, dept.full)):
                    if len(stem) >= self._min_bare_stem:
                        add(infix + stem, dept, bare=True)
        return forms

    # ------------------------------------------------------------------ public

    def resolve(self, written: str, context: Context) -> OrgName:
        """The canonical name of an organisation as written in an article."""
        key = (written, context.place_key(), context.orgs, context.org_head)
        if key not in self._memo:
            self._memo[key] = self._resolve(written, context)
        return self._memo[key]

    def body(self, level: str, key: str) -> OrgName | None:
        """A home body by profile level and body key (city, government) -> 太原市人民政府."""
        unit = self.profile.home.get(level)
        if unit is None:
            return None
        if key in unit.bodies:
            return OrgName(unit.bodies[key], self._kind_of_body(key, unit.bodies[key]), "profile")
        row = self._bodies_by_key.get(key)
        if row is None:
            return None
        return self._build(self._home_jurisdiction(unit), row)

    # ------------------------------------------------------------------ rules

    def _resolve(self, name: str, context: Context) -> OrgName:
        alias = self.tables.alias("Organization", name)
        if alias is not None:
            return OrgName(alias.canonical, self.tables.kind_of(alias.canonical), "alias-table")
        if name in self._canonicals:  # a canonical name of the alias tables, written in full
            return OrgName(name, self.tables.kind_of(name), "alias-table")
        for country in self._country_prefixes:  # 中国商务部: the country + a central body's short name
            rest = self.tables.alias("Organization", name[len(country):]) if name.startswith(country) else None
            if rest is not None and rest.canonical.startswith(self._country_name):
                return OrgName(rest.canonical, self.tables.kind_of(rest.canonical), "alias-table+country")

        termless = self._term.sub("", name, count=1)
        if termless and termless != name:  # 十四届全国人大常委会: the body of every term
            inner = self.resolve(termless, context)
            if inner.reason not in (AS_WRITTEN, UNPLACED, BARE_HEAD):
                return OrgName(inner.canonical, inner.kind, inner.reason + "+term", inner.parent, inner.jurisdiction)

        # 中共太原市委组织部 as written: read what follows 中共, keep it if it is a party name.
        if name.startswith(self._party_prefix) and len(name) > len(self._party_prefix):
            inner = self._with_jurisdiction(name[len(self._party_prefix) :], context)
            if inner is not None and inner.canonical.startswith(self._party_prefix):
                return inner

        found = self._with_jurisdiction(name, context)
        if found is not None:
            return found

        bare = self._bare_department(name, context)
        if bare is not None:
            return bare

        headed = self._alias_head(name)
        if headed is not None:
            return headed

        attached = self._attach_to_context(name, context)
        if attached is not None:
            return attached

        if self._unplaced_body(name):
            return OrgName(name, self.tables.kind_of(name), UNPLACED)
        if name in self._bare_heads:
            return OrgName(name, self.tables.kind_of(name), BARE_HEAD)
        return OrgName(name, self.tables.kind_of(name), AS_WRITTEN)

    def _unplaced_body(self, name: str) -> bool:
        """区委, 县政府, 区教育局 with no district in the article: a body of some county that the
        text does not say. It would otherwise be one node shared by every district's body."""
        for prefix, level in self._context_prefix.items():
            if name.startswith(prefix) and len(name) > len(prefix):
                probe = Jurisdiction(f"某{prefix}", level, "probe", True, None, prefix)
                if self._after_jurisdiction(probe, name[len(prefix):], generic=False) is not None:
                    return True
        return False

    def _with_jurisdiction(self, name: str, context: Context) -> OrgName | None:
        for jurisdiction, rest in self._jurisdictions(name, context):
            found = self._after_jurisdiction(jurisdiction, rest)
            if found is not None:
                return found
        return None

    def _jurisdictions(self, name: str, context: Context) -> list[tuple[Jurisdiction, str]]:
        """Possible (jurisdiction, rest) readings of the start of ``name``, best first."""
        out: list[tuple[Jurisdiction, str]] = []
        for unit in self.profile.home.values():
            prefix = unit.prefix
            if prefix and name.startswith(prefix) and len(name) > len(prefix):
                out.append((self._home_jurisdiction(unit), name[len(prefix) :]))
        for prefix, level in self._context_prefix.items():
            if name.startswith(prefix) and len(name) > len(prefix) and level == "county":
                county = self.places.context_county(context)
                if county is not None and county.name.endswith(prefix):  # 区委 needs a 区
                    j = self._place_jurisdiction(county, "context-prefix", False)
                    out.append((Jurisdiction(j.name, j.level, j.how, False, j.home, prefix), name[len(prefix) :]))
        for k in range(min(len(name) - 1, _MAX_PLACE_PREFIX), 1, -1):
            match = self.places.jurisdiction(name[:k], context)
            if match is None or match[0].path[0] in self._no_bodies:
                continue
            place, how = match
            rest = name[k:]
            inner = self._inner_county(place, rest, context)
            if inner is not None:
                county, inner_how, rest = inner
                out.append((self._place_jurisdiction(county, "place-" + inner_how, inner_how == "short"), rest))
            out.append((self._place_jurisdiction(place, "place-" + how, how == "short"), rest))
            break
        return out

    def _inner_county(self, place: AdminPlace, rest: str, context: Context) -> tuple[AdminPlace, str, str] | None:
        """太原市 + 晋源区人社局: a lower unit of ``place`` written right after it."""
        for k in range(min(len(rest) - 1, _MAX_PLACE_PREFIX), 1, -1):
            match = self.places.jurisdiction(rest[:k], context)
            if match is not None and match[0] != place and match[0].within(place):
                return match[0], match[1], rest[k:]
        return None

    def _home_jurisdiction(self, unit: HomeUnit) -> Jurisdiction:
        level = unit.level
        if level == "province" and unit.name.endswith(self._municipality):
            level = "city"
        return Jurisdiction(unit.name, level, "home-prefix", home=unit, prefix=unit.prefix or "")

    def _place_jurisdiction(self, place: AdminPlace, how: str, strict: bool) -> Jurisdiction:
        home = next(
            (u for u in self.profile.home.values() if u.name == place.name and u.level == place.level), None
        )
        level = place.level
        name = place.name
        if level == "province" and name.endswith(self._municipality):
            level = "city"
        if (
            level == "county"
            and len(place.path) >= 3
            and any(name.endswith(s) for s in self._qualify)
            and not any(name.endswith(s) for s in self._qualify_exclude)
        ):
            name = place.path[-2] + name  # 晋源区 -> 太原市晋源区
        return Jurisdiction(name, level, how, strict, home)

    def _after_jurisdiction(self, j: Jurisdiction, rest: str, generic: bool = True) -> OrgName | None:
        """Read what follows a jurisdiction: a table form (+ sub-units), an institution, or
        (after a full place name or a prefix, when ``generic``) any name that ends like an
        organisation."""
        blocked = any((j.prefix + rest).startswith(b) for b in self._blockers.get(j.prefix, ()))
        for k in range(min(len(rest), self._max_form), 0, -1):
            head, tail = rest[:k], rest[k:]
            for form in self._forms.get(head, ()):
                if form.bare and (tail or j.strict):
                    continue
                base = self._build(j, form.row, form.written)
                if base is None:
                    continue
                chained = self._with_units(base, tail)
                if chained is not None:
                    return chained
        for inst in self.tables.institutions:
            m = inst.pattern.match(rest)
            if m is None:
                continue
            canonical = j.name + (inst.canonical.replace("{n}", m["n"]) if "{n}" in inst.written else inst.canonical)
            base = OrgName(canonical, inst.kind, f"{j.how}+institution", jurisdiction=j)
            chained = self._with_units(base, rest[m.end() :])
            if chained is not None:
                return chained
        if j.strict or blocked or not generic or not self.tables.looks_like_org(rest):
            return None
        canonical = j.name + rest
        return OrgName(canonical, self.tables.kind_of(canonical), f"{j.how}+name", jurisdiction=j)

    def _build(self, j: Jurisdiction, row: Body | Department, written: str = "") -> OrgName | None:
        """The canonical name of a body or department of ``j`` (None if the level has none).

        A department takes the unit word of ``j``'s level (省人社局 -> …厅), unless the text wrote
        a unit the canonical keeps (rules.toml ``kept_units``): 市发改局 stays a 局 where the
        table's city unit is a 委员会."""
        if isinstance(row, Body):
            if j.home is not None and row.key in j.home.bodies:
                canonical = j.home.bodies[row.key]
            else:
                template = row.templates.get(j.level)
                if template is None:
                    return None
                canonical = template.format(J=j.name)
            parent = self._parent_body(j, row.parent)
            return OrgName(canonical, row.kind, f"{j.how}+body", parent, j)
        suffix = row.suffixes.get(j.level)
        if suffix is None:
            return None
        kept = next((u for u in self._kept_units if written.endswith(u)), None)
        if kept is not None and suffix not in self._kept_units[kept]:
            suffix = kept
        canonical = self._dept_prefix[row.body].format(J=j.name) + row.full + suffix
        return OrgName(canonical, row.kind, f"{j.how}+department", self._parent_body(j, row.body), j)

    def _parent_body(self, j: Jurisdiction, key: str | None) -> OrgName | None:
        row = self._bodies_by_key.get(key) if key else None
        return self._build(j, row) if row is not None else None

    def _kind_of_body(self, key: str, canonical: str) -> str:
        row = self._bodies_by_key.get(key)
        return row.kind if row is not None else self.tables.kind_of(canonical)

    def split_units(self, text: str, parent_kind: str | None = None) -> list[str] | None:
        """Split a remainder into sub-units, each ending with a unit word; None if it is not
        a chain of sub-units.

        Shortest first unit first, so 后勤处房产中心 -> [后勤处, 房产中心]; with ``parent_kind``,
        a first unit that cannot live in such a parent is passed over (全国人大 + 教育科学文化卫生
        委员会 is one committee, not 教育科 of a hospital or school).
        """
        if not text:
            return []
        for i in range(2, len(text) + 1):
            head = text[:i]
            row = self.tables.subunit(head)
            if row is None or (parent_kind is not None and row.parents is not None and parent_kind not in row.parents):
                continue
            rest = self.split_units(text[i:])
            if rest is not None:
                return [head, *rest]
        return None

    def _with_units(self, base: OrgName, tail: str) -> OrgName | None:
        """``base`` followed by the sub-units in ``tail``; each unit is a sub-organisation."""
        units = self.split_units(tail, base.kind)
        if units is None:
            return None
        if units:
            first = self.tables.subunit(units[0])
            if first is not None and first.parents is not None and base.kind not in first.parents:
                return None
        current = base
        for unit in units:
            canonical = current.canonical + unit
            current = OrgName(canonical, self.tables.kind_of(canonical), base.reason + "+sub-unit", current, base.jurisdiction)
        return current

    def _bare_department(self, name: str, context: Context) -> OrgName | None:
        """组织部, 卫健委, 公安 with no place: the jurisdiction of the chain head, of the
        latest organisation of the article that has one, else the home city. Only table forms
        qualify (a bare 急诊科 is not 太原市急诊科)."""
        for j, why in self._context_jurisdictions(context):
            found = self._after_jurisdiction(j, name, generic=False)
            if found is not None:
                return found
        return None

    def _context_jurisdictions(self, context: Context) -> list[tuple[Jurisdiction, str]]:
        """Jurisdictions for a bare department, best first; ``how`` says where each came from."""
        out: list[tuple[Jurisdiction, str]] = []
        plain = context.without_orgs()
        heads = ([context.org_head] if context.org_head else []) + list(reversed(context.orgs))
        for i, head in enumerate(heads):
            parsed = self.resolve(head, plain)
            if parsed.jurisdiction is not None:
                why = "chain-head" if i == 0 and context.org_head else "article-org"
                j = parsed.jurisdiction
                out.append((Jurisdiction(j.name, j.level, why, False, j.home), why))
                break
        for level in ("city", "province"):
            unit = self.profile.home.get(level)
            if unit is not None:
                home = self._home_jurisdiction(unit)
                out.append((Jurisdiction(home.name, home.level, "home-default", False, unit), "home-default"))
                break
        return out

    def _alias_head(self, name: str) -> OrgName | None:
        """山大二院妇产科党支部: a known organisation (alias or canonical) + sub-units; a head
        shorter than ``min_alias_prefix`` only when rules.toml lists it (``short_alias_heads``:
        央行国际司)."""
        for k in range(len(name) - 1, 1, -1):
            canonical = self._heads.get(name[:k])
            if canonical is None:
                continue
            base = OrgName(canonical, self.tables.kind_of(canonical), "alias-table")
            tail = name[k:]
            word = next((w for w in self._party_committees if tail.startswith(w)), "")
            if word and not canonical.startswith(self._party_prefix):
                # 央行党委(组织部) -> 中共中国人民银行委员会(组织部): a known body's party committee
                body = canonical.removeprefix(self._country_name)  # 中共商务部…, not 中共中华人民共和国商务部…
                committee = self._party_prefix + body + self._party_committees[word]
                base = OrgName(committee, self.tables.kind_of(committee), "alias-table+party-committee", base)
                tail = tail[len(word) :]
            found = self._with_units(base, tail)
            if found is not None:
                return found
        return None

    def _attach_to_context(self, name: str, context: Context) -> OrgName | None:
        """急诊科 after 山大二院 in the same article: a bare sub-unit joins the nearest
        organisation of a fitting kind; after a chain head, any sub-unit joins the head. A
        unit of a body's top level (rules.toml ``root_units``: 国际司, 办公厅) joins the body
        that the article's last sub-unit belongs to (央行国际司 … 办公厅 -> 中国人民银行办公厅)."""
        plain = context.without_orgs()
        root_unit = next((u for u in self._root_units if name.endswith(u)), "")
        stem = name[: len(name) - len(root_unit)]
        bare_stem = not stem and len(root_unit) > 1  # 办公厅 alone (not 司 alone)
        plain_stem = 0 < len(stem) <= self._root_unit_stem and self.tables.subunit(stem) is None and not self.tables.looks_like_org(stem)
        if root_unit and (bare_stem or plain_stem):
            # 国际司, 办公厅 alone after 央行国际司: a unit of the body the article's last
            # sub-unit belongs to (中国人民银行国际司), not of that sub-unit
            for written in reversed(context.orgs):
                head = self.resolve(written, plain)
                if head.parent is not None and head.canonical != name:
                    root = head
                    while root.parent is not None:
                        root = root.parent
                    return self._join(root, name, "article-body")
            return None
        unit = self.tables.subunit(name)
        if unit is None:
            return None
        if context.org_head:
            head = self.resolve(context.org_head, plain)
            if unit.parents is None or head.kind in unit.parents:
                return self._join(head, name, "chain-head")
        if not unit.bare:
            return None
        for written in reversed(context.orgs):
            head = self.resolve(written, plain)
            if unit.parents is None or head.kind in unit.parents:
                return self._join(head, name, "article-org")
        return None

    def _join(self, head: OrgName, name: str, why: str) -> OrgName:
        canonical = head.canonical + name
        return OrgName(canonical, self.tables.kind_of(canonical), f"{why}+sub-unit", head, head.jurisdiction)
