"""The JSON syntax of HCL (``.tf.json``, ``.tfvars.json``).

A JSON file is parsed into a small tree of values that keep their source
ranges (``JsonObject`` keeps every property in order, duplicates included,
because repeated keys are how JSON spells repeated blocks). The configuration
loader interprets that tree with its schema; where it expects an expression
it calls :func:`json_to_expression`, which turns strings into templates (so
``"${var.x}"`` interpolates) with ranges pointing into the JSON text.
"""

from __future__ import annotations

import re
from dataclasses import field

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.records import record
from hclrun.source import Pos, Range
from hclrun.syntax import ast
from hclrun.syntax.locate import Locator


@record(slots=True)
class JsonString:
    value: str
    range: Range


@record(slots=True)
class JsonNumber:
    text: str
    range: Range


@record(slots=True)
class JsonKeyword:
    """``true``, ``false`` or ``null``."""

    value: bool | None
    range: Range


@record(slots=True)
class JsonArray:
    items: tuple[JsonValue, ...]
    range: Range
    open_range: Range


@record(slots=True)
class JsonProperty:
    name: str
    name_range: Range
    value: JsonValue

    @property
    def is_comment(self) -> bool:
        """``"//"`` properties are comments wherever a body is expected."""
        return self.name == "//"


@record(slots=True)
class JsonObject:
    properties: tuple[JsonProperty, ...]
    range: Range
    open_range: Range

    def body_properties(self) -> tuple[JsonProperty, ...]:
        return tuple(p for p in self.properties if not p.is_comment)


@record(slots=True)
class JsonInvalid:
    """A value that failed to parse; its range is where it starts. Parsing goes on after it."""

    range: Range


JsonValue = JsonString | JsonNumber | JsonKeyword | JsonArray | JsonObject | JsonInvalid


@record
class JsonFile:
    filename: str
    root: JsonValue | None
    source: bytes = field(repr=False)


_WS = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"((?:[^"\\\x00-\x1f]|\\.)*)"', re.S)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_NUMBERISH = re.compile(r"-?[0-9][0-9.eE+-]*")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|(.))", re.S)
_KEYWORDS: dict[str, bool | None] = {"true": True, "false": False, "null": None}


class _Fail(Exception):
    """Stops parsing after the first syntax error (the tree is then incomplete)."""


