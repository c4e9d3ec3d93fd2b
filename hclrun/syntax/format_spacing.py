"""Spacing between the tokens of one line: whether one space or none separates two tokens.

The decision depends on the kinds of the token (the *subject*), the token
after it and, for a minus sign and the keyword ``in`` only, the token before
it. :func:`pair_spaces` therefore decides every adjacent pair at once from a
table indexed by two kinds, then revisits the few tokens whose predecessor
matters.
"""

from __future__ import annotations

from operator import getitem

from hclrun.syntax import tokens as t

_MINUS_IS_NEGATION_AFTER = frozenset(
    {
        t.NIL, t.OPAREN, t.OBRACE, t.OBRACK, t.EQUAL, t.COLON, t.COMMA, t.QUESTION,
        t.PLUS, t.STAR, t.SLASH, t.PERCENT, t.MINUS,
        t.EQUALOP, t.NOTEQUAL, t.GREATERTHAN, t.GREATERTHANEQ, t.LESSTHAN, t.LESSTHANEQ,
        t.AND, t.OR, t.BANG,
    }
)  # fmt: skip
_NO_SPACE_INSIDE_TEMPLATE_AFTER = frozenset({t.QUOTED_LIT, t.STRING_LIT, t.OQUOTE, t.OHEREDOC})
_NO_SPACE_INSIDE_TEMPLATE_BEFORE = frozenset({t.QUOTED_LIT, t.STRING_LIT, t.CQUOTE, t.CHEREDOC})
_SEQUENCE_STARTS = frozenset({t.TEMPLATE_INTERP, t.TEMPLATE_CONTROL})


def space_after(subject: int, before: int, after: int, subject_is_in: bool = False) -> bool:
    """Whether one space separates `subject` from the `after` token on the same line.

    `before` is the kind of the token preceding `subject` (NIL at the start of
    a cell); `subject_is_in` says the subject is the identifier ``in``.
    """
    if after == t.NEWLINE or after == t.NIL:
        return False
    if subject == t.IDENT and after == t.OPAREN:
        return False  # function call
    if (subject == t.IDENT and after == t.DOUBLECOLON) or (subject == t.DOUBLECOLON and after == t.IDENT):
        return False  # provider::name::function
    if subject == t.DOT or after == t.DOT:
        return False
    if after == t.COMMA or after == t.ELLIPSIS:
        return False
    if subject == t.COMMA:
        return True
    if subject in _NO_SPACE_INSIDE_TEMPLATE_AFTER or after in _NO_SPACE_INSIDE_TEMPLATE_BEFORE:
        return False
    if subject_is_in and before == t.IDENT:
        return True  # `for x in [a]` keeps the space before the tuple
    if after == t.OBRACK and (subject == t.IDENT or subject == t.NUMBER_LIT or subject in t.CLOSERS):
        return False  # index
    if subject == t.BANG:
        return False
    if subject == t.MINUS:
        return before not in _MINUS_IS_NEGATION_AFTER
    if subject == t.OBRACE or after == t.CBRACE:
        return not (subject == t.OBRACE and after == t.CBRACE)
    if subject in _SEQUENCE_STARTS and after == t.OBRACE:
        return True
    if subject == t.CBRACE and after == t.TEMPLATE_SEQ_END:
        return True
    if subject == t.TEMPLATE_SEQ_END and after in _SEQUENCE_STARTS:
        return False
    if subject in t.OPENERS:
        return False
    if after in t.CLOSERS:
        return False
    return True


def _pair_table() -> list[list[int]]:
    """Spaces between a subject and the token after it, for subjects whose predecessor does not matter.

    Nothing follows the last token (EOF), so no space goes before EOF.
    """
    kinds = range(t.NIL + 1)
    table = [[1 if space_after(subject, t.NIL, after) else 0 for after in kinds] for subject in kinds]
    for row in table:
        row[t.EOF] = 0
    return table


_PAIR_SPACES = _pair_table()


def _starts_line(i: int, kinds: list[int], texts: list[str]) -> bool:
    if i == 0:
        return True
    previous = kinds[i - 1]
    return previous == t.NEWLINE or (previous == t.COMMENT and texts[i - 1].endswith("\n"))


def _positions(items: list[int] | list[str], item: int | str) -> list[int]:
    """Every index of `item` in `items` (list.index loops in C)."""
    found: list[int] = []
    index = items.index
    position = 0
    try:
        while True:
            position = index(item, position)  # type: ignore[arg-type]
            found.append(position)
            position += 1
    except ValueError:
        return found


def pair_spaces(kinds: list[int], texts: list[str]) -> list[int]:
    """Spaces before each token as decided by its neighbours on the line.

    The entry for a token that starts a line or a cell is meaningless here;
    the layout overwrites it with the indentation or the alignment.
    """
    spaces = [0]
    spaces += map(getitem, map(_PAIR_SPACES.__getitem__, kinds), kinds[1:])
    last = len(kinds) - 1 if kinds and kinds[-1] == t.EOF else len(kinds)  # no space before EOF
    for i in _positions(kinds, t.MINUS):
        if i + 1 < last:
            before = t.NIL if _starts_line(i, kinds, texts) else kinds[i - 1]
            spaces[i + 1] = 1 if space_after(t.MINUS, before, kinds[i + 1]) else 0
    for i in _positions(texts, "in"):
        if 0 < i and i + 1 < last and kinds[i] == t.IDENT and kinds[i - 1] == t.IDENT:
            spaces[i + 1] = 1 if space_after(t.IDENT, t.IDENT, kinds[i + 1], True) else 0
    return spaces
