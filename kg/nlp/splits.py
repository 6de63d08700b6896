"""Cutting LAC entity words that hold two names, before the Doc is made.

LAC sometimes returns one ORG or LOC word for two names written together:

* organisations coordinated by a conjunction: ``省邮政管理局联合省人力资源和社会保障厅``/ORG
  is 省邮政管理局 | 联合 | 省人力资源和社会保障厅;
* a conjunction glued to the edge of a name: ``山西农担与``/ORG ``农业银行``/ORG;
* an administrative chain: ``侯村乡侯村``/LOC is 侯村乡 | 侯村.

A cut is made only where both sides look like whole names: each ends with a suffix of its kind
(局, 厅 … for organisations; 乡, 镇 … for places) with at least one name character before it,
so conjunctions inside real names stay (人力资源和社会保障厅, 呼吸与危重症医学科: the part
before 和/与 does not end like an organisation). Rules come from ``nlp/word_splits.toml``.

>>> rules = load_split_rules("nlp/word_splits.toml")
>>> split_words([(0, "省邮政管理局联合省人力资源和社会保障厅", "ORG")], rules)[0]
[(0, '省邮政管理局', 'ORG'), (6, '联合', 'v'), (8, '省人力资源和社会保障厅', 'ORG')]
>>> split_words([(0, "山西农担与", "ORG"), (5, "农业银行", "ORG")], rules)
([(0, '山西农担', 'ORG'), (4, '与', 'c'), (5, '农业银行', 'ORG')], {(0, 4)})
>>> split_words([(0, "人力资源和社会保障厅", "ORG")], rules)[0]
[(0, '人力资源和社会保障厅', 'ORG')]
>>> split_words([(0, "侯村乡侯村", "LOC")], rules)[0]
[(0, '侯村乡', 'LOC'), (3, '侯村', 'LOC')]
>>> split_words([(0, "清徐乡村e镇", "LOC")], rules)[0]
[(0, '清徐乡村e镇', 'LOC')]
>>> split_words([(0, "和信息化委员会办公室", "c")], rules)[0]
[(0, '和', 'c'), (1, '信息化委员会办公室', 'n')]
>>> split_words([(0, "经市人民政府", "ORG")], rules)[0]
[(0, '经', 'p'), (1, '市人民政府', 'ORG')]
>>> split_words([(0, "北京人民大会堂", "LOC")], rules)[0]
[(0, '北京', 'LOC'), (2, '人民大会堂', 'LOC')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import DataError
from kg.nlp.gazetteer import known_places
from kg.resources import data_path, load_list, load_toml, load_tsv

#: A word as the tokenizer sees it: (char offset, text, LAC tag).
Word = tuple[int, str, str]


@dataclass(frozen=True, slots=True)
class SplitRule:
    """One kind of cut (a ``[[split]]`` table of ``nlp/word_splits.toml``)."""

    tags: frozenset[str]
    joiners: dict[str, str]  # joiner -> its tag
    edge_joiners: frozenset[str]
    adjacent: bool
    left_suffixes: tuple[str, ...]
    right_suffixes: tuple[str, ...]
    stop: tuple[str, ...]
    joiner_words: tuple[str, ...]
    min_chars: int
    keep_known: int
    lead_joiner: bool
    name_tag: str | None
    left_known: int = -1
    right_prefixes: tuple[str, ...] = ()
    right_any: bool = False
    right_not: tuple[str, ...] = ()
    right_long: tuple[str, ...] = ()
    right_reject: re.Pattern[str] | None = None
    vouch: bool = False
    tails: dict[str, str] | None = None  # tail word -> its tag (段, 口, 南延: no part of the name)

    def lead(self, word: str) -> list[tuple[str, str | None]] | None:
        """A word that starts with a joiner and ends like a name: LAC's ``和信息化委员会办公室``/c
        (after 中共太原市委网络安全) is 和 + 信息化委员会办公室."""
        for j in sorted(self.joiners, key=len, reverse=True):
            if word.startswith(j) and not word.startswith(self.joiner_words):
                rest = word[len(j) :]
                if self.right_prefixes and not rest.startswith(self.right_prefixes):
                    continue
                if self._ends_name(rest, self.right_suffixes):
                    return [(j, self.joiners[j]), (rest, None)]
        return None

    def _ends_name(self, text: str, suffixes: tuple[str, ...]) -> bool:
        """``text`` ends with a suffix after at least one name character, is long enough and
        does not end with a stop word longer than that suffix (小区 for 区, 格局 for 局)."""
        if len(text) < self.min_chars:
            return False
        suffix = next((s for s in suffixes if text.endswith(s) and len(text) > len(s)), None)
        if suffix is None:
            return False
        return not any(text.endswith(w) and len(w) >= len(suffix) for w in self.stop)

    def _any_name(self, text: str) -> bool:
        """With ``right_any``: ``text`` is long enough, does not end like a venue or facility
        (``right_not``: another rule keeps 北京|人民大会堂, a station stays whole) and does not
        start with a stop word (a part or kind of the place: 中部, 县城, 乡村…)."""
        if not self.right_any or len(text) < self.min_chars or text.endswith(self.right_not):
            return False
        if text.startswith(self.stop) or (self.right_reject is not None and self.right_reject.match(text)):
            return False  # 江西|中部, 中亚|三国, 清徐|乡村振兴镇 (a designation, not a town)
        if self.right_long and len(text) > 2 and text not in known_places(3):
            # a longer piece ends like a place (香港|元朗公路), not a product (娄烦|山药蛋)
            return any(text.endswith(x) and len(text) > len(x) for x in self.right_long)
        return True

    def cut(self, word: str) -> list[tuple[str, str | None]] | None:
        """The pieces of ``word`` as (text, joiner tag or None for a name), or None."""
        if self.keep_known >= 0 and word in known_places(self.keep_known):
            return None
        tail = self._tail(word)
        if tail is not None:
            body = word[: -len(tail)]
            return (self.cut(body) or [(body, None)]) + [(tail, self.tails[tail])]
        inside_stop = {k for w in self.stop for a in _find_all(word, w) for k in range(a + 1, a + len(w))}
        for k in range(self.min_chars, len(word) - self.min_chars + 1):
            if k in inside_stop:
                continue  # 清徐乡|村e镇 would cut the word 乡村
            left = word[:k]
            if not (self._ends_name(left, self.left_suffixes) or (self.left_known >= 0 and left in known_places(self.left_known))):
                continue
            if any(word.startswith(w, k) for w in self.joiner_words):
                continue  # 联合执法大队: a compound, not a joiner
            candidates = [j for j in self.joiners if word.startswith(j, k)]
            if self.adjacent:
                candidates.append("")
            for joiner in sorted(candidates, key=len, reverse=True):
                rest = word[k + len(joiner) :]
                if self.right_reject is not None and self.right_reject.match(rest):
                    continue  # 并州南路|西一巷: an alley named after its road is one name
                if self._ends_name(rest, self.right_suffixes) or self._any_name(rest):
                    pieces: list[tuple[str, str | None]] = [(left, None)]
                    if joiner:
                        pieces.append((joiner, self.joiners[joiner]))
                    return pieces + (self.cut(rest) or [(rest, None)])
        return None

    def _tail(self, word: str) -> str | None:
        """With ``tails``: the tail word that closes ``word`` after a whole name (桃园北路…府西街|段,
        龙锦街|口, 晋阳大道|南延: a stretch, a crossing or an extension of the road, not its name)."""
        for t in sorted(self.tails or (), key=len, reverse=True):
            if word.endswith(t) and self._ends_name(word[: -len(t)], self.left_suffixes):
                return t
        return None

    def edge(self, word: str, before: str | None, after: str | None) -> list[tuple[str, str | None]] | None:
        """A joiner glued to the end (or start) of a name whose neighbour word is a name of the
        same kind: ``山西农担与``/ORG + ``农业银行``/ORG, ``市文化局``/ORG + ``联合市教育局``/ORG."""
        for j in sorted(self.edge_joiners, key=len, reverse=True):
            rest_len = len(word) - len(j)
            if rest_len < self.min_chars:
                continue
            if after in self.tags and word.endswith(j):
                return [(word[:rest_len], None), (j, self.joiners[j])]
            if before in self.tags and word.startswith(j) and not word.startswith(self.joiner_words):
                return [(j, self.joiners[j]), (word[len(j) :], None)]  # 市文化局|联合市教育局
        return None


def _find_all(text: str, word: str) -> list[int]:
    """Start offsets of every occurrence of ``word`` in ``text``."""
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def _words_of(names: str | list[str] | None) -> tuple[str, ...]:
    if not names:
        return ()
    files = [names] if isinstance(names, str) else names
    return tuple(dict.fromkeys(w for f in files for w in load_list(f)))


@lru_cache(maxsize=None)
def load_split_rules(name: str) -> tuple[SplitRule, ...]:
    """The ``[[split]]`` tables of a TOML file (see ``kg/data/nlp/word_splits.toml``)."""
    rules = []
    for number, r in enumerate(load_toml(name).get("split", []), 1):
        try:
            joiners = {row[0]: row[1] for row in load_tsv(r["joiners"], 3)} if "joiners" in r else {}
            edge = {row[0] for row in load_tsv(r["joiners"], 3) if row[2] == "edge"} if "joiners" in r else set()
            rules.append(
                SplitRule(
                    tags=frozenset(r["tags"]),
                    joiners=joiners,
                    edge_joiners=frozenset(edge),
                    adjacent=bool(r.get("adjacent", False)),
                    left_suffixes=tuple(sorted(_words_of(r["left_suffixes"]), key=len, reverse=True)),
                    right_suffixes=tuple(sorted(_words_of(r["right_suffixes"]), key=len, reverse=True)),
                    stop=_words_of(r.get("stop")),
                    joiner_words=_words_of(r.get("joiner_words")),
                    min_chars=int(r.get("min_chars", 2)),
                    keep_known=int(r.get("keep_known", -1)),
                    lead_joiner=bool(r.get("lead_joiner", False)),
                    name_tag=r.get("name_tag"),
                    left_known=int(r.get("left_known", -1)),
                    right_prefixes=_words_of(r.get("right_prefixes")),
                    right_any=bool(r.get("right_any", False)),
                    right_not=_words_of(r.get("right_not")),
                    right_long=tuple(sorted((row[0] for row in load_tsv(r["right_long"], 2)), key=len, reverse=True)) if "right_long" in r else (),
                    right_reject=re.compile(r["right_reject"]) if "right_reject" in r else None,
                    vouch=bool(r.get("vouch", False)),
                    tails={row[0]: row[1] for row in load_tsv(r["tails"], 2)} if "tails" in r else None,
                )
            )
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise DataError("E301", data_path(name), detail=f"split {number}: {exc}") from exc
    return tuple(rules)


def split_words(words: list[Word], rules: tuple[SplitRule, ...]) -> tuple[list[Word], set[tuple[int, int]]]:
    """``words`` with every entity word that holds two names cut into its pieces, and the char
    spans of the name pieces that lost a glued joiner (山西农担 of 山西农担与).

    A piece that is a name keeps the word's tag; a joiner gets its own tag (c, v, p). A name
    that lost a glued joiner is a name by its neighbour, not by its ending: the entity filter
    does not ask it to end like an organisation (``kg.nlp.pipes.common.SOURCE_SPLIT``).
    """
    out: list[Word] = []
    edged: set[tuple[int, int]] = set()
    for i, (start, word, tag) in enumerate(words):
        pieces = None
        name_tag = tag
        for rule in rules:
            if tag not in rule.tags:
                continue
            name_tag = rule.name_tag or tag
            pieces = rule.lead(word) if rule.lead_joiner else rule.cut(word)
            if pieces:
                if rule.vouch:  # each piece is a name by the other (云林|四湖: a town of 云林)
                    pos = start
                    for text, joiner_tag in pieces:
                        if joiner_tag is None:
                            edged.add((pos, pos + len(text)))
                        pos += len(text)
                break
            before = words[i - 1][2] if i > 0 else None
            after = words[i + 1][2] if i + 1 < len(words) else None
            pieces = rule.edge(word, before, after)
            if pieces:
                pos = start
                for text, joiner_tag in pieces:
                    if joiner_tag is None:
                        edged.add((pos, pos + len(text)))
                    pos += len(text)
                break
        if not pieces:
            out.append((start, word, tag))
            continue
        pos = start
        for text, joiner_tag in pieces:
            out.append((pos, text, joiner_tag or name_tag))
            pos += len(text)
    return out, edged
