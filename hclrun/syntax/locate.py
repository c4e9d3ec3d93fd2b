"""Turning character offsets into source positions and ranges.

The scanner works on ``str`` offsets; diagnostics and the tree need 1-based
line/column (in characters) and 0-based byte offsets into the UTF-8 source.
A parse may start at a given position inside a larger file (an expression
embedded in JSON, a ``-target`` argument), which shifts every position.

A parse builds a ``Pos`` or ``Range`` for nearly every token, and the frozen
dataclasses' own constructors (one ``object.__setattr__`` call per field)
were the largest single cost of parsing. ``new_pos`` and ``new_range`` build
the same objects several times faster: they fill an unguarded twin with the
same slot layout and then give it its real class, which leaves a genuine,
frozen ``Pos``/``Range``.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right

from hclrun.source import Pos, Range

_LINE_END = re.compile("\n")


class _PosSlots:
    __slots__ = ("line", "column", "byte")

    def __init__(self, line: int, column: int, byte: int) -> None:
        self.line = line
        self.column = column
        self.byte = byte


class _RangeSlots:
    __slots__ = ("filename", "start", "end")

    def __init__(self, filename: str, start: Pos, end: Pos) -> None:
        self.filename = filename
        self.start = start
        self.end = end


def new_pos(line: int, column: int, byte: int) -> Pos:
    """``Pos(line, column, byte)``, built faster."""
    made = _PosSlots(line, column, byte)
    made.__class__ = Pos  # type: ignore[assignment]
    return made  # type: ignore[return-value]


def new_range(filename: str, start: Pos, end: Pos) -> Range:
    """``Range(filename, start, end)``, built faster."""
    made = _RangeSlots(filename, start, end)
    made.__class__ = Range  # type: ignore[assignment]
    return made  # type: ignore[return-value]


def _check_layouts() -> None:
    """The twins must match the real classes field for field, or the class switch is refused."""
    if new_pos(1, 2, 3) != Pos(1, 2, 3) or new_range("f", Pos(1, 2, 3), Pos(4, 5, 6)) != Range("f", Pos(1, 2, 3), Pos(4, 5, 6)):
        raise AssertionError("position twins are out of date with hclrun.source")


_check_layouts()


class Locator:
    """Maps character offsets in ``text`` to positions, relative to ``base``."""

    __slots__ = ("_ascii", "_byte_starts", "_line_starts", "_plain", "base", "filename", "text")

    def __init__(self, text: str, filename: str, base: Pos | None = None) -> None:
        self.text = text
        self.filename = filename
        self.base = base or Pos(1, 1, 0)
        # The last entry is a sentinel past every offset, so ``starts[i + 1]``
        # always exists for a line ``i`` that holds an offset.
        self._line_starts = [0, *(m.end() for m in _LINE_END.finditer(text)), sys.maxsize]
        self._ascii = text.isascii()
        self._byte_starts: list[int] | None = None
        if not self._ascii:
            starts = self._line_starts
            total = 0
            byte_starts = [0]
            for i in range(1, len(starts) - 1):
                total += len(text[starts[i - 1] : starts[i]].encode("utf-8", "surrogatepass"))
                byte_starts.append(total)
            self._byte_starts = byte_starts
        # ASCII text parsed from its own start: lines, columns and bytes follow
        # from the offset alone (the fast path of ``range``).
        self._plain = self._ascii and self.base == Pos(1, 1, 0)

    def pos(self, offset: int) -> Pos:
        starts = self._line_starts
        index = bisect_right(starts, offset) - 1
        base = self.base
        if self._byte_starts is None:
            if index:
                return new_pos(base.line + index, offset - starts[index] + 1, base.byte + offset)
            return new_pos(base.line, base.column + offset, base.byte + offset)
        line_start = starts[index]
        byte = self._byte_starts[index] + len(self.text[line_start:offset].encode("utf-8", "surrogatepass"))
        if index:
            return new_pos(base.line + index, offset - line_start + 1, base.byte + byte)
        return new_pos(base.line, base.column + offset, base.byte + byte)

    def offset(self, pos: Pos) -> int:
        """The character offset of ``pos`` (the inverse of :meth:`pos`)."""
        index = pos.line - self.base.line
        if index == 0:
            return pos.column - self.base.column
        return self._line_starts[index] + pos.column - 1

    def range(self, start: int, end: int) -> Range:
        if not self._plain:
            return new_range(self.filename, self.pos(start), self.pos(end))
        # The common case, with ``new_pos``/``new_range`` written out: this
        # runs for nearly every token.
        starts = self._line_starts
        index = bisect_right(starts, start) - 1
        line_start = starts[index]
        line = index + 1
        first = _PosSlots(line, start - line_start + 1, start)
        first.__class__ = Pos  # type: ignore[assignment]
        if end < starts[line]:  # both ends on one line: no second search
            last = _PosSlots(line, end - line_start + 1, end)
            last.__class__ = Pos  # type: ignore[assignment]
        else:
            last = self.pos(end)  # type: ignore[assignment]
        made = _RangeSlots(self.filename, first, last)  # type: ignore[arg-type]
        made.__class__ = Range  # type: ignore[assignment]
        return made  # type: ignore[return-value]

    def point(self, offset: int) -> Range:
        p = self.pos(offset)
        return new_range(self.filename, p, p)
