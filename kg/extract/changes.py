"""Post changes: who was appointed, elected, removed … to or from which post, and when.

One mechanism, driven by the frames of ``kg/data/extract/changes.toml``: a frame is one
wording of one kind of change (``任命<NAMES>为<POSTS>``, ``免去<NAMES>的<POSTS>职务``,
``<NAMES>同志不再担任<POSTS>``, ``给予<NAMES>开除<POSTS>处分`` …) with slots for the people
and the title chain. Each match yields one :class:`~kg.model.Post` per person and title whose
``change`` is the kind (``appointed`` … ``nominated``), dated by the sentence (``2004年12月4日
再被任命为…``) or else by the article:

>>> from kg.model import Article
>>> text = "任命秦刚为外交部部长，免去周祖翼的人力资源和社会保障部部长职务。"
>>> a = Article("t/001", "t.txt", 1, text, date="2022-12-30")
>>> s = Sentence.from_text(text, ents=[("秦刚", "PERSON"), ("外交部", "ORG"), ("周祖翼", "PERSON")])
>>> [(p.person.text, p.change, p.title, p.org, p.date) for p in ChangeReader(a).sentence(s)]
[('秦刚', 'appointed', '部长', '外交部', '2022-12-30'), ('周祖翼', 'removed', '部长', '人力资源和社会保障部', '2022-12-30')]

Title chains (``浙江省委委员、常委、书记``) give one change per title; an item without an
organisation holds its title at the chain's first organisation, and a unit written alone
(``审判委员会``) is that unit of the first organisation (``最高人民法院审判委员会``). A person is
carried where the text does not repeat the name (``任命郭振华为…主任，免去其…副秘书长职务``;
``易炼红同志任…，不再担任…职务``).

Errors: a frame with an unknown kind or slot raises :class:`~kg.errors.DataError` (E301)
when the module is imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import DataError
from kg.extract.spans import Ent, Sentence
from kg.model import Article, Mention, Post
from kg.resources import data_path, load_list, load_toml

RULES = load_toml("extract/changes.toml")
KINDS: tuple[str, ...] = tuple(RULES["kinds"])
HOLDING_KINDS = frozenset(RULES["holding_kinds"])
ENDING_KINDS = frozenset(RULES["ending_kinds"])
_SLOTS = RULES["slots"]
_CHAIN = RULES["chain"]
_EXPEL: dict[str, str] = RULES["expel"]
_ORDINALS = re.compile("|".join(f"(?:{p})" for p in _CHAIN["ordinals"]))
_GENERIC_NAME = _SLOTS["name"]
_SUFFIX = _SLOTS["name_suffix"]
_JOIN = _SLOTS["name_joiners"]
_END = _SLOTS["end"]
_PLACE_LABELS = frozenset({"GPE", "LOC"})


@dataclass(frozen=True, slots=True)
class Frame:
    """One wording of one kind of change (a row of ``[[frames]]`` in changes.toml)."""

    kind: str
    pattern: str
    names: str = "any"  # "any" | "ner"
    continues: bool = False
    expel: bool = False

    @property
    def carried(self) -> bool:
        """True when the person is not written in the match (``<SUBJ>``)."""
        return "<SUBJ>" in self.pattern


def _frames() -> tuple[Frame, ...]:
    path = data_path("extract/changes.toml")
    frames = []
    for i, row in enumerate(RULES["frames"], 1):
        frame = Frame(row["kind"], row["pattern"], row.get("names", "any"), bool(row.get("continues")), bool(row.get("expel")))
        if frame.kind not in KINDS:
            raise DataError("E301", path, detail=f"frame {i}: unknown kind {frame.kind!r}")
        if frame.names not in ("any", "ner"):
            raise DataError("E301", path, detail=f"frame {i}: names must be 'any' or 'ner'")
        if "<POSTS>" not in frame.pattern or ("<NAMES>" in frame.pattern) == frame.carried:
            raise DataError("E301", path, detail=f"frame {i}: a pattern needs <POSTS> and either <NAMES> or <SUBJ>")
        frames.append(frame)
    return tuple(frames)


FRAMES = _frames()


def _expand(frame: Frame, name: str) -> str:
    """The frame's pattern with its slots filled; ``name`` is the regex of one name."""
    one = f"(?:{name}){_SUFFIX}"
    names = f"(?P<names>{one}(?:(?:{_JOIN}){one})*)"
    end = f"(?:{_END}|(?=、(?:{name}){_SUFFIX}为))"
    return (
        frame.pattern.replace("<SUBJ>", "")
        .replace("<NAMES>", names)
        .replace("<POSTS>", f"(?P<posts>{_SLOTS['posts']})")
        .replace("<END>", end)
    )


