"""A lossless token scanner for HCL native syntax, used by the formatter.

Every byte of the input ends up in exactly one token except the spaces and
tabs between tokens (which the formatter recomputes) and a leading byte order
mark. The scanner never fails: characters it cannot place become INVALID
tokens, so that the formatter can still run on (and tests can feed it)
broken input.

Plain runs of tokens are split in bulk (:mod:`hclrun.syntax.scanner_plain`);
templates with interpolation, heredocs and non-ASCII identifiers go through
the modal scanner (:mod:`hclrun.syntax.scanner_templates`), which returns as
soon as the text is plain again.
"""

from __future__ import annotations

from hclrun.syntax import tokens as t
from hclrun.syntax.scanner_plain import scan_plain
from hclrun.syntax.scanner_templates import scan_construct


def scan(text: str) -> tuple[list[int], list[str]]:
    """Split `text` into parallel lists of token kinds and token texts, ending with EOF."""
    kinds: list[int] = []
    texts: list[str] = []
    end = len(text)
    pos = 1 if text.startswith("\ufeff") else 0
    while pos < end:
        pos = scan_plain(text, pos, kinds, texts)
        if pos < end:
            pos = scan_construct(text, pos, kinds, texts)
    kinds.append(t.EOF)
    texts.append("")
    return kinds, texts
