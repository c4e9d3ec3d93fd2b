"""Positions and ranges in source files.

Lines and columns are 1-based; columns count characters (Unicode code points
grouped as grapheme clusters are *not* merged — Terraform counts columns in
grapheme clusters only when rendering, which the renderer handles). Byte
offsets are 0-based offsets into the UTF-8 encoding of the file.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pos:
    line: int
    column: int
    byte: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Range:
    filename: str
    start: Pos
    end: Pos

    def __str__(self) -> str:
        return f"{self.filename}:{self.start.line},{self.start.column}-{self.end.line},{self.end.column}"

    def to(self, other: Range) -> Range:
        """The range from the start of this one to the end of `other`."""
        return Range(self.filename, self.start, other.end)

    def contains(self, pos: Pos) -> bool:
        return self.start.byte <= pos.byte < self.end.byte

    @staticmethod
    def between(a: Range, b: Range) -> Range:
        return Range(a.filename, a.start, b.end)


ZERO_POS = Pos(1, 1, 0)


def empty_range(filename: str = "") -> Range:
    return Range(filename, ZERO_POS, ZERO_POS)