class _JsonParser:
    def __init__(self, text: str, loc: Locator, diags: Diagnostics) -> None:
        self.text = text
        self.loc = loc
        self.diags = diags
        self.pos = 0

    def fail(self, summary: str, detail: str, start: int, end: int) -> _Fail:
        self.diags.append(Diagnostic.error(summary, detail, self.loc.range(start, end)))
        return _Fail()

    def skip(self) -> int:
        m = _WS.match(self.text, self.pos)
        self.pos = m.end() if m else self.pos
        return self.pos

    def value(self) -> JsonValue | None:
        """The value at the current position, or None (reported) when it is broken."""
        text = self.text
        pos = self.skip()
        if pos >= len(text):
            self.error("Missing value", "The JSON data ends prematurely.", pos, pos + 1)
            return None
        ch = text[pos]
        if ch == "{":
            return self.object()
        if ch == "[":
            return self.array()
        if ch == '"':
            try:
                value, rng = self.string()
            except _Fail:
                return None
            return JsonString(value, rng)
        if ch == "-" or ch.isdigit():
            m = _NUMBER.match(text, pos)
            loose = _NUMBERISH.match(text, pos)
            loose_end = loose.end() if loose is not None else pos + 1
            self.pos = loose_end
            if m is None or m.end() != loose_end:
                self.error("Invalid JSON number", "There is a syntax error in the given JSON number.", pos, loose_end)
                return None
            return JsonNumber(m.group(), self.loc.range(pos, m.end()))
        word = _WORD.match(text, pos)
        if word is not None:
            name = word.group()
            self.pos = word.end()
            if name not in _KEYWORDS:
                hint = next((k for k in _KEYWORDS if k.startswith(name[:2].lower())), None)
                suffix = f' Did you mean "{hint}"?' if hint else ""
                self.error("Invalid JSON keyword", f'"{name}" is not a valid JSON keyword.{suffix}', pos, word.end())
                return None
            return JsonKeyword(_KEYWORDS[name], self.loc.range(pos, word.end()))
        summary = {"}": "Missing JSON value", "]": "Missing array element value"}.get(ch, "Invalid start of value")
        self.error(
            summary, "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", pos, pos + 1
        )
        return None

    def string(self) -> tuple[str, Range]:
        start = self.pos
        m = _STRING.match(self.text, start)
        if m is None:
            raise self.fail("Invalid JSON string", "There is a syntax error in the given JSON string.", start, start + 1)
        self.pos = m.end()
        raw = m.group(1)
        value = raw if "\\" not in raw else self.unescape(raw, start + 1)
        return value, self.loc.range(start, m.end())

    def unescape(self, raw: str, offset: int) -> str:
        def replace(m: re.Match[str]) -> str:
            if m.group(1):
                return chr(int(m.group(1), 16))
            simple = _ESCAPES.get(m.group(2))
            if simple is None:
                raise self.fail(
                    "Invalid JSON string",
                    "There is a syntax error in the given JSON string.",
                    offset + m.start(),
                    offset + m.end(),
                )
            return simple

        value = _ESCAPE.sub(replace, raw)
        # Escaped UTF-16 surrogate pairs combine; unpaired halves become U+FFFD.
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")

    def next_range(self) -> tuple[int, int]:
        """Offsets of the token at the current position (after whitespace)."""
        pos = self.skip()
        if pos >= len(self.text):
            return pos, pos + 1
        if self.text[pos] == '"':
            m = _STRING.match(self.text, pos)
            if m is not None:
                return pos, m.end()
        word = _WORD.match(self.text, pos) or _NUMBERISH.match(self.text, pos)
        return pos, word.end() if word is not None else pos + 1

    def error(self, summary: str, detail: str, start: int, end: int) -> None:
        self.diags.append(Diagnostic.error(summary, detail, self.loc.range(start, end)))

    def recover(self, opener: str, closer: str) -> None:
        """Skip to just after the bracket closing the current container (or to the end)."""
        text = self.text
        depth = 1
        while True:
            pos = self.skip()
            if pos >= len(text):
                return
            ch = text[pos]
            if ch == '"':
                m = _STRING.match(text, pos)
                self.pos = m.end() if m is not None else pos + 1
                continue
            self.pos = pos + 1
            if ch == opener:
                depth += 1
            elif ch == closer:
                depth -= 1
                if depth <= 1:
                    return

    def member(self) -> JsonValue:
        """A value inside a container: a broken one is reported and stands as invalid."""
        start = self.skip()
        value = self.value()
        return value if value is not None else JsonInvalid(self.loc.range(start, start + 1))

    def object(self) -> JsonObject | None:
        text = self.text
        open_pos = self.pos
        self.pos += 1
        props: list[JsonProperty] = []
        while True:
            pos = self.skip()
            if pos < len(text) and text[pos] == "}":
                break
            key_start = pos
            key = self.member()
            if not isinstance(key, JsonString):
                self.error("Invalid object property name", "A JSON object property name must be a string", key_start, key_start + 1)
                return None
            start, end = self.next_range()
            colon = text[start : start + 1]
            if colon != ":":
                self.pos = end
                if colon != "}":
                    self.recover("{", "}")
                if colon in ("}", ","):
                    self.error("Missing object value", "A JSON object attribute must have a value, introduced by a colon.", start, end)
                elif colon == "=":
                    detail = "JSON uses a colon as its name/value delimiter, not an equals sign."
                    self.error("Missing property value colon", detail, start, end)
                else:
                    detail = "A colon must appear between an object property's name and its value."
                    self.error("Missing property value colon", detail, start, end)
                return None
            self.pos = end
            props.append(JsonProperty(key.value, key.range, self.member()))
            pos = self.skip()
            ch = text[pos : pos + 1]
            if ch == ",":
                self.pos = pos + 1
                if text.startswith("}", self.skip()):
                    self.error(
                        "Trailing comma in object",
                        "JSON does not permit a trailing comma after the final property in an object.",
                        pos,
                        pos + 1,
                    )
                    return None
                continue
            if not ch:
                self.error("Unclosed object", "No closing brace was found for this JSON object.", open_pos, open_pos + 1)
                return None
            if ch == "]":
                self.pos = pos + 1
                start, end = self.next_range()
                self.error("Mismatched braces", "A JSON object must be closed with a brace, not a bracket.", start, end)
                return None
            if ch == "}":
                break
            self.pos = self.next_range()[1]
            self.recover("{", "}")
            start, end = self.next_range()
            self.error(
                "Missing attribute seperator comma",
                "A comma must appear between each property definition in an object.",
                start,
                end,
            )
            return None
        close = self.skip()
        self.pos = close + 1
        return JsonObject(tuple(props), self.loc.range(open_pos, close + 1), self.loc.range(open_pos, open_pos + 1))

    def array(self) -> JsonArray | None:
        text = self.text
        open_pos = self.pos
        self.pos += 1
        items: list[JsonValue] = []
        while True:
            pos = self.skip()
            if pos < len(text) and text[pos] == "]":
                break
            items.append(self.member())
            pos = self.skip()
            ch = text[pos : pos + 1]
            if ch == ",":
                self.pos = pos + 1
                if text.startswith("]", self.skip()):
                    self.error(
                        "Trailing comma in array",
                        "JSON does not permit a trailing comma after the final value in an array.",
                        pos,
                        pos + 1,
                    )
                    return None
                continue
            if ch == "]":
                break
            if ch == ":":
                summary, detail = "Invalid array value", "A colon is not used to introduce values in a JSON array."
            elif not ch:
                self.error("Unclosed object", "No closing bracket was found for this JSON array.", open_pos, open_pos + 1)
                return None
            elif ch == "}":
                summary, detail = "Mismatched brackets", "A JSON array must be closed with a bracket, not a brace."
            else:
                summary, detail = "Missing attribute seperator comma", "A comma must appear between each value in an array."
            self.pos = self.next_range()[1]
            self.recover("[", "]")
            start, end = self.next_range()
            self.error(summary, detail, start, end)
            return None
        close = self.skip()
        self.pos = close + 1
        return JsonArray(tuple(items), self.loc.range(open_pos, close + 1), self.loc.range(open_pos, open_pos + 1))


