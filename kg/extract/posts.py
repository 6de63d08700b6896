"""Posts: titles held by people, each with the organisation the text implies.

One reader of title phrases (``_settle``: "organisation part + title head", the heads of
the nlp stage's title lexicon) serves every wording; each wording is one rule (its evidence
``rule``), its word lists in ``kg/data/extract/posts.toml``:

* ``post/title-before-name`` — a **title chain before a name**: ``市委常委、组织部部长武晓花``
  gives (市委常委 @ 市委), (组织部部长 @ 市委组织部). A department written without its parent
  inherits the chain's first organisation; a bare title (``副市长李永强``) has no organisation
  here and is completed from the paper's home context during resolution. Items are separated
  by 、 (and 兼, which shares the organisation: ``全国政协副主席兼秘书长``), by a comma before a
  whole title phrase that starts a clause; an item runs back to its separator when a word
  inside the name stops the walk (``中央和国家机关工委书记``); a bare title after a body's party
  group is held in that body (``自治区政府党组副书记、副主席``);
* ``post/shared-title`` — a name listed right after a titled one (``副市长张一楠、王三强``);
* ``post/title-after-name`` — ``习近平总书记``, ``宁吉喆常委`` (in a report of a body's meeting,
  the body: ``meeting_body``); it yields to the same post stated otherwise in the article;
* ``post/copula-after-name`` — ``王永红作为党员先锋队队长``, ``梅德韦杰夫就任俄罗斯总统后``;
* ``post/career-list`` — ``历任…、…`` / ``曾任`` (past posts; also after a clause that is only a
  time word: ``2008年进入央行，此前曾担任A董事总经理、B委员和C副主任，及D研究部的高级分析师等职``),
  ``现为…`` (the posts of every name joined with the person when 均/都 is written before it:
  ``崔世昌和堂弟崔世平，目前均为澳门现任立法会议员``) and an obituary's ``X同志是<description>，<posts>``;
* ``post/colon-list`` — ``组长：李文钢；副组长：冯镭、沈慧`` in the group the article set up;
* post changes (``任命…为``, ``免去…职务`` …) come from :mod:`kg.extract.changes`.

A unit written alone (``急诊科主任李燕``) is completed from a fuller name earlier in the same
article (``山大二院急诊科``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.changes import _ORDINALS, ChangeReader
from kg.extract.spans import Ent, Sentence
from kg.model import Article, Mention, Post
from kg.resources import load_list, load_toml

RULES = load_toml("extract/posts.toml")
ORG_TAGS = frozenset(RULES["org_token_tags"])
NO_START_TAGS = frozenset(RULES["org_no_start_tags"])
UNIT_SUFFIXES = tuple(RULES["org_unit_suffixes"])
_MEETING_TAIL = re.compile(RULES["meeting_bodies"]["meeting_tail"])
_MEMBER_TITLES: dict[str, list[str]] = RULES["meeting_bodies"]["member_titles"]
ORG_LABELS = frozenset({"ORG", "GPE", "FAC", "LOC", "PROJECT"})  # 港珠澳大桥工程总工程师


def _lexicon_posts() -> set[str]:
    """The post words of the nlp stage's title lexicon (:func:`kg.nlp.patterns.title_lexicon`:
    titles.txt and the positions learned from CLUENER and Resume of kind ``post``: 院士, 教授,
    总干事 …) and the post endings of ``nlp/post_heads.txt`` (发言人, 司令员, 上将); occupations
    (记者, 医生) are no posts."""
    from kg.nlp.patterns import title_lexicon

    words = {w for w, kind in title_lexicon().words.items() if kind == "post"}
    words |= {w for w in load_list("nlp/post_heads.txt") if len(w) > 1}  # 发言人, 司令员, 上将 (长 alone is no word)
    return words - set(RULES["not_post_heads"])


@lru_cache(maxsize=1)
def _heads() -> re.Pattern[str]:
    """Post words a title phrase ends with: the atomic heads, plus every title of the lexicon
    that does not itself end with one (经理, 护士长, 院士 …), so the lexicons never need to
    repeat each other."""
    atomic = set(load_list("nlp/title_heads.txt"))
    heads = atomic | {t for t in _lexicon_posts() if not t.endswith(tuple(atomic))}
    heads |= {prefix + h for h in list(heads) for prefix in RULES["deputy_prefixes"]}  # 副总经理
    heads = sorted(heads, key=lambda h: (-len(h), h))
    return re.compile("(?:" + "|".join(map(re.escape, heads)) + ")$")


@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    """Known titles, longest first: the title lexicon's posts and the atomic heads."""
    return tuple(sorted(_lexicon_posts() | set(load_list("nlp/title_heads.txt")), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class TitlePhrase:
    """``坞城街道党工委书记`` -> org part 坞城街道党工委, title 党工委书记 (as written)."""

    start: int  # article offset of the whole phrase
    org_start: int  # the organisation as written: text[org_start:org_end] == org
    org_end: int
    end: int
    org: str
    title: str


def _stop_word_cut(org: str) -> int:
    """Where an organisation really starts, after a noun an entity swallowed (人选|经济财政司);
    a stop word inside a name word (代表 of 全国人民代表大会) cuts nothing.

    >>> _stop_word_cut("热门人选经济财政司"), _stop_word_cut("第八届全国人民代表大会常务委员会")
    (4, 0)
    """
    masked = org
    for word in RULES["org_stop_word_hosts"]:
        masked = masked.replace(word, "\0" * len(word))
    return max((masked.rindex(w) + len(w) for w in RULES["org_stop_words"] if w in masked), default=0)


def _settle(sent: Sentence, start: int, head_start: int, end: int, head: str) -> TitlePhrase:
    """Split ``text[start:end]`` (organisation part + title head) into organisation and title,
    by the rules of posts.toml:

    * a former post: 前台北101董事长 -> 台北101, 前董事长;
    * a modifier written before the head belongs to the title: 国家图书馆名誉馆长 -> 国家图书馆,
      名誉馆长; 项目经理 -> no organisation, 项目经理;
    * a unit word the title swallowed: 商务部长 -> 商务部, 商务部长 (部长 = 部 + 长; a fused
      title stays whole, with the last word of the organisation: 俄罗斯内务部长 -> 内务部长);
    * else the longest known title the phrase ends with keeps its department (组织部部长).
    """
    org_start, org_end = start, head_start
    org = sent.slice(org_start, org_end)
    cut = _stop_word_cut(org)
    org_start, org = org_start + cut, org[cut:]
    prefix = next((p for p in RULES["former_prefixes"] if org.startswith(p)), "")
    org_start += len(prefix)
    org = org[len(prefix) :]
    if not prefix:
        # 贵州省委原书记 (the marker right before the title); 美国前国防部部长 (after a place:
        # 美国 + 国防部, the former post 前部长)
        prefix = next((p for p in RULES["former_prefixes"] if org.endswith(p) and len(org) > len(p)), "")
        if prefix:
            org, org_end = org[: -len(prefix)], org_end - len(prefix)
        else:
            for p in RULES["former_prefixes"]:
                i = org.find(p)
                if i > 0 and org[:i].endswith(tuple(RULES["former_after_place"])) and len(org) > i + len(p):
                    prefix = p
                    org = org[:i] + org[i + len(p) :]
                    break
    modifier = next((m for m in sorted(RULES["title_modifiers"], key=len, reverse=True) if org.endswith(m)), "")
    named = sent.ent_at(org_end - len(modifier)) if modifier else None
    if named is not None and named.start < org_end - len(modifier) and named.end >= org_end:
        modifier = ""  # 港珠澳大桥工程总工程师: 工程 ends a name, it is no modifier of the title
    if modifier:
        org_end -= len(modifier)
        org = org[: -len(modifier)]
        return TitlePhrase(start, org_start, org_end, end, org, prefix + modifier + head)
    if org and head in RULES["elided_unit_heads"] and not org.endswith(head[0]) and not org.endswith(UNIT_SUFFIXES):
        # a fused title stays whole (the gold conventions: 外交部长): its last word and the head
        last = next((t for t in sent.tokens if t.start < org_end <= t.end), None)
        word = sent.slice(max(last.start, org_start), org_end) if last is not None else ""
        return TitlePhrase(start, org_start, org_end + 1, end, org + head[0], prefix + word + head)
    title = _title_of(sent.slice(org_start, end), head)
    extra = title[: -len(head)]  # what the known title adds before the head (总 of 总书记)
    extra_ent = sent.ent_at(org_end - len(extra)) if extra else None
    names_body = extra_ent is not None and extra_ent.label == "ORG" and extra_ent.end >= org_end  # 全国政协 of 全国政协委员
    if org and extra and org.endswith(extra) and not extra.endswith(UNIT_SUFFIXES) and not names_body:
        # 国家主席, 中共中央总书记, 中国国家主席: a title word that names no unit is no part of
        # the organisation (组织部 of 组织部部长, 政治局 of 政治局常委 are)
        org, org_end = org[: -len(extra)], org_end - len(extra)
        if not org:
            org_start = org_end
    return TitlePhrase(start, org_start, org_end, end, org, prefix + title)


def _title_of(phrase: str, head: str) -> str:
    """The longest known title the phrase ends with (keeps 组织部部长, 党支部书记), else the head.
    A deputy written inside a known title counts as that title's deputy: 国家副主席 (国家主席),
    党组副书记 (党组书记) — the productive morphology of ``deputy_prefixes``.

    A known title after modifiers of the lexicon (:class:`kg.nlp.patterns.TitleLexicon`) is one
    title: 总干事, 常务副总经理.

    >>> _title_of("中共中央总书记", "书记"), _title_of("国家副主席", "副主席"), _title_of("市长", "市长")
    ('总书记', '国家副主席', '市长')
    >>> _title_of("明光社总干事", "干事"), _title_of("公司常务副总经理", "总经理")
    ('总干事', '常务副总经理')
    """
    from kg.nlp.patterns import title_lexicon

    found = next((t for t in _titles() if phrase.endswith(t) and len(t) >= len(head)), head)
    # the lexicon's morphology: modifiers before a known title (总 + 干事, 常务副 + 总经理)
    lexicon = title_lexicon()
    for k in range(min(len(phrase), lexicon.longest), len(found), -1):
        if lexicon.kind(phrase[-k:]) == "post" and phrase[-k:].endswith(found):
            found = phrase[-k:]
            break
    deputy = next((d for d in RULES["deputy_prefixes"] if head.startswith(d) and len(head) > len(d)), "")
    if deputy:
        base = head[len(deputy) :]
        plain = phrase[: -len(head)] + base
        of_deputy = next((t[: -len(base)] + head for t in _titles() if plain.endswith(t) and len(t) > len(base)), "")
        if len(of_deputy) > len(found):
            return of_deputy
    return found


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from kg.nlp.gazetteer import known_places

    return known_places()


def _org_like(sent: Sentence, start: int, end: int) -> bool:
    """True if [start, end) may be part of an organisation name written before a title: an
    organisation or place entity, a title, a token of ``org_token_tags`` or ending with a unit
    word, or a known place name whatever the tagger made of it (格林纳达/PER 总理)."""
    ent = sent.ent_at(start)
    if ent is not None:
        return ent.label in ORG_LABELS or (ent.start, ent.end) == (start, end) and ent.text in _places()
    if any(t.start <= start < t.end for t in sent.titles):
        return True
    for tok in sent.tokens:
        if tok.start <= start < tok.end:
            word = sent.slice(tok.start, tok.end)
            return tok.tag in ORG_TAGS or word.endswith(UNIT_SUFFIXES) or word in _places()
    return False


def _starts_org(sent: Sentence, start: int) -> bool:
    """May an organisation name start at ``start``? Not with an adjective or a number alone."""
    if sent.ent_at(start) is not None:
        return True
    tok = next((t for t in sent.tokens if t.start <= start < t.end), None)
    return tok is None or tok.tag not in NO_START_TAGS


def _phrase_ending_at(sent: Sentence, end: int) -> TitlePhrase | None:
    """A title phrase that ends exactly at ``end`` (e.g. just before a name)."""
    before = sent.slice(sent.start, end)
    match = _heads().search(before)
    if not match:
        return None
    head_start = sent.start + match.start()
    org_start = head_start
    # Walk back over whole units (entities, tokens) that may belong to the organisation.
    while org_start > sent.start:
        ent = sent.ent_at(org_start - 1)
        if ent is not None and ent.label == "PERSON":
            break
        unit_start = ent.start if ent is not None else _unit_start(sent, org_start - 1)
        if unit_start < sent.start or not _org_like(sent, unit_start, org_start):
            break
        org_start = unit_start
    while org_start < head_start and not _starts_org(sent, org_start):
        org_start = next((t.end for t in sent.tokens if t.start <= org_start < t.end), head_start)
    # 原副市长上官晓东: the mark of a former post before the phrase belongs to it
    before = sent.slice(sent.start, org_start)
    former = next((p for p in RULES["former_prefixes"] if before.endswith(p)), "")
    if former and (org_start - len(former) == sent.start or sent.ent_at(org_start - len(former) - 1) is None):
        org_start -= len(former)
    return _settle(sent, org_start, head_start, end, match.group())


def _unit_start(sent: Sentence, offset: int) -> int:
    for tok in sent.tokens:
        if tok.start <= offset < tok.end:
            return tok.start
    return offset


def _phrase_starting_at(sent: Sentence, start: int) -> TitlePhrase | None:
    """A title phrase that starts at ``start`` (after a copula): org-like units, then a head."""
    glue = tuple(RULES["org_glue"])
    for tok in (t for t in sent.tokens if t.start >= start):
        match = _heads().search(sent.slice(start, tok.end))
        if match:
            head_start = start + match.start()
            org = sent.slice(start, head_start)
            glued = next((g for g in glue if org.endswith(g)), "")  # 急诊科的护士长
            phrase = _settle(sent, start, head_start - len(glued), tok.end, match.group())
            return phrase
        if not (_org_like(sent, tok.start, tok.end) or sent.slice(tok.start, tok.end) in glue):
            return None
    return None


def _chain_before(sent: Sentence, person: Ent) -> list[TitlePhrase]:
    """Title phrases of the chain right before a name, first title first. A phrase written
    after a sharing separator (``全国政协副主席兼秘书长``: 兼) without an organisation of its own
    holds its title at the organisation of the phrase before it (its ``org`` is that one's); one
    after the party group of a body (``自治区政府党组副书记、副主席``, posts.toml
    ``party_group_suffixes``) holds it in that body (自治区政府)."""
    chain: list[TitlePhrase] = []
    shares: list[bool] = []
    end = person.start
    while end > sent.start and (sent.slice(end - 1, end).isspace() or sent.slice(end - 1, end) in RULES["title_quotes"]):
        end -= 1  # 中华人民共和国主席 习近平 (a signature); 台当局“新闻局长”苏俊宾 (a title in quotes)
    sharing = tuple(RULES["sharing_separators"])
    seps = tuple(RULES["chain_separators"]) + sharing
    while True:
        phrase = _phrase_ending_at(sent, end)
        if phrase is None:
            break
        before = sent.slice(sent.start, phrase.start)
        sep = next((s for s in seps if before.endswith(s)), None)
        if sep is None and (item := _item_from_separator(sent, phrase, seps)) is not None:
            phrase, sep = item
        if sep is None and before.endswith(tuple(RULES["clause_chain_separators"])):
            # 宁夏回族自治区党委常委，自治区政府党组副书记、副主席陈春平: a whole title phrase
            # before a comma, itself at a clause start or after a preposition, is one more item
            comma = next(c for c in RULES["clause_chain_separators"] if before.endswith(c))
            prev = _phrase_ending_at(sent, phrase.start - len(comma))
            if prev is not None and _at_clause_start(sent, prev.start):
                chain.append(phrase)
                shares.append(False)
                phrase, sep = prev, None
        chain.append(phrase)
        shares.append(sep in sharing)
        if sep is None:
            break
        end = phrase.start - len(sep)
    chain.reverse()
    shares.reverse()
    party = tuple(RULES["party_group_suffixes"])
    for i in range(1, len(chain)):
        prev = chain[i - 1]
        if chain[i].org or not prev.org:
            continue
        if shares[i]:
            chain[i] = TitlePhrase(chain[i].start, prev.org_start, prev.org_end, chain[i].end, prev.org, chain[i].title)
        elif prev.org.endswith(party) and (cut := next(p for p in party if prev.org.endswith(p))) and len(prev.org) > len(cut):
            # 自治区政府党组副书记、副主席: a bare title after the party group of a body is held in that body
            body = prev.org[: -len(cut)]
            chain[i] = TitlePhrase(chain[i].start, prev.org_start, prev.org_end - len(cut), chain[i].end, body, chain[i].title)
    return chain


def _at_clause_start(sent: Sentence, offset: int) -> bool:
    """Is ``offset`` the start of a clause (sentence start, after ，：；) or right after a
    preposition (对, 由, 向 … : LAC tag p)?"""
    before = sent.slice(sent.start, offset)
    if not before or before.endswith(tuple(RULES["clause_starts"])):
        return True
    tok = next((t for t in sent.tokens if t.end == offset), None)
    return tok is not None and tok.tag in RULES["clause_start_tags"]


def _item_from_separator(sent: Sentence, phrase: TitlePhrase, seps: tuple[str, ...]) -> tuple[TitlePhrase, str] | None:
    """A chain item whose organisation the backward walk cut short, because a word inside the
    name is no organisation word (中央和国家机关工委: 和; 中央巡视工作领导小组: 巡视): when a
    separator stands at most ``chain_item_max_gap`` characters before the phrase, with no clause
    punctuation or name between, and a title phrase or a name (a list of titled people: 覃大清、
    复兴号高速列车研发创新团队负责人周黎) ends right before it, the item is all that lies between
    the separator and the title. A description before the title (中央改革办分管日常
    工作的副主任) leaves the organisation-like start of the item (中央改革办) as its organisation.
    Returns the item and its separator, or None.
    """
    before = sent.slice(sent.start, phrase.start)
    found = max(((before.rfind(sp), sp) for sp in seps if sp in before), default=None)
    if found is None:
        return None
    at, sep = found
    item_start = sent.start + at + len(sep)
    gap = sent.slice(item_start, phrase.start)
    if not gap or len(gap) > RULES["chain_item_max_gap"] or any(c in gap for c in RULES["chain_item_stops"]):
        return None
    if any(e.label == "PERSON" and item_start <= e.start < phrase.org_end for e in sent.ents):
        return None
    prev_end = item_start - len(sep)
    after_person = any(e.label == "PERSON" and e.end == prev_end for e in sent.ents)  # 覃大清、港珠澳…总工程师苏权科
    if not after_person and _phrase_ending_at(sent, prev_end) is None:
        return None
    org_end = phrase.org_end
    glue = next((g for g in RULES["org_glue"] if g in sent.slice(item_start, org_end)), None)
    if glue is not None:
        # 中央改革办分管日常工作的副主任: the item up to its last unit word (办) before the first
        # verb (分管) or the glue
        org_end, pos = item_start, item_start
        while pos < phrase.org_end:
            ent = sent.ent_at(pos)
            tok = next((t for t in sent.tokens if t.start <= pos < t.end), None)
            unit_end = ent.end if ent is not None else (tok.end if tok is not None else pos + 1)
            word = sent.slice(pos, unit_end)
            if glue in word:
                break
            if ent is not None and ent.label in ORG_LABELS or word.endswith(UNIT_SUFFIXES):
                org_end = unit_end
            elif ent is None and tok is not None and tok.tag in RULES["item_verb_tags"]:
                break
            pos = unit_end
        if org_end == item_start:
            return None
    org = sent.slice(item_start, org_end)
    return TitlePhrase(item_start, item_start, org_end, phrase.end, org, phrase.title), sep


def plain_title(title: str) -> str:
    """The title without the mark of a former post (原副市长 -> 副市长), to find its home body.

    >>> plain_title("原副市长"), plain_title("副市长")
    ('副市长', '副市长')
    """
    prefix = next((p for p in RULES["former_prefixes"] if title.startswith(p) and len(title) > len(p)), "")
    return title[len(prefix) :]


def _title_after(sent: Sentence, person: Ent) -> str | None:
    """A title written right after a name (习近平总书记, 吴芸局长): the longest known title the
    rest of the sentence starts with, or None."""
    after = sent.slice(person.end, sent.end)
    for title in _titles():
        if after.startswith(title):
            return title
    return None


def _coordinated_people(sent: Sentence, last: Ent, kin: Sequence[str] = ()) -> list[Ent]:
    """``刘晋、温亚、张永刚`` ending at ``last``: every name joined by a name joiner (and one of
    ``kin``, the words for a relative: ``崔世昌和堂弟崔世平``)."""
    people = [last]
    joiners = RULES["name_joiners"]
    persons = [e for e in sent.ents if e.label == "PERSON" and e.end <= last.start]
    for ent in reversed(persons):
        gap = sent.slice(ent.end, people[0].start)
        if gap in joiners or any(gap == j + k for j in joiners for k in kin):
            people.insert(0, ent)
        else:
            break
    return people


def _member_key(body: str) -> str:
    """The longest key of ``[meeting_bodies] member_titles`` that ``body`` ends with, or ""."""
    return next((k for k in sorted(_MEMBER_TITLES, key=len, reverse=True) if body.endswith(k)), "")


def meeting_body(event: str) -> str | None:
    """The body whose meeting an event name reports, when its members hold titles of
    ``[meeting_bodies]`` (posts.toml): the name without its meeting words and session ordinals.

    >>> meeting_body("全国政协十四届常委会第二次会议"), meeting_body("政协第十四届全国委员会常务委员会第二次会议")
    ('全国政协常委会', '政协全国委员会常务委员会')
    >>> meeting_body("市委经济工作会议") is None, meeting_body("常委会") is None
    (True, True)
    """
    cut = _MEETING_TAIL.sub("", event)
    if cut == event:
        return None
    body = _ORDINALS.sub("", cut)
    key = _member_key(body)
    return body if key and len(body) > len(key) else None


_CAREER = RULES["career_lists"]


@lru_cache(maxsize=1)
def _career_trigger() -> re.Pattern[str]:
    verbs = "|".join(map(re.escape, sorted(_CAREER["verbs"], key=len, reverse=True)))
    current = "|".join(map(re.escape, sorted(_CAREER["current_verbs"], key=len, reverse=True)))
    appos = "|".join(map(re.escape, _CAREER["apposition"]))
    not_after = "".join(_CAREER["current_not_after"])
    return re.compile(f"(?P<verb>{verbs})|(?<![{not_after}])(?P<current>{current})|(?P<appos>{appos})[^，。；]*，")


def _list_items(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, separator before)`` of the items of a career list (offsets in ``text``);
    a 、 between two session ordinals (第八届、九届) separates no items.

    A conjunction right after a title ends an item too (``和`` in ``规划委委员和机构监管部副主任``),
    and one opening an item is no part of it (``，及摩根大通银行…``).

    >>> [text[a:b] for text in ["中国科学院、中国工程院资深院士，政协第八届、九届全国委员会副主席"] for a, b, _ in _list_items(text)]
    ['中国科学院', '中国工程院资深院士', '政协第八届、九届全国委员会副主席']
    >>> [text[a:b] for text in ["证监会规划委委员和机构监管部副主任，及中国和平出版社社长"] for a, b, _ in _list_items(text)]
    ['证监会规划委委员', '机构监管部副主任', '中国和平出版社社长']
    """
    seps = tuple(_CAREER["separators"])
    conjs = tuple(sorted(_CAREER["conjunctions"], key=len, reverse=True))
    items, start, sep_before = [], 0, ""
    i = 0
    while i < len(text):
        ch = text[i]
        conj = next((c for c in conjs if text.startswith(c, i)), "")
        if conj and i == start:  # ，及摩根大通银行…: a conjunction opening an item is no part of it
            start = i = i + len(conj)
            continue
        if conj and _heads().search(text[start:i]):  # 规划委委员和机构监管部副主任: after a title, 和 ends an item
            items.append((start, i, sep_before))
            start, sep_before = i + len(conj), "、"
            i += len(conj)
            continue
        i += 1
        if ch not in seps:
            continue
        if ch == "、" and text[: i - 1].endswith("届") and _ORDINALS.match(text, i):
            continue
        items.append((start, i - 1, sep_before))
        start, sep_before = i, ch
    items.append((start, len(text), sep_before))
    return [(a, b, sep) for a, b, sep in items if a < b]


_COLON = RULES["colon_lists"]
_SET_UP = re.compile(_COLON["set_up"])


def _department_of_head(org: str) -> bool:
    if not org or len(org) > RULES["department_max_len"]:
        return False
    if org.startswith(tuple(RULES["level_prefixes"])):
        return False
    return org.endswith(tuple(RULES["department_suffixes"]))


class PostExtractor:
    """Posts of one article; remembers fuller organisation names seen earlier in it."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.known_orgs: list[str] = []
        self.changes = ChangeReader(article)
        self.stated: set[tuple[str, str]] = set()  # (person, title) given so far in the article
        self.meeting_body = ""  # the body of the last meeting the article named (meeting_body)
        self.group = ""  # the group the article set up last (colon lists)
        self.last_person: Ent | None = None  # the PERSON the article named last (a career list's subject)
        self.last_person_sent: Sentence | None = None

    def _member_body(self, title: str) -> str:
        """The body of the article's meeting when ``title`` is a title its members hold, else ""."""
        body = self.meeting_body
        if not body:
            return ""
        return body if plain_title(title) in _MEMBER_TITLES.get(_member_key(body), ()) else ""

    def _complete(self, org: str) -> str:
        """``急诊科`` -> ``山大二院急诊科`` if that fuller name was written earlier (not one that
        only ends with it after a conjunction)."""
        if not org or org.startswith(tuple(RULES["level_prefixes"])):
            return org
        for known in reversed(self.known_orgs):
            if known != org and known.endswith(org) and not known[: -len(org)].endswith(tuple(_CAREER["conjunctions"])):
                return known  # not across a conjunction: 规划委委员和|机构监管部 names two units
        return org

    def _org_mention(self, sent: Sentence, phrase: TitlePhrase) -> Mention | None:
        if not phrase.org or sent.slice(phrase.org_start, phrase.org_end) != phrase.org:
            return None  # not written in one piece (美国前国防部 -> 美国国防部)
        ent = sent.ent_at(phrase.org_start)
        if ent is not None and (ent.start, ent.end) == (phrase.org_start, phrase.org_end) and ent.label in ("GPE", "LOC"):
            return None  # 日本前首相: 日本 stays the place it is; the post's body is resolved apart
        if phrase.org in _places():
            return None  # 格林纳达总理 (格林纳达 tagged otherwise): the same
        if ent is not None and (ent.start, ent.end) == (phrase.org_start, phrase.org_end) and ent.label == "PROJECT":
            return None  # 港珠澳大桥工程总工程师: the project stays a project; the post's body is its own node
        return Mention(phrase.org, "ORG", self.article.id, phrase.org_start, phrase.org_end, sent.start, sent.end)

    def _career_lists(self, sent: Sentence) -> Iterator[Post]:
        """Posts of a career list in the sentence (posts.toml ``[career_lists]``)."""
        for m in _career_trigger().finditer(sent.text):
            at = sent.start + m.start()
            persons = [e for e in sent.ents if e.label == "PERSON" and e.end <= at]
            person, person_sent = (persons[-1], sent) if persons else (None, None)
            if person is None and (m.group("verb") or m.group("current")):
                lead = sent.slice(sent.start, at)
                clause = lead.rsplit("，", 1)[-1]  # 2008年进入央行，此前|曾担任: a time word opens the clause
                if (lead.endswith(tuple(_CAREER["pronouns"])) or not lead or lead.endswith("，") or re.fullmatch(r"[\d年月日起至后来]*", lead)
                        or clause in _CAREER["time_leads"]):
                    person, person_sent = self.last_person, self.last_person_sent
            if person is None or person_sent is None:
                continue
            people = [person]
            if person_sent is sent and any(w in sent.slice(person.end, at) for w in _CAREER["together"]):
                people = _coordinated_people(sent, person, _CAREER["kin_words"])  # 崔世昌和堂弟崔世平，目前均为…
            list_start = sent.start + m.end()
            text = sent.slice(list_start, sent.end).rstrip("。；！\n ")
            pending: list[tuple[int, int]] = []  # organisations waiting for the next item's title
            group: TitlePhrase | None = None  # the first item of the 、-group (副厂长 is held there)
            for a, b, sep in _list_items(text):
                item_start, item_end = list_start + a, list_start + b
                item = sent.slice(item_start, item_end)
                cut = next((t for t in _CAREER["trailing"] if item.endswith(t) and len(item) > len(t)), "")
                item_end -= len(cut)
                item = item[: len(item) - len(cut)]
                match = _heads().search(item)
                if match is None:
                    pending = pending + [(item_start, item_end)] if sep in ("", "、") or pending else []
                    if not item.endswith(UNIT_SUFFIXES) and sent.ent_at(item_start) is None:
                        pending = []
                    continue
                phrase = _settle(sent, item_start, item_start + match.start(), item_end, match.group())
                glued = next((g for g in RULES["org_glue"] if g in phrase.org), "")
                if glued and phrase.org.split(glued)[0].endswith(UNIT_SUFFIXES):
                    # 摩根大通银行衍生产品研究部的高级分析师: a unit, 的 and the title
                    unit = phrase.org.split(glued)[0]
                    title = phrase.org[len(unit) + len(glued):] + phrase.title
                    phrase = TitlePhrase(phrase.start, phrase.org_start, phrase.org_start + len(unit), phrase.end, unit, title)
                elif glued:
                    pending, group = [], None  # a description (…集体的重要成员), no post item
                    continue
                if sep != "、" or group is None:
                    group = phrase
                elif not phrase.org and group.org:
                    phrase = TitlePhrase(phrase.start, group.org_start, group.org_end, phrase.end, group.org, phrase.title)
                orgs = [(phrase.org, phrase)] + [
                    (sent.slice(pa, pb), TitlePhrase(pa, pa, pb, item_end, sent.slice(pa, pb), phrase.title)) for pa, pb in pending
                ]
                pending = []
                for org, ph in orgs:
                    clean = _ORDINALS.sub("", org).replace("、", "")
                    ph = TitlePhrase(ph.start, ph.org_start, ph.org_end, ph.end, clean, ph.title)
                    yield from self._posts(person_sent, people, [ph], "post/career-list", 0.8, chain_sent=sent,
                                           former=bool(m.group("verb")))

    def _colon_lists(self, sent: Sentence) -> Iterator[Post]:
        """``组长：李文钢；副组长：冯镭、沈慧``: each name after a title and a colon holds that
        title in the group the article set up last (posts.toml ``[colon_lists]``)."""
        for m in _SET_UP.finditer(sent.text):
            self.group = m.group("group")
        for ent in sent.ents:
            if ent.label == "ORG" and ent.text.endswith(tuple(_COLON["group_suffixes"])):
                self.group = ent.text
        persons = [e for e in sent.ents if e.label == "PERSON"]
        for colon in _COLON["colons"]:
            pos = sent.text.find(colon)
            while pos > 0:
                at = sent.start + pos
                match = _heads().search(sent.slice(sent.start, at))
                title = match.group() if match else ""
                if title and match.end() == pos and title not in _COLON["member_words"] and _title_of(sent.slice(sent.start, at), title) == title:
                    start = sent.start + match.start()
                    before = sent.slice(sent.start, start)
                    if not before or before.endswith(("；", "，", "\n", " ", "。")):
                        people = self._colon_names(sent, persons, at + len(colon))
                        phrase = TitlePhrase(start, start, start, at, self.group, title)
                        if people:
                            yield from self._posts(sent, people, [phrase], "post/colon-list", 0.8)
                pos = sent.text.find(colon, pos + 1)

    def _colon_names(self, sent: Sentence, persons: list[Ent], start: int) -> list[Ent]:
        """The PERSON entities listed from ``start``: joined by name joiners, each optionally
        followed by a bracket (巫振江（市府办）)."""
        out, pos = [], start
        for ent in persons:
            if ent.start < pos:
                continue
            gap = sent.slice(pos, ent.start)
            if gap and not (out and gap in _COLON["name_joiners"]):
                if not (out and re.fullmatch(r"[（(][^）)]*[）)][、，]?", gap)):
                    break
            out.append(ent)
            pos = ent.end
        return out

    def without_restated(self, posts: list[Post]) -> list[Post]:
        """The article's posts less each title written after a name whose post another rule gives
        anywhere in the article, before or after it (越共中央总书记阮富仲 … 阮富仲总书记: one post,
        at 越共中央, not at the home body; the gold conventions)."""
        stated = [(p.person.text, p.title) for p in posts if p.evidence.rule != "post/title-after-name"]

        def restated(post: Post) -> bool:
            return any(n == post.person.text and (t.endswith(post.title) or post.title.endswith(t)) for n, t in stated)

        return [p for p in posts if p.evidence.rule != "post/title-after-name" or not restated(p)]

    def _stated_before(self, person: str, title: str) -> bool:
        return any(p == person and (t.endswith(title) or title.endswith(t)) for p, t in self.stated)

    def _title_after_post(self, sent: Sentence, person: Ent, title: str) -> Post:
        """习近平总书记 (the profile's home body completes the organisation during resolution);
        三亚市教育局吴芸局长 (the organisation written right before the name)."""
        org_ent = next((e for e in sent.ents if e.end == person.start and e.label == "ORG"), None)
        org = org_ent.text if org_ent is not None else (self._member_body(title) or None)
        org_mention = Mention(org_ent.text, "ORG", self.article.id, org_ent.start, org_ent.end, sent.start, sent.end) if org_ent else None
        self.stated.add((person.text, title))
        return Post(
            person=sent.mention(person, self.article.id),
            title=title,
            org=self._complete(org) if org else None,
            evidence=sent.evidence(self.article.id, "post/title-after-name"),
            org_mention=org_mention,
            date=self.article.date,
            confidence=0.7,
        )

    def _posts(self, sent: Sentence, people: Sequence[Ent], chain: Sequence[TitlePhrase], rule: str, confidence: float,
               *, chain_sent: Sentence | None = None, former: bool = False) -> Iterator[Post]:
        """One post per person and title of the chain; ``people`` are named in ``sent``.
        ``chain_sent`` is the sentence the chain is in when it is another one (a career list
        after 他); ``former`` marks every post as past (历任, 曾任)."""
        where = chain_sent or sent
        head_org = ""
        for i, phrase in enumerate(chain):
            org = _ORDINALS.sub("", phrase.org)  # 十一届全国人民代表大会常务委员会: session ordinals are no name
            if i > 0 and head_org.endswith(tuple(RULES["inherit_from"])) and _department_of_head(org):
                org = head_org + org
            org = self._complete(org) or self._member_body(phrase.title)
            if i == 0:
                head_org = org
            if org:
                self.known_orgs.append(org)
            for person in people:
                self.stated.add((person.text, phrase.title))
                yield Post(
                    person=sent.mention(person, self.article.id),
                    title=phrase.title,
                    org=org or None,
                    evidence=where.evidence(self.article.id, rule),
                    org_mention=self._org_mention(where, phrase),
                    date=self.article.date,
                    confidence=confidence,
                    former=former or phrase.title.startswith(tuple(RULES["former_prefixes"])),
                )

    def sentence(self, sent: Sentence) -> Iterator[Post]:
        """The posts of one sentence, in the article's order."""
        yield from self._sentence(sent)
        persons = [e for e in sent.ents if e.label == "PERSON"]
        if persons:
            self.last_person, self.last_person_sent = persons[-1], sent

    def _sentence(self, sent: Sentence) -> Iterator[Post]:
        for ent in sent.ents:
            if ent.label in ("ORG", "FAC"):
                self.known_orgs.append(ent.text[_stop_word_cut(ent.text) :])
            elif ent.label == "EVENT" and (body := meeting_body(ent.text)):
                self.meeting_body = body
        # Post changes first (任命…为, 免去…职务): the people they name are read by them alone.
        changes = list(self.changes.sentence(sent))
        yield from changes
        yield from self._career_lists(sent)
        covered = [(c.person.start, c.person.end) for c in changes]
        colon_posts = list(self._colon_lists(sent))
        yield from colon_posts
        covered += [(p.person.start, p.person.end) for p in colon_posts]
        shared: list[TitlePhrase] = []  # the chain of the list of names being read
        last: Ent | None = None
        for person in (e for e in sent.ents if e.label == "PERSON"):
            chain = _chain_before(sent, person)
            if any(a < person.end and person.start < b for a, b in covered):
                # a changed person's post is the change's; a title chain written before the name
                # (央行国际司司长金琦已出任办公厅主任) is the post held until then
                if chain:
                    yield from self._posts(sent, [person], chain, "post/title-before-name", 0.9)
                shared, last = [], None
                continue
            if chain:
                shared, last = chain, person
                yield from self._posts(sent, [person], chain, "post/title-before-name", 0.9)
                continue
            # 副市长张一楠、王三强出席: a name listed right after a titled one shares its titles.
            if shared and last is not None and sent.slice(last.end, person.start) in RULES["shared_title_joiners"]:
                last = person
                yield from self._posts(sent, [person], shared, "post/shared-title", 0.8)
                continue
            shared, last = [], None
            title = _title_after(sent, person)
            if person.text.endswith(tuple(RULES["deputy_prefixes"])) and len(person.text) > 2:
                # 王晨副委员长 tagged 王晨副|委员长: the deputy mark belongs to the title
                cut = Ent(person.start, person.end - 1, person.label, person.text[:-1])
                if (longer := _title_after(sent, cut)) is not None and title is not None and len(longer) > len(title):
                    person, title = cut, longer
            if title and not self._stated_before(person.text, title):
                yield self._title_after_post(sent, person, title)
                continue
            after = sent.slice(person.end, sent.end)
            copula = next((c for c in RULES["copulas"] if after.startswith(c)), None)
            if copula is None:
                continue
            phrase = _phrase_starting_at(sent, person.end + len(copula))
            if phrase is not None:
                people = _coordinated_people(sent, person)
                yield from self._posts(sent, people, [phrase], "post/copula-after-name", 0.8)


def extract_posts_from_sentences(sents: Sequence[Sentence], article: Article) -> Iterator[Post]:
    """Posts of an article given its sentence views (see :func:`kg.extract.spans.sentences`).

    >>> from kg.model import Article
    >>> a = Article("t/001", "t.txt", 1, "市委常委、组织部部长武晓花参加。")
    >>> s = Sentence.from_text(a.text, ents=[("市委", "ORG"), ("组织部", "ORG"), ("武晓花", "PERSON")],
    ...                        titles=["市委常委", "组织部部长"])
    >>> [(p.title, p.org) for p in extract_posts_from_sentences([s], a)]
    [('市委常委', '市委'), ('组织部部长', '市委组织部')]
    """
    extractor = PostExtractor(article)
    posts = [post for sent in sents for post in extractor.sentence(sent)]
    yield from extractor.without_restated(posts)
