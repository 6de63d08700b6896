"""Bylines and photo credits: who wrote or photographed an item.

A byline closes an item (``（尹哲）``, ``记者 徐方伟``, ``记者 魏薇 通讯员 王红 孟亮 文/摄``,
``(张晋峰、刘海君 文/摄)``); a photo credit closes a caption (``王韵菲 摄``,
``张秀丽 郭建都 摄影``, even glued to the caption: ``…舞动现象梁丹 常宇 摄影``).

Roles (``kg.model.Author.role``): a name takes the role of the prefix word before it (记者 ->
reporter, 通讯员 -> correspondent), else the writing role of the suffix after it (``文/摄`` ->
reporter), else the default (reporter in a byline, photographer in a credit). A suffix that
also names a photographer (``文/摄``, ``摄``) gives every name it covers a second Author with
role ``photographer``: ``文/摄`` = "reporter who also photographed" is two Author rows,
``[Author(魏薇, reporter), Author(魏薇, photographer)]``.

>>> [(a.name, a.role) for a in parse_byline("记者 魏薇 通讯员 王红 文/摄", require_prefix=True)]
[('魏薇', 'reporter'), ('魏薇', 'photographer'), ('王红', 'correspondent'), ('王红', 'photographer')]
>>> [a.name for a in parse_byline("任晓明、司 勇")]
['任晓明', '司勇']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.ingest.rules import RoleWord, Rules, load_rules
from kg.model import Author

REPORTER = "reporter"
PHOTOGRAPHER = "photographer"


@dataclass(slots=True)
class _Named:
    name: str
    prefix_role: str | None
    primary: str | None = None
    extra: list[str] = field(default_factory=list)
    suffixed: bool = False


def _tokens(text: str, rules: Rules) -> list[str]:
    """Split on 、，, and spaces; re-join single characters that a layout spaced out (``司 勇``)."""
    raw = [t for t in rules.pattern("byline_sep").split(text.strip()) if t]
    out: list[str] = []
    run: list[str] = []
    for tok in raw + [""]:
        if len(tok) == 1 and tok not in rules.role_words and rules.pattern("han").fullmatch(tok):
            run.append(tok)
            continue
        if run:
            out.append("".join(run))
            run = []
        if tok:
            out.append(tok)
    return out


def _split_glued_role(token: str, rules: Rules, lenient: bool) -> tuple[RoleWord, str] | None:
    """``记者叶洲`` -> (记者, 叶洲); with ``lenient``, also ``中国之声记者焦莹`` -> (记者, 焦莹)."""
    for word in sorted(rules.lists["prefix_role"], key=len, reverse=True):
        at = token.find(word)
        if at == 0 or (lenient and at > 0):
            rest = token[at + len(word):]
            if rules.is_name(rest):
                return rules.role_words[word], rest
    return None


def _apply_suffix(entries: list[_Named], role: RoleWord) -> None:
    for entry in entries:
        if entry.suffixed:
            continue
        entry.suffixed = True
        if len(role.roles) == 1:
            if entry.prefix_role is None:
                entry.primary = role.roles[0]
            else:
                entry.extra.append(role.roles[0])
        else:
            if entry.prefix_role is None:
                entry.primary = role.roles[0]
            entry.extra.extend(role.roles[1:])


def parse_byline(
    text: str,
    *,
    default_role: str = REPORTER,
    require_prefix: bool = False,
    lenient: bool = False,
    rules: Rules | None = None,
) -> tuple[Author, ...] | None:
    """Authors of a byline's text (without brackets), or None if it is not a byline.

    Every token must be a role word or a plausible name, unless ``lenient`` (bylines after a
    lead marker, ``(中国之声记者焦莹)``), where tokens that are neither are skipped.
    ``require_prefix``: the byline must start with a prefix role word (``记者 徐方伟``), as an
    unbracketed byline always does.

    >>> parse_byline("图片由山西合成生物凯赛研究院提供") is None
    True
    """
    rules = rules or load_rules()
    if not text.strip() or len(text) > rules.limit("max_byline"):
        return None
    tokens = _tokens(text, rules)
    if require_prefix:
        first = rules.role_words.get(tokens[0]) if tokens else None
        if not ((first and first.prefix) or (tokens and _split_glued_role(tokens[0], rules, lenient=False))):
            return None
    entries: list[_Named] = []
    prefix: str | None = None
    for tok in tokens:
        role = rules.role_words.get(tok)
        if role is not None:
            if role.prefix:
                prefix = role.roles[0]
            else:
                _apply_suffix(entries, role)
            continue
        glued = _split_glued_role(tok, rules, lenient)
        if glued is not None:
            prefix = glued[0].roles[0]
            entries.append(_Named(glued[1], prefix))
        elif rules.is_name(tok):
            entries.append(_Named(tok, prefix))
        elif not lenient:
            return None
    if not entries:
        return None
    authors: list[Author] = []
    for entry in entries:
        primary = entry.prefix_role or entry.primary or default_role
        for role_name in [primary, *entry.extra]:
            author = Author(entry.name, role_name)
            if author not in authors:
                authors.append(author)
    return tuple(authors)


def split_credit(text: str, rules: Rules | None = None) -> tuple[int, tuple[Author, ...]] | None:
    """Find a photo credit at the end of a line: (end of the caption, photographers) or None.

    >>> split_credit("…对倒木切割移除。申波 武志刚 王熙 摄")[0]
    9
    >>> n, who = split_credit("国网太原供电公司开展线路覆冰和舞动现象梁丹 常宇 摄影")
    >>> n, [a.name for a in who]
    (19, ['梁丹', '常宇'])
    """
    rules = rules or load_rules()
    match = rules.pattern("credit").search(text)
    if match is None:
        return None
    head = text[: match.start()].rstrip()
    chunks = head.split()
    names: list[str] = []
    caption_end = len(head)
    while chunks:
        chunk = chunks.pop()
        chunk_start = head.rfind(chunk, 0, caption_end)
        if rules.is_name(chunk):
            names.insert(0, chunk)
            caption_end = chunk_start
            continue
        # the first name may be glued to the caption: `…影响。申波`, `…现象梁丹`
        tail_len = 0
        while tail_len < len(chunk) and rules.pattern("han").fullmatch(chunk[-tail_len - 1]):
            tail_len += 1
        glued = None
        if 0 < tail_len < len(chunk) and rules.is_name(chunk[-tail_len:]):
            glued = chunk[-tail_len:]  # after punctuation: `…影响。申波`
        elif names:  # glued to the caption's last word: only next to a name that stands alone
            for size in range(rules.limit("name_max") - 1, rules.limit("name_min") - 1, -1):
                if size < tail_len and rules.is_name(chunk[-size:]):
                    glued = chunk[-size:]
                    break
        if glued:
            names.insert(0, glued)
            caption_end = chunk_start + len(chunk) - len(glued)
        break
    if not names:
        return None
    byline = parse_byline(" ".join(names) + " " + match.group("role"), default_role=PHOTOGRAPHER, rules=rules)
    if byline is None:
        return None
    return len(text[:caption_end].rstrip()), byline
