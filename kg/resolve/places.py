"""Places: administrative units against the gazetteer, foreign places, named geography.

The rules, in order (each documented where it is applied):

1. a regional alias (综改区 -> 山西转型综合改革示范区) replaces the name;
2. a country (jionlp's world list) is a place without an admin path;
3. the gazetteer: full names, then jionlp's short names, then derived town short names; when
   several units share the name, the article decides — the dateline place, then the places
   named before (latest first), then the paper's home city and province; a name still
   ambiguous is reported, not guessed;
4. a foreign city (jionlp's world list + ``world_places.tsv``) is a place of its country;
5. a name that ends like a town or village (街道, 镇, 村, 社区 …) that the gazetteer lacks gets
   its parent from the article: the last place named before it of a higher level (county or
   town), else the dateline place — or stays unresolved;
6. a name that ends like geography (河, 山, 公园, 园区 …) is a place with no admin level.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .context import Context
from kg import jionlp_data

from .gazetteer import LEVELS, MATCH_NAME, MATCH_SHORT, MATCH_TOWN_SHORT, AdminPlace, Gazetteer
from .names import normalise
from .profile import Profile
from .tables import Tables

_COUNTY = LEVELS.index("county")


@dataclass(frozen=True, slots=True)
class PlaceName:
    """The outcome of resolving one place name.

    ``path`` is the admin path (province first) for administrative places, None otherwise;
    ``from_context`` says that the last step of the path (the place itself) is not in the
    gazetteer and was attached to its parent from the article. ``problem`` is set for names
    that go to the unresolved report: ``ambiguous``, ``no-context`` or ``not-in-gazetteer``.
    """

    label: str
    reason: str
    path: tuple[str, ...] | None = None
    level: str | None = None
    adcode: str | None = None
    country: str | None = None
    from_context: bool = False
    problem: str | None = None
    candidates: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class World:
    """Countries (short name -> itself, full name -> short) and foreign cities -> country."""

    countries: dict[str, str]
    cities: dict[str, str]
    full_names: dict[str, str] = field(default_factory=dict)  # short name -> full official name

    @classmethod
    def load(cls, home_country: str, extra_cities: dict[str, str]) -> World:
        """Read jionlp's ``world_location.txt``: ``short\\tfull\\tcapital[\\tcity/city…]``."""
        countries: dict[str, str] = {}
        cities: dict[str, str] = {}
        full_names: dict[str, str] = {}
        for line in jionlp_data.read_text("world_location.txt").splitlines():
            fields = [f.strip() for f in line.split("\t")]
            if len(fields) < 3:
                continue  # continent headings
            short, full, capital = fields[:3]
            countries[short] = short
            countries[full] = short
            full_names.setdefault(short, full or short)
            if short == home_country:
                continue  # 北京, 上海 are in the gazetteer, not foreign cities
            for city in [capital, *(fields[3].split("/") if len(fields) > 3 else [])]:
                if city and city not in countries:
                    cities.setdefault(city, short)
        cities.update(extra_cities)
        return cls(countries, cities, full_names)


