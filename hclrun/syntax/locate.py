"""Turning character offsets into source positions and ranges.

The scanner works on ``str`` offsets; diagnostics and the tree need 1-based
line/column (in characters) and 0-based byte offsets into the UTF-8 source.
A parse may start at a given position inside a larger file (an expression
embedded in JSON, a ``-target`` argument), which shifts every position.

A parse makes a range for nearly every token and tree node, while most of
those ranges are never read. :class:`SourceRange` therefore keeps only its
two offsets and the :class:`Locator` of its text, and works out its ``Pos``
ends on first access. It is a ``Range`` in every way callers can observe:
the same attributes, equality, hash, repr, pickling and copies.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add
from typing import Any

from hclrun.source import Pos, Range


class Locator:
    """Maps character offsets in ``text`` to positions, relative to ``base``.

    The line table is built on the first lookup: a parse only stores offsets.
    """

    __slots__ = ("_byte_starts", "_line_starts", "base", "filename", "text")

    def __init__(self, text: str, filename: str, base: Pos | None = None) -> None:
        self.text = text
        self.filename = filename
        self.base = base or Pos(1, 1, 0)
        self._line_starts: list[int] | None = None
        self._byte_starts: list[int] | None = None

    def _lines(self) -> list[int]:
        """The offset where each line starts, then a sentinel past every offset."""
        starts = self._line_starts
        if starts is None:
            text = self.text
            lines = text.split("\n")
            del lines[-1]  # the text after the last newline starts no further line
            starts = [0, *accumulate(map(add, map(len, lines), repeat(1))), sys.maxsize]
            self._line_starts = starts
            if not text.isascii():
                encoded = (len(line.encode("utf-8", "surrogatepass")) + 1 for line in lines)
                self._byte_starts = [0, *accumulate(encoded)]
        return starts

    def pos(self, offset: int) -> Pos:
        starts = self._lines()
        index = bisect_right(starts, offset) - 1
        line_start = starts[index]
        base = self.base
        if self._byte_starts is None:
            byte = offset
        else:
            byte = self._byte_starts[index] + len(self.text[line_start:offset].encode("utf-8", "surrogatepass"))
        if index:
            return Pos(base.line + index, offset - line_start + 1, base.byte + byte)
        return Pos(base.line, base.column + offset, base.byte + byte)

    def offset(self, pos: Pos) -> int:
        """The character offset of ``pos`` (the inverse of :meth:`pos`)."""
        index = pos.line - self.base.line
        if index == 0:
            return pos.column - self.base.column
        return self._lines()[index] + pos.column - 1

    def range(self, start: int, end: int) -> Range:
        """The range from offset ``start`` to ``end``, resolved when first read."""
        return source_range(self, start, end)

    def point(self, offset: int) -> Range:
        return source_range(self, offset, offset)


_new = object.__new__
_get_filename = Range.__dict__["filename"].__get__
_set_filename = Range.__dict__["filename"].__set__
_get_start = Range.__dict__["start"].__get__
_set_start = Range.__dict__["start"].__set__
_get_end = Range.__dict__["end"].__get__
_set_end = Range.__dict__["end"].__set__


class SourceRange(Range):
    """A ``Range`` of a scanned text, kept as offsets until its positions are read.

    ``_span`` is ``(locator, start offset, end offset)``. The inherited slots
    hold the resolved ``filename``, ``start`` and ``end`` once read. A
    ``SourceRange`` built with the ordinary ``Range`` arguments (as
    ``dataclasses.replace`` does) has no ``_span`` and is resolved from the
    start.
    """

    __slots__ = ("_span",)
    _span: tuple[Locator, int, int]

    @property  # type: ignore[override]
    def filename(self) -> str:
        try:
            return _get_filename(self)  # type: ignore[no-any-return]
        except AttributeError:
            name = self._span[0].filename
            _set_filename(self, name)
            return name

    @filename.setter
    def filename(self, value: str) -> None:  # only reached through object.__setattr__ (Range.__init__)
        _set_filename(self, value)

    @property  # type: ignore[override]
    def start(self) -> Pos:
        try:
            return _get_start(self)  # type: ignore[no-any-return]
        except AttributeError:
            locator, offset, _ = self._span
            pos = locator.pos(offset)
            _set_start(self, pos)
            return pos

    @start.setter
    def start(self, value: Pos) -> None:
        _set_start(self, value)

    @property  # type: ignore[override]
    def end(self) -> Pos:
        try:
            return _get_end(self)  # type: ignore[no-any-return]
        except AttributeError:
            locator, _, offset = self._span
            pos = locator.pos(offset)
            _set_end(self, pos)
            return pos

    @end.setter
    def end(self, value: Pos) -> None:
        _set_end(self, value)

    def __eq__(self, other: object) -> bool:
        if type(other) is SourceRange:
            try:
                mine, theirs = self._span, other._span
            except AttributeError:
                pass
            else:
                if mine[0] is theirs[0]:  # one text: offsets map to positions one to one
                    return mine[1] == theirs[1] and mine[2] == theirs[2]
        if isinstance(other, Range):
            return (self.filename, self.start, self.end) == (other.filename, other.start, other.end)
        return NotImplemented

    __hash__ = Range.__hash__

    def __repr__(self) -> str:
        return f"Range(filename={self.filename!r}, start={self.start!r}, end={self.end!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Range, (self.filename, self.start, self.end))


_set_span = SourceRange.__dict__["_span"].__set__


def source_range(locator: Locator, start: int, end: int) -> SourceRange:
    """The range of ``locator``'s text from offset ``start`` to ``end``."""
    made = _new(SourceRange)
    _set_span(made, (locator, start, end))
    return made


def span(first: Range, last: Range) -> Range:
    """The range from the start of ``first`` to the end of ``last``."""
    if type(first) is SourceRange and type(last) is SourceRange:
        try:
            head, tail = first._span, last._span
        except AttributeError:
            pass
        else:
            if head[0] is tail[0]:
                return source_range(head[0], head[1], tail[2])
    return Range(first.filename, first.start, last.end)


def end_point(rng: Range) -> Range:
    """The empty range at the end of ``rng``."""
    if type(rng) is SourceRange:
        try:
            locator, _, end = rng._span
        except AttributeError:
            pass
        else:
            return source_range(locator, end, end)
    return Range(rng.filename, rng.end, rng.end)


def start_offset(rng: Range, locator: Locator) -> int:
    """The character offset in ``locator``'s text where ``rng`` starts."""
    if type(rng) is SourceRange:
        try:
            owner, start, _ = rng._span
        except AttributeError:
            pass
        else:
            if owner is locator:
                return start
    return locator.offset(rng.start)
