"""Turning character offsets into source positions and ranges.

The scanner works on ``str`` offsets; diagnostics and the tree need 1-based
line/column (in characters) and 0-based byte offsets into the UTF-8 source.
A parse may start at a given position inside a larger file (an expression
embedded in JSON, a ``-target`` argument), which shifts every position.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from hclrun.source import Pos, Range

_LINE_END = re.compile("\n")


class Locator:
    """Maps character offsets in ``text`` to positions, relative to ``base``."""

    __slots__ = ("_ascii", "_byte_starts", "_line_starts", "base", "filename", "text")

    def __init__(self, text: str, filename: str, base: Pos | None = None) -> None:
        self.text = text
        self.filename = filename
        self.base = base or Pos(1, 1, 0)
        self._line_starts = [0, *(m.end() for m in _LINE_END.finditer(text))]
        self._ascii = text.isascii()
        self._byte_starts: list[int] | None = None
        if not self._ascii:
            starts = self._line_starts
            total = 0
            byte_starts = [0]
            for i in range(1, len(starts)):
                total += len(text[starts[i - 1] : starts[i]].encode("utf-8", "surrogatepass"))
                byte_starts.append(total)
            self._byte_starts = byte_starts

    def pos(self, offset: int) -> Pos:
        starts = self._line_starts
        index = bisect_right(starts, offset) - 1
        base = self.base
        if self._byte_starts is None:
            if index:
                return Pos(base.line + index, offset - starts[index] + 1, base.byte + offset)
            return Pos(base.line, base.column + offset, base.byte + offset)
        line_start = starts[index]
        byte = self._byte_starts[index] + len(self.text[line_start:offset].encode("utf-8", "surrogatepass"))
        if index:
            return Pos(base.line + index, offset - line_start + 1, base.byte + byte)
        return Pos(base.line, base.column + offset, base.byte + byte)

    def offset(self, pos: Pos) -> int:
        """The character offset of ``pos`` (the inverse of :meth:`pos`)."""
        index = pos.line - self.base.line
        if index == 0:
            return pos.column - self.base.column
        return self._line_starts[index] + pos.column - 1

    def range(self, start: int, end: int) -> Range:
        return Range(self.filename, self.pos(start), self.pos(end))

    def point(self, offset: int) -> Range:
        p = self.pos(offset)
        return Range(self.filename, p, p)