def parse_json(source: bytes | str, filename: str) -> tuple[JsonValue | None, Diagnostics]:
    """Parse any JSON value, keeping source ranges."""
    from hclrun.syntax.parser import decode_source

    diags = Diagnostics()
    text = decode_source(source, filename, diags)
    parser = _JsonParser(text, Locator(text, filename), diags)
    try:
        value = parser.value()
        end = parser.skip()
        if not diags.has_errors() and end < len(text):
            start, stop = parser.next_range()
            parser.error("Extraneous data after value", "Extra characters appear after the JSON value.", start, stop)
            return None, diags
    except RecursionError:
        diags.error("Nesting too deep", "The JSON value is nested too deeply to be parsed.", parser.loc.point(parser.pos))
        return None, diags
    if value is None:
        return None, diags
    return value, diags


def parse_json_file(source: bytes | str, filename: str) -> tuple[JsonFile, Diagnostics]:
    root, diags = parse_json(source, filename)
    raw = source if isinstance(source, bytes) else source.encode("utf-8", "surrogatepass")
    return JsonFile(filename, root, raw), diags


def json_to_expression(value: JsonValue, *, templates: bool = True) -> tuple[ast.Expression, Diagnostics]:
    """The expression a JSON value stands for where the schema expects an expression.

    Strings are templates (``templates=False`` keeps them literal, as for
    ``.tfvars.json`` values); arrays become tuples and objects become object
    constructors whose keys are templates too.
    """
    diags = Diagnostics()
    return _convert(value, templates, diags), diags


def _convert(value: JsonValue, templates: bool, diags: Diagnostics) -> ast.Expression:
    if isinstance(value, JsonString):
        return _string(value.value, value.range, templates, diags)
    if isinstance(value, JsonNumber):
        return ast.LiteralValueExpr(ast.NumberLiteral(value.text), value.range)
    if isinstance(value, JsonKeyword):
        return ast.LiteralValueExpr(value.value, value.range)
    if isinstance(value, JsonInvalid):
        return ast.LiteralValueExpr(None, value.range)
    if isinstance(value, JsonArray):
        return ast.TupleConsExpr(tuple(_convert(v, templates, diags) for v in value.items), value.range, value.open_range)
    items = []
    for prop in value.properties:
        key = _string(prop.name, prop.name_range, templates, diags)
        items.append(
            ast.ObjectConsItem(ast.ObjectConsKeyExpr(key, False, prop.name_range), _convert(prop.value, templates, diags))
        )
    return ast.ObjectConsExpr(tuple(items), value.range, value.open_range)


def _string(text: str, rng: Range, templates: bool, diags: Diagnostics) -> ast.Expression:
    if templates and ("${" in text or "%{" in text):
        from hclrun.syntax.parser import parse_template

        start = Pos(rng.start.line, rng.start.column + 1, rng.start.byte + 1)
        expr, tdiags = parse_template(text, rng.filename, start)
        diags.extend(tdiags)
        if expr is not None:
            return expr
    if templates:
        text = text.replace("$${", "${").replace("%%{", "%{")
    inner = Range(rng.filename, Pos(rng.start.line, rng.start.column + 1, rng.start.byte + 1), rng.end)
    return ast.TemplateExpr((ast.LiteralValueExpr(text, inner),), rng)
