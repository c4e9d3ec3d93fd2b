"""Canonical formatting of HCL native syntax, as ``terraform fmt`` does it.

Formatting works on tokens, not on the syntax tree: the source is scanned
losslessly (:mod:`hclrun.syntax.scanner`), a few constructs are rewritten
(:mod:`hclrun.syntax.format_rewrite`), and then only the whitespace between
tokens is recomputed (:mod:`hclrun.syntax.format_layout`). Comments, blank
lines, heredoc bodies and line endings are kept as written.

The input is assumed to be syntactically valid; callers that take user input
should parse it first and refuse to format a file with errors, because on
broken input the result is well-defined but rarely what the author meant.
"""

from __future__ import annotations

import gc

from hclrun.syntax.format_layout import layout, render
from hclrun.syntax.format_rewrite import rewrite
from hclrun.syntax.scanner import scan


def format_text(text: str) -> str:
    """Format HCL source given as text."""
    # Formatting allocates a few objects per byte and frees them together; none
    # form cycles, so the cyclic collector would only walk them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        kinds, texts = scan(text)
        kinds, texts = rewrite(kinds, texts)
        return render(kinds, texts, layout(kinds, texts))
    finally:
        if collecting:
            gc.enable()


def format_source(src: bytes) -> bytes:
    """Format HCL source bytes; bytes that are not valid UTF-8 pass through unchanged."""
    text = src.decode("utf-8", errors="surrogateescape")
    return format_text(text).encode("utf-8", errors="surrogateescape")
