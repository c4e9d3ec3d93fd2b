"""Whitespace layout of a token stream: the canonical HCL formatting rules.

The input is split into lines (at newline tokens and single-line comments).
Each line has up to three cells: the *lead*, an *assign* cell starting at the
first ``=`` when the rest of the line is bracket-balanced, and a trailing
*comment* cell. Then, in three passes:

1. indentation: two spaces per nesting level, tracked line by line with a
   stack of how many brackets each indenting line opened;
2. spacing between the tokens of each cell, decided by the kinds of the
   token, its predecessor and its successor;
3. alignment: the ``=`` of consecutive lines with an assign cell, and the
   trailing comments of consecutive lines with a comment cell, line up one
   column after the widest preceding text (widths in grapheme clusters).

Only the number of spaces before each token changes; token texts never do.
"""

from __future__ import annotations

import unicodedata

import regex

from hclrun.syntax import tokens as t

_GRAPHEME = regex.compile(r"\X")

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


# Decisions that depend only on kinds, filled on first use.
_SPACE_TABLE: dict[tuple[int, int, int], bool] = {}


# Indic viramas that Unicode 15.1 made join consonants into one grapheme cluster
# (rule GB9c). Terraform segments by Unicode 15.0, where each consonant starts
# a new cluster, so widths count those consonants separately.
_CONJUNCT_LINKERS = frozenset("\u094d\u09cd\u0acd\u0b4d\u0c4d\u0d4d")


def _columns(text: str) -> int:
    """Width of `text` in grapheme clusters, as Unicode 15.0 segments them."""
    if text.isascii() and "\r" not in text:
        return len(text)
    clusters = _GRAPHEME.findall(text)
    count = len(clusters)
    if not _CONJUNCT_LINKERS.isdisjoint(text):
        for cluster in clusters:
            if not _CONJUNCT_LINKERS.isdisjoint(cluster):
                count += sum(1 for char in cluster[1:] if unicodedata.category(char) == "Lo")
    return count


class _Line:
    """Token index bounds of one line's cells: lead [lead, assign), assign [assign, comment)."""

    __slots__ = ("assign", "comment", "end", "lead")

    def __init__(self, lead: int, assign: int, comment: int, end: int) -> None:
        self.lead = lead
        self.assign = assign  # == comment when there is no assign cell
        self.comment = comment  # == end when there is no comment cell
        self.end = end


def _split_lines(kinds: list[int], texts: list[str]) -> list[_Line]:
    lines: list[_Line] = []
    start = 0
    count = len(kinds)
    for i in range(count):
        kind = kinds[i]
        if kind == t.EOF:
            count = i
            break
        if kind == t.NEWLINE or (kind == t.COMMENT and texts[i].endswith("\n")):
            lines.append(_Line(start, i + 1, i + 1, i + 1))
            start = i + 1
    if start < count:
        lines.append(_Line(start, count, count, count))

    brackets = t.BRACKET_CHANGE
    for line in lines:
        lead, end = line.lead, line.end
        comment = end
        if end - lead > 1 and kinds[end - 1] == t.COMMENT:
            comment = end - 1
        assign = comment
        for i in range(lead + 1, comment):
            if kinds[i] == t.EQUAL:
                net = sum([brackets[k] for k in kinds[i:comment]])
                if net == 0:
                    assign = i
                break
        line.assign = assign
        line.comment = comment
    return lines


def _indent(lines: list[_Line], kinds: list[int], spaces: list[int]) -> None:
    indents: list[int] = []
    brackets = t.BRACKET_CHANGE
    for line in lines:
        if line.lead == line.end:
            continue
        if kinds[line.lead] == t.NEWLINE:
            spaces[line.lead] = 0
            continue
        net = 0
        for kind in kinds[line.lead : line.assign]:
            net += brackets[kind]
            if kind == t.OHEREDOC:
                break
        net += sum([brackets[k] for k in kinds[line.assign : line.comment]])
        if net > 0:
            spaces[line.lead] = 2 * len(indents)
            indents.append(net)
            continue
        closed = -net
        while closed > 0 and indents:
            top = indents[-1]
            if closed > top:
                closed -= top
                indents.pop()
            elif closed < top:
                indents[-1] = top - closed
                closed = 0
            else:
                indents.pop()
                closed = 0
        spaces[line.lead] = 2 * len(indents)


def _space_cell(start: int, stop: int, kinds: list[int], texts: list[str], spaces: list[int]) -> None:
    table = _SPACE_TABLE
    before = t.NIL
    for i in range(start, stop - 1):
        subject = kinds[i]
        after = kinds[i + 1]
        if subject == t.IDENT and texts[i] == "in":
            decision = space_after(subject, before, after, True)
        else:
            key = (before, subject, after)
            cached = table.get(key)
            if cached is None:
                cached = table[key] = space_after(subject, before, after)
            decision = cached
        spaces[i + 1] = 1 if decision else 0
        before = subject


def _width(start: int, stop: int, texts: list[str], spaces: list[int]) -> int:
    return sum(spaces[i] + _columns(texts[i]) for i in range(start, stop))


def _align(lines: list[_Line], texts: list[str], spaces: list[int]) -> None:
    def align_run(run: list[_Line], cell_of: str, width_of: list[int]) -> None:
        widest = max(width_of)
        for line, width in zip(run, width_of):
            spaces[getattr(line, cell_of)] = widest - width + 1

    run: list[_Line] = []
    widths: list[int] = []
    for line in [*lines, None]:
        if line is not None and line.assign < line.comment:
            run.append(line)
            widths.append(_width(line.lead, line.assign, texts, spaces))
        elif run:
            align_run(run, "assign", widths)
            run, widths = [], []
    for line in [*lines, None]:
        if line is not None and line.comment < line.end:
            run.append(line)
            widths.append(_width(line.lead, line.comment, texts, spaces))
        elif run:
            align_run(run, "comment", widths)
            run, widths = [], []


def layout(kinds: list[int], texts: list[str]) -> list[int]:
    """The number of spaces to write before each token, in canonical style."""
    spaces = [0] * len(kinds)
    lines = _split_lines(kinds, texts)
    _indent(lines, kinds, spaces)
    for line in lines:
        _space_cell(line.lead, line.assign, kinds, texts, spaces)
        if line.assign < line.comment:
            spaces[line.assign] = 1
            _space_cell(line.assign, line.comment, kinds, texts, spaces)
    _align(lines, texts, spaces)
    return spaces


def render(kinds: list[int], texts: list[str], spaces: list[int]) -> str:
    """Join tokens with their leading spaces (the EOF token contributes nothing)."""
    return "".join([" " * n + s if n else s for n, s in zip(spaces, texts)])
