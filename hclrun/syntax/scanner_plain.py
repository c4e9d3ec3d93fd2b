"""Runs of plain expression-mode tokens, split in bulk.

Most of a configuration is plain expression-mode text: identifiers,
punctuation, numbers, comments and strings without interpolation. Such a run
is found with one regular expression match and split into tokens with one
``findall``, so the per-token work is a dictionary lookup for its kind.
"""

from __future__ import annotations

import re

from hclrun.syntax import tokens as t

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
    | [^"A-Za-z_\x80-\U0010ffff\[\]().,*/%+\-=<>!?:&|~^;`'{}]
"""


def _compile(pattern: str, *, checked: bool) -> re.Pattern[str]:
    """The run pattern (`checked`) or the split pattern."""
    token = _PLAIN_TOKEN.replace("<ident_end>", r"(?![^\x00-\x7f])" if checked else "").replace(
        "<single_start>", "(?!<<)" if checked else ""
    )
    return re.compile(pattern.replace("<token>", token), re.VERBOSE | re.DOTALL)


# The longest run of plain tokens from a position is found with a `checked`
# pattern; the split pattern can then take for granted that an identifier is
# not followed by a non-ASCII character and that `<` does not start `<<`.
_RUN_PATTERN = r"(?:[ \t]*+(?:<token>))*+"
_SPLIT_PATTERN = r"[ \t]*(<token>)"
_RUN = _compile(_RUN_PATTERN, checked=True)
_SPLIT = _compile(_SPLIT_PATTERN, checked=False)

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


def scan_plain(text: str, pos: int, kinds: list[int], texts: list[str]) -> int:
    """Append the run of plain tokens at `pos`; returns where it ends (`pos` if there is none)."""
    stop = _RUN.match(text, pos).end()  # type: ignore[union-attr]  # a `*` always matches
    if stop == pos:
        return pos
    run_texts = _SPLIT.findall(text, pos, stop)
    exact = _EXACT_KINDS.get
    first_char = _FIRST_CHAR_KINDS
    run_kinds = [exact(value) or first_char[value[0]] for value in run_texts]
    if _PLAIN_STRING in run_kinds:
        run_kinds, run_texts = _split_plain_strings(run_kinds, run_texts)
    kinds += run_kinds
    texts += run_texts
    return stop
