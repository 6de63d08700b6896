"""Bytes to text: the encoding of a page, its line endings, and the characters that are not text.

* A byte-order mark says the encoding: UTF-8, UTF-16 or UTF-32 (little or big endian).
* Without one: UTF-8 if the bytes are valid UTF-8; UTF-16 without a BOM if the zero bytes all
  sit on one side of the code units; else ``charset-normalizer`` guesses among the encodings of
  ``kg/data/ingest/files.toml``: GB18030 (covers GBK and GB2312) is accepted, Big5 is decoded
  with a warning, anything else (a Latin-1 or Shift-JIS page) is refused, and so is a guess the
  detector is unsure of. A wrong guess would give garbled names without a word.
* Line endings become ``\\n``; a byte-order mark in mid-file (two files concatenated) becomes a
  ``\\n`` too, so that it ends the line before it instead of gluing two articles.

The text returned is the *page text* that every offset of ``kg.model.Segment`` points into.
Control characters are left in it; :func:`remove_controls` takes them out before splitting and
says where they were, so that offsets still point into this text (see :mod:`kg.ingest.files`).

A file that is not a page raises :class:`kg.errors.InputError` with a code and the reason:
E100 missing, E102 empty, E103 binary, E101 not decodable or unsure, E107 not Chinese text,
E104 cannot be read, E108 too large.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.resources import load_toml

_CONFIG = load_toml("ingest/files.toml")

#: Control bytes that never occur in text (everything below 0x20 except tab, LF, VT, FF, CR, ESC).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
#: How much of the file the binary check looks at, and the share of control bytes that makes
#: a file binary.
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.05

#: Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

MAX_PAGE_BYTES = int(_CONFIG["size"]["max_page_mb"] * 1024 * 1024)
_ACCEPT = frozenset(_CONFIG["encodings"]["accept"])
_WARN = frozenset(_CONFIG["encodings"]["warn"])
_MIN_UTF16_SHARE = float(_CONFIG["encodings"]["min_utf16_share"])
_MIN_GB2312 = float(_CONFIG["encodings"]["min_gb2312_share"])
_MAX_CHAOS = float(_CONFIG["encodings"]["max_chaos"])
_CANDIDATES = list(_CONFIG["encodings"]["candidates"])
#: Characters of Unicode category Cc (C0, DEL, C1) that are removed from page text.
_CONTROLS_RE = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in _CONFIG["text"]["keep_controls"]) + "]"
)
#: Python codec of each name charset-normalizer may report.
_CODEC = {"gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "hz": "hz", "big5": "cp950", "cp950": "cp950", "big5hkscs": "big5hkscs"}


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded page: ``text`` (LF line endings), the ``encoding`` used (a Python codec name)
    and a ``warning`` when the encoding was a guess worth checking (Big5), else None."""

    text: str
    encoding: str
    warning: str | None = None


def _binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text, or None. NUL bytes never occur in UTF-8 or GB18030 text."""
    nul = data.find(b"\x00")
    if nul >= 0:
        return f"NUL byte at offset {nul}"
    head = data[:_SNIFF_BYTES]
    controls = sum(1 for b in head if b in _CONTROL)
    if controls / len(head) > _MAX_CONTROL_SHARE:
        return f"{controls} control bytes in the first {len(head)}"
    return None


def _decode(data: bytes, encoding: str) -> str:
    """Decode strictly; a multi-byte character cut off at the very end (a truncated file) is dropped."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.reason in ("unexpected end of data", "incomplete multibyte sequence", "truncated data"):
            return data[: exc.start].decode(encoding)
        raise