@lru_cache(maxsize=None)
def _needles(frame: Frame) -> tuple[tuple[str, ...], ...]:
    """Literal words every match of the frame holds, each as its alternatives: a sentence
    lacking one cannot match, and ``in`` is far cheaper than the frame's regex (whose name
    slot is tried at every position). Read from the parsed pattern: top-level literal runs
    and groups of literal alternatives; anything else (slots, optional parts) only ends a run.

    >>> _needles(Frame("removed", "免去<NAMES>(?:同志)?的?<POSTS>职务"))
    (('免去',), ('职务',))
    >>> _needles(Frame("appointed", "(?:任命|增补)<NAMES>为<POSTS><END>"))
    (('任命', '增补'), ('为',))
    """
    skeleton = re.sub(r"<(?:NAMES|POSTS|END|SUBJ)>", "(?:.)", frame.pattern)
    try:
        parsed = re._parser.parse(skeleton)  # type: ignore[attr-defined]  # the stdlib's own parser
    except Exception:  # noqa: BLE001 - a pattern it cannot read gets no needles: never a wrong skip
        return ()
    literal = re._constants.LITERAL  # type: ignore[attr-defined]
    needles: list[tuple[str, ...]] = []
    run = ""
    for op, av in parsed:
        if op is literal:
            run += chr(av)
            continue
        if run:
            needles.append((run,))
            run = ""
        alternatives = _literal_alternatives(op, av)
        if alternatives:
            needles.append(alternatives)
    if run:
        needles.append((run,))
    return tuple(needles)


def _literal_alternatives(op, av) -> tuple[str, ...] | None:
    """The words of literal alternatives (``(?:任命|增补)``, parsed as one BRANCH), else None."""
    if op is not re._constants.BRANCH:  # type: ignore[attr-defined]
        return None
    words = []
    for branch in av[1]:
        if not branch or any(o is not re._constants.LITERAL for o, _ in branch):  # type: ignore[attr-defined]
            return None
        words.append("".join(chr(a) for _, a in branch))
    return tuple(words)


def _may_match(frame: Frame, text: str) -> bool:
    """False when ``text`` lacks one of the frame's needles (see :func:`_needles`)."""
    return all(any(word in text for word in words) for words in _needles(frame))


@lru_cache(maxsize=None)
def _prefilter(frame: Frame) -> re.Pattern[str]:
    """The frame with any name at all: a sentence it does not match cannot match the frame."""
    return re.compile(_expand(frame, _GENERIC_NAME))


@lru_cache(maxsize=4096)
def _compiled(frame: Frame, ner_names: tuple[str, ...]) -> re.Pattern[str] | None:
    alternatives = [re.escape(n) for n in ner_names]
    if frame.names == "any" or frame.carried:
        alternatives.append(_GENERIC_NAME)
    if not alternatives:
        return None
    return re.compile(_expand(frame, "|".join(alternatives)))


@lru_cache(maxsize=1)
def _surnames() -> tuple[str, ...]:
    """Family names, two-character ones first (kg/data/nlp/surnames.txt, the PERSON filter's)."""
    names = set(load_list("nlp/surnames.txt"))
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    from kg.extract.posts import RULES as POST_RULES

    titles = set(load_list("nlp/titles.txt")) | set(load_list("nlp/title_heads.txt"))
    return frozenset(titles | {p + t for t in titles for p in POST_RULES["deputy_prefixes"] if not t.startswith(p)})


def _heads() -> re.Pattern[str]:
    from kg.extract.posts import _heads as post_heads

    return post_heads()


@dataclass(frozen=True, slots=True)
class _Item:
    """One title of a chain: organisation as written (may be empty) and the title."""

    org: str
    org_start: int
    title: str


