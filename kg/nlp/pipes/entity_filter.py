"""``kg_entity_filter``: drops or trims LAC's typical mistakes, rules per label from a TOML file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.jionlp_data import idioms
from kg.nlp.gazetteer import known_places
from kg.nlp.pipes.common import ROLES_KEY, SOURCE_LAC, SOURCE_LIST, TITLES_KEY, list_words
from kg.nlp.pipes.suffix_entities import quote_end
from kg.resources import load_list, load_toml, load_tsv


def _holds_in_order(longer: str, short: str) -> bool:
    """Every character of ``short`` stands in ``longer`` in the same order (北大 in 北京大学)."""
    rest = iter(longer)
    return all(char in rest for char in short)


class _DocEnts:
    """A Doc's entities read once for all the spans the filter checks: spaCy builds a new
    tuple of Spans on every ``doc.ents`` access, which made the checks quadratic in the number
    of names of an article (a list of 10,000 names)."""

    def __init__(self, ents: tuple[Span, ...], sentences: int) -> None:
        self.ents = ents
        self.sentences = sentences
        self.by_label: dict[str, list[Span]] = {}
        for e in ents:
            self.by_label.setdefault(e.label_, []).append(e)
        self._long: dict[str, dict[str, list[str]]] = {}

    @classmethod
    def of(cls, doc: Doc) -> "_DocEnts":
        sentences = sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 1
        return cls(doc.ents, sentences)

    def long_by_first(self, label: str) -> dict[str, list[str]]:
        """The names of ``label`` of three characters or more, by their first character."""
        if label not in self._long:
            out: dict[str, list[str]] = {}
            for e in self.by_label.get(label, ()):
                if len(e.text) > 2:
                    out.setdefault(e.text[0], []).append(e.text)
            self._long[label] = out
        return self._long[label]


@dataclass(frozen=True, slots=True)
class LabelFilter:
    """What an entity of one label must look like (one ``[LABEL]`` table of filters.toml)."""

    shape: re.Pattern[str] | None
    reject: re.Pattern[str] | None
    stop: frozenset[str]
    first_in: frozenset[str]
    bad_prefixes: tuple[str, ...]
    bad_suffixes: tuple[str, ...]
    trim_prefixes: tuple[str, ...]
    trim_suffixes: tuple[str, ...]
    min_chars: int
    max_chars: int
    known_below: int
    unknown_from: int
    known_suffixes: tuple[str, ...]
    not_known: int
    double_surname_above: int
    endings: tuple[str, ...]
    endings_from: int
    endings_sources: frozenset[str]
    foreign_chars: frozenset[str]
    known_extra: frozenset[str]
    require_any: tuple[str, ...]
    not_after: frozenset[str]
    vouch_after: frozenset[str]
    latin: re.Pattern[str] | None
    short_sources: frozenset[str]
    name_dots: str
    coordinated: tuple[str, ...]
    coordinated_starts: tuple[str, ...]
    vouch_sources: frozenset[str] = frozenset()
    titled_needs_no_ending: bool = False
    count_before: re.Pattern[str] | None = None
    kinds: frozenset[str] = frozenset()
    kind_modifiers: tuple[str, ...] = ()
    body_ordinal: re.Pattern[str] | None = None
    body_words: tuple[str, ...] = ()
    name_inside: re.Pattern[str] | None = None
    known_names: frozenset[str] = frozenset()
    owner_ordinal: re.Pattern[str] | None = None
    two_char_bad_endings: frozenset[str] = frozenset()
    approx_first: frozenset[str] = frozenset()
    approx_after: re.Pattern[str] | None = None
    surname_pairs: bool = False
    side_suffix: str = ""
    place_labels: frozenset[str] = frozenset()
    resident_units: tuple[str, ...] = ()
    lone_short_below: int = 0
    lone_short_from_sentences: int = 0


_SPACES = re.compile(r"\s+")


def _dotted(text: str, dots: str) -> bool:
    """A name whose parts a name dot separates (阿布杜勒·哈尼德, 买买提•艾力) is a transliterated
    or minority name whatever its characters.

    >>> _dotted("阿布杜勒·哈尼德", "·•・"), _dotted("王明", "·•・"), _dotted("·王", "·•・")
    (True, False, False)
    """
    if not dots:
        return False
    parts = re.split("[" + re.escape(dots) + "]", text)
    return len(parts) > 1 and all(parts)


def _transliterated(text: str, chars: frozenset[str]) -> bool:
    """Written like a transliterated foreign name: only with ``chars``, or, with the
    separator ·, mostly with them (鲍里斯·贝克尔: 鲍 is a Chinese surname too).

    >>> _transliterated("马拉舍维奇", frozenset("马拉舍维奇")), _transliterated("王·小明", frozenset("马"))
    (True, False)
    """
    letters = [c for c in text if c != "·"]
    known = sum(c in chars for c in letters)
    if "·" in text:
        return 2 * known >= len(letters)
    return known == len(letters)


def _a_kind(text: str, kinds: frozenset[str], modifiers: tuple[str, ...]) -> bool:
    """``text`` is a kind (``kinds``) after nothing but describing words (``modifiers``): a
    kind of business, not one business.

    >>> k, m = frozenset({"公司", "银行", "投资公司"}), ("中小", "股份制")
    >>> _a_kind("股份制公司", k, m), _a_kind("中小投资公司", k, m), _a_kind("建设银行", k, m)
    (True, True, False)
    """
    while text not in kinds:
        modifier = next((m for m in modifiers if text.startswith(m) and len(text) > len(m)), None)
        if modifier is None:
            return False
        text = text[len(modifier) :]
    return True


class EntityFilter:
    """Drop or trim ents that are LAC's typical mistakes; rules per label in a TOML file.

    A PERSON must look like a name (``shape``, and not fully match ``reject``), start with a surname (``first_in``) and not be
    a kinship or polite form (吴爷爷, 闫女士: ``bad_suffixes``); a place must not be a verb or a
    generic noun (``stop``); a DATE must hold a numeral or a calendar word (``require_any``: 后来,
    目前 are adverbs, not dates) … Trimming removes a title or region word glued to a name
    (``trim_prefixes`` / ``trim_suffixes``) when what remains still passes. Short place names
    must be known to the gazetteer (``known_below``: 大同 yes, 宜林 no) unless they end with a
    place suffix (汾河); so must long ones from LAC (``unknown_from``: 团结协作, 济南雷阵雨 are no
    places; transliterated foreign names are exempt). An ORG that is only a place name
    (山西/ORG) is dropped (``not_known``), and so is one right after a word that makes it a
    kind (``not_after``: 各主要|合作银行).
    """

    def __init__(self, rules: str, brackets: str = "nlp/bracket_pairs.tsv") -> None:
        known_places()  # load the gazetteer now, not on the first document
        idioms()
        self.brackets = {close: open_ for open_, close in load_tsv(brackets, 2)}  # closing -> opening
        self.filters: dict[str, LabelFilter] = {}
        self.idiom_labels = frozenset(label for label, r in load_toml(rules).items() if r.get("not_in_idioms"))
        self.set_phrases = load_list("nlp/set_phrases.txt")
        for label, r in load_toml(rules).items():
            self.filters[label] = LabelFilter(
                shape=re.compile(r["shape"]) if "shape" in r else None,
                reject=re.compile(r["reject"]) if "reject" in r else None,
                stop=frozenset(list_words(r.get("stop"))),
                first_in=frozenset(list_words(r.get("first_in"))),
                bad_prefixes=list_words(r.get("bad_prefixes")),
                bad_suffixes=list_words(r.get("bad_suffixes")),
                trim_prefixes=list_words(r.get("trim_prefixes")),
                trim_suffixes=list_words(r.get("trim_suffixes")),
                min_chars=int(r.get("min_chars", 1)),
                max_chars=int(r.get("max_chars", 80)),
                known_below=int(r.get("known_below", 0)),
                unknown_from=int(r.get("unknown_from", 0)),
                known_suffixes=(tuple(row[0] for row in load_tsv(r["known_suffixes"], 2)) if "known_suffixes" in r else ()) + list_words(r.get("known_endings")),
                not_known=int(r.get("not_known", -1)),
                double_surname_above=int(r.get("double_surname_above", 0)),
                endings=list_words(r.get("endings")),
                endings_from=int(r.get("endings_from", 0)),
                endings_sources=frozenset(r.get("endings_sources", [SOURCE_LAC])),
                foreign_chars=frozenset(list_words(r.get("foreign_chars"))),
                known_extra=frozenset(list_words(r.get("known_extra"))),
                require_any=list_words(r.get("require_any")),
                not_after=frozenset(list_words(r.get("not_after"))),
                vouch_after=frozenset(list_words(r.get("vouch_after"))),
                latin=re.compile(r["latin"]) if "latin" in r else None,
                short_sources=frozenset(r.get("short_sources", [])),
                name_dots=r.get("name_dots", ""),
                coordinated=tuple(r.get("coordinated", [])),
                coordinated_starts=list_words(r.get("coordinated_starts")),
                vouch_sources=frozenset(r.get("vouch_sources", [])),
                titled_needs_no_ending=bool(r.get("titled_needs_no_ending", False)),
                count_before=re.compile(r["count_before"]) if "count_before" in r else None,
                kinds=frozenset(list_words(r.get("kinds"))),
                kind_modifiers=tuple(sorted(list_words(r.get("kind_modifiers")), key=len, reverse=True)),
                body_ordinal=re.compile(r["body_ordinal"]) if "body_ordinal" in r else None,
                body_words=list_words(r.get("body_words")),
                name_inside=re.compile(r["name_inside"]) if "name_inside" in r else None,
                known_names=frozenset(list_words(r.get("known_names"))),
                owner_ordinal=re.compile(r["owner_ordinal"]) if "owner_ordinal" in r else None,
                two_char_bad_endings=frozenset(list_words(r.get("two_char_bad_endings"))),
                approx_first=frozenset(r.get("approx_first", "")),
                approx_after=re.compile(r["approx_after"]) if "approx_after" in r else None,
                surname_pairs=bool(r.get("surname_pairs", False)),
                side_suffix=r.get("side_suffix", ""),
                place_labels=frozenset(r.get("place_labels", [])),
                resident_units=tuple(r.get("resident_units", [])),
                lone_short_below=int(r.get("lone_short_below", 0)),
                lone_short_from_sentences=int(r.get("lone_short_from_sentences", 0)),
            )

    def ok(self, label: str, text: str, source: str = SOURCE_LAC, vouched: bool = False, titled: bool = False) -> bool:
        """Whether ``text`` (made by component ``source``) may be an entity of ``label``.

        ``vouched``: the context says what the text is (see :meth:`vouched`, and the items of a
        list closed by a kind noun: 集义、王答等乡镇), so the checks of its spelling that only
        guess (a known surname; a short place the gazetteer must know) are skipped; the others
        still apply. A name of ``known_names`` is vouched for by the annotated corpora it was
        learned from, and may even be a place's name (米兰, the club). ``titled``: a post word
        follows the text (欣旺达|监事, 中储粮|总裁); with ``titled_needs_no_ending`` the text needs no ending of ``endings`` then (a company named
        by its own short brand name has a post holder, a phrase LAC took for a name has not).
        """
        f = self.filters.get(label)
        if f is None:
            return True
        text = _SPACES.sub("", text)  # a name padded by the layout (冯 镭) is judged as 冯镭
        if not (f.min_chars <= len(text) or source in f.short_sources) or len(text) > f.max_chars or text in f.stop:
            return False
        if f.shape is not None and not f.shape.fullmatch(text):
            return False
        if f.require_any and not any(w in text for w in f.require_any):
            return False
        known_name = text in f.known_names  # annotators call this name one of the label (美联储, 米兰)
        vouched = vouched or known_name
        if f.reject is not None and not vouched and f.reject.fullmatch(text):
            return False
        dotted = _dotted(text, f.name_dots)
        foreign = bool(f.foreign_chars) and len(text) >= 2 and (_transliterated(text, f.foreign_chars) or dotted)
        foreign = foreign or vouched or (f.latin is not None and bool(f.latin.fullmatch(text)))
        if f.first_in and not foreign and not any(text[:n] in f.first_in for n in (1, 2, 3)):
            return False
        if (not dotted and any(text.startswith(p) for p in f.bad_prefixes)) or any(text.endswith(s) for s in f.bad_suffixes):
            return False
        if len(text) == 2 and text[1] in f.two_char_bad_endings:
            return False  # a surname and a word: 罗方 (the Romanian side), 据朱称 (Zhu said)
        if f.double_surname_above and len(text) > f.double_surname_above and not foreign:
            # 4-character names have a two-character surname (欧阳, 桥本) or two surnames (刘王晨曦)
            if not any(text[:n] in f.first_in for n in (2, 3)) and not (text[0] in f.first_in and text[1] in f.first_in):
                return False
        short = len(text) < f.known_below
        long_from_lac = bool(f.unknown_from) and len(text) >= f.unknown_from and source in f.endings_sources and not foreign
        if (short or long_from_lac) and not vouched and text not in known_places() and text not in f.known_extra:
            if not any(text.endswith(s) and len(text) > len(s) for s in f.known_suffixes):
                return False
        if f.endings and source in f.endings_sources and len(text) >= f.endings_from and not foreign and not (titled and f.titled_needs_no_ending):
            if not any(text.endswith(e) for e in f.endings):
                return False
        if f.not_known >= 0 and not known_name and text in known_places(f.not_known):
            return False
        if f.kinds and _a_kind(text, f.kinds, f.kind_modifiers):
            return False
        return True

    def _trimmed(self, span: Span) -> Span | None:
        f = self.filters.get(span.label_)
        if f is None:
            return span
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (doc[start].text in f.trim_prefixes or doc[start].is_space or doc[start].is_punct):
            if quote_end(doc, start, end - 1) is not None:
                break  # an opening quote whose closing one is inside: “内政部”儿童局
            start += 1
        while end > start and (doc[end - 1].text in f.trim_suffixes or doc[end - 1].is_space or doc[end - 1].is_punct):
            opening = self.brackets.get(doc[end - 1].text)
            if opening is not None and any(t.text == opening for t in doc[start : end - 1]):
                break  # a closing bracket whose opening one is inside: 联盟(筹)
            end -= 1
        if start >= end:
            return None
        if f.coordinated and f.endings:  # 二十大精神和党中央: the name is what follows the joiner
            for k in range(end - 1, start, -1):
                if doc[k].text in f.coordinated and k + 1 < end:
                    before, after = doc[start:k].text, doc[k + 1 : end].text
                    if after.endswith(f.endings) and after.startswith(f.coordinated_starts) and not before.endswith(f.endings):
                        start = k + 1
                    break
        return Span(doc, start, end, label=span.label_, span_id=span.id_)

    def _after_kind_word(self, span: Span) -> bool:
        """The span follows a word that makes it a kind, not a name (``not_after``):
        各|主要|合作银行 are the partner banks, whichever they are."""
        f = self.filters.get(span.label_)
        if f is None or not (f.not_after or f.count_before):
            return False
        i = span.start - 1
        while i >= 0 and span.doc[i].is_space:
            i -= 1
        if i >= 0 and f.count_before is not None and f.count_before.fullmatch(span.doc[i].text):
            return True  # 启动|3所|公办幼儿园建设: a count of a kind (``count_before``)
        return i >= 0 and span.doc[i].text in f.not_after

    def _a_body(self, span: Span, title_starts: set[int]) -> bool:
        """The place names the body of what follows it, after an ordinal (``body_ordinal``) and
        any more places of its chain: a post (澳门特别行政区|第六任|行政长官, 中华人民共和国|澳门特别行政区|
        第六任|行政长官, a title span) or a meeting or decree of that body (海南省|第八次|党代会:
        ``body_words``). Without an ordinal the place stays (太原市|市长: the city is the post's
        place)."""
        f = self.filters.get(span.label_)
        if f is None or f.body_ordinal is None:
            return False
        doc = span.doc
        i = span.end
        while i < len(doc) and doc[i].ent_type_ in ("GPE", "LOC"):
            i += 1
        if i >= len(doc) or not f.body_ordinal.fullmatch(doc[i].text):
            return False
        i += 1
        if i >= len(doc):
            return False
        return i in title_starts or any(doc[i:].text.startswith(w) for w in f.body_words)

    def _a_modifier(self, span: Span, text: str) -> bool:
        """The place starts a law or decree name written without 《》: the text after it
        continues that name (``name_inside``: 香港特别行政区|维护国家安全法, 中华人民共和国|主席令)."""
        f = self.filters.get(span.label_)
        if f is None or f.name_inside is None:
            return False
        m = f.name_inside.match(text[span.end_char : span.end_char + 30])
        if m is None:
            return False
        # the law ends a word of three chars or more (国家安全法) or is a word of its own
        # (基本|法, 生态|保护|法); a two-char word is a kind of law (专精|税法)
        end = span.end_char + m.end(1)
        word = next((t for t in span.doc[span.end :] if t.idx + len(t) >= end), None)
        return word is not None and word.idx + len(word) == end and (m.group(1) != "法" or len(word) != 2)

    def _owned_ordinals(self, doc: Doc) -> list[Span]:
        """``doc.ents`` with a body written before an ordinal (``owner_ordinal``) read as part of
        what follows it: one name with the body right after the ordinal (中国共产党|第十四届|中央书记处,
        政协|第十四届|全国委员会); else, before a congress (the regex group ``congress``), no name
        of its own: the ordinal names the body's congress, an event (中共|二十大, 中共|十八大以来)."""
        text = doc.text
        ents = list(doc.ents)
        out: list[Span] = []
        i = 0
        while i < len(ents):
            span = ents[i]
            f = self.filters.get(span.label_)
            m = f.owner_ordinal.match(text, span.end_char) if f is not None and f.owner_ordinal is not None else None
            if m is None:
                out.append(span)
                i += 1
                continue
            nxt = ents[i + 1] if i + 1 < len(ents) else None
            if nxt is not None and nxt.label_ == span.label_ and nxt.start_char == m.end():
                out.append(Span(doc, span.start, nxt.end, label=span.label_, span_id=nxt.id_))
                i += 2
                continue
            if m.lastgroup != "congress":
                out.append(span)  # 公司|第六届|监事会监事: the company holds the term's board
            i += 1
        return out

    def _approximation(self, span: Span, text: str) -> bool:
        """The span starts with a word that follows a number or a time to make it approximate
        (``approx_first`` after ``approx_after``): 12时20分|许|谕知 is "at about 12:20", no 许."""
        f = self.filters.get(span.label_)
        if f is None or f.approx_after is None or span.text[:1] not in f.approx_first:
            return False
        return bool(f.approx_after.search(text[max(0, span.start_char - 8) : span.start_char]))

    @staticmethod
    def _surname_pair(span: Span, long_by_first: dict[str, list[str]]) -> bool:
        """A two-character span whose characters are both the surnames of other, longer names
        of its label in the text is the two people named by their surnames (马英九 … 吴伯雄 …
        |马吴|两人), not a third person. ``long_by_first``: the label's names of three or more
        characters by their first character (:class:`_DocEnts`)."""
        text = span.text
        if len(text) != 2:
            return False
        return all(any(not name.startswith(text) for name in long_by_first.get(c, ())) for c in text)

    @staticmethod
    def _a_side(span: Span, suffix: str, ents: tuple[Span, ...]) -> bool:
        """A two-character span of a country's one-character short name and ``suffix`` (方,
        "side") where a place of the text starts with that character: 罗方 beside 罗马尼亚 is
        the Romanian side; 雷方 in a text with no place 雷… stays a name."""
        text = span.text
        if not suffix or len(text) != 2 or not text.endswith(suffix):
            return False
        return any(e.label_ in ("GPE", "LOC") and e.text[0] == text[0] for e in ents)

    @staticmethod
    def _a_place(span: Span, labels: frozenset[str], units: tuple[str, ...], ents: tuple[Span, ...]) -> bool:
        """The text writes the span as a place (an entity of ``labels``) elsewhere, alone or as
        the start of a longer place name (景宁 … 景宁畲族自治县, 元朗 … 元朗公路), or the span
        follows a place right away (香港|元朗, 澎湖|马公: a place within a place). A name of a
        person is neither, except after a place where people live (``units``: 回龙村|彭小兰 is
        a villager) when the gazetteer does not know the name as a place."""
        if not labels:
            return False
        doc = span.doc
        places = [e for e in ents if e.label_ in labels]
        if any(e.text.startswith(span.text) for e in places):
            return True
        i = span.start - 1
        before = next((e for e in places if e.end == span.start), None)
        if i < 0 or doc[i].whitespace_ or before is None:
            return False
        return span.text in known_places() or not before.text.endswith(units)

    @staticmethod
    def _lone_short(span: Span, f: LabelFilter, text: str, index: _DocEnts) -> bool:
        """A short name (below ``lone_short_below`` chars) that a long text (``lone_short_from_sentences``
        sentences or more) writes once and never introduces: no other entity of its label
        holds its characters in order (北大 of 北京大学). A body the article names by its
        short name recurs or is introduced; a short ordinary word LAC took for a name inside a
        longer phrase (设施|联通|和民心相通, 全面|从严|治党) stands alone once."""
        if not f.lone_short_below or len(span.text) >= f.lone_short_below or span.text in f.known_names:
            return False
        if index.sentences < f.lone_short_from_sentences or text.count(span.text) > 1:
            return False
        doc = span.doc
        if (span.start > 0 and doc[span.start - 1].text == "、") or (span.end < len(doc) and doc[span.end].text == "、"):
            return False  # an item of a list of names (淘宝、京东等平台) is named, not phrased
        return not any(len(e.text) > len(span.text) and _holds_in_order(e.text, span.text) for e in index.by_label.get(span.label_, ()))

    @staticmethod
    def _title_head(span: Span, f: LabelFilter, titles: list[Span]) -> bool:
        """A short name (below ``lone_short_below`` chars, not a known name, not ending like a
        body) inside a title, or making a post with the title right after it, is the head of
        that post, not a body: 国务|委员 is 国务委员 (a State Councillor), no body 国务."""
        if not f.lone_short_below or len(span.text) >= f.lone_short_below or span.text in f.known_names:
            return False
        if any(span.text.endswith(e) for e in f.endings):
            return False
        from kg.nlp.patterns import title_lexicon

        lexicon = title_lexicon()
        for t in titles:
            if t.start <= span.start and span.end < t.end:
                return True  # the title found holds the name: 国务委员
            if t.start == span.end and lexicon.kind(span.text + t.text) == "post":
                return True
        return False

    def vouched(self, span: Span, title_edges: tuple[set[int], set[int]]) -> bool:
        """The context says ``span`` is a name of its label (only labels with ``vouch_after``):
        a title ends right before it or starts right after it (副市长|张一楠, 栗战书|委员长), a
        word of ``vouch_after`` follows it (刘国中|同志), or it is an item of a list of names of
        its label (…、谌贻琴、…). The words of a title and a list of names are LAC's and the
        title lexicon's, not the filter's guesses about spelling.
        """
        f = self.filters.get(span.label_)
        if f is None or not f.vouch_after:
            return False
        doc = span.doc
        title_ends, title_starts = title_edges
        if span.start in title_ends or span.end in title_starts:
            return True
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.text in f.vouch_after:
            return True
        return self._listed(span)

    @staticmethod
    def _listed(span: Span) -> bool:
        """``span`` is an item of a list of names of its label: a name of that label stands
        right across a list comma from it (…、谌贻琴、…; 金风科技、宁波摩士、…)."""
        doc = span.doc
        after = doc[span.end] if span.end < len(doc) else None
        before = doc[span.start - 1] if span.start > 0 else None
        for sep, other in ((after, span.end + 1), (before, span.start - 2)):
            if sep is not None and sep.text == "、" and 0 <= other < len(doc) and doc[other].ent_type_ == span.label_:
                return True
        return False

    def in_idiom(self, span: Span, text: str) -> bool:
        """The span lies inside a four-character idiom of the text that is longer than it (四平
        of 四平八稳 is no city; idioms from jionlp, ``kg.jionlp_data.idioms``) or inside a set
        phrase of ``nlp/set_phrases.txt`` (中国 of 中国特色, 兴国 of 科教兴国)."""
        start, end = span.start_char, span.end_char  # text: doc.text, built once per Doc
        if end - start < 4:
            for a in range(max(0, end - 4), start + 1):
                if text[a : a + 4] in idioms():
                    return True
        for phrase in self.set_phrases:
            if len(phrase) > end - start:
                a = text.find(phrase, max(0, end - len(phrase)), start + len(phrase))
                if a != -1 and a <= start and end <= a + len(phrase):
                    return True
        return False

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        text = doc.text
        titles = list(doc.spans.get(TITLES_KEY, ())) + list(doc.spans.get(ROLES_KEY, ()))
        title_edges = ({t.end for t in titles}, {t.start for t in titles})
        index = _DocEnts.of(doc)
        for span in self._owned_ordinals(doc):
            trimmed = self._trimmed(span)
            if trimmed is None:
                continue
            if trimmed.label_ in self.idiom_labels and self.in_idiom(trimmed, text):
                continue
            f = self.filters.get(trimmed.label_)
            vouched = trimmed.id_ == SOURCE_LIST or (f is not None and trimmed.id_ in f.vouch_sources) or self.vouched(trimmed, title_edges)
            # a post holder or the company beside it in a list says it is a company (欣旺达|监事)
            titled = trimmed.end in title_edges[1] or (f is not None and f.titled_needs_no_ending and self._listed(trimmed))
            if self._a_body(trimmed, title_edges[1]) or self._a_modifier(trimmed, text):
                continue
            if self._approximation(trimmed, text) or (f is not None and self._a_side(trimmed, f.side_suffix, index.ents)):
                continue
            if f is not None and not vouched and self._a_place(trimmed, f.place_labels, f.resident_units, index.ents):
                continue
            if f is not None and f.surname_pairs and not vouched and self._surname_pair(trimmed, index.long_by_first(trimmed.label_)):
                continue
            if f is not None and trimmed.id_ == SOURCE_LAC and not vouched and not titled and self._lone_short(trimmed, f, text, index):
                continue
            if f is not None and trimmed.id_ == SOURCE_LAC and self._title_head(trimmed, f, titles):
                continue
            if self.ok(trimmed.label_, trimmed.text, trimmed.id_, vouched, titled) and not self._after_kind_word(trimmed):
                kept.append(trimmed)
        doc.set_ents(kept)
        return doc
