"""Render diagnostics as Terraform prints them on a terminal.

Two forms, as in Terraform: plain text (``-no-color``), and coloured text
inside a box-drawing border. Both show the ``on FILE line N, in BLOCK:``
header, the source lines of the snippet (the context range, or the subject
range), the ``├────`` notes about values and the called function, and the
detail paragraph wrapped to the output width (78 columns when the output is
not a terminal).

The enclosing block named in the header is found from the source text with
a small scanner (:mod:`hclrun.diagrender_context`), so rendering needs only the
diagnostic and the sources of the files it points into.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from hclrun.diagnostics import Diagnostic, Severity
from hclrun.diagrender_context import block_context

DEFAULT_WIDTH = 78

_RESET = "\x1b[0m"
_CODES = {"red": "31", "yellow": "33", "bold": "1", "underline": "4", "dark_gray": "90", "reset": "0"}


class _Style:
    """Terraform's colour markup: ``[red]…[reset]`` codes, a reset appended to any coloured string."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, *parts: str) -> str:
        """Join ``parts``; names in ``_CODES`` become escape codes (or nothing when disabled)."""
        coloured = False
        out: list[str] = []
        for part in parts:
            if part in _CODES:
                coloured = True
                if self.enabled:
                    out.append(f"\x1b[{_CODES[part]}m")
            else:
                out.append(part)
        if coloured and self.enabled:
            out.append(_RESET)
        return "".join(out)


def render_diagnostics(
    diags: Iterable[Diagnostic],
    sources: Mapping[str, bytes],
    *,
    color: bool = False,
    width: int | None = None,
) -> str:
    """All of ``diags`` one after another, as Terraform writes them to its output."""
    return "".join(render_diagnostic(d, sources, color=color, width=width) for d in diags)


def render_diagnostic(
    diag: Diagnostic,
    sources: Mapping[str, bytes],
    *,
    color: bool = False,
    width: int | None = None,
) -> str:
    """One diagnostic, ending with a newline.

    ``sources`` maps file names (as they appear in ranges) to their bytes; a
    file that is missing is shown as "(source code not available)".
    """
    width = DEFAULT_WIDTH if width is None else width
    if not color:
        return _render_plain(diag, sources, width)
    return _render_boxed(diag, sources, width)


def _render_plain(diag: Diagnostic, sources: Mapping[str, bytes], width: int) -> str:
    label = "Error: " if diag.is_error else "Warning: "
    parts = ["\n", label, diag.summary, "\n\n", _snippet(diag, sources, _Style(False))]
    parts.append(_detail(diag.detail, width - 1))
    return "".join(parts)


def _render_boxed(diag: Diagnostic, sources: Mapping[str, bytes], width: int) -> str:
    style = _Style(True)
    colour = "red" if diag.severity is Severity.ERROR else "yellow"
    label = "Error: " if diag.severity is Severity.ERROR else "Warning: "
    body = style("bold", colour, label, "reset")
    body += style("bold", diag.summary, "reset", "\n\n")
    body += _snippet(diag, sources, style)
    body += _detail(diag.detail, width - 3)
    rule_line = style(colour, "│", "reset", " ")
    rule_blank = rule_line.rstrip(" ")
    out = [style(colour, "╷", "reset"), "\n"]
    for line in body.split("\n")[:-1] if body.endswith("\n") else body.split("\n"):
        out.append(rule_blank if line == "" else rule_line)
        out.append(line)
        out.append("\n")
    out.append(style(colour, "╵", "reset"))
    out.append("\n")
    return "".join(out)


def _detail(detail: str, limit: int) -> str:
    if not detail:
        return ""
    if limit <= 0:
        return detail + "\n"
    lines = []
    for line in detail.split("\n"):
        lines.append(line if line.startswith(" ") else wrap_words(line, limit))
    return "".join(line + "\n" for line in lines)


def _is_space(ch: str) -> bool:
    return ch != "\u00a0" and ch.isspace() and not "\x1c" <= ch <= "\x1f"


