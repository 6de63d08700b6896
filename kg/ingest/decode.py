"""Bytes to text: UTF-8 (with or without BOM), else GB18030; line endings to ``\\n``.

GB18030 is a superset of GBK and GB2312, so one fallback covers every mainland encoding. The
text returned is the *page text* that every offset of ``kg.model.Segment`` points into: nothing
else is normalised here (whitespace is trimmed per line by the splitter, between segments).

A file that is not a page raises :class:`kg.errors.InputError` with a code and the reason:
E100 missing, E102 empty, E103 binary, E101 not decodable, E104 cannot be read.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from kg.errors import InputError

#: Control bytes that never occur in text (everything below 0x20 except tab, LF, VT, FF, CR, ESC).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
#: How much of the file the binary check looks at, and the share of control bytes that makes
#: a file binary.
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.05

_ENCODINGS = ("utf-8", "gb18030")


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
        if exc.end == len(data) and exc.reason in ("unexpected end of data", "incomplete multibyte sequence"):
            return data[: exc.start].decode(encoding)
        raise


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> str:
    """The text of a page's bytes (see :func:`decode_file`); ``path`` only names it in errors.

    >>> decode_bytes("本报讯\\r\\n".encode("gb18030"))
    '本报讯\\n'
    >>> decode_bytes(codecs.BOM_UTF8 + "甲\\r乙".encode())
    '甲\\n乙'
    """
    if not data:
        raise InputError("E102", path)
    reason = _binary_reason(data)
    if reason:
        raise InputError("E103", path, detail=reason)
    body = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    errors: list[UnicodeDecodeError] = []
    text = None
    for encoding in _ENCODINGS:
        try:
            text = _decode(body, encoding)
            break
        except UnicodeDecodeError as exc:
            errors.append(exc)
    if text is None:
        # Name the byte where the decoding that got furthest failed: that is the likelier encoding.
        worst = max(errors, key=lambda e: e.start)
        offset = worst.start + len(data) - len(body)
        raise InputError("E101", path, detail=f"byte 0x{data[offset]:02x} at {offset}")
    if not text.strip():
        raise InputError("E102", path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_file(path: str | Path) -> str:
    """Read a page file as text.

    UTF-8 with or without BOM, else GB18030 (covers GBK/GB2312); CRLF and CR become LF.
    Raises :class:`kg.errors.InputError`: E100 missing, E102 empty (0 bytes or only whitespace),
    E103 binary (NUL bytes, or many control bytes), E101 not decodable (names the first bad byte
    and its offset), E104 any other OS error (a folder, no permission).
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("E100", path) from exc
    except IsADirectoryError as exc:
        raise InputError("E104", path, detail="is a directory") from exc
    except OSError as exc:
        raise InputError("E104", path, detail=exc.strerror or str(exc)) from exc
    return decode_bytes(data, path)
