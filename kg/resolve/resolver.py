"""The resolver: surface names + article context -> canonical entities with stable ids.

>>> r = Resolver()
>>> r.resolve("市卫健委", "ORG", Context("p/001")).id
'org/太原市卫生健康委员会'
>>> r.resolve("迎泽区", "GPE", Context("p/001")).id
'place/山西省/太原市/迎泽区'
>>> r.resolve("相关负责人", "PERSON", Context("p/001")) is None
True
>>> r.home_body("副市长").label
'太原市人民政府'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.schema import SCHEMA

from .context import Context
from .gazetteer import Gazetteer
from .names import entity_id, normalise, path_id, strip_title_marks
from .orgs import BARE_HEAD, UNPLACED, OrgName, OrgResolver
from .places import PlaceName, PlaceResolver
from .profile import DEFAULT_PROFILE, Profile, load_profile
from .tables import load_tables


@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention resolved to an entity.

    ``label`` is the canonical name, ``alias`` the surface when it differs, ``attrs`` the node
    attributes the graph needs (``kind`` for organisations; ``admin_level``, ``adcode``,
    ``path`` for administrative places; ``country`` for foreign places), ``reason`` the rules
    that produced the canonical name (``home-prefix+department``, ``alias-table``, ``context``).
    """

    id: str
    type: str
    label: str
    alias: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    reason: str = ""

    def __hash__(self) -> int:  # attrs is a dict: hash the identifying fields only
        return hash((self.id, self.type, self.label, self.alias, self.reason))


