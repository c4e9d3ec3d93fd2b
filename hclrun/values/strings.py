"""String helpers shared by several layers: grapheme clusters and Go-style quoting.

Terraform counts string length in grapheme clusters (Unicode extended
grapheme clusters, as ``regex``'s ``\\X`` finds them) and prints strings with
Go's ``strconv.Quote`` escapes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache


@cache
def _find_graphemes() -> Callable[[str], list[str]]:
    """``regex`` is imported on the first text that is not plain ASCII: most runs see none."""
    import regex

    return regex.compile(r"\X", regex.DOTALL).findall


def graphemes(s: str) -> list[str]:
    """The extended grapheme clusters of ``s``, in order (``"a\\r\\nb"`` → 3 clusters)."""
    if s.isascii() and "\r\n" not in s:
        return list(s)
    return _find_graphemes()(s)


def grapheme_length(s: str) -> int:
    if s.isascii() and "\r\n" not in s:
        return len(s)
    return len(_find_graphemes()(s))


def nfc(s: str) -> str:
    return s if s.isascii() else unicodedata.normalize("NFC", s)


_SIMPLE_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}


def go_quote(s: str) -> str:
    """``strconv.Quote``: double-quoted, printable Unicode kept, everything else escaped."""
    if s.isascii() and s.isprintable() and "\\" not in s and '"' not in s:
        return f'"{s}"'
    out = ['"']
    for ch in s:
        esc = _SIMPLE_ESCAPES.get(ch)
        if esc is not None:
            out.append(esc)
        elif _go_printable(ch):
            out.append(ch)
        else:
            cp = ord(ch)
            if 0xD800 <= cp <= 0xDFFF:
                out.append("\\ufffd")  # Go would see invalid UTF-8 here
            elif cp < 0x80:
                out.append(f"\\x{cp:02x}")
            elif cp < 0x10000:
                out.append(f"\\u{cp:04x}")
            else:
                out.append(f"\\U{cp:08x}")
    out.append('"')
    return "".join(out)


def _go_printable(ch: str) -> bool:
    """Go's ``unicode.IsPrint``: letters, marks, numbers, punctuation, symbols and ASCII space."""
    if ch == " ":
        return True
    cat = unicodedata.category(ch)
    return cat[0] in "LMNPS"