class ChangeReader:
    """Post changes of one article, sentence by sentence (remembers who was named last)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.last_people: list[Mention] = []  # the people of the article's last change
        self.body = ""  # the last body the article's changes named that has units (全国政协)
        self.person_orgs: dict[str, str] = {}  # person -> organisation of their last change
        self.last_org: tuple[int, str] = (-1, "")  # (sentence start, first organisation) of the last change

    # -- people -----------------------------------------------------------------------------
    def _names(self, sent: Sentence, start: int, text: str, frame: Frame, ner: dict[tuple[int, int], Ent]) -> list[Mention]:
        """The people of a <NAMES> slot; empty when one of them is no name.

        A name the wording alone delimits is snapped to what the tagger found where the two
        disagree only at the start (决定|赵一德 -> 赵一德): to a PERSON entity ending at the same
        place, else to the next token boundary."""
        names_alt = "|".join([re.escape(e.text) for e in ner.values()] + [_GENERIC_NAME])
        out = []
        for m in re.finditer(f"({names_alt})({_SUFFIX})(?:{_JOIN}|$)", text):
            name_start, name_end = start + m.start(1), start + m.end(1)
            if (name_start, name_end) not in ner:
                inner = [k for k in ner if k[1] == name_end and name_start < k[0]]
                if inner:
                    name_start = inner[0][0]
                elif not any(t.start == name_start for t in sent.tokens):
                    name_start = next((t.start for t in sent.tokens if name_start < t.start < name_end - 1), name_start)
            name = sent.slice(name_start, name_end)
            if (name_start, name_end) not in ner:
                # 同志 or （女） after it marks a person whatever the family name (噶玛泽登同志)
                marked = bool(m.group(2))
                if frame.names == "ner" or not self._looks_like_name(sent, name_start, name_end, name, marked):
                    return []
            out.append(Mention(name, "PERSON", self.article.id, name_start, name_end, sent.start, sent.end))
        return out

    @staticmethod
    def _looks_like_name(sent: Sentence, start: int, end: int, name: str, marked: bool = False) -> bool:
        """A name found by its wording alone: starts with a surname (or is marked by 同志 /
        （女）, or has a middle dot), is no title or pronoun, and is not the start of another
        kind of entity."""
        if name in _title_words() or name in _SLOTS["subject_words"]:
            return False
        if not (marked or name.startswith(_surnames()) or any(c in name for c in "·•・")):
            return False
        ent = sent.ent_at(start)
        return ent is None or ent.label == "PERSON" or ent.start != start or ent.end > end

    def _carried(self, sent: Sentence, before: int, qi: bool) -> list[Mention]:
        """The people a carried subject stands for: those of the article's last change if it is
        in this sentence, else the last PERSON named before ``before`` in the sentence who is no
        one's possessor or proposer (何厚铧的报告, 获何厚铧提名: `not_subject_after`), else — for
        其 only — the article's last change (其 after a sentence break)."""
        if self.last_people and self.last_people[0].sent_start == sent.start and self.last_people[-1].end <= before:
            return list(self.last_people)
        persons = [e for e in sent.ents if e.label == "PERSON" and e.end <= before
                   and not sent.slice(e.end, sent.end).startswith(tuple(_SLOTS["not_subject_after"]))]
        if persons:
            return [sent.mention(persons[-1], self.article.id)]
        return list(self.last_people) if qi else []

    # -- titles -----------------------------------------------------------------------------
    def _item(self, sent: Sentence, start: int, text: str, last: bool) -> _Item | None:
        """Split one chain item (``浙江省委委员``) into organisation and title; None if it ends
        with no title (``人选`` trailing the last item is cut off by the frames)."""
        # An organisation entity that ends inside the item, followed by a whole title.
        for ent in sent.ents:
            if ent.label in ("ORG", "GPE") and start <= ent.start and ent.end < start + len(text) and ent.end > start:
                title = self._strip(text[ent.end - start :])
                if self._is_title(title):
                    org_start = start
                    org = text[: ent.end - start]
                    return self._settled(org, org_start, title)
        match = _heads().search(text)
        if match is None:
            return None
        return self._settled(text[: match.start()], start, match.group())

    def _settled(self, org: str, org_start: int, title: str) -> _Item:
        """Ordinals out of both parts (第十四届全国政协, 第六任行政长官); a modifier before the title
        joins it (驻会副主任)."""
        from kg.extract.posts import RULES as POST_RULES

        m = re.match(f"(?:{_ORDINALS.pattern})+", org)
        if m:
            org, org_start = org[m.end() :], org_start + m.end()
        org = _ORDINALS.sub("", org) if _ORDINALS.search(org[-6:] if org else "") else org
        for modifier in sorted(POST_RULES["title_modifiers"], key=len, reverse=True):
            if org.endswith(modifier) and len(org) > len(modifier):
                org, title = org[: -len(modifier)], modifier + title
                break
        return _Item(org, org_start, self._strip(title))

    @staticmethod
    def _strip(title: str) -> str:
        return _ORDINALS.sub("", title)

    def _is_title(self, text: str) -> bool:
        return bool(text) and (text in _title_words() or bool(_heads().fullmatch(text)))

    def _is_unit(self, sent: Sentence, org: str, org_start: int) -> bool:
        """A unit written without its parent (审判委员会, 外事委员会, 第四巡回法庭)."""
        if not org or not org.endswith(tuple(_CHAIN["unit_suffixes"])) or org.startswith(tuple(_CHAIN["jurisdiction_prefixes"])):
            return False
        ent = sent.ent_at(org_start)
        return ent is None or ent.label not in _PLACE_LABELS

    def _chain(self, sent: Sentence, start: int, text: str, expel: bool, person: str, carried: bool = False) -> list[tuple[_Item, str]]:
        """(item, organisation it is held at) for every title of the chain slot."""
        if expel:
            out = []
            for m in re.finditer("|".join(map(re.escape, _EXPEL)), text):
                org = _EXPEL[m.group()] or self.person_orgs.get(person, "")
                out.append((_Item("", start + m.start(), m.group()), org))
            return out
        seps = "|".join(map(re.escape, _CHAIN["separators"]))
        pieces = [(m.start(), m.group()) for m in re.finditer(f"[^{seps}]+", text)]
        out: list[tuple[_Item, str]] = []
        head_org = ""
        for i, (offset, piece) in enumerate(pieces):
            item = self._item(sent, start + offset, piece, i == len(pieces) - 1)
            if item is None:
                continue
            org = item.org
            if i == 0 or not head_org:
                if self._is_unit(sent, org, item.org_start) and self.body:
                    org = self.body + org
                elif not org and carried and self.last_org[0] == sent.start:
                    org = _body_of(self.last_org[1])  # 免去…全国政协…副主任职务，撤销其委员资格
                head_org = org
            elif not org:
                org = head_org
            elif self._is_unit(sent, org, item.org_start):
                org = head_org + org
            out.append((item, org))
        return out

    # -- dates ------------------------------------------------------------------------------
    def _date(self, sent: Sentence, before: int) -> str | None:
        """The last date written before ``before`` in the sentence, else the article's."""
        text = sent.slice(sent.start, before)
        year = (self.article.date or "")[:4] if re.fullmatch(r"\d{4}-\d\d-\d\d", self.article.date or "") else None
        rules = RULES["dates"]
        found: list[tuple[int, str]] = []
        taken: list[tuple[int, int]] = []

        def free(m: re.Match[str]) -> bool:
            return not any(a < m.end() and m.start() < b for a, b in taken)

        for key in ("full", "year_month", "month_day", "year"):
            for m in re.finditer(rules[key], text):
                if not free(m):
                    continue
                taken.append((m.start(), m.end()))
                g = m.groups()
                if key == "full":
                    value = f"{g[0]}-{int(g[1]):02d}-{int(g[2]):02d}"
                elif key == "year_month":
                    value = f"{g[0]}-{int(g[1]):02d}"
                elif key == "month_day":
                    value = f"{year}-{int(g[0]):02d}-{int(g[1]):02d}" if year else f"--{int(g[0]):02d}-{int(g[1]):02d}"
                else:
                    value = g[0]
                found.append((m.start(), value))
        return max(found)[1] if found else self.article.date

    # -- one sentence -------------------------------------------------------------------------
    def sentence(self, sent: Sentence) -> Iterator[Post]:
        """The changes of one sentence, in text order."""
        ner = {(e.start, e.end): e for e in sent.ents if e.label == "PERSON"}
        ner_names = tuple(sorted({e.text for e in ner.values()}, key=lambda n: (-len(n), n)))
        found: list[_Match] = []
        for frame in FRAMES:
            if not _may_match(frame, sent.text) or not _prefilter(frame).search(sent.text):
                continue
            pattern = _compiled(frame, ner_names)
            if pattern is None:
                continue
            pos = 0
            while (m := pattern.search(sent.text, pos)) is not None:
                pos = max(m.end(), m.start() + 1)
                found.append(_Match.of(sent, frame, m))
                if frame.continues:
                    pos = max(pos, self._continue(sent, frame, m.end(), found, ner_names))
        # Text order; of overlapping matches the one that starts first (then the longer) wins.
        found.sort(key=lambda f: (f.start, -(f.end - f.start), FRAMES.index(f.frame)))
        taken: list[tuple[int, int]] = []
        for match in found:
            if any(a < match.end and match.start < b for a, b in taken):
                continue
            frame = match.frame
            people = self._carried(sent, match.start, "其" in frame.pattern) if frame.carried else self._names(sent, match.names_at, match.names, frame, ner)
            if not people:
                continue
            chain = self._chain(sent, match.posts_at, match.posts, frame.expel, people[0].text, frame.carried)
            if not chain:
                continue
            taken.append((match.start, match.end))
            date = self._date(sent, match.start)
            evidence = sent.evidence(self.article.id, f"change/{frame.kind}")
            for item, org in chain:
                if org.endswith(tuple(_CHAIN["unit_parents"])):
                    self.body = org
                org_mention = None
                if item.org and sent.slice(item.org_start, item.org_start + len(item.org)) == item.org:
                    org_mention = Mention(item.org, "ORG", self.article.id, item.org_start, item.org_start + len(item.org), sent.start, sent.end)
                for person in people:
                    if org:
                        self.person_orgs[person.text] = org
                    yield Post(person, item.title, org or None, evidence, org_mention, date, 0.9, change=frame.kind)
            self.last_people = people
            self.last_org = (sent.start, chain[0][1])

    def _continue(self, sent: Sentence, frame: Frame, pos: int, found: list[_Match], ner_names: tuple[str, ...]) -> int:
        """``…为A，B为C`` / ``…为A、B为C``: the next people of a list frame, same kind."""
        for t in _continuation(ner_names).finditer(sent.text, pos):
            if t.start() != pos:
                break
            found.append(_Match.of(sent, frame, t))
            pos = t.end()
        return pos


