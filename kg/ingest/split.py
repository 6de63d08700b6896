"""Splitting a decoded page into its items (:class:`kg.model.Article`).

:func:`kg.ingest.layout.scan_page` says what each line is; this module walks the pieces once,
in page order, and decides which item each belongs to. The rules, in the order they apply:

* **Lead markers** (``本报讯``, ``太报评``, agency datelines) always start a new item. The
  marker is kept *out* of ``Article.text`` (its span sits just before the first segment); the
  dateline phrase after it (``1月9日迎泽区消息，``) stays in the text, and gives
  ``Article.date`` and ``Article.dateline_place``.
* **Heading groups**: the heading lines before an item's first text. Column labels
  (``section_labels.txt``, or a non-last line with a label prefix/suffix, or a heading with no
  text of its own before a layout gap) set ``Article.section`` for the items that follow. Of
  the rest, the last line that is not a ``——`` sub-headline is the **headline**; the other
  lines (kickers such as ``加快优质医疗资源扩容和区域均衡布局`` and ``——访…`` sub-headlines
  without their dashes) go to ``Article.subheadlines`` in page order.
* **Bylines close items** (``（尹哲）``, ``记者 徐方伟``) and leave the text; **photo credits**
  make the caption before them an item of its own (``kind="photo"``).
* A heading followed by text *inside* an open item (no byline has closed it yet) is an
  **intertitle** and stays in the text as a paragraph of its own, unless the group is clearly
  a new item: it has a ``——`` sub-headline, two or more lines, a notice word (``公告``), or a
  layout gap (two or more blank lines) before it.
* **Broken paragraphs**: a paragraph that ends without sentence-final punctuation is continued
  by the next text, joined with no separator (``…有序竞`` + ``争”的…``); other paragraphs are
  joined with ``"\\n"``. A heading that the layout dropped into such a break (``…储备店长、`` /
  ``线上招聘全面启动`` / ``机电工程师、…``) is a sub-headline of that item.
* **Interrupted items**: an item whose last paragraph is broken when a new item starts is put
  aside; text that later follows a closed item with no headline and no marker of its own
  resumes it (the heading lines in between are a column label). Text with no headline that
  ends with the same byline as the item just before it continues that item.
* A line that is only a full date (``2023年2月10日``) signs the open item (a notice) and closes it;
  the heading-like lines just before it (``特此公告``, the issuer) are part of the signature.

Every character of ``Article.text`` is a verbatim slice of the page recorded in
``Article.segments``; the only characters added are the ``"\\n"`` between paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from kg.ingest.dates import Dateline, find_dateline, iso_date, year_before
from kg.ingest.layout import BODY, BYLINE, CREDIT, DATE, HEAD, LEAD, PHOTO, SUB, Piece, scan_page
from kg.ingest.rules import Rules, load_rules
from kg.model import Article, Author, Segment

Span = tuple[int, int]


@dataclass(slots=True)
class _Item:
    """An item being built: paragraphs are lists of spans joined with no separator."""

    section: str | None
    kind: str = "article"
    headline: Span | None = None
    subheadlines: list[Span] = field(default_factory=list)
    paragraphs: list[list[Span]] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    lead: Piece | None = None
    closed: bool = False
    broken: bool = False

    @property
    def start(self) -> int:
        spans = [s for p in self.paragraphs for s in p] + ([self.headline] if self.headline else [])
        spans += self.subheadlines + ([(self.lead.start, self.lead.end)] if self.lead else [])
        return min(s[0] for s in spans) if spans else 0

    def add_authors(self, authors: tuple[Author, ...] | list[Author]) -> None:
        for author in authors:
            if author not in self.authors:
                self.authors.append(author)


class _PageSplitter:
    """The one pass over a page's pieces; see the module docstring for the rules."""

    def __init__(self, text: str, rules: Rules) -> None:
        self.text = text
        self.rules = rules
        self.items: list[_Item] = []
        self.current: _Item | None = None
        self.suspended: list[_Item] = []
        self.pending: list[Piece] = []
        self.section: str | None = None
        self.gap_before_pending = 0

    # -- helpers ---------------------------------------------------------------------------
    def slice(self, span: Span | Piece) -> str:
        if isinstance(span, Piece):
            return self.text[span.start:span.end]
        return self.text[span[0]:span[1]]

    def open_item(self) -> _Item | None:
        return self.current if self.current is not None and not self.current.closed else None

    def new_item(self) -> _Item:
        item = _Item(section=self.section)
        self.items.append(item)
        self.current = item
        return item

    def interrupt(self) -> None:
        """A new item starts: the open one is put aside if its text breaks off, else closed."""
        item = self.open_item()
        if item is not None:
            if item.broken:
                self.suspended.append(item)
            else:
                item.closed = True
        self.current = None

    def append(self, item: _Item, span: Span) -> None:
        """Add a body span: continue a broken paragraph or start a new one."""
        if item.broken and item.paragraphs:
            item.paragraphs[-1].append(span)
        else:
            item.paragraphs.append([span])
        item.broken = not self.rules.is_final(self.slice(span))

    def set_label(self, pieces: list[Piece]) -> None:
        texts = [self.slice(p) for p in pieces]
        if texts:
            self.section = " ".join(texts)

    # -- heading groups --------------------------------------------------------------------
    def take_pending(self) -> tuple[list[Piece], int]:
        """The pending heading group without its column labels (which set the section)."""
        group, gap = self.pending, self.gap_before_pending
        self.pending = []
        heads: list[Piece] = []
        for i, piece in enumerate(group):
            kind = self.rules.label_kind(self.slice(piece)) if piece.kind == HEAD else None
            later_head = any(p.kind == HEAD for p in group[i + 1:])
            if kind == "lexicon" or (kind == "affix" and later_head):
                self.set_label([piece])
            else:
                heads.append(piece)
        return heads, gap

    def flush_orphans(self) -> None:
        """Heading lines with no text of their own before a layout gap: a column label."""
        heads, _ = self.take_pending()
        self.set_label(heads)

    def give_heads(self, item: _Item, heads: list[Piece]) -> None:
        mains = [p for p in heads if p.kind == HEAD]
        headline = mains[-1] if mains else None
        if headline is not None and item.headline is None:
            item.headline = (headline.start, headline.end)
            rest = [p for p in heads if p is not headline]
        else:
            rest = heads
        item.subheadlines.extend((p.start, p.end) for p in rest)

    def starts_new_item(self, heads: list[Piece], gap: int) -> bool:
        """Is this heading group a new item even though an item is open?"""
        if not heads:
            return True  # only labels: a new column starts
        if gap >= self.rules.limit("block_gap"):
            return True
        if any(p.kind == SUB for p in heads) or len(heads) >= 2:
            return True
        return any(self.rules.is_notice(self.slice(p)) for p in heads)

    # -- pieces ----------------------------------------------------------------------------
    def on_head(self, piece: Piece) -> None:
        if piece.kind == HEAD and self.open_item() is not None and self.rules.is_sentence_like(self.slice(piece)):
            # a short line cut off mid-sentence inside an open item: text, not a heading
            self.on_body(Piece(BODY, piece.start, piece.end, piece.gap, piece.line))
            return
        if self.pending and piece.gap >= self.rules.limit("block_gap"):
            self.flush_orphans()
        if not self.pending:
            self.gap_before_pending = piece.gap
        self.pending.append(piece)

    def on_lead(self, piece: Piece) -> None:
        if self.pending and piece.gap >= self.rules.limit("block_gap"):
            self.flush_orphans()
        heads, _ = self.take_pending()
        self.interrupt()
        item = self.new_item()
        self.give_heads(item, heads)
        item.lead = piece
        item.add_authors(piece.authors)

    def on_body(self, piece: Piece) -> None:
        if self.pending and piece.gap >= self.rules.limit("block_gap"):
            self.flush_orphans()
        span = (piece.start, piece.end)
        current = self.open_item()
        if self.pending:
            heads, gap = self.take_pending()
            if current is not None and not self.starts_new_item(heads, gap):
                for p in heads:
                    if self.rules.is_sentence_like(self.slice(p)):
                        self.append(current, (p.start, p.end))  # a short cut-off sentence, not a heading
                    elif current.broken:
                        # a heading the layout dropped into a broken paragraph
                        current.subheadlines.append((p.start, p.end))
                    else:  # an intertitle
                        current.paragraphs.append([(p.start, p.end)])
                self.append(current, span)
                return
            if current is None and self.suspended and heads and not self.starts_new_item(heads, gap):
                self.set_label(heads)
                self.resume(span)
                return
            self.interrupt()
            item = self.new_item()
            self.give_heads(item, heads)
            self.append(item, span)
            return
        if current is not None:
            self.append(current, span)
            return
        if piece.runin is not None:
            item = self.new_item()
            head_end, body_start = piece.runin
            item.headline = (piece.start, head_end)
            self.append(item, (body_start, piece.end))
            return
        if self.suspended:
            self.resume(span)
            return
        self.append(self.new_item(), span)

    def resume(self, span: Span) -> None:
        item = self.suspended.pop()
        self.current = item
        self.append(item, span)

    def on_byline(self, piece: Piece) -> None:
        item = self.open_item()
        if self.pending:
            heads, _ = self.take_pending()
            if item is not None:
                for p in heads:
                    self.append(item, (p.start, p.end))
            else:
                self.set_label(heads)
        if item is None:
            last = self.items[-1] if self.items else None
            if last is None or last.authors:
                return
            item = last
        item.add_authors(piece.authors)
        item.closed = True
        self.merge_continuation(item)

    def merge_continuation(self, item: _Item) -> None:
        """Text the layout split off an item comes back under the same byline: merge it."""
        at = self.items.index(item)
        if at == 0 or item.lead is not None:
            return
        previous = self.items[at - 1]
        if previous.authors != item.authors or not previous.closed:
            return
        if item.headline is not None and previous.headline is not None:
            return
        if previous.headline is None and item.headline is not None:
            previous.headline = item.headline
        else:
            previous.subheadlines.extend([item.headline] if item.headline else [])
        previous.subheadlines.extend(item.subheadlines)
        previous.paragraphs.extend(item.paragraphs)
        self.items.pop(at)
        self.current = previous

    def on_photo(self, piece: Piece) -> None:
        if self.pending and piece.gap >= self.rules.limit("block_gap"):
            self.flush_orphans()
        heads, _ = self.take_pending()
        self.interrupt()
        item = self.new_item()
        item.kind = "photo"
        self.give_heads(item, heads)
        item.paragraphs.append([(piece.start, piece.end)])
        item.add_authors(piece.authors)
        item.closed = True

    def on_credit(self, piece: Piece) -> None:
        # the caption is the heading-like lines right above the credit, with no blank line between
        caption: list[Piece] = []
        line = piece.line
        while self.pending and self.pending[-1].line == line - 1:
            caption.insert(0, self.pending.pop())
            line -= 1
        if caption:
            heads, _ = self.take_pending() if self.pending else ([], 0)
            self.interrupt()
            item = self.new_item()
            item.kind = "photo"
            self.give_heads(item, heads)
            item.paragraphs.append([(p.start, p.end) for p in caption])
            item.add_authors(piece.authors)
            item.closed = True
            return
        current = self.open_item()
        if current is not None and current.headline is None and current.lead is None and len(current.paragraphs) == 1:
            current.kind = "photo"
            current.add_authors(piece.authors)
            current.closed = True
            return
        self.on_byline(piece)

    def on_date(self, piece: Piece) -> None:
        current = self.open_item()
        if current is None:
            self.on_body(piece)
            return
        heads, _ = self.take_pending() if self.pending else ([], 0)
        for p in heads:
            current.paragraphs.append([(p.start, p.end)])
        current.paragraphs.append([(piece.start, piece.end)])
        current.broken = False
        current.closed = True

    def run(self, pieces: list[Piece]) -> list[_Item]:
        handlers = {
            HEAD: self.on_head, SUB: self.on_head, LEAD: self.on_lead, BODY: self.on_body,
            BYLINE: self.on_byline, CREDIT: self.on_credit, PHOTO: self.on_photo, DATE: self.on_date,
        }
        for piece in pieces:
            handlers[piece.kind](piece)
        return sorted(self.items, key=lambda item: item.start)