def wrap_words(text: str, limit: int) -> str:
    """Break ``text`` (one line) at spaces so lines stay within ``limit`` characters.

    A word longer than the limit stays whole on its own line. Runs of spaces
    between words are kept, except where a line break replaces them.
    """
    out: list[str] = []
    current = 0
    word = ""
    space = ""
    for ch in text:
        if _is_space(ch):
            if not space or word:
                current += len(space) + len(word)
                out.append(space)
                out.append(word)
                space = word = ""
            space += ch
        else:
            word += ch
            if current + len(space) + len(word) > limit and len(word) < limit:
                out.append("\n")
                current = 0
                space = ""
    if word:
        out.append(space)
        out.append(word)
    elif current + len(space) <= limit:
        out.append(space)
    return "".join(out)


def _snippet(diag: Diagnostic, sources: Mapping[str, bytes], style: _Style) -> str:
    """The ``with ADDR,`` line, the ``on FILE line N`` header, source lines and
    value notes, with a trailing blank line (none after a lone ``with`` line)."""
    with_line = f"  with {diag.address},\n" if diag.address else ""
    subject = diag.subject
    if subject is None:
        return with_line
    src = sources.get(subject.filename)
    if src is None:
        return (
            f"{with_line}  on {subject.filename} line {subject.start.line}:\n"
            "  (source code not available)\n\n"
        )
    hl_start, hl_end = subject.start.byte, subject.end.byte
    snip_start, snip_end = hl_start, hl_end
    start_line = subject.start.line
    if diag.context is not None and diag.context.filename == subject.filename:
        if diag.context.start.byte < snip_start:
            start_line = diag.context.start.line
        snip_start = min(snip_start, diag.context.start.byte)
        snip_end = max(snip_end, diag.context.end.byte)
    if snip_end <= snip_start:
        snip_end = snip_start + 1
    if hl_end <= hl_start:
        hl_end = hl_start + 1

    code, code_start = _overlapping_lines(src, snip_start, snip_end)
    start = min(max(hl_start - code_start, 0), len(code))
    end = min(max(start + (hl_end - hl_start), 0), len(code))
    marked = style(_text(code[:start]), "underline", _text(code[start:end]), "reset", _text(code[end:]))

    context = block_context(src, hl_start - 1)
    where = f", in {context}" if context else ""
    out = [with_line, f"  on {subject.filename} line {subject.start.line}{where}:\n"]
    for i, line in enumerate(marked.split("\n")):
        out.append(f"{start_line + i:4d}: {line}\n")
    call = diag.function_call
    if diag.values or call is not None:
        out.append(style("    ", "dark_gray", "├────────────────", "reset", "\n"))
        if call is not None:
            params = list(call.params)
            if call.variadic_param is not None:
                params.append(call.variadic_param + "...")
            out.append(style("    ", "dark_gray", "│", "reset", " while calling ", "bold", call.called_as, "reset", "("))
            out.append(", ".join(params) + ")\n")
        for value in sorted(diag.values, key=lambda v: v.traversal):
            out.append(style("    ", "dark_gray", "│", "reset", " ", "bold", value.traversal, "reset", " ",
                             value.statement, "\n"))
    out.append("\n")
    return "".join(out)


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _overlapping_lines(src: bytes, start: int, end: int) -> tuple[bytes, int]:
    """The source lines overlapping bytes ``[start, end)``, joined by newlines, and the first one's offset."""
    picked: list[bytes] = []
    first = 0
    offset = 0
    for raw in src.split(b"\n"):
        line = raw[:-1] if raw.endswith(b"\r") else raw
        line_start, line_end = offset, offset + len(line)
        offset += len(raw) + 1
        if _overlaps(line_start, line_end, start, end):
            if not picked:
                first = line_start
            picked.append(line)
        elif line_start >= end:
            break
    return b"\n".join(picked), first


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """HCL's range overlap test on byte offsets (an empty range never contains an offset)."""
    if a_start == a_end and b_start == b_end:
        return False
    return (
        a_start <= b_start < a_end
        or a_start <= b_end < a_end
        or b_start <= a_start < b_end
        or b_start <= a_end < b_end
    )

