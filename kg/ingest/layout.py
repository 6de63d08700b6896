"""Reading a page line by line: what each stripped line (or part of a line) is.

A page line becomes one or more :class:`Piece` s, each a span of the page text:

==========  ================================================================================
``head``    a short line without sentence punctuation: headline, kicker, label, intertitle
``sub``     a sub-headline ``——访…`` (the span leaves the dashes out)
``lead``    a lead marker: ``本报讯``, ``太报评``, ``新华网北京7月26日电`` (may carry its date,
            place and a bracketed byline ``(记者叶洲)``)
``body``    a paragraph of text (may carry an unmarked run-in headline candidate)
``byline``  a byline closing an item: ``（尹哲）``, ``记者 徐方伟``
``credit``  a photo credit alone on its line: ``张秀丽 郭建都 摄影``
``photo``   a caption with its credit on one line: ``…收纳整理方法。王韵菲 摄``
``date``    a line that is only a full date (the signature of a notice)
==========  ================================================================================

One line can give several pieces: ``越开越密 越跑越快 新年… 本报讯 1月6日，…（马向敏、郭雅静）``
is head + lead + body + byline. Whether a ``head`` is a headline, a label or an intertitle is
decided later, by :mod:`kg.ingest.split`, from what surrounds it. Spans never include the
whitespace around a line, so every piece is a verbatim slice of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.bylines import parse_byline, split_credit
from kg.ingest.dates import Dateline, from_match
from kg.ingest.rules import Rules, load_rules
from kg.model import Author

HEAD, SUB, LEAD, BODY, BYLINE, CREDIT, PHOTO, DATE = "head", "sub", "lead", "body", "byline", "credit", "photo", "date"


@dataclass(frozen=True, slots=True)
class Piece:
    """A classified span ``[start, end)`` of the page text.

    ``gap`` is the number of blank lines before the piece's line (0 for every piece after the
    first one of a line); ``line`` is the 0-based line number.
    ``runin`` (body only): ``(head_end, body_start)`` when the paragraph may open with a run-in
    headline that no marker separates (``中北大学表现突出 网络安全攻防演习 … 2021年9月,…``);
    only used where a new item starts anyway.
    """

    kind: str
    start: int
    end: int
    gap: int = 0
    line: int = 0
    authors: tuple[Author, ...] = ()
    dateline: Dateline | None = None
    runin: tuple[int, int] | None = None
    agency: str | None = None  # lead only: the agency of an agency dateline, not the paper itself


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` to leave out surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class _LineScanner:
    """Turns one stripped line ``text[start:end]`` into pieces."""

    def __init__(self, text: str, rules: Rules) -> None:
        self.text = text
        self.rules = rules

    # -- whole-line forms ---------------------------------------------------------------
    def whole_byline(self, content: str) -> tuple[Author, ...] | None:
        match = self.rules.pattern("bracket_byline").fullmatch(content)
        if match:
            return parse_byline(match.group("body"), rules=self.rules)
        return parse_byline(content, require_prefix=True, rules=self.rules)

    # -- tails: a byline or a photo credit that closes the line ----------------------------
    def strip_notes(self, content: str) -> int:
        """Length of ``content`` without trailing notes such as ``(图片由…提供)``."""
        end = len(content)
        pattern = self.rules.pattern("trailing_note")
        while end and (match := pattern.search(content, 0, end)):
            end = match.start()
        return end

    def trailing_byline(self, content: str) -> tuple[int, int, tuple[Author, ...]] | None:
        """``(end of the body, start of the byline, authors)`` if a byline closes ``content``."""
        rules = self.rules
        match = rules.pattern("bracket_byline").search(content)
        if match:
            before = content[: match.start()].rstrip()
            if not before or rules.is_final(before):
                authors = parse_byline(match.group("body"), rules=rules)
                if authors:
                    return len(before), match.start(), authors
        starts = [m.start() for m in rules.pattern("byline_start").finditer(content)]
        for pos in reversed(starts):
            if len(content) - pos > rules.limit("max_byline"):
                break
            before = content[:pos].rstrip()
            if before and not rules.is_final(before):
                continue
            authors = parse_byline(content[pos:], require_prefix=True, rules=rules)
            if authors:
                return len(before), pos, authors
        return None

    # -- lead markers ----------------------------------------------------------------------
    def find_marker(self, content: str) -> re.Match[str] | None:
        """The first lead marker with nothing or only a headline before it on the line."""
        matches = [
            m
            for name in ("agency_dateline", "lead_marker")
            for m in self.rules.pattern(name).finditer(content)
        ]
        for match in sorted(matches, key=lambda m: (m.start(), -m.end())):
            before = content[: match.start()].strip()
            if not before or self.rules.is_heading(before):
                return match
            if len(before) > self.rules.limit("max_heading"):
                break
        return None

    def heading(self, start: int, end: int, gap: int, line: int) -> list[Piece]:
        """A heading span, split into headline + sub-headline at ``——`` where there is one."""
        start, end = _trim(self.text, start, end)
        content = self.text[start:end]
        lead_dash = self.rules.pattern("sub_prefix").match(content)
        if lead_dash:
            s, e = _trim(self.text, start + lead_dash.end(), end)
            return [Piece(SUB, s, e, gap, line)] if e > s else []
        split = self.rules.pattern("sub_split").search(content)
        if split and split.start() > 0:
            s, e = _trim(self.text, start + split.end(), end)
            head = Piece(HEAD, *_trim(self.text, start, start + split.start()), gap, line)
            return [head, Piece(SUB, s, e, 0, line)] if e > s else [head]
        return [Piece(HEAD, start, end, gap, line)]

    # -- run-in headlines without a marker ----------------------------------------------------
    def runin(self, content: str) -> tuple[int, int] | None:
        """Where an unmarked run-in headline ends and its body starts, if the line looks like one."""
        rules = self.rules
        marks = rules.chars["clause_marks"]
        for sep in rules.pattern("chunk_sep").finditer(content):
            if sep.start() > rules.limit("max_heading"):
                return None
            head = content[: sep.start()]
            if any(ch in marks for ch in head):
                return None
            following = content[sep.end():].split(maxsplit=1)
            if not following or not any(ch in marks for ch in following[0]):
                continue
            body = content[sep.end():]
            if (
                rules.is_heading(head)
                and len(body) >= rules.limit("min_runin_body")
                and self.balanced(head)
            ):
                return sep.start(), sep.end()
            return None
        return None

    def balanced(self, text: str) -> bool:
        return all(text.count(pair[0]) == text.count(pair[1]) for pair in self.rules.chars["paired"].split())

    # -- one line ---------------------------------------------------------------------------
    def scan(self, start: int, end: int, gap: int, line: int) -> list[Piece]:
        rules, text = self.rules, self.text
        content = text[start:end]
        if rules.pattern("date_line").match(content):
            return [Piece(DATE, start, end, gap, line)]
        authors = self.whole_byline(content)
        if authors:
            return [Piece(BYLINE, start, end, gap, line, authors)]

        cut = self.strip_notes(content)
        if cut == 0:
            return []
        content = content[:cut].rstrip()
        tail: list[Piece] = []
        byline = self.trailing_byline(content)
        if byline:
            body_end, by_start, by_authors = byline
            tail.append(Piece(BYLINE, start + by_start, start + len(content), 0, line, by_authors))
            content = content[:body_end]
        else:
            credit = split_credit(content, rules)
            if credit:
                caption_end, photographers = credit
                if caption_end == 0:
                    return [Piece(CREDIT, start, start + len(content), gap, line, photographers)]
                return [Piece(PHOTO, start, start + caption_end, gap, line, photographers)]

        pieces: list[Piece] = []
        marker = self.find_marker(content)
        if marker:
            if marker.start() > 0:
                pieces.extend(self.heading(start, start + marker.start(), gap, line))
            lead_authors: tuple[Author, ...] = ()
            rest = marker.end()
            by = rules.pattern("lead_byline").match(content, rest)
            if by:
                found = parse_byline(by.group("body"), lenient=True, rules=rules)
                if found:
                    lead_authors, rest = found, by.end()
            dateline = from_match(marker, rules) if "month" in marker.re.groupindex else None
            agency = marker.group("agency") if marker.re is rules.pattern("agency_dateline") else None
            pieces.append(Piece(LEAD, start + marker.start(), start + marker.end(), 0 if pieces else gap, line,
                                lead_authors, dateline, agency=agency if agency not in rules.lists["own_paper"] else None))
            s, e = _trim(text, start + rest, start + len(content))
            if e > s:
                pieces.append(Piece(BODY, s, e, 0, line))
        elif not tail and rules.is_heading(content):
            pieces.extend(self.heading(start, start + len(content), gap, line))
        elif content:
            split = self.runin(content)
            runin = (start + split[0], start + split[1]) if split else None
            pieces.append(Piece(BODY, start, start + len(content), gap, line, runin=runin))
        if tail and not pieces:
            tail = [Piece(BYLINE, t.start, t.end, gap, line, t.authors) for t in tail]
        return pieces + tail


def scan_page(text: str, rules: Rules | None = None) -> list[Piece]:
    """Every piece of a decoded page, in page order.

    >>> [(p.kind, "本报讯 1月6日，货运启程。（马向敏）"[p.start:p.end]) for p in scan_page("本报讯 1月6日，货运启程。（马向敏）")]
    [('lead', '本报讯'), ('body', '1月6日，货运启程。'), ('byline', '（马向敏）')]
    """
    scanner = _LineScanner(text, rules or load_rules())
    pieces: list[Piece] = []
    offset = 0
    blank = 0
    for number, raw in enumerate(text.split("\n")):
        line_start = offset
        offset += len(raw) + 1
        start, end = _trim(text, line_start, line_start + len(raw))
        if start == end:
            blank += 1
            continue
        pieces.extend(scanner.scan(start, end, blank, number))
        blank = 0
    return pieces