def _article(item: _Item, text: str, page: str, ordinal: int, year: int | None, issued: date | None, rules: Rules) -> Article:
    parts: list[str] = []
    segments: list[Segment] = []
    length = 0
    # The headline and sub-headlines are analysed too (a meeting or a person named only there):
    # they open the text, one line each, before the body's paragraphs.
    heads = [[item.headline]] if item.headline else []
    heads += [[span] for span in item.subheadlines]
    body_start = 0
    for p, paragraph in enumerate(heads + item.paragraphs):
        if p:
            parts.append("\n")
            length += 1
        if p == len(heads):
            body_start = length
        for start, end in paragraph:
            segments.append(Segment(length, start, end - start))
            parts.append(text[start:end])
            length += end - start
    body = "".join(parts)
    dateline: Dateline | None = item.lead.dateline if item.lead else None
    found = find_dateline(text[item.paragraphs[0][0][0]:item.paragraphs[0][0][1]], rules) if item.paragraphs else None
    if dateline is None:
        dateline = found
    elif dateline.place is None and found is not None and found.place:
        dateline = Dateline(dateline.month, dateline.day, dateline.year, found.place)
    if issued is not None and dateline is not None and dateline.year is None and year is None:
        year = year_before(dateline, issued)
    return Article(
        id=f"{PurePosixPath(page).with_suffix('').as_posix()}/{ordinal:03d}",
        source=page,
        ordinal=ordinal,
        text=body,
        body_start=body_start,
        kind=item.kind,
        section=item.section,
        headline=text[item.headline[0]:item.headline[1]] if item.headline else None,
        subheadlines=[text[s:e] for s, e in item.subheadlines],
        date=iso_date(dateline, year) if dateline is not None else issued.isoformat() if issued is not None else None,
        dateline_place=dateline.place if dateline else None,
        agency=item.lead.agency if item.lead else None,
        authors=list(item.authors),
        segments=segments,
    )


