"""Find the top-level block that encloses a byte offset, from the source text alone.

Terraform names that block in a diagnostic's header (``in resource "a" "b"``).
The scanner here understands just enough HCL to find block boundaries:
quoted strings with nested ``${…}``/``%{…}`` sequences, heredocs, and the
three comment forms. It never fails; on malformed input it does its best.
"""

from __future__ import annotations

import re

_HEREDOC = re.compile(rb"<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n")
_WORD = re.compile(rb"[A-Za-z_][A-Za-z0-9_-]*")
_OPENERS = b"{[("
_CLOSERS = b"}])"


def block_context(src: bytes, offset: int) -> str:
    """``type "label" …`` of the top-level block whose bytes contain ``offset``, or ""."""
    if offset < 0:
        return ""
    for start, end, header in top_level_blocks(src):
        if start <= offset < end:
            return header
        if start > offset:
            break
    return ""


def top_level_blocks(src: bytes) -> list[tuple[int, int, str]]:
    """``(start, end, header)`` for each top-level block, in source order."""
    blocks: list[tuple[int, int, str]] = []
    header: list[str] = []
    header_start = -1
    is_attribute = False
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == 0x0A:  # newline ends a header line
            header, header_start, is_attribute = [], -1, False
            i += 1
        elif c in b" \t\r":
            i += 1
        elif c == 0x23 or src.startswith(b"//", i) or src.startswith(b"/*", i):
            i = _skip_comment(src, i)
        elif c == 0x22:  # a quoted label
            end = _skip_quoted(src, i)
            if header_start < 0:
                header_start = i
            header.append('"' + src[i + 1 : end - 1].decode("utf-8", "replace") + '"')
            i = end
        elif c == 0x7B and not is_attribute and header:  # "{" opening a block
            end = _skip_nested(src, i + 1)
            blocks.append((header_start, end, " ".join(header)))
            header, header_start = [], -1
            i = end
        elif (m := _WORD.match(src, i)) is not None and not is_attribute:
            if header_start < 0:
                header_start = i
            word = m.group().decode()
            header.append(word if not header else f'"{word}"')
            i = m.end()
        else:
            # An attribute (or junk): skip its value, including bracketed parts.
            is_attribute = True
            if c in _OPENERS:
                i = _skip_nested(src, i + 1)
            elif src.startswith(b"<<", i) and _HEREDOC.match(src, i):
                i = _skip_heredoc(src, i)
            else:
                i += 1
    return blocks


def _skip_comment(src: bytes, i: int) -> int:
    if src.startswith(b"/*", i):
        end = src.find(b"*/", i + 2)
        return len(src) if end < 0 else end + 2
    end = src.find(b"\n", i)
    return len(src) if end < 0 else end  # the newline itself still ends the line


def _skip_quoted(src: bytes, i: int) -> int:
    """From an opening quote to just past the closing one (or the end of the line)."""
    i += 1
    n = len(src)
    while i < n:
        c = src[i]
        if c == 0x5C:  # backslash escape
            i += 2
        elif c == 0x22:
            return i + 1
        elif c == 0x0A:
            return i
        elif src.startswith(b"$${", i) or src.startswith(b"%%{", i):
            i += 3
        elif src.startswith(b"${", i) or src.startswith(b"%{", i):
            i = _skip_nested(src, i + 2)
        else:
            i += 1
    return n


def _skip_heredoc(src: bytes, i: int) -> int:
    m = _HEREDOC.match(src, i)
    assert m is not None
    marker = m.group(1)
    pos = m.end()
    n = len(src)
    while pos < n:
        eol = src.find(b"\n", pos)
        line_end = n if eol < 0 else eol
        if src[pos:line_end].strip() == marker:
            return line_end
        pos = line_end + 1
    return n


def _skip_nested(src: bytes, i: int) -> int:
    """From just inside an opening bracket to just past its matching closer."""
    depth = 1
    n = len(src)
    while i < n:
        c = src[i]
        if c == 0x22:
            i = _skip_quoted(src, i)
        elif c == 0x23 or src.startswith(b"//", i) or src.startswith(b"/*", i):
            i = _skip_comment(src, i)
        elif src.startswith(b"<<", i) and _HEREDOC.match(src, i):
            i = _skip_heredoc(src, i)
        elif c in _OPENERS:
            depth += 1
            i += 1
        elif c in _CLOSERS:
            depth -= 1
            i += 1
            if depth == 0:
                return i
        else:
            i += 1
    return n
