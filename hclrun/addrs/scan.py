"""Reading an absolute traversal such as ``module.a["k"].aws_instance.web[0]``
from text, as Terraform's address parsers do (HCL's ``ParseTraversalAbs``):
a name, then ``.name``, ``[<literal>]`` steps; syntax problems are
diagnostics with HCL's wording.

This reader is self-contained (no grammar to load) because addresses are
parsed on hot paths: every resource in a state file names its module and
provider configuration.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.records import record
from hclrun.source import Pos, Range

_NAME = re.compile(r"[^\W\d][\w-]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_HEX = re.compile(r"[0-9a-fA-F]+")


@record(slots=True)
class Step:
    """One traversal step. ``kind`` is "root", "attr", "index" or "splat";
    an index ``key`` is a ``str`` for string keys and an ``int``/``Decimal`` for numbers."""

    kind: str
    name: str = ""
    key: str | int | Decimal | None = None
    range: Range | None = None


class _Reader:
    def __init__(self, text: str, filename: str) -> None:
        self.text = text
        self.filename = filename
        self.pos = 0
        self.diags = Diagnostics()

    def at(self, i: int) -> Pos:
        before = self.text[:i]
        line = before.count("\n") + 1
        col = i - (before.rfind("\n") + 1) + 1
        return Pos(line, col, len(before.encode("utf-8", "surrogatepass")))

    def range(self, start: int, end: int) -> Range:
        return Range(self.filename, self.at(start), self.at(max(end, start)))

    def error(self, summary: str, detail: str, start: int, end: int) -> None:
        self.diags.append(Diagnostic.error(summary, detail, self.range(start, end)))

    def name(self) -> str | None:
        m = _NAME.match(self.text, self.pos)
        if m is None:
            return None
        self.pos = m.end()
        return m.group()

    def string(self) -> str | None:
        """A quoted string starting at ``pos`` (on the quote); ``None`` after reporting a problem."""
        text, start = self.text, self.pos
        i = start + 1
        out: list[str] = []
        while i < len(text):
            c = text[i]
            if c == '"':
                self.pos = i + 1
                return "".join(out)
            if c == "\n":
                break
            if c in "$%" and text[i + 1 : i + 2] == "{":
                self.error(
                    "Invalid string literal",
                    f'Template sequences are not allowed in this string. To include a literal "{c}", '
                    f'double it (as "{c}{c}") to escape it.',
                    i,
                    i + 2,
                )
                return None
            if c in "$%" and text[i + 1 : i + 3] == c + "{":
                out.append(c + "{")
                i += 3
                continue
            if c == "\\":
                decoded, i = self._escape(i)
                if decoded is None:
                    return None
                out.append(decoded)
                continue
            out.append(c)
            i += 1
        self.error("Unterminated template string", "No closing marker was found for the string.", start, i)
        return None

    def _escape(self, i: int) -> tuple[str | None, int]:
        text = self.text
        esc = text[i + 1 : i + 2]
        simple = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}.get(esc)
        if simple is not None:
            return simple, i + 2
        if esc in ("u", "U"):
            width = 4 if esc == "u" else 8
            digits = text[i + 2 : i + 2 + width]
            if len(digits) == width and _HEX.fullmatch(digits):
                code = int(digits, 16)
                if code <= 0x10FFFF:
                    return chr(code), i + 2 + width
        self.error(
            "Invalid escape sequence",
            f"The symbol {esc!r} is not a valid escape sequence selector.".replace("'", '"'),
            i,
            i + 2,
        )
        return None, i + 2


def scan_traversal(text: str, filename: str = "") -> tuple[tuple[Step, ...] | None, Diagnostics]:
    """The steps of an absolute traversal, or ``None`` with diagnostics."""
    r = _Reader(text, filename)
    steps: list[Step] = []
    root = r.name()
    if root is None:
        r.error("Variable name required", "Must begin with a variable name.", 0, min(1, len(text)))
        return None, r.diags
    steps.append(Step("root", name=root, range=r.range(0, r.pos)))
    while r.pos < len(text):
        start = r.pos
        c = text[start]
        if c == ".":
            r.pos += 1
            if text[r.pos : r.pos + 1] == "*":
                r.error("Attribute name required", "Splat expressions (.*) may not be used here.", start, r.pos + 1)
                return None, r.diags
            name = r.name()
            if name is None:
                r.error("Attribute name required", "Dot must be followed by attribute name.", start, r.pos + 1)
                return None, r.diags
            steps.append(Step("attr", name=name, range=r.range(start, r.pos)))
        elif c == "[":
            step = _index(r, start)
            if step is None:
                return None, r.diags
            steps.append(step)
        else:
            r.error("Invalid character", "Expected an attribute access or an index operator.", start, start + 1)
            return None, r.diags
    return tuple(steps), r.diags


def _index(r: _Reader, start: int) -> Step | None:
    text = r.text
    r.pos += 1
    key: str | int | Decimal | None
    if text[r.pos : r.pos + 1] == "*":
        r.error("Attribute name required", "Splat expressions ([*]) may not be used here.", start, r.pos + 1)
        return None
    if text[r.pos : r.pos + 1] == '"':
        key = r.string()
        if key is None:
            return None
    else:
        m = _NUMBER.match(text, r.pos)
        if m is None:
            r.error(
                "Index value required",
                "Index brackets must contain either a literal number or a literal string.",
                start,
                min(r.pos + 1, len(text)),
            )
            return None
        literal = m.group()
        key = int(literal) if literal.isdigit() else Decimal(literal)
        r.pos = m.end()
    if text[r.pos : r.pos + 1] != "]":
        r.error("Unclosed index brackets", "Index key must be followed by a closing bracket.", start, r.pos)
        return None
    r.pos += 1
    return Step("index", key=key, range=r.range(start, r.pos))
