"""``kg_enumerations``: items of a list closed by a collective noun are of its kind (宣传、公安、卫健等部门)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.nlp.pipes.common import PLACE_LABELS, SOURCE_LIST, list_words
from kg.resources import load_list, load_tsv


def _untyped(item: Span) -> bool:
    """No entity yet, or one LAC labelled PERSON (卫健, 塔什干); at least two characters."""
    return {t.ent_type_ for t in item} <= {"", "PERSON"} and len(item.text) >= 2


def _ends_at(doc: Doc, start: int, end: int) -> bool:
    """The entity that begins at token ``start`` ends right before token ``end``."""
    i = start + 1
    while i < end and doc[i].ent_iob_ == "I":
        i += 1
    return i == end and (end == len(doc) or doc[end].ent_iob_ != "I")


def _holds_places(item: Span) -> bool:
    """Every name inside the item is a place, and it has more than its places (双塔南路|改造:
    a project on a road; the road stays a place nested in it)."""
    ents = _ents_in(item)
    places = [e for e in ents if e.label_ in PLACE_LABELS]
    # a PERSON inside is LAC's slip on a place name (许坦|排洪渠)
    return bool(places) and all(e.label_ in PLACE_LABELS or e.label_ == "PERSON" for e in ents) and sum(len(e) for e in ents) < len(item)


def _widens(item: Span, label: str) -> bool:
    """The item is a longer name of ``label`` around the one name inside it, which ends it: an
    item between two separators is whole (综改|交警大队 of 园区党委、综改交警大队等部门)."""
    ents = _ents_in(item)
    return len(ents) == 1 and ents[0].label_ == label and ents[0].end == item.end and ents[0].start > item.start


def _ents_in(item: Span) -> list[Span]:
    """The entities wholly inside ``item``, read from the tokens' IOB marks.

    ``Span.ents`` rebuilds every entity of the whole doc on each call, which made lists in a
    long article quadratic (95k characters in one article: 65 s in ``Span.ents``)."""
    doc, out, start = item.doc, [], None
    for token in item:
        if token.ent_iob_ == "B":
            if start is not None:
                out.append(Span(doc, start, token.i, label=doc[start].ent_type_))
            start = token.i
        elif token.ent_iob_ != "I" and start is not None:
            out.append(Span(doc, start, token.i, label=doc[start].ent_type_))
            start = None
    if start is not None and (item.end == len(doc) or doc[item.end].ent_iob_ != "I"):
        out.append(Span(doc, start, item.end, label=doc[start].ent_type_))
    return out


def _place_label(item: Span) -> str:
    """The place label of an item that is exactly one place entity, else ''."""
    ents = _ents_in(item)
    if len(ents) == 1 and ents[0].start == item.start and ents[0].end == item.end and ents[0].label_ in PLACE_LABELS:
        return ents[0].label_
    return ""


class Enumerations:
    """Items of a list closed by a collective noun are of that noun's kind:
    ``宣传、公安、卫健、工信、邮政等部门`` names five bodies (ORG), however short. And a list
    whose items are mostly places makes its leftover one-word items (nz, or PER by LAC's slip)
    places too: ``明斯克、马拉舍维奇、阿拉木图、塔什干``.

    Walking back from ``等`` (+ modifiers such as 相关, also glued: 等各部门) + a head
    (``nlp/enum_heads.tsv``: head and label) over items separated by 、 (or a joiner before the
    last item). An item between two separators is every word there (综改/v 公安分局: LAC's tags
    do not matter where the separators mark the edges); the first item is a run of name tokens
    (LAC tags in ``item_tags``); an item has at most ``max_item_chars``. Items already
    labelled PERSON/GPE/LOC/FAC keep the label only if they look like the kind; an item without
    an ent, or one LAC labelled PERSON, becomes the head's label — when the list names at least
    one body: an item that is already an ent of the head's label or ends with one of
    ``anchors`` (市委宣传部、市工信、公安、卫健等部门). A list of bare sectors
    (宣传、公安、工信等部门) speaks of kinds of departments, not of bodies.

    Project lists (``long_items``: longer items; ``place_holders``: an item may hold places,
    which stay nested in it) closed by a head of one or more words (等|重点|建设|项目) make
    their items projects: 双塔南路改造、西中环南延等重点建设项目. The first item of such a list
    must follow a verb, 的 or a mark (``lead_tags``); after another word it is the tail of a
    longer phrase (城区道路及周边|管网改造).

    A list of bodies of one kind shares its head: after an ORG that ends with a body's head
    word (委员会, ``anchors``) and a separator, the words up to the next such head word are a
    body of that kind too (全国人大宪法和法律委员会、农业与农村委员会、财政经济委员会).
    """

    def __init__(
        self,
        heads: str,
        modifiers: str,
        separators: str,
        item_tags: list[str],
        max_item_chars: int,
        place_tags: list[str],
        min_places: int,
        anchors: str | list[str] | None = None,
        long_items: dict[str, int] | None = None,
        place_holders: list[str] | None = None,
        lead_tags: list[str] | None = None,
    ) -> None:
        self.heads = {head: (label, int(n)) for head, label, n in load_tsv(heads, 3)}
        self.modifiers = frozenset(load_list(modifiers))
        self.separators = frozenset(load_list(separators))
        self.item_tags = tuple(item_tags)
        self.max_item_chars = max_item_chars
        self.place_tags = frozenset(place_tags)
        self.min_places = min_places
        self.anchors = tuple(sorted(list_words(anchors), key=len, reverse=True))
        self.long_items = dict(long_items or {})  # label -> longest item (project names are long)
        self.place_holders = frozenset(place_holders or ())  # labels whose items may hold places
        # tags of the word before the first item of a list of long items (a verb, 的, a mark):
        # after any other word the first item is the tail of a longer phrase
        self.lead_tags = frozenset(lead_tags or ())

    def _head_label(self, text: str) -> tuple[str, int] | None:
        """The label and ``name_chars`` of a collective noun, with modifiers glued before it (各部门)."""
        while text not in self.heads:
            modifier = next((m for m in self.modifiers if text.startswith(m) and len(text) > len(m)), None)
            if modifier is None:
                return None
            text = text[len(modifier) :]
        return self.heads[text]

    def _anchored(self, items: list[Span], label: str, name_chars: int = 0) -> bool:
        """Some item is already a name of ``label`` or ends like one (a body's suffix), or, for
        a label whose names are long (``name_chars`` of enum_heads.tsv: 退耕还林、退牧还草等工程),
        every item has that many characters (供水、供电等工程 are sectors, not programmes)."""
        if not self.anchors:
            return True
        if name_chars:
            return all(len(item.text) >= name_chars for item in items)
        kinds = PLACE_LABELS if label in PLACE_LABELS else (label,)
        for item in items:
            if any(e.label_ in kinds for e in _ents_in(item)) or (label not in PLACE_LABELS and item.text.endswith(self.anchors)):
                return True
        return False

    def _item_end(self, doc: Doc, i: int) -> int:
        """End of the list item that starts at token ``i`` (the last item of a list)."""
        end = i
        while end < len(doc) and doc[end].tag_ in self.item_tags and doc[end].text not in self.separators and end - i < 4:
            if doc[end].ent_type_ and doc[end].ent_iob_ == "B" and end > i:
                break
            end += 1
        return end

    def _bounded_start(self, doc: Doc, end: int, max_chars: int) -> int | None:
        """Start of the item ending before ``end`` when a separator stands before it: every word
        back to that separator (综改/v 交警大队), within ``max_item_chars``, one entity at most."""
        start = end
        while start > 0 and doc[start - 1].text not in self.separators:
            if doc[start - 1].tag_ in ("w", "_SP") or len(doc[start - 1 : end].text) > max_chars:
                return None
            if start < end and doc[start].ent_iob_ == "B" and not _ends_at(doc, start, end) and doc[start].ent_type_ not in PLACE_LABELS:
                return None  # a name inside may end the item (综改|交警大队), a place may be in it (双塔南路|改造)
            start -= 1
        return start if 0 < start < end else None

    def _items(self, doc: Doc, end: int, bounded: bool = False, max_chars: int | None = None) -> list[Span]:
        """The items of the list that ends right before token ``end``, last item first."""
        items = []
        long_item = max_chars is not None and max_chars > self.max_item_chars
        max_chars = max_chars or self.max_item_chars
        while end > 0:
            start = self._bounded_start(doc, end, max_chars) if bounded else None
            if start is None:
                start = end
                while start > 0 and doc[start - 1].tag_ in self.item_tags and doc[start - 1].text not in self.separators:
                    if start < end and doc[start].ent_iob_ == "B":
                        break  # an item is one entity at most: 亚欧大陆|莫斯科
                    start -= 1
            item = doc[start:end]
            if not len(item) or len(item.text) > max_chars:
                break
            if bounded and items and start > 0 and (doc[start - 1].tag_ == "c" or long_item and doc[start - 1].tag_ not in self.lead_tags):
                break  # 老旧小区及|周边基础设施改造, 城区道路及周边|管网改造: the tail of a phrase, not a whole item
            items.append(item)
            if start == 0 or doc[start - 1].text not in self.separators:
                break
            end = start - 1
        return items

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        drop: list[Span] = []
        for i, token in enumerate(doc[:-1]):
            head = None
            if token.text == "等":
                j = i + 1
                while j < len(doc) - 1 and doc[j].text in self.modifiers:
                    j += 1  # 等相关部门, 等有关单位
                head = next((h for n in (3, 2, 1) if j + n <= len(doc) and (h := self._head_label(doc[j : j + n].text))), None)
            if head is not None:  # 等|重点|建设|项目: a head of several words
                label, name_chars = head
                items = self._items(doc, i, bounded=True, max_chars=self.long_items.get(label, self.max_item_chars))
                if len(items) >= 2 and self._anchored(items, label, name_chars):
                    spans += [Span(doc, it.start, it.end, label=label, span_id=SOURCE_LIST) for it in items
                              if _untyped(it) or (label not in PLACE_LABELS and _widens(it, label))
                              or (label in self.place_holders and _holds_places(it))]
                elif len(items) >= 2:  # kinds of departments: no item is a person either (卫健/PER)
                    drop += [e for it in items for e in _ents_in(it) if e.label_ == "PERSON"]
            # a list whose other items are all places: the one-word items LAC missed are places
            # too (莫斯科、明斯克、马拉舍维奇、阿拉木图、塔什干)
            if token.text in self.separators and (i + 2 >= len(doc) or doc[i + 2].text not in self.separators):
                items = self._items(doc, self._item_end(doc, i + 1))
                places = [it for it in items if _place_label(it)]
                others = [it for it in items if not _place_label(it)]
                if len(places) >= self.min_places and all(len(it) == 1 and it[0].tag_ in self.place_tags and _untyped(it) for it in others):
                    label = max(sorted(_place_label(it) for it in places), key=[_place_label(it) for it in places].count)
                    spans += [Span(doc, it.start, it.end, label=label, span_id=SOURCE_LIST) for it in others]
        spans += self._same_head_items(doc, spans)
        if spans or drop:
            dropped = {(e.start, e.end) for e in drop}
            kept = [e for e in doc.ents if (e.start, e.end) not in dropped and not any(e.start < s.end and s.start < e.end for s in spans)]
            doc.set_ents(sorted(kept + spans, key=lambda s: s.start))
        return doc

    def _same_head_items(self, doc: Doc, found: list[Span]) -> list[Span]:
        """Items that share the head word of the ORG before them in a list (see the class)."""
        taken = {t for s in found for t in range(s.start, s.end)}
        out: list[Span] = []
        ents = [e for e in doc.ents if e.label_ == "ORG"] + [s for s in found if s.label_ == "ORG"]
        for ent in sorted(ents, key=lambda e: e.start):
            head = next((a for a in self.anchors if ent[-1].text.endswith(a) and len(a) >= 2), None)
            if head is None:
                continue  # 委员会 of 全国人大监察和司法委员会 (one word or several)
            i = ent.end
            while i + 1 < len(doc) and doc[i].text in self.separators:
                j = i + 1
                while j < len(doc) and j - i <= 6 and not doc[j].text.endswith(head) and doc[j].tag_ in self.item_tags + ("c",) and not doc[j].ent_type_:
                    j += 1
                if j >= len(doc) or not doc[j].text.endswith(head) or j == i + 1 and doc[j].text == head:
                    break
                if any(t in taken for t in range(i + 1, j + 1)) or doc[i + 1].tag_ == "c":
                    break
                if not any(doc[k].ent_type_ for k in range(i + 1, j + 1)):
                    out.append(Span(doc, i + 1, j + 1, label="ORG", span_id=SOURCE_LIST))
                    taken.update(range(i + 1, j + 1))
                i = j + 1
        return out
