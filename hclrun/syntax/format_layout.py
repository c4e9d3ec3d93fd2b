"""Whitespace layout of a token stream: the canonical HCL formatting rules.

The input is split into lines (at newline tokens and single-line comments).
Each line has up to three cells: the *lead*, an *assign* cell starting at the
first ``=`` when the rest of the line is bracket-balanced, and a trailing
*comment* cell. Then:

1. spacing between neighbouring tokens (:mod:`hclrun.syntax.format_spacing`);
2. indentation: two spaces per nesting level, tracked line by line with a
   stack of how many brackets each indenting line opened;
3. alignment: the ``=`` of consecutive lines with an assign cell, and the
   trailing comments of consecutive lines with a comment cell, line up one
   column after the widest preceding text (widths in grapheme clusters).

Only the number of spaces before each token changes; token texts never do.
Bracket balances come from a prefix sum over the whole stream, so each line
costs a constant number of steps beyond what runs in C.
"""

from __future__ import annotations

import unicodedata

import regex

from hclrun.syntax import tokens as t
from hclrun.syntax.format_lines import bracket_depths, line_ends, token_count
from hclrun.syntax.format_spacing import pair_spaces, space_after

__all__ = ["layout", "render", "space_after"]

_GRAPHEME = regex.compile(r"\X")

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


def _width(start: int, stop: int, texts: list[str], spaces: list[int]) -> int:
    """Columns taken by tokens [start, stop) with the spaces before each."""
    joined = "".join(texts[start:stop])
    if joined.isascii() and "\r" not in joined:
        columns = len(joined)
    else:  # clusters never span tokens
        columns = sum(_columns(text) for text in texts[start:stop])
    return sum(spaces[start:stop]) + columns


def _align(runs: list[list[tuple[int, int]]], texts: list[str], spaces: list[int]) -> None:
    """Pad the cell starting at each `stop` so that the cells of a run start in one column."""
    for run in runs:
        if len(run) == 1:
            spaces[run[0][1]] = 1
            continue
        widths = [_width(lead, stop, texts, spaces) for lead, stop in run]
        widest = max(widths)
        for (_, stop), width in zip(run, widths):
            spaces[stop] = widest - width + 1


def layout(kinds: list[int], texts: list[str]) -> list[int]:
    """The number of spaces to write before each token, in canonical style."""
    count = token_count(kinds)
    spaces = pair_spaces(kinds, texts)
    depth = bracket_depths(kinds)
    stops = [end + 1 for end in line_ends(kinds, texts, count)]
    if (stops[-1] if stops else 0) < count:
        stops.append(count)
    coded = bytes(kinds[:count])
    equal = t.EQUAL
    heredoc = t.OHEREDOC if bytes([t.OHEREDOC]) in coded else -1
    newline, comment_kind = t.NEWLINE, t.COMMENT

    indents: list[int] = []
    assign_runs: list[list[tuple[int, int]]] = []
    comment_runs: list[list[tuple[int, int]]] = []
    assign_run: list[tuple[int, int]] = []
    comment_run: list[tuple[int, int]] = []
    lead = 0
    for end in stops:
        if kinds[lead] == newline:  # a blank line
            spaces[lead] = 0
            if assign_run:
                assign_runs.append(assign_run)
                assign_run = []
            if comment_run:
                comment_runs.append(comment_run)
                comment_run = []
            lead = end
            continue
        comment = end - 1 if end - lead > 1 and kinds[end - 1] == comment_kind else end
        assign = coded.find(equal, lead + 1, comment)
        if assign < 0 or depth[comment] != depth[assign]:
            assign = comment

        heredoc_at = coded.find(heredoc, lead, assign) if heredoc >= 0 else -1
        if heredoc_at >= 0:  # brackets after a heredoc in the lead do not count
            net = depth[heredoc_at + 1] - depth[lead] + depth[comment] - depth[assign]
        else:
            net = depth[comment] - depth[lead]
        if net > 0:
            spaces[lead] = 2 * len(indents)
            indents.append(net)
        else:
            closed = -net
            while closed > 0 and indents:
                top = indents[-1]
                if closed >= top:
                    closed -= top
                    indents.pop()
                else:
                    indents[-1] = top - closed
                    closed = 0
            spaces[lead] = 2 * len(indents)

        if assign < comment:
            assign_run.append((lead, assign))
        elif assign_run:
            assign_runs.append(assign_run)
            assign_run = []
        if comment < end:
            comment_run.append((lead, comment))
        elif comment_run:
            comment_runs.append(comment_run)
            comment_run = []
        lead = end
    if assign_run:
        assign_runs.append(assign_run)
    if comment_run:
        comment_runs.append(comment_run)
    _align(assign_runs, texts, spaces)
    _align(comment_runs, texts, spaces)
    return spaces


def render(kinds: list[int], texts: list[str], spaces: list[int]) -> str:
    """Join tokens with their leading spaces (the EOF token contributes nothing)."""
    pads = [" " * width for width in range(max(spaces, default=0) + 1)]
    parts: list[str] = [""] * (2 * len(texts))
    parts[::2] = map(pads.__getitem__, spaces)
    parts[1::2] = texts
    return "".join(parts)