def split_page(
    text: str, source: str | Path, *, year: int | None = None, issued: date | None = None,
    rules: Rules | None = None, name: str | None = None,
) -> list[Article]:
    """A decoded page's items, in page order.

    ``Article.id`` is ``<file stem>/<ordinal:03d>`` (ordinals from 1) and ``Article.source`` the
    file's base name, so ids do not depend on how the folder was spelled. ``name`` overrides
    the base name (``a/p.txt``: :func:`kg.ingest.read_pages` passes it when two pages read
    together share a file name). ``year`` completes the month/day datelines (``--01-09``
    without it). ``issued``, the page's issue date, dates the items without a dateline and
    gives a dateline without ``year`` the issue's year (the year before for a day after the
    issue's).

    >>> page = "政务之要\\n\\n节前监督检查\\n\\n本报讯 1月9日迎泽区消息，该区开展检查。（刘涛）\\n"
    >>> [a] = split_page(page, "p/007.txt", year=2023)
    >>> a.id, a.section, a.headline, a.body, a.date, a.dateline_place, a.authors[0].name
    ('007/001', '政务之要', '节前监督检查', '1月9日迎泽区消息，该区开展检查。', '2023-01-09', '迎泽区', '刘涛')
    """
    rules = rules or load_rules()
    items = _PageSplitter(text, rules).run(scan_page(text, rules))
    items = [item for item in items if item.paragraphs]
    page = name or Path(source).name
    return [_article(item, text, page, n, year, issued, rules) for n, item in enumerate(items, 1)]
