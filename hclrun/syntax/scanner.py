"""A lossless token scanner for HCL native syntax, used by the formatter.

Every byte of the input ends up in exactly one token except the spaces and
tabs between tokens (which the formatter recomputes) and a leading byte order
mark. The scanner never fails: characters it cannot place become INVALID
tokens, so that the formatter can still run on (and tests can feed it)
broken input.

Most of a configuration is plain expression-mode text: identifiers,
punctuation, numbers, comments and strings without interpolation. Such runs
are found with one regular expression match and split into tokens with one
``findall``, so the per-token work is a dictionary lookup for its kind.
Everything else (templates with interpolation, heredocs, non-ASCII
identifiers) goes through the modal scanner in
:mod:`hclrun.syntax.scanner_templates`, which returns as soon as the text is
plain again.
"""

from __future__ import annotations

import re

from hclrun.syntax import tokens as t
from hclrun.syntax.scanner_templates import scan_construct

# One plain token, in an order where no alternative can match a prefix of a
# token another one would have produced (so the order only affects speed).
# It excludes what the modal scanner must handle: a quote that does not start
# a plain string, `<<`, and identifiers that are not wholly ASCII.
_PLAIN_TOKEN = r"""
      [A-Za-z_][A-Za-z0-9_\-]*+<ident_end>
    | ==|!=|>=|<=|&&|\|\||::|\.\.\.|=>|~?\}
    | //[^\n]*\n?|/\*.*?\*/
    | <single_start>[\[\]().,*/%+\-=<>!?:&|~^;`'{]
    | \r?\n
    | "(?:[^"\\$%\r\n]|\\[^\r\n]|[$%](?!\{))*+"
    | \d(?:\d|[eE][+-]?\d|\.+(?=\d|[eE][+-]?\d))*
    | \#[^\n]*\n?
    | [^"<A-Za-z_\x80-\U0010ffff]
"""


def _plain_token(ident_end: str, single_start: str) -> str:
    return _PLAIN_TOKEN.replace("<ident_end>", ident_end).replace("<single_start>", single_start)


# The longest run of plain tokens from a position. It checks what splitting
# the run (below) can then take for granted: an identifier is not followed by
# a non-ASCII character, and `<` does not start `<<`.
_PLAIN_RUN = re.compile(
    r"(?:[ \t]*+(?:" + _plain_token(ident_end=r"(?![^\x00-\x7f])", single_start="(?!<<)") + r"))*+",
    re.VERBOSE | re.DOTALL,
)
_PLAIN_SPLIT = re.compile(
    r"[ \t]*(" + _plain_token(ident_end="", single_start="") + r")",
    re.VERBOSE | re.DOTALL,
)

_PLAIN_STRING = -1  # kind of a whole `"..."` token before it is split in three

_EXACT_KINDS: dict[str, int] = {
    **t.SINGLE_CHAR_KINDS,
    **t.MULTI_CHAR_KINDS,
    "\n": t.NEWLINE,
    "\r\n": t.NEWLINE,
    "}": t.CBRACE,
    "~}": t.TEMPLATE_SEQ_END,  # outside a template nothing is open for it to close
}


def _first_char_kinds() -> dict[str, int]:
    kinds = {chr(code): t.INVALID for code in range(128)}
    for char in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_":
        kinds[char] = t.IDENT
    for char in "0123456789":
        kinds[char] = t.NUMBER_LIT
    kinds["#"] = kinds["/"] = t.COMMENT  # a lone "/" is an exact kind
    kinds['"'] = _PLAIN_STRING
    return kinds


_FIRST_CHAR_KINDS = _first_char_kinds()


def _split_plain_strings(kinds: list[int], texts: list[str]) -> tuple[list[int], list[str]]:
    """Replace each whole plain-string token by OQUOTE, QUOTED_LIT (unless empty), CQUOTE."""
    new_kinds: list[int] = []
    new_texts: list[str] = []
    position = 0
    find = kinds.index
    while True:
        try:
            i = find(_PLAIN_STRING, position)
        except ValueError:
            break
        new_kinds += kinds[position:i]
        new_texts += texts[position:i]
        value = texts[i]
        if len(value) > 2:
            new_kinds += (t.OQUOTE, t.QUOTED_LIT, t.CQUOTE)
            new_texts += ('"', value[1:-1], '"')
        else:
            new_kinds += (t.OQUOTE, t.CQUOTE)
            new_texts += ('"', '"')
        position = i + 1
    new_kinds += kinds[position:]
    new_texts += texts[position:]
    return new_kinds, new_texts


def scan(text: str) -> tuple[list[int], list[str]]:
    """Split `text` into parallel lists of token kinds and token texts, ending with EOF."""
    kinds: list[int] = []
    texts: list[str] = []
    end = len(text)
    pos = 1 if text.startswith("\ufeff") else 0
    plain_run = _PLAIN_RUN.match
    split = _PLAIN_SPLIT.findall
    exact = _EXACT_KINDS.get
    first_char = _FIRST_CHAR_KINDS
    while pos < end:
        stop = plain_run(text, pos).end()  # type: ignore[union-attr]  # a `*` always matches
        if stop > pos:
            run_texts = split(text, pos, stop)
            run_kinds = [exact(value) or first_char[value[0]] for value in run_texts]
            if _PLAIN_STRING in run_kinds:
                run_kinds, run_texts = _split_plain_strings(run_kinds, run_texts)
            kinds += run_kinds
            texts += run_texts
            pos = stop
        if pos < end:
            pos = scan_construct(text, pos, kinds, texts)
    kinds.append(t.EOF)
    texts.append("")
    return kinds, texts