class Resolver:
    """Resolves names for one newspaper profile and keeps the run's merge and problem log.

    One resolver serves a whole run: the same canonical name gives the same id in every
    article, ``merges`` lists every alias -> canonical merge with its rule, ``unresolved``
    every place that could not be placed.
    """

    def __init__(self, profile: Profile | str | Path | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.profile = profile if isinstance(profile, Profile) else load_profile(profile or DEFAULT_PROFILE)
        self.tables = load_tables(self.profile)
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
        self.places = PlaceResolver(self.profile, self.tables, self.gazetteer)
        self.orgs = OrgResolver(self.profile, self.tables, self.places)
        self._country = self.tables.rules["places"]["country"]
        self._persons = self.tables.rules["persons"]
        self._merges: dict[tuple[str, str, str], str] = {}
        self._unresolved: dict[tuple[str, str, str], dict[str, Any]] = {}
        self._parents: dict[str, tuple[Resolved, str]] = {}

    # ------------------------------------------------------------------ public

    def resolve(self, name: str, label: str, context: Context | None = None) -> Resolved | None:
        """Resolve one mention; None for names that must not become nodes.

        ``label`` is an NER label (PERSON ORG GPE LOC FAC PROJECT EVENT LAW); labels that are
        not entity types (DATE, TITLE) give None, as do pronouns, generic nouns and bare
        titles (data files ``not_entities.txt``, ``bare_titles.txt``).
        """
        context = context or Context()
        type_name = SCHEMA.type_of_label(label)
        surface = name.strip()
        if type_name is None or not self._is_name(normalise(surface)):
            return None
        if type_name == "Organization":
            return self.resolve_org(surface, context)
        if type_name == "Place":
            return self._place(surface, label, context)
        if type_name == "Person":
            return self._person(surface)
        if type_name == "Document":
            title = strip_title_marks(normalise(surface))
            return self._named("Document", surface, title, "document") if title else None
        return self._named(type_name, surface, normalise(surface), "name")

    def resolve_org(self, name_as_written: str, context: Context | None = None, *, of_post: bool = False) -> Resolved | None:
        """Resolve an organisation (also the organisation of a post); None for generic nouns
        such as 部门 or 单位, for bare titles, for the body of a district the article does not
        name (区委 alone) and, unless ``of_post``, for a bare head word (办公室) no body owns."""
        context = context or Context()
        surface = name_as_written.strip()
        name = normalise(surface)
        if not self._is_name(name):
            return None
        org = self.orgs.resolve(name, context)
        if org.reason == UNPLACED or (org.reason == BARE_HEAD and not of_post):
            return None  # 区委 of a district the article does not name; 办公室 of no body
        return self._org_resolved(org, surface)

    def home_body(self, title: str, after_name: bool = False) -> Resolved | None:
        """The home body of a bare title: 副市长 -> 太原市人民政府, 省委书记 -> 中共山西省委员会.

        The profile's ``[titles]`` table first (and ``[titles_after_name]`` for a title written
        after the name, ``after_name``: 习近平主席); else a title that starts with a body or a
        department of the home jurisdictions (市委常委 -> 市委, 市政府秘书长 -> 市政府).
        """
        title = normalise(title)
        target = self.profile.titles.get(title) or (self.profile.titles_after_name.get(title) if after_name else None)
        if target is not None:
            org = self.orgs.body(*target)
            return self._org_resolved(org, None) if org is not None else None
        for k in range(len(title) - 1, 0, -1):
            if title[k:] not in self.tables.bare_titles:
                continue
            org = self.orgs.resolve(title[:k], Context())
            if "body" in org.reason or "department" in org.reason:
                return self._org_resolved(org, None)
        return None

    def country_post_body(self, org: str | None, title: str) -> Resolved | None:
        """The body of a title written after a country (rules.toml ``[country_posts]``):
        the home country's body of the title as the profile maps it (中国总理 -> 中华人民共和国
        国务院), a foreign country's by the table (格林纳达总理 -> 格林纳达政府, 俄总理 -> 俄罗斯联邦
        政府 with the alias 俄罗斯政府, 美国国务卿 -> 美利坚合众国国务院 / 美国国务院); None when
        ``org`` is no country or the title has no such body.

        >>> r = Resolver("peoples_daily")
        >>> r.country_post_body("格林纳达", "总理").label, r.country_post_body("俄", "总理").alias
        ('格林纳达政府', '俄罗斯政府')
        >>> r.country_post_body("中国", "国务委员").label, r.country_post_body("太原市", "市长") is None
        ('中华人民共和国国务院', True)
        """
        if not org:
            return None
        rules = self.tables.rules["country_posts"]
        world = self.places.world
        short = world.countries.get(rules["abbreviations"].get(org, org))
        if short is None:
            return self._foreign_body(org)
        title = normalise(title)
        if short == self._country:
            return self.home_body(title)
        template = rules["bodies"].get(title)
        if template is None:
            return None
        full = world.full_names.get(short, short)
        body = OrgName(template.format(country=full), "government", "country-post")
        return self._org_resolved(body, template.format(country=short))

    def _foreign_body(self, org: str) -> Resolved | None:
        """A foreign country's government body written with its short name (俄罗斯内务部 ->
        俄罗斯联邦内务部, alias 俄罗斯内务部): the country's full name, when what follows the
        country ends like a government body (rules.toml ``[country_posts] body_suffixes``).

        >>> Resolver("peoples_daily")._foreign_body("俄罗斯内务部").label
        '俄罗斯联邦内务部'
        >>> Resolver("peoples_daily")._foreign_body("美国布鲁金斯学会") is None
        True
        """
        rules = self.tables.rules["country_posts"]
        world = self.places.world
        for k in range(min(len(org) - 1, 10), 0, -1):
            short = world.countries.get(rules["abbreviations"].get(org[:k], org[:k]))
            rest = org[k:]
            if short is None or short == self._country or not rest.endswith(tuple(rules["body_suffixes"])):
                continue
            full = world.full_names.get(short, short)
            if org.startswith(full):
                return None  # written in full already
            return self._org_resolved(OrgName(full + rest, "government", "country-post"), org)
        return None

    def parent_org(self, resolved: Resolved) -> Resolved | None:
        """The organisation ``resolved`` is a unit of (山西医科大学第二医院妇产科 ->
        山西医科大学第二医院; 中共太原市委组织部 -> 中共太原市委员会), if known."""
        found = self._parents.get(resolved.id)
        return found[0] if found else None

    def parent_org_reason(self, resolved: Resolved) -> str | None:
        """Why :meth:`parent_org` links the two (the rule of the child's name)."""
        found = self._parents.get(resolved.id)
        return found[1] if found else None

    def place_hierarchy(self, resolved_place: Resolved) -> list[tuple[str, str, str]]:
        """``partOf`` edges from the place up to its province (on to the country only with
        ``provinces_in_country`` in rules.toml; a foreign place up to its country):
        ``[(child_id, parent_id, reason)]`` with reason ``gazetteer``, ``context`` (a unit the
        gazetteer lacks, placed by its article) or ``world`` (a foreign city in its country)."""
        edges = []
        child = resolved_place.id
        for parent, reason in self._chain(resolved_place):
            edges.append((child, parent.id, reason))
            child = parent.id
        return edges

    def parent_place(self, resolved_place: Resolved) -> tuple[Resolved, str] | None:
        """The place one step up and the reason of the link (see :meth:`place_hierarchy`)."""
        chain = self._chain(resolved_place)
        return chain[0] if chain else None

    def ancestors(self, resolved_place: Resolved) -> list[Resolved]:
        """The places above ``resolved_place``, nearest first, as resolved entities (so that
        the graph can give them their attributes)."""
        return [parent for parent, _ in self._chain(resolved_place)]

    def _chain(self, resolved_place: Resolved) -> list[tuple[Resolved, str]]:
        attrs = resolved_place.attrs
        path = tuple(attrs.get("path") or ())
        out: list[tuple[Resolved, str]] = []
        if path:
            for i in range(len(path) - 1, 0, -1):
                link = "gazetteer" if self.gazetteer.get(path[: i + 1]) is not None else "context"
                out.append((self._admin_resolved(path[:i], None, "gazetteer"), link))
            if self.tables.rules["places"].get("provinces_in_country", False):
                out.append((self._country_resolved(self._country), "gazetteer"))
        elif attrs.get("country") and attrs["country"] != resolved_place.label:
            out.append((self._country_resolved(attrs["country"]), "world"))
        return out

    @property
    def merges(self) -> list[dict[str, str]]:
        """Every alias -> canonical merge of the run, with the rule that made it, sorted."""
        rows = [{"alias": a, "canonical": c, "type": t, "reason": r} for (a, c, t), r in self._merges.items()]
        return sorted(rows, key=lambda m: (m["type"], m["canonical"], m["alias"]))

    @property
    def unresolved(self) -> list[dict[str, Any]]:
        """Places not found or ambiguous: name, label, problem, article ids, candidates."""
        rows = []
        for (name, label, problem), row in self._unresolved.items():
            rows.append({**row, "articles": sorted(row["articles"])})
        return sorted(rows, key=lambda r: (r["problem"], r["name"], r["label"]))

    # ------------------------------------------------------------------ helpers

    def _is_name(self, name: str) -> bool:
        return bool(name) and name not in self.tables.not_entities and name not in self.tables.bare_titles

    def _record(self, surface: str | None, resolved: Resolved) -> Resolved:
        if surface is not None and surface != resolved.label:
            key = (surface, resolved.label, resolved.type)
            self._merges.setdefault(key, resolved.reason)
        return resolved

    def _org_resolved(self, org: OrgName, surface: str | None) -> Resolved:
        resolved = Resolved(
            entity_id("Organization", org.canonical),
            "Organization",
            org.canonical,
            surface if surface and surface != org.canonical else None,
            {"kind": org.kind},
            org.reason,
        )
        node = org
        while node.parent is not None and node.canonical != node.parent.canonical:
            child_id = entity_id("Organization", node.canonical)
            if child_id not in self._parents:
                parent = self._org_resolved(node.parent, None)
                self._parents[child_id] = (parent, node.reason)
            node = node.parent
        return self._record(surface, resolved)

    def _person(self, surface: str) -> Resolved | None:
        name = normalise(surface)
        rules = self._persons
        separators = set(rules["separators"])
        has_separator = any(c in separators for c in name)
        longest = rules["max_length_with_separator"] if has_separator else rules["max_length"]
        if not rules["min_length"] <= len(name) <= longest:
            return None
        if not all(c in separators or unicodedata.name(c, "").startswith("CJK UNIFIED") for c in name):
            return None
        for position, affix, length in self.tables.person_affixes:
            if length is not None and len(name) != length:
                continue
            if (name.startswith(affix) if position == "prefix" else name.endswith(affix)) and len(name) > len(affix):
                return None
        return self._named("Person", surface, name, "name")

    def _named(self, type_name: str, surface: str, label: str, reason: str) -> Resolved:
        resolved = Resolved(entity_id(type_name, label), type_name, label, surface if surface != label else None, {}, reason)
        return self._record(surface, resolved)

    def _place(self, surface: str, label: str, context: Context) -> Resolved:
        place = self.places.resolve(surface, context, label)
        if place.problem:
            key = (normalise(surface), label, place.problem)
            row = self._unresolved.setdefault(
                key,
                {
                    "name": key[0],
                    "label": label,
                    "problem": place.problem,
                    "articles": set(),
                    "candidates": ["/".join(p) for p in place.candidates],
                },
            )
            if context.article_id:
                row["articles"].add(context.article_id)
        resolved = self._place_resolved(place)
        alias = surface if surface != resolved.label else None
        return self._record(surface, Resolved(resolved.id, "Place", resolved.label, alias, resolved.attrs, resolved.reason))

    def _place_resolved(self, place: PlaceName) -> Resolved:
        if place.path:
            return self._admin_resolved(place.path, place, place.reason)
        attrs: dict[str, Any] = {}
        if place.country:
            attrs["country"] = place.country
        if place.level:
            attrs["admin_level"] = place.level
        return Resolved(entity_id("Place", place.label), "Place", place.label, None, attrs, place.reason)

    def _admin_resolved(self, path: tuple[str, ...], place: PlaceName | None, reason: str) -> Resolved:
        known = self.gazetteer.get(path)
        level = known.level if known else (place.level if place else self.places.level_of(path[-1]))
        adcode = known.adcode if known else None
        attrs: dict[str, Any] = {"admin_level": level, "path": list(path)}
        if adcode:
            attrs["adcode"] = adcode
        return Resolved(path_id(path), "Place", path[-1], None, attrs, reason)

    def _country_resolved(self, country: str) -> Resolved:
        return Resolved(entity_id("Place", country), "Place", country, None, {"country": country}, "world")
