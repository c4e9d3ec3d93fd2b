"""Line structure of a token stream, computed in bulk for the formatter.

Lines end at newline tokens and at single-line comments (which include their
newline). Bracket depths are a prefix sum, so the net bracket change of any
token range is one subtraction.
"""

from __future__ import annotations

from itertools import accumulate
from operator import add

from hclrun.syntax import tokens as t

_NEWLINE_BYTE = bytes([t.NEWLINE])
_COMMENT_BYTE = bytes([t.COMMENT])


def token_count(kinds: list[int]) -> int:
    """The number of tokens before EOF."""
    return kinds.index(t.EOF) if t.EOF in kinds else len(kinds)


def line_ends(kinds: list[int], texts: list[str], count: int) -> list[int]:
    """Indices of the tokens that end a line, among the first `count` tokens, in order."""
    coded = bytes(kinds[:count])  # kinds are small ints, so bytes.split and find work on them
    parts = coded.split(_NEWLINE_BYTE)
    ends = list(map(add, accumulate(map(len, parts)), range(len(parts))))
    ends.pop()  # the position after the last part is not a newline
    if _COMMENT_BYTE in coded:
        find = coded.find
        comment_ends = []
        position = find(_COMMENT_BYTE)
        while position >= 0:
            if texts[position].endswith("\n"):
                comment_ends.append(position)
            position = find(_COMMENT_BYTE, position + 1)
        if comment_ends:
            ends = sorted(ends + comment_ends)
    return ends


def bracket_depths(kinds: list[int]) -> list[int]:
    """Entry i is the net number of brackets opened by tokens [0, i)."""
    depths = [0]
    depths += accumulate(map(t.BRACKET_CHANGE.__getitem__, kinds))
    return depths
