"""Token rewrites that ``fmt`` makes beyond whitespace.

A light structural walk over the token stream finds block headers and
attribute values (not object-constructor items), then:

* block labels are rewritten in quoted form (``resource aws_instance x`` →
  ``resource "aws_instance" "x"``); anything between the block type and the
  last label (such as comments) is dropped, and a quoted label that is not a
  single literal token (``"a$b"``) is dropped entirely, as Terraform does;
* an attribute value that is exactly one interpolation (``"${var.x}"``) is
  unwrapped one level, in parentheses if it spans lines;
* ``type`` in a top-level ``variable`` block loses legacy quotes
  (``"string"`` → ``string``, ``"list"`` → ``list(string)``) and bare
  collection keywords gain an element type (``list`` → ``list(any)``).

The walk expects syntactically valid input; on anything it does not
recognise it stops rewriting the rest of that body instead of failing.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from hclrun.syntax import tokens as t
from hclrun.syntax.format_lines import bracket_depths, line_ends, token_count
from hclrun.syntax.format_strings import decode_quoted_literal, encode_quoted_literal

Tokens = list[tuple[int, str]]

# How HCL's scanner splits quoted literal text: ${ and %{ escapes, a lone $ or %,
# or a run of anything else. A label survives only as zero or one such piece.
_LITERAL_PIECE = regex.compile(r"\$\$\{~?|%%\{~?|[$%]|[^$%]+")


class _Rewriter:
    def __init__(self, kinds: list[int], texts: list[str]) -> None:
        self.kinds = kinds
        self.texts = texts
        self.count = token_count(kinds)
        self.depths = bracket_depths(kinds)
        self.line_ends = [*line_ends(kinds, texts, self.count), self.count]
        # (start, stop, replacement tokens), in increasing order of start
        self.edits: list[tuple[int, int, Tokens]] = []

    def next_significant(self, i: int) -> int:
        """Index of the first token at or after `i` that is not a comment."""
        kinds = self.kinds
        while kinds[i] == t.COMMENT:
            i += 1
        return i

    def body(self, i: int, blocks: tuple[str, ...], nested: bool) -> int:
        """Walk body items from `i`; returns the index of the closing brace (or EOF)."""
        kinds, texts = self.kinds, self.texts
        while True:
            kind = kinds[i]
            if kind == t.NEWLINE or kind == t.COMMENT:
                i += 1
                continue
            if kind == t.EOF or (kind == t.CBRACE and nested):
                return i
            if kind != t.IDENT:
                return self.give_up(i, nested)
            name = texts[i]
            after_name = self.next_significant(i + 1)
            if kinds[after_name] == t.EQUAL:
                i = self.attribute(name, after_name + 1, blocks)
            else:
                i = self.block(name, i, after_name, blocks)
                if i < 0:
                    return self.give_up(-i, nested)

    def give_up(self, i: int, nested: bool) -> int:
        """Skip to the end of the enclosing body without rewriting it."""
        if not nested:
            return len(self.kinds) - 1
        depth = 0
        kinds = self.kinds
        while kinds[i] != t.EOF:
            change = t.bracket_change(kinds[i])
            if change < 0 and depth == 0 and kinds[i] == t.CBRACE:
                return i
            depth += change
            i += 1
        return i

    def expression_end(self, i: int) -> int:
        """Index just past the expression starting at `i` (trailing comments excluded).

        The expression ends at the first line end outside brackets, at a
        closing bracket it did not open (a single-line block's brace), or at
        EOF. Whole lines are checked at once through the bracket depths.
        """
        depths, line_ends = self.depths, self.line_ends
        base = depths[i]
        line = bisect_left(line_ends, i)
        start = i
        while True:
            end = line_ends[line]  # the last entry is EOF
            if start < end and min(depths[start + 1 : end + 1]) < base:
                end = start
                while depths[end + 1] >= base:
                    end += 1
                break
            if depths[end] == base or end == self.count:
                break
            start = end + 1
            line += 1
        last = end
        kinds = self.kinds
        while last > i and kinds[last - 1] == t.COMMENT:
            last -= 1
        return last

    def attribute(self, name: str, i: int, blocks: tuple[str, ...]) -> int:
        start = self.next_significant(i)
        stop = self.expression_end(start)
        is_type = blocks == ("variable",) and name == "type"
        if is_type or (stop - start >= 5 and _may_be_single_interpolation(self.kinds, start, stop)):
            original = list(zip(self.kinds[start:stop], self.texts[start:stop]))
            if is_type:
                replacement = _type_expression(original)
            else:
                replacement = _value_expression(original)
            if replacement is not original:
                self.edits.append((start, stop, replacement))
        return max(stop, start)

    def block(self, block_type: str, type_index: int, i: int, blocks: tuple[str, ...]) -> int:
        """Rewrite the labels of the block whose header starts at `type_index`; returns the index after it."""
        kinds, texts = self.kinds, self.texts
        labels: list[str | None] = []
        labels_end = type_index + 1
        while kinds[i] != t.OBRACE:
            if kinds[i] == t.IDENT:
                labels.append(texts[i])
                i += 1
            elif kinds[i] == t.OQUOTE:
                j = i + 1
                while kinds[j] == t.QUOTED_LIT:
                    j += 1
                if kinds[j] != t.CQUOTE:
                    return -i
                labels.append(_label_value("".join(texts[i + 1 : j])))
                i = j + 1
            else:
                return -i
            labels_end = i
            i = self.next_significant(i)
        if labels_end > type_index + 1:
            replacement: Tokens = []
            for label in labels:
                if label is not None:
                    replacement += [
                        (t.OQUOTE, '"'),
                        (t.QUOTED_LIT, encode_quoted_literal(label)),
                        (t.CQUOTE, '"'),
                    ]
            written = list(zip(kinds[type_index + 1 : labels_end], texts[type_index + 1 : labels_end]))
            if replacement != written:
                self.edits.append((type_index + 1, labels_end, replacement))
        close = self.body(i + 1, (*blocks, block_type), True)
        if kinds[close] != t.CBRACE:
            return -close
        return close + 1


def _label_value(literal: str) -> str | None:
    """The label a quoted label's literal text stands for, or None when Terraform drops it."""
    if not literal:
        return ""
    pieces = _LITERAL_PIECE.findall(literal)
    if len(pieces) != 1:
        return None
    return decode_quoted_literal(literal)


def _may_be_single_interpolation(kinds: list[int], start: int, stop: int) -> bool:
    """The cheap part of the test in :func:`_value_expression`, on kinds in place."""
    return (
        kinds[start] == t.OQUOTE
        and kinds[start + 1] == t.TEMPLATE_INTERP
        and kinds[stop - 2] == t.TEMPLATE_SEQ_END
        and kinds[stop - 1] == t.CQUOTE
    )


def _value_expression(tokens: Tokens) -> Tokens:
    """Unwrap ``"${expr}"`` to ``expr`` when the template is that one interpolation."""
    if len(tokens) < 5:
        return tokens
    if (
        tokens[0][0] != t.OQUOTE
        or tokens[1][0] != t.TEMPLATE_INTERP
        or tokens[-2][0] != t.TEMPLATE_SEQ_END
        or tokens[-1][0] != t.CQUOTE
    ):
        return tokens
    inside = tokens[2:-2]
    quotes = 0
    for kind, _ in inside:
        if kind == t.OQUOTE:
            quotes += 1
        elif kind == t.CQUOTE:
            quotes -= 1
        elif quotes > 0:
            continue
        elif kind in (t.TEMPLATE_INTERP, t.TEMPLATE_SEQ_END, t.QUOTED_LIT):
            return tokens
    first = 0
    while first < len(inside) and inside[first][0] == t.NEWLINE:
        first += 1
    last = len(inside)
    while last > first and inside[last - 1][0] == t.NEWLINE:
        last -= 1
    trimmed = inside[first:last]
    multi_line = False
    leading_paren = trailing_paren = False
    for index, (kind, _) in enumerate(trimmed):
        if index == 0 and kind == t.OPAREN:
            leading_paren = True
        elif kind == t.NEWLINE:
            multi_line = True
        elif index == len(trimmed) - 1 and kind == t.CPAREN:
            trailing_paren = True
    if multi_line and not (leading_paren and trailing_paren):
        return [(t.OPAREN, "("), *trimmed, (t.CPAREN, ")")]
    return trimmed


_LEGACY_TYPES: dict[str, Tokens] = {
    "string": [(t.IDENT, "string")],
    "list": [(t.IDENT, "list"), (t.OPAREN, "("), (t.IDENT, "string"), (t.CPAREN, ")")],
    "map": [(t.IDENT, "map"), (t.OPAREN, "("), (t.IDENT, "string"), (t.CPAREN, ")")],
}


def _type_expression(tokens: Tokens) -> Tokens:
    """Modernise a variable's type constraint written in pre-0.12 style."""
    if len(tokens) == 1:
        kind, text = tokens[0]
        if kind == t.IDENT and text in ("list", "map", "set"):
            return [tokens[0], (t.OPAREN, "("), (t.IDENT, "any"), (t.CPAREN, ")")]
        return tokens
    if len(tokens) == 3 and [k for k, _ in tokens] == [t.OQUOTE, t.QUOTED_LIT, t.CQUOTE]:
        replacement = _LEGACY_TYPES.get(tokens[1][1])
        if replacement is not None:
            return list(replacement)
    return tokens


def rewrite(kinds: list[int], texts: list[str]) -> tuple[list[int], list[str]]:
    """Apply Terraform's fmt rewrites; returns new token lists (the inputs are not changed)."""
    rewriter = _Rewriter(kinds, texts)
    rewriter.body(0, (), False)
    if not rewriter.edits:
        return kinds, texts
    new_kinds: list[int] = []
    new_texts: list[str] = []
    position = 0
    for start, stop, replacement in sorted(rewriter.edits, key=lambda edit: edit[0]):
        new_kinds += kinds[position:start]
        new_texts += texts[position:start]
        for kind, text in replacement:
            new_kinds.append(kind)
            new_texts.append(text)
        position = stop
    new_kinds += kinds[position:]
    new_texts += texts[position:]
    return new_kinds, new_texts
