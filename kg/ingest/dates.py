"""Datelines: the month and day (and place) an item gives for itself.

Pages give month and day only (``本报讯 1月9日迎泽区消息，``); the year comes from the caller
(a manifest or ``--year``). :func:`iso_date` writes ISO ``2023-01-09`` when the year is known,
else the XML Schema gMonthDay ``--01-09``.

>>> d = find_dateline("1月9日迎泽区消息，该区持续将改革举措落细")
>>> d.month, d.day, d.place, iso_date(d, 2023), iso_date(d, None)
(1, 9, '迎泽区', '2023-01-09', '--01-09')
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

from kg.ingest.rules import Rules, load_rules


@dataclass(frozen=True, slots=True)
class Dateline:
    """Month and day of an item, the year if the text gives one, and the place it names."""

    month: int
    day: int
    year: int | None = None
    place: str | None = None


def cn_number(text: str, rules: Rules | None = None) -> int | None:
    """Arabic digits or a Chinese numeral up to 39 (``二十五``, ``十七``, ``廿五``) as an int.

    >>> [cn_number(t) for t in ("12", "六", "十", "十七", "二十五", "廿五", "三十一", "x")]
    [12, 6, 10, 17, 25, 25, 31, None]
    """
    if text.isdigit():
        return int(text)
    numerals = (rules or load_rules()).numerals
    if not text or any(ch not in numerals for ch in text):
        return None
    values = [numerals[ch] for ch in text]
    if len(values) == 1:
        return values[0]
    if 10 in values:  # 十, 十七, 二十, 二十五
        at = values.index(10)
        tens = values[at - 1] if at == 1 else 1 if at == 0 else None
        ones = values[at + 1] if at + 1 < len(values) else 0
        if tens is None or at + 2 < len(values):
            return None
        return tens * 10 + ones
    if values[0] in (20, 30) and len(values) == 2:  # 廿五, 卅一
        return values[0] + values[1]
    return None


def _make(month: str, day: str, year: str | None, place: str | None, rules: Rules) -> Dateline | None:
    m, d = cn_number(month, rules), cn_number(day, rules)
    if m is None or d is None or not 1 <= m <= 12 or not 1 <= d <= 31:
        return None
    return Dateline(m, d, int(year) if year else None, place or None)


def from_match(match: re.Match[str], rules: Rules | None = None) -> Dateline | None:
    """A Dateline from a match of ``agency_dateline`` (place and date optional)."""
    rules = rules or load_rules()
    groups = match.groupdict()
    if not groups.get("month"):
        return None
    return _make(groups["month"], groups["day"], groups.get("year"), groups.get("place"), rules)


def find_dateline(lead: str, rules: Rules | None = None) -> Dateline | None:
    """The dateline of an item's first paragraph.

    1. ``M月D日[,]<place>消息`` / ``…传来消息`` near the start (``dateline_window``); the place is
       kept only if it ends like a place (``place_suffixes.txt``): ``市司法局消息`` gives no place;
    2. else a date that opens the paragraph: ``5月24日，`` ``4月18日下午,`` ``1月7日、8日，``.

    >>> find_dateline("4月18日综改区传来消息,山西合成生物凯赛研究院…").place
    '综改区'
    >>> find_dateline("1月7日、8日，中央机关…笔试举行。")
    Dateline(month=1, day=7, year=None, place=None)
    >>> find_dateline("近日，太钢发布了路线图。") is None
    True
    """
    rules = rules or load_rules()
    window = lead[: rules.limit("dateline_window")]
    match = rules.pattern("dateline").search(window)
    if match:
        place = match.group("place")
        found = _make(match.group("month"), match.group("day"), match.group("year"),
                      place if place and rules.is_place(place) else None, rules)
        if found:
            return found
    match = rules.pattern("lead_date").match(lead)
    if match:
        return _make(match.group("month"), match.group("day"), match.group("year"), None, rules)
    return None


def year_before(dateline: Dateline, issued: _dt.date) -> int:
    """The year of a month/day dateline on a page issued on ``issued``: the issue's year, or
    the year before when the day comes after the issue's day (a December item in a January
    paper).

    >>> year_before(Dateline(12, 14, None), _dt.date(2023, 12, 15)), year_before(Dateline(12, 24, None), _dt.date(2023, 1, 10))
    (2023, 2022)
    """
    return issued.year if (dateline.month, dateline.day) <= (issued.month, issued.day) else issued.year - 1


def iso_date(dateline: Dateline | None, year: int | None) -> str | None:
    """``YYYY-MM-DD`` if a year is known (the text's own year wins), else ``--MM-DD``.

    An impossible day (``2月30日``) gives None rather than a wrong date.

    >>> iso_date(Dateline(2, 29, None), 2023), iso_date(Dateline(2, 29, None), None)
    (None, '--02-29')
    """
    if dateline is None:
        return None
    year = dateline.year or year
    if year is None:
        limit = calendar.monthrange(2000, dateline.month)[1]  # a leap year: 02-29 may exist
        return f"--{dateline.month:02d}-{dateline.day:02d}" if dateline.day <= limit else None
    if dateline.day > calendar.monthrange(year, dateline.month)[1]:
        return None
    return f"{year:04d}-{dateline.month:02d}-{dateline.day:02d}"
