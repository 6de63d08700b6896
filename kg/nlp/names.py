"""Person names LAC cut short or glued to the next word, repaired before the Doc is made.

LAC's names are right most of the time, but a name whose last character is also a common word
is cut before it (``刘国|中|同志``, ``陈致|中|、``, ``武文|赏|国家主席``), and a name right after
an appointment verb may be glued to what follows (``任命|茅仲/ORG|华为/ORG|最高人民法院``).
These repairs work on LAC's words (like :mod:`kg.nlp.splits`) and only where the context says
where the name ends; rules and word lists are in ``nlp/name_rules.toml``:

* **frames** — a name between an appointment word and ``为`` / ``的`` / ``同志``:
  ``任命|茅仲华|为``;
* **extension** — a two-character PER plus a one-character word that is a usual last character
  of names (learned from annotated corpora) is one name when a vouching word (同志), a title or
  a list separator before another PER follows, or the name so extended is written again in
  the text;
* **title frames** — at a clause start, the 2-3 characters before a title and a verb of
  speaking are a name (``南|存|辉|常委|建议``);
* **joined** — two PER words that touch, one of a single character, are one name
  (``买|买提•艾力``);
* **same text** — a PER (or a word LAC took for a place) that is the start of a longer PER of
  the same text, with the rest of that name written right after it (``张永|刚才`` where
  ``张永刚`` is named elsewhere, ``宣昌/LOC|能|，``), is that name.

>>> rules = load_name_rules()
>>> repair_names([(0, "任命", "v"), (2, "茅仲", "ORG"), (4, "华为", "ORG"), (6, "最高人民法院", "ORG")], rules)
[(0, '任命', 'v'), (2, '茅仲华', 'PER'), (5, '为', 'v'), (6, '最高人民法院', 'ORG')]
>>> repair_names([(0, "刘国", "PER"), (2, "中", "f"), (3, "同志", "n")], rules)
[(0, '刘国中', 'PER'), (3, '同志', 'n')]
>>> repair_names([(0, "刘国", "PER"), (2, "中", "f"), (3, "说", "v")], rules)
[(0, '刘国', 'PER'), (2, '中', 'f'), (3, '说', 'v')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.nlp.patterns import title_lexicon
from kg.resources import load_list, load_toml

#: A word as the tokenizer sees it: (char offset, text, LAC tag).
Word = tuple[int, str, str]
PERSON_TAG = "PER"
OTHER_ENTITY_TAGS = frozenset({"LOC", "ORG", "TIME"})
_HAN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True, slots=True)
class NameRules:
    """``nlp/name_rules.toml``, loaded (see the file for what each field means)."""

    before: frozenset[str]
    after: dict[str, str]
    min_chars: int
    max_chars: int
    surnames: frozenset[str]
    given_chars: frozenset[str]
    vouch: frozenset[str]
    separators: frozenset[str]
    not_tags: frozenset[str]
    clause_starts: frozenset[str]
    speech_verbs: tuple[str, ...]
    frame_chars: tuple[int, int]
    conjunction_surnames: frozenset[str]
    joiners: tuple[str, ...]
    recurs: int
    same_text_tags: frozenset[str]
    name_dots: str
    tail_words: dict[str, str]
    tail_min_chars: int
    tail_short_next: frozenset[str]


@lru_cache(maxsize=None)
def load_name_rules(name: str = "nlp/name_rules.toml") -> NameRules:
    data = load_toml(name)
    frames, ext, titled, conj = data["frames"], data["extension"], data["title_frames"], data["conjunctions"]
    return NameRules(
        before=frozenset(frames["before"]),
        after=dict(frames["after"]),
        min_chars=int(frames["min_chars"]),
        max_chars=int(frames["max_chars"]),
        surnames=frozenset(load_list("nlp/surnames.txt")),
        given_chars=frozenset(load_list(ext["given_chars"])),
        vouch=frozenset(load_list(ext["vouch"])),
        separators=frozenset(ext["separators"]),
        not_tags=frozenset(ext["not_tags"]),
        clause_starts=frozenset(titled["clause_starts"]),
        speech_verbs=tuple(titled["verbs"]),
        frame_chars=(int(titled["min_chars"]), int(titled["max_chars"])),
        conjunction_surnames=frozenset(conj["surnames"]),
        joiners=tuple(conj["joiners"]),
        recurs=int(ext["recurs"]),
        same_text_tags=frozenset(data["same_text"]["tags"]),
        name_dots=load_toml("nlp/filters.toml")["PERSON"]["name_dots"],  # one list for the filter and here
        tail_words=dict(data["tails"]["words"]),
        tail_min_chars=int(data["tails"]["min_chars"]),
        tail_short_next=frozenset(data["tails"]["short_next"]),
    )


def _has_surname(name: str, surnames: frozenset[str]) -> bool:
    return any(name[:n] in surnames for n in (1, 2))


def _recut(words: list[Word], start: int, end: int, tag: str, after_tags: dict[str, str]) -> list[Word]:
    """``words`` with ``[start, end)`` as one word of ``tag``. Words it overlaps keep their
    other parts with their tags; a part right after it that is a word of ``after_tags`` gets
    that tag (为 of 华为/ORG is a verb)."""
    name = "".join(text[max(start, off) - off : min(end, off + len(text)) - off]
                   for off, text, _ in words if off < end and off + len(text) > start)
    out: list[Word] = []
    for off, text, t in words:
        w_end = off + len(text)
        if w_end <= start or off >= end:
            out.append((off, text, t))
            continue
        if off < start:
            out.append((off, text[: start - off], t))
        if off <= start:
            out.append((start, name, tag))
        if w_end > end:
            rest = text[end - off :]
            out.append((end, rest, after_tags.get(rest, t)))
    return out


def _frames(words: list[Word], rules: NameRules) -> list[Word]:
    i = -1
    while (i := i + 1) < len(words) - 1:
        if words[i][1] not in rules.before:
            continue
        start = words[i][0] + len(words[i][1])
        bounds = {off for off, _, _ in words} | {off + len(w) for off, w, _ in words}
        rest = "".join(w for _, w, _ in words[i + 1 :])[: rules.max_chars + 2]
        for n in range(rules.min_chars, rules.max_chars + 1):
            name, tail = rest[:n], rest[n:]
            after = next((a for a in rules.after if tail.startswith(a)), None)
            if after is None or not _HAN.fullmatch(name) or not _has_surname(name, rules.surnames):
                continue
            whole = next((t for off, w, t in words if off == start and len(w) == n), None)
            if whole in OTHER_ENTITY_TAGS:
                break  # LAC read exactly these words as a place or body: 任命|山西/LOC|为 is no name
            if start + n + len(after) in bounds:
                words = _recut(words, start, start + n, PERSON_TAG, rules.after)
            break
    return words


def _title_frames(words: list[Word], rules: NameRules) -> list[Word]:
    """At a clause start, the 2-3 characters before a title and a verb of speaking are a name
    (``。|南|存|辉|常委|建议`` -> 南存辉): the name ends where the title starts."""
    titles = title_lexicon()
    i = 0
    while i < len(words):
        if i > 0 and words[i - 1][1][-1:] not in rules.clause_starts:
            i += 1
            continue
        start = words[i][0]
        text = "".join(w for _, w, _ in words[i : i + 6])
        for n in range(rules.frame_chars[1], rules.frame_chars[0] - 1, -1):
            name, rest = text[:n], text[n:]
            title = next((rest[:k] for k in range(min(len(rest), 8), 1, -1) if titles.kind(rest[:k]) == "post"), None)
            if (title is None or not rest[len(title):].startswith(rules.speech_verbs) or not _HAN.fullmatch(name)
                    or not _has_surname(name, rules.surnames)):
                continue
            bounds = {off for off, _, _ in words} | {off + len(w) for off, w, _ in words}
            whole = next((t for off, w, t in words if off == start and len(w) == n), None)
            if start + n in bounds and start + n + len(title) in bounds and whole != PERSON_TAG:
                words = _recut(words, start, start + n, PERSON_TAG, {})
            break
        i += 1
    return words


def _vouches(words: list[Word], j: int, rules: NameRules) -> bool:
    """Word ``j`` says that a name ends right before it."""
    if j >= len(words):
        return False
    text = words[j][1]
    if text in rules.vouch or title_lexicon().kind(text) == "post":
        return True
    return text in rules.separators and j + 1 < len(words) and words[j + 1][2] == PERSON_TAG


def _after_full_names(words: list[Word], i: int, rules: NameRules) -> bool:
    """Word ``i`` is the next item of a list of three-character names (吴胜利、|许其|亮|出席):
    the list says the name has three characters too."""
    return i >= 2 and words[i - 1][1] in rules.separators and words[i - 2][2] == PERSON_TAG and len(words[i - 2][1]) == 3


def _titled_speech(words: list[Word], i: int, rules: NameRules) -> bool:
    """A title right before word ``i`` and a verb of speaking at ``i + 2`` (副行长|宣昌|能|表示)."""
    return (i > 0 and i + 2 < len(words) and title_lexicon().kind(words[i - 1][1]) == "post"
            and words[i + 2][1] in rules.speech_verbs)


def _recurs(text: str, name: str, rules: NameRules) -> bool:
    """The name with its last character is written at least ``[extension] recurs`` times in
    the text (宣昌|能|接任 … 宣昌能，1997年: a profile repeats the name, a verb after it hardly)."""
    return text.count(name) >= rules.recurs


def _extensions(words: list[Word], rules: NameRules) -> list[Word]:
    out: list[Word] = []
    whole = "".join(w[1] for w in words)
    i = 0
    while i < len(words):
        off, text, tag = words[i]
        if (tag == PERSON_TAG and len(text) == 2 and _HAN.fullmatch(text) and i + 1 < len(words)
                and len(words[i + 1][1]) == 1 and words[i + 1][1] in rules.given_chars
                and words[i + 1][2] not in rules.not_tags
                and (_vouches(words, i + 2, rules) or _titled_speech(words, i, rules) or _after_full_names(words, i, rules)
                     or _recurs(whole, text + words[i + 1][1], rules))):
            out.append((off, text + words[i + 1][1], PERSON_TAG))
            i += 2
            continue
        out.append(words[i])
        i += 1
    return out


def _conjunctions(words: list[Word], rules: NameRules) -> list[Word]:
    """The two readings of a conjunction that is also a surname (``[conjunctions]``):
    ``、|和|殿鹏|、`` -> 和殿鹏 (a list item); ``尹力和|市长|殷勇`` -> 尹力 | 和 (a name right
    after a title is a second person)."""
    out: list[Word] = []
    for i, (off, text, tag) in enumerate(words):
        prev = out[-1] if out else None
        if (prev is not None and len(prev[1]) == 1 and prev[1] in rules.conjunction_surnames and prev[2] != PERSON_TAG
                and len(out) >= 2 and out[-2][1] in rules.separators
                and tag == PERSON_TAG and len(text) <= 2 and _HAN.fullmatch(text)):
            out[-1] = (prev[0], prev[1] + text, PERSON_TAG)
            continue
        if (tag == PERSON_TAG and len(text) >= 3 and text.endswith(rules.joiners) and i + 2 < len(words)
                and title_lexicon().kind(words[i + 1][1]) == "post" and words[i + 2][2] == PERSON_TAG):
            out += [(off, text[:-1], PERSON_TAG), (off + len(text) - 1, text[-1], "c")]
            continue
        out.append((off, text, tag))
    return out


def _full_name(name: str, surnames: frozenset[str]) -> bool:
    """Surname plus one or two characters: 王晨, 戴秉国, 欧阳晓菲 (not 戴, not 尤尔科夫)."""
    return bool(_HAN.fullmatch(name)) and any(name[:n] in surnames and 1 <= len(name) - n <= 2 for n in (1, 2))


def _tails(words: list[Word], rules: NameRules) -> list[Word]:
    """``[tails]``: a PER that is a name plus a word that follows names is cut in two
    (``戴秉国同|印度`` -> 戴秉国 | 同; ``王晨副|委员长`` -> 王晨 | 副, the title's start)."""
    out: list[Word] = []
    titles = title_lexicon()
    for i, (off, text, tag) in enumerate(words):
        if tag == PERSON_TAG and len(text) >= rules.tail_min_chars:
            nxt, nxt_tag = words[i + 1][1:] if i + 1 < len(words) else ("", "")
            for n in (1, 2):
                head, tail = text[:-n], text[-n:]
                titled = titles.kind(tail + nxt) == "post"
                cut_tag = rules.tail_words.get(tail) or ("b" if titled else None)
                short_ok = len(head) > 2 or titled or nxt_tag in rules.tail_short_next
                if (cut_tag and short_ok and _full_name(head, rules.surnames)
                        and not (n == 1 and tail in rules.given_chars)):
                    out += [(off, head, PERSON_TAG), (off + len(head), tail, cut_tag)]
                    break
            else:
                out.append((off, text, tag))
            continue
        out.append((off, text, tag))
    return out


def _same_text(words: list[Word], tags: frozenset[str] = frozenset({PERSON_TAG})) -> list[Word]:
    longer = sorted({w for _, w, t in words if t == PERSON_TAG and len(w) >= 3}, key=len, reverse=True)
    if not longer:
        return words
    for i in range(len(words) - 1):
        off, text, tag = words[i]
        if tag not in tags or (tag != PERSON_TAG and len(text) < 2):
            continue
        for name in longer:
            rest = name[len(text) :]
            nxt_off, nxt, nxt_tag = words[i + 1]
            if name.startswith(text) and len(name) > len(text) and nxt.startswith(rest) and nxt_off == off + len(text):
                return _same_text(_recut(words, off, off + len(name), PERSON_TAG, {}), tags)
    return words


def _joined(words: list[Word], dots: str) -> list[Word]:
    """Two PER words that touch, one of them a single character, are one name: LAC's
    ``买|买提•艾力`` (no one is named 买); so are two PER words joined by a name dot
    (``吉尔拉|·|衣沙木丁``)."""
    out: list[Word] = []
    for off, text, tag in words:
        if out and tag == PERSON_TAG and out[-1][2] == PERSON_TAG and (len(text) == 1 or len(out[-1][1]) == 1):
            prev_off, prev_text, _ = out.pop()
            out.append((prev_off, prev_text + text, PERSON_TAG))
            continue
        if len(out) >= 2 and tag == PERSON_TAG and out[-1][1] in dots and out[-2][2] == PERSON_TAG:
            _, dot, _ = out.pop()
            prev_off, prev_text, _ = out.pop()
            out.append((prev_off, prev_text + dot + text, PERSON_TAG))
            continue
        out.append((off, text, tag))
    return out


def repair_names(words: list[Word], rules: NameRules | None = None) -> list[Word]:
    """LAC's words of one text with the repairs of the module docstring applied."""
    rules = rules or load_name_rules()
    if not words:
        return words
    repaired = _tails(_conjunctions(_extensions(_title_frames(_frames(list(words), rules), rules), rules), rules), rules)
    return _same_text(_joined(repaired, rules.name_dots), rules.same_text_tags)
