"""The layout rules of newspaper pages, loaded once from ``kg/data/ingest``.

Everything that is a word list or a pattern (lead markers, agencies, byline role words,
surnames, section labels, regexes) lives in those data files; this module only reads them,
fills the ``{name}`` placeholders of the regexes and compiles them. A new agency, label or role
word is one line in a data file.

>>> rules = load_rules()
>>> bool(rules.pattern("agency_dateline").match("新华网北京7月26日电"))
True
>>> rules.is_name("王韵菲"), rules.is_name("现象梁丹")
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.errors import DataError
from kg.resources import data_path, load_list, load_toml, load_tsv

RULES_FILE = "ingest/rules.toml"
ROLES_FILE = "ingest/byline_roles.tsv"

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
#: The roles a byline can give (``kg.model.Author.role``); a role file naming another one is a typo.
AUTHOR_ROLES = ("reporter", "correspondent", "photographer")


@dataclass(frozen=True, slots=True)
class RoleWord:
    """A byline role word: ``记者`` (prefix, reporter) or ``文/摄`` (suffix, reporter+photographer)."""

    word: str
    prefix: bool
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Rules:
    """Compiled layout rules. Build it with :func:`load_rules` (cached)."""

    limits: dict[str, int]
    chars: dict[str, str]
    lists: dict[str, tuple[str, ...]]
    label_prefixes: tuple[str, ...]
    label_suffixes: tuple[str, ...]
    numerals: dict[str, int]
    role_words: dict[str, RoleWord]
    patterns: dict[str, re.Pattern[str]]
    surnames: frozenset[str]

    def pattern(self, name: str) -> re.Pattern[str]:
        """A compiled pattern of ``[patterns]``; an unknown name raises KeyError (no silent typo)."""
        return self.patterns[name]

    def limit(self, name: str) -> int:
        return self.limits[name]

    def is_final(self, text: str) -> bool:
        """Does ``text`` end a sentence (so that the next body line starts a new paragraph)?

        >>> r = load_rules()
        >>> r.is_final("守护着每一份生的希望。"), r.is_final("“有序竞"), r.is_final("我没事了！”")
        (True, False, True)
        """
        stripped = text.rstrip().rstrip(self.chars["closing_quotes"])
        if self.pattern("doc_number").search(stripped[-24:]) and stripped.endswith("号"):
            return True  # a document number is a line of its own: 并政任〔2023〕5号
        return bool(stripped) and stripped[-1] in self.chars["final"]

    def is_heading(self, text: str) -> bool:
        """A short line without sentence punctuation: a headline, label, kicker or intertitle.

        >>> r = load_rules()
        >>> r.is_heading("党旗下,一股无坚不摧的力量"), r.is_heading("图为医护人员在为患者手术。")
        (True, False)
        >>> r.is_heading("任命："), r.is_heading("并政任〔2023〕5号")
        (False, False)
        """
        if not text or len(text) > self.limit("max_heading"):
            return False
        if self.pattern("list_opener").fullmatch(text) or self.pattern("doc_number").fullmatch(text):
            return False  # 任命：(a list follows, one item a line), 并政任〔2023〕5号
        if any(ch in self.chars["heading_forbidden"] for ch in text):
            return False
        if text[-1] in self.chars["heading_bad_end"]:
            return False
        return bool(self.pattern("han").search(text))

    def is_sentence_like(self, text: str) -> bool:
        """Is a heading-shaped line rather a cut-off sentence: clause marks outside quotes (two, or
        one in a line of ``sentence_min`` characters; ``党旗下,一股无坚不摧的力量`` stays a heading)?

        >>> r = load_rules()
        >>> r.is_sentence_like("在提升城市品质方面,努力实施总投资16亿元的县"), r.is_sentence_like("“大夫，我请你喝止咳药”")
        (True, False)
        """
        bare = self.pattern("quoted").sub("", text)
        marks = sum(ch in self.chars["sentence_marks"] for ch in bare)
        return marks >= 2 or (marks == 1 and len(text) >= self.limit("sentence_min"))

    def is_name(self, token: str) -> bool:
        """A plausible person's name: 2-4 Han characters starting with a known surname.

        >>> r = load_rules()
        >>> [r.is_name(t) for t in ("司勇", "欧阳修", "门诊", "全文", "中")]
        [True, True, False, True, False]
        """
        joiners = self.chars["name_joiners"]
        plain = "".join(ch for ch in token if ch not in joiners)
        longest = self.limit("name_max_joined") if plain != token else self.limit("name_max")
        if not self.limit("name_min") <= len(token) <= longest:
            return False
        if not all(self.pattern("han").fullmatch(ch) for ch in plain):
            return False
        return token[:1] in self.surnames or (len(token) > 2 and token[:2] in self.surnames)

    def label_kind(self, text: str) -> str | None:
        """``"lexicon"`` for a known column label, ``"affix"`` for one by prefix/suffix, else None."""
        if text in self.lists["label"]:
            return "lexicon"
        if text.startswith(self.label_prefixes) or text.endswith(self.label_suffixes):
            return "affix"
        return None

    def is_notice(self, text: str) -> bool:
        return text.endswith(self.lists["notice"])

    def is_place(self, text: str) -> bool:
        return len(text) > 1 and text.endswith(self.lists["place_suffix"])


def _alternation(entries: tuple[str, ...]) -> str:
    ordered = sorted(entries, key=lambda e: (-len(e), e))
    return "(?:" + "|".join(re.escape(e) for e in ordered) + ")"


def _expand(name: str, raw: dict[str, str], lists: dict[str, tuple[str, ...]], seen: tuple[str, ...]) -> str:
    if name in seen:
        raise DataError("E301", data_path(RULES_FILE), detail=f"pattern {name!r} refers to itself")
    if name not in raw:
        raise DataError("E301", data_path(RULES_FILE), detail=f"unknown pattern {name!r}")

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in lists:
            return _alternation(lists[key])
        return _expand(key, raw, lists, seen + (name,))

    return _PLACEHOLDER.sub(fill, raw[name])


def _section(config: dict[str, Any], name: str) -> dict[str, Any]:
    value = config.get(name)
    if not isinstance(value, dict):
        raise DataError("E301", data_path(RULES_FILE), detail=f"missing table [{name}]")
    return value


def _role_words() -> dict[str, RoleWord]:
    words = {}
    for word, position, roles in load_tsv(ROLES_FILE, 3):
        if position not in ("prefix", "suffix"):
            raise DataError("E301", data_path(ROLES_FILE), detail=f"{word}: position {position!r}, expected prefix or suffix")
        names = tuple(r.strip() for r in roles.split(",") if r.strip())
        unknown = [r for r in names if r not in AUTHOR_ROLES]
        if not names or unknown:
            raise DataError("E301", data_path(ROLES_FILE), detail=f"{word}: roles {roles!r}, expected some of {', '.join(AUTHOR_ROLES)}")
        words[word] = RoleWord(word, position == "prefix", names)
    return words


@lru_cache(maxsize=None)
def load_rules() -> Rules:
    """Read and compile every ingest data file once."""
    config = load_toml(RULES_FILE)
    lists = {key: load_list(path) for key, path in _section(config, "lists").items()}
    role_words = _role_words()
    lists["prefix_role"] = tuple(w for w, r in role_words.items() if r.prefix)
    raw = {k: str(v) for k, v in _section(config, "patterns").items()}
    patterns = {}
    for name in raw:
        source = _expand(name, raw, lists, ())
        try:
            patterns[name] = re.compile(source)
        except re.error as exc:
            raise DataError("E301", data_path(RULES_FILE), detail=f"pattern {name!r}: {exc}") from exc
    labels = _section(config, "labels")
    return Rules(
        limits={k: int(v) for k, v in _section(config, "limits").items()},
        chars={k: str(v) for k, v in _section(config, "chars").items()},
        lists=lists,
        label_prefixes=tuple(labels.get("prefixes", ())),
        label_suffixes=tuple(labels.get("suffixes", ())),
        numerals={k: int(v) for k, v in _section(config, "numerals").items()},
        role_words=role_words,
        patterns=patterns,
        surnames=frozenset(lists["surname"]),
    )