class PlaceResolver:
    """Resolves place names with the gazetteer and the article context."""

    def __init__(self, profile: Profile, tables: Tables, gazetteer: Gazetteer) -> None:
        self.profile = profile
        self.tables = tables
        self.gazetteer = gazetteer
        self.country = tables.rules["places"]["country"]
        self.world = World.load(self.country, tables.world_places)
        self._home: list[tuple[str, tuple[str, ...]]] = []
        for level in ("city", "province"):
            unit = profile.home.get(level)
            found = [p for p in gazetteer.lookup(unit.name) if p.level == level] if unit else []
            if len(found) == 1:
                self._home.append((f"home-{level}", found[0].path))
        self._memo: dict[tuple, PlaceName] = {}
        #: Anchors too wide to place a derived town short name (汾河 is not 临汾's 汾河街道).
        self._wide_anchors = {"home-province"}
        #: NER labels of geography (not administrative units), in spaCy's scheme.
        self._geography_labels = set(tables.rules["places"]["geography_labels"])

    # ------------------------------------------------------------------ public

    def resolve(self, name: str, context: Context, label: str = "GPE") -> PlaceName:
        """Resolve one place name in its article (memoised per name, label and context).

        ``label`` LOC (geography in spaCy's scheme) keeps a name that ends like geography
        from being read as a county's short name (太湖 the lake, not 太湖县)."""
        key = (name, label, context.place_key())
        if key not in self._memo:
            self._memo[key] = self._resolve(name, context, label)
        return self._memo[key]

    def jurisdiction(self, name: str, context: Context) -> tuple[AdminPlace, str] | None:
        """A province, city or county that ``name`` denotes at the start of an organisation
        name (太原市, 晋源区, 清徐, 综改区), with how it matched (name, short, alias)."""
        how = "name"
        alias = self.tables.alias("Place", name)
        if alias is not None:
            name, how = alias.canonical, "alias"
        matches = [(p, h) for p, h in self.gazetteer.match(name) if p.depth <= _COUNTY and h != MATCH_TOWN_SHORT]
        if not matches:
            return None
        place, _, problem, _ = self._choose(matches, self._anchors(context))
        if place is None or problem:
            return None
        matched_how = next(h for p, h in matches if p == place)
        return place, ("short" if matched_how == MATCH_SHORT and how == "name" else how)

    def context_county(self, context: Context) -> AdminPlace | None:
        """The county-level place an article is about: its dateline, else the last named."""
        names = ([context.dateline_place] if context.dateline_place else []) + list(reversed(context.places))
        for name in names:
            resolved = self._anchor(name, Context(dateline_place=None))
            if resolved is not None and len(resolved) == _COUNTY + 1:
                return self.gazetteer.get(resolved)
        return None

    def home_paths(self) -> list[tuple[str, ...]]:
        return [path for _, path in self._home]

    # ------------------------------------------------------------------ rules

    def _resolve(self, name: str, context: Context, label: str) -> PlaceName:
        name = normalise(name)
        reason_prefix = ""
        alias = self.tables.alias("Place", name)
        if alias is not None:
            name, reason_prefix = alias.canonical, "alias-table+"
        if name in self.world.countries:
            short = self.world.countries[name]
            return PlaceName(short, reason_prefix + "world", country=short)

        matches = self.gazetteer.match(name)
        if label in self._geography_labels and self._is_geography(name):
            # a lake or river is not a county's short name (太湖 the lake, not 太湖县); a province
            # or prefecture's short name stays one (上海 is 上海市, 青海 is 青海省)
            matches = [(p, how) for p, how in matches if how == MATCH_NAME or p.depth < _COUNTY]
        candidates: tuple[tuple[str, ...], ...] = ()
        if matches:
            place, why, problem, related = self._choose(matches, self._anchors(context))
            if place is not None:
                return PlaceName(place.name, reason_prefix + why, place.path, place.level, place.adcode)
            if problem:
                return PlaceName(name, reason_prefix + problem, problem=problem, candidates=related)
            candidates = tuple(p.path for p, _ in matches[:10])

        if name in self.world.cities:
            return PlaceName(name, reason_prefix + "world", country=self.world.cities[name])

        qualified = self._qualified(name, context)
        if qualified is not None:
            return PlaceName(qualified.name, reason_prefix + "qualified", qualified.path, qualified.level, qualified.adcode)

        level = self._admin_level(name)
        if level is not None:
            parent = self._context_parent(level, context)
            if parent is not None:
                return PlaceName(name, reason_prefix + "context", parent + (name,), level, from_context=True)
            problem = "ambiguous" if len(candidates) > 1 else "no-context"
            return PlaceName(name, reason_prefix + problem, level=level, problem=problem, candidates=candidates)
        if self._is_geography(name):
            return PlaceName(name, reason_prefix + "geography")
        return PlaceName(name, reason_prefix + "unknown", problem="not-in-gazetteer", candidates=candidates)

    def _qualified(self, name: str, context: Context) -> AdminPlace | None:
        """台湾南投县, 山西省太原市迎泽区: a unit written after the unit it lies in."""
        for k in range(len(name) - 2, 1, -1):
            head = self.jurisdiction(name[:k], context)
            if head is None:
                continue
            inner = [p for p, _ in self.gazetteer.match(name[k:]) if p.within(head[0]) and p != head[0]]
            if len(inner) == 1:
                return inner[0]
            deeper = self._qualified(name[k:], context)
            if deeper is not None and deeper.within(head[0]):
                return deeper
        return None

    def _choose(
        self, matches: list[tuple[AdminPlace, str]], anchors: list[tuple[str, tuple[str, ...]]]
    ) -> tuple[AdminPlace | None, str, str | None, tuple[tuple[str, ...], ...]]:
        """Pick the unit a name denotes: (place, reason, problem, candidates).

        Match kinds are tried in order (full name, short name, derived town short). A unique
        province, city or county is taken as it is. Otherwise the anchors decide, nearest
        first: the candidates inside (or containing) an anchor; one -> taken; several -> the
        one of highest level, else ambiguous. Towns and villages unrelated to every anchor are
        not taken (a 山大社区 in 济南 is not the one a 太原 article means); they count as
        not found, so rule 5 can place them from the context.
        """
        groups: dict[str, list[AdminPlace]] = {}
        for place, how in matches:
            groups.setdefault(how, []).append(place)
        high_level: list[AdminPlace] = []
        for how, group in groups.items():
            if len(group) == 1 and group[0].depth <= _COUNTY and how != MATCH_TOWN_SHORT:
                return group[0], "gazetteer", None, ()
            narrowest: tuple[AdminPlace, ...] = ()
            for why, anchor in anchors:
                related = [p for p in group if _related(p.path, anchor) and self._close_enough(p, how, why, anchor)]
                if not related:
                    continue
                top = min(p.depth for p in related)
                tops = [p for p in related if p.depth == top]
                if len(tops) == 1:
                    return tops[0], why, None, ()
                if not narrowest or len(tops) < len(narrowest):
                    narrowest = tuple(tops)
            if narrowest:
                return None, "ambiguous", "ambiguous", tuple(p.path for p in narrowest)
            if how == MATCH_TOWN_SHORT:
                continue  # a derived short name far from the article is no evidence at all
            if not anchors and len(group) == 1:
                return group[0], "gazetteer-unique", None, ()
            high = [p for p in group if p.depth <= _COUNTY]
            top = [p for p in high if p.depth == min((q.depth for q in high), default=0)]
            if how == MATCH_SHORT and len(top) == 1:
                return top[0], "gazetteer-top-level", None, ()  # 西安: the city, not 辽源's 西安区
            high_level.extend(high)
            if not anchors and len(group) > 1:
                return None, "ambiguous", "ambiguous", tuple(p.path for p in group)[:10]
        if len(high_level) > 1:
            return None, "ambiguous", "ambiguous", tuple(p.path for p in high_level)
        return None, "not-found", None, ()

    def _close_enough(self, place: AdminPlace, how: str, why: str, anchor: tuple[str, ...]) -> bool:
        """A province is too wide to pick a town or village by (a province has many
        杏花村), and a derived town short name needs an anchor below the home province."""
        if place.depth > _COUNTY and len(anchor) == 1:
            return False
        return not (how == MATCH_TOWN_SHORT and why in self._wide_anchors)

    def _anchors(self, context: Context) -> list[tuple[str, tuple[str, ...]]]:
        """Admin paths that the article is about, nearest first, with their reason."""
        anchors: list[tuple[str, tuple[str, ...]]] = []
        if context.dateline_place:
            path = self._anchor(context.dateline_place, Context())
            if path:
                anchors.append(("dateline", path))
        for i in range(len(context.places) - 1, -1, -1):
            path = self._anchor(context.places[i], Context(dateline_place=context.dateline_place, places=context.places[:i]))
            if path:
                anchors.append(("article", path))
        return anchors + self._home

    def _anchor(self, name: str, context: Context) -> tuple[str, ...] | None:
        return self.resolve(name, context).path

    def _is_geography(self, name: str) -> bool:
        return any(name.endswith(s) and len(name) > len(s) for s in self.tables.geography_suffixes)

    def level_of(self, name: str) -> str | None:
        """The admin level a name's ending implies (老军营街道 -> town), if any."""
        return self._admin_level(name)

    def _admin_level(self, name: str) -> str | None:
        for suffix, level in self.tables.admin_suffixes:
            if name.endswith(suffix) and len(name) > len(suffix):
                return level
        return None

    def _context_parent(self, level: str, context: Context) -> tuple[str, ...] | None:
        """Parent of a town or village the gazetteer lacks: the last place named before it
        that is a county (or, for a village, a town), else the dateline place."""
        depth = LEVELS.index(level)
        paths = [
            self._anchor(context.places[i], Context(dateline_place=context.dateline_place, places=context.places[:i]))
            for i in range(len(context.places) - 1, -1, -1)
        ]
        if context.dateline_place:
            paths.append(self._anchor(context.dateline_place, Context()))
        for path in paths:
            if path and _COUNTY <= len(path) - 1 < depth:
                return path
        return None


def _related(path: tuple[str, ...], anchor: tuple[str, ...]) -> bool:
    """True if one path lies inside the other."""
    n = min(len(path), len(anchor))
    return path[:n] == anchor[:n]