def _body_of(org: str) -> str:
    """The body a unit belongs to, when its name starts with one (全国政协教科卫体委员会 ->
    全国政协); else the name itself.

    >>> _body_of("全国政协教科卫体委员会"), _body_of("外交部")
    ('全国政协', '外交部')
    """
    ends = [i for i in range(1, len(org) + 1) if org[:i].endswith(tuple(_CHAIN["unit_parents"]))]
    return org[: ends[0]] if ends else org


@dataclass(frozen=True, slots=True)
class _Match:
    """A frame matched in a sentence (article offsets)."""

    start: int
    end: int
    frame: Frame
    names_at: int
    names: str
    posts_at: int
    posts: str

    @classmethod
    def of(cls, sent: Sentence, frame: Frame, m: re.Match[str]) -> _Match:
        has_names = "names" in m.re.groupindex
        return cls(
            sent.start + m.start(),
            sent.start + m.end(),
            frame,
            sent.start + m.start("names") if has_names else -1,
            m.group("names") if has_names else "",
            sent.start + m.start("posts"),
            m.group("posts"),
        )


@lru_cache(maxsize=4096)
def _continuation(ner_names: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join([re.escape(n) for n in ner_names] + [_GENERIC_NAME])
    one = f"(?:{alt}){_SUFFIX}"
    return re.compile(
        f"[，、](?P<names>{one}(?:(?:{_JOIN}){one})*)为(?P<posts>{_SLOTS['posts']})(?:{_END}|(?=、(?:{alt}){_SUFFIX}为))"
    )


def read_changes(sents: Sequence[Sentence], article: Article) -> Iterator[Post]:
    """Every post change of an article (see :class:`ChangeReader`)."""
    reader = ChangeReader(article)
    for sent in sents:
        yield from reader.sentence(sent)