#: Unicode ranges of Chinese news text: ASCII and Latin-1, general punctuation, CJK symbols
#: and punctuation, CJK ideographs (extension A and unified), full-width forms.
_CHINESE_TEXT = re.compile("[\u0009\u000a\u000d\u0020-\u00ff\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 without a byte-order mark, else None: the
    endianness whose strict decoding is (nearly) all characters of Chinese news text. The other
    one turns 中 (U+4E2D) into U+2D4E and a newline into U+0A00."""
    if len(data) % 2:
        return None
    best, best_share = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            sample = _decode(data[: 1 << 16], encoding)
        except UnicodeDecodeError:
            continue
        if not sample:
            continue
        share = len(_CHINESE_TEXT.findall(sample)) / len(sample)
        if share > best_share:
            best, best_share = encoding, share
    return best if best_share >= _MIN_UTF16_SHARE else None


def _gb2312_share(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that GB2312 has (the 7,445 characters of
    mainland print): about 1 for simplified Chinese, far less for Big5 or Latin-1 bytes read as
    GB18030 (they turn into rare characters of GB18030's extensions)."""
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    if non_ascii == 0:
        return 1.0
    common = (len(text.encode("gb2312", errors="ignore")) - (len(text) - non_ascii)) // 2
    return common / non_ascii


def _guess(data: bytes, path: str | Path) -> tuple[str, str | None]:
    """(codec, warning) for bytes that are not UTF-8, or InputError.

    GB18030 when the bytes decode as GB18030 into the characters of mainland print (see
    :func:`_gb2312_share`); else charset-normalizer's guess among the candidates of files.toml.
    """
    try:
        sample = _decode(data[: 1 << 16], "gb18030")
    except UnicodeDecodeError as exc:
        sample = None if exc.end < min(len(data), 1 << 16) - 4 else ""
    if sample is not None and _gb2312_share(sample) >= _MIN_GB2312:
        return "gb18030", None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise InputError("E101", path, detail=_first_bad_byte(data))
    name = best.encoding
    if best.chaos > _MAX_CHAOS:
        raise InputError("E101", path, detail=f"unsure: looks most like {name}, {best.chaos:.0%} of it odd characters")
    if name in _ACCEPT:
        return _CODEC.get(name, name), None
    if name in _WARN:
        return _CODEC.get(name, name), f"decoded as {name} (traditional Chinese); check the names"
    raise InputError("E107", path, detail=f"looks like {name}")


def _first_bad_byte(data: bytes) -> str:
    """Where the decoding that got furthest failed (UTF-8 or GB18030): the likelier encoding."""
    errors = []
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError as exc:
            errors.append(exc)
    if not errors:
        return "no encoding fits"
    worst = max(errors, key=lambda e: e.start)
    return f"byte 0x{data[worst.start]:02x} at {worst.start}"


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\ufeff" in text:  # a BOM in mid-file: the start of a second file
        text = text.replace("\ufeff", "\n")
    return text


def decode_page(data: bytes, path: str | Path = "<bytes>") -> Decoded:
    """Decode a page's bytes (see the module docstring); ``path`` only names it in errors.

    >>> decode_page("本报讯\\r\\n".encode("gb18030")).text
    '本报讯\\n'
    >>> decode_page(codecs.BOM_UTF16_LE + "甲\\n乙".encode("utf-16-le"))
    Decoded(text='甲\\n乙', encoding='utf-16-le', warning=None)
    >>> decode_page("臺灣省政府今日宣布新的經濟政策，行政院長表示將擴大公共建設投資。".encode("big5")).warning
    'decoded as big5 (traditional Chinese); check the names'
    """
    if not data:
        raise InputError("E102", path)
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    warning = None
    if encoding is not None:
        bom = next(b for b, enc in _BOMS if enc == encoding)
        body = data[len(bom) :]
        try:
            text = _decode(body, encoding)
        except UnicodeDecodeError as exc:
            raise InputError("E101", path, detail=f"not {encoding} after its byte-order mark (byte 0x{body[exc.start]:02x} at {exc.start + len(bom)})") from exc
        encoding = encoding if encoding != "utf-8" else "utf-8-sig"
    else:
        encoding = _utf16_without_bom(data) if b"\x00" in data else None
        if encoding is not None:
            text = _decode(data, encoding)
        else:
            reason = _binary_reason(data)
            if reason:
                raise InputError("E103", path, detail=reason)
            try:
                text, encoding = _decode(data, "utf-8"), "utf-8"
            except UnicodeDecodeError:
                encoding, warning = _guess(data, path)
                try:
                    text = _decode(data, encoding)
                except UnicodeDecodeError as exc:
                    raise InputError("E101", path, detail=f"not {encoding} (byte 0x{data[exc.start]:02x} at {exc.start})") from exc
    if not text.strip():
        raise InputError("E102", path)
    return Decoded(_normalise(text), encoding, warning)


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> str:
    """The text of a page's bytes (see :func:`decode_page`).

    >>> decode_bytes("本报讯\\r\\n".encode("gb18030"))
    '本报讯\\n'
    >>> decode_bytes(codecs.BOM_UTF8 + "甲\\r乙".encode())
    '甲\\n乙'
    """
    return decode_page(data, path).text


def read_page_bytes(path: str | Path, limit: int = MAX_PAGE_BYTES) -> bytes:
    """The bytes of a page file, refusing what is not a regular file before opening it.

    Raises :class:`kg.errors.InputError`: E100 missing (or a dangling symbolic link), E104 a
    folder, a FIFO, a device or a socket (reading one would hang or never end) or any OS error
    such as no permission, E108 larger than ``limit`` bytes.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError as exc:
        if p.is_symlink():
            raise InputError("E100", path, detail="dangling symbolic link") from exc
        raise InputError("E100", path) from exc
    except OSError as exc:
        raise InputError("E104", path, detail=exc.strerror or str(exc)) from exc
    if stat.S_ISDIR(st.st_mode):
        raise InputError("E104", path, detail="is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError("E104", path, detail=f"not a regular file ({_file_kind(st.st_mode)})")
    if st.st_size > limit:
        raise InputError("E108", path, detail=f"{st.st_size:,} bytes, the limit is {limit:,}")
    try:
        # O_NONBLOCK: should the file have become a FIFO since stat(), open() does not hang.
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError("E104", path, detail=exc.strerror or str(exc)) from exc
    if len(data) > limit:
        raise InputError("E108", path, detail=f"more than {limit:,} bytes")
    return data


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def decode_file(path: str | Path) -> str:
    """Read a page file as text (see :func:`read_page_bytes` and :func:`decode_page`)."""
    return decode_page(read_page_bytes(path), path).text


def remove_controls(text: str) -> tuple[str, list[int]]:
    """``text`` without control characters (C0, DEL, C1 except tab and newline) and the
    offsets in ``text`` of the characters removed, ascending.

    >>> remove_controls("a\\x1b[1mb\\x85c\\n")
    ('a[1mbc\\n', [1, 6])
    """
    removed = [m.start() for m in _CONTROLS_RE.finditer(text)]
    if not removed:
        return text, []
    return _CONTROLS_RE.sub("", text), removed
