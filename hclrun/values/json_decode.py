"""A JSON reader that yields cty values with implied types and reports
errors in the words of Go's streaming JSON decoder, which ``jsondecode``
shows to users: "EOF" when input ends between tokens, "unexpected EOF"
inside a literal, "invalid character 'x' after array element", and
"extraneous data after JSON object" for trailing content.
"""

from __future__ import annotations

from hclrun.values import number as num
from hclrun.values.strings import go_quote, nfc
from hclrun.values.value import FALSE, NULL, TRUE, Value

_SPACE = " \t\n\r"


class JSONDecodeError(ValueError):
    """Invalid JSON text; ``str()`` is the reference decoder's message."""


def decode_value(text: str) -> Value:
    reader = _Reader(text)
    value = reader.value("looking for beginning of value")
    reader.skip_space()
    if reader.pos < len(text):
        raise JSONDecodeError("extraneous data after JSON object")
    return value


def _quote_char(c: str) -> str:
    if c == "'":
        return "'\\''"
    if c == '"':
        return "'\"'"
    return "'" + go_quote(c)[1:-1] + "'"


class _Reader:
    __slots__ = ("pos", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def skip_space(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in _SPACE:
            pos += 1
        self.pos = pos

    def peek(self) -> str:
        """The next non-space character; "EOF" error when there is none."""
        self.skip_space()
        if self.pos >= len(self.text):
            raise JSONDecodeError("EOF")
        return self.text[self.pos]

    def fail(self, c: str, context: str) -> JSONDecodeError:
        return JSONDecodeError(f"invalid character {_quote_char(c)} {context}")

    def value(self, context: str) -> Value:
        c = self.peek()
        if c == "{":
            self.pos += 1
            return self.object()
        if c == "[":
            self.pos += 1
            return self.array()
        if c == '"':
            return Value.string(self.string())
        if c == "-" or (c.isdigit() and c.isascii()):
            return self.number()
        for word, result in (("true", TRUE), ("false", FALSE), ("null", NULL)):
            if c == word[0]:
                return self.literal(word, result)
        raise self.fail(c, context)

    def object(self) -> Value:
        attrs: dict[str, Value] = {}
        c = self.peek()
        if c == "}":
            self.pos += 1
            return Value.object(attrs)
        while True:
            if c != '"':
                raise self.fail(c, "looking for beginning of object key string")
            key = nfc(self.string())
            c = self.peek()
            if c != ":":
                raise self.fail(c, "after object key")
            self.pos += 1
            attrs[key] = self.value("looking for beginning of value")
            c = self.peek()
            if c == "}":
                self.pos += 1
                return Value.object(attrs)
            if c != ",":
                raise self.fail(c, "after object key:value pair")
            self.pos += 1
            c = self.peek()

    def array(self) -> Value:
        elems: list[Value] = []
        if self.peek() == "]":
            self.pos += 1
            return Value.tuple(elems)
        while True:
            elems.append(self.value("looking for beginning of value"))
            c = self.peek()
            if c == "]":
                self.pos += 1
                return Value.tuple(elems)
            if c != ",":
                raise self.fail(c, "after array element")
            self.pos += 1

    def literal(self, word: str, result: Value) -> Value:
        text = self.text
        for i, expected in enumerate(word):
            p = self.pos + i
            if p >= len(text):
                raise JSONDecodeError("unexpected EOF")
            if text[p] != expected:
                raise self.fail(text[p], f"in literal {word} (expecting {_quote_char(expected)})")
        self.pos += len(word)
        return result

    def number(self) -> Value:
        text, start = self.text, self.pos
        p = start

        def at(i: int) -> str:
            if i >= len(text):
                raise JSONDecodeError("unexpected EOF")
            return text[i]

        if text[p] == "-":
            p += 1
            if not _digit(at(p)):
                raise self.fail(text[p], "in numeric literal")
        if text[p] == "0":
            p += 1
        else:
            while p < len(text) and _digit(text[p]):
                p += 1
        if p < len(text) and text[p] == ".":
            p += 1
            if not _digit(at(p)):
                raise self.fail(text[p], "after decimal point in numeric literal")
            while p < len(text) and _digit(text[p]):
                p += 1
        if p < len(text) and text[p] in "eE":
            p += 1
            if at(p) in "+-":
                p += 1
            if not _digit(at(p)):
                raise self.fail(text[p], "in exponent of numeric literal")
            while p < len(text) and _digit(text[p]):
                p += 1
        self.pos = p
        return Value.number(num.parse_number(text[start:p]))

    def string(self) -> str:
        text = self.text
        p = self.pos + 1
        out: list[str] = []
        while True:
            if p >= len(text):
                raise JSONDecodeError("unexpected EOF")
            c = text[p]
            if c == '"':
                self.pos = p + 1
                return "".join(out)
            if c < " ":
                raise self.fail(c, "in string literal")
            if c != "\\":
                start = p
                while p < len(text) and text[p] not in '"\\' and text[p] >= " ":
                    p += 1
                out.append(text[start:p])
                continue
            p += 1
            esc = text[p] if p < len(text) else ""
            if not esc:
                raise JSONDecodeError("unexpected EOF")
            simple = _SIMPLE.get(esc)
            if simple is not None:
                out.append(simple)
                p += 1
                continue
            if esc != "u":
                raise self.fail(esc, "in string escape code")
            code, p = self._hex4(p + 1)
            if 0xD800 <= code < 0xDC00 and text[p : p + 2] == "\\u":
                low, q = self._hex4(p + 2)
                if 0xDC00 <= low < 0xE000:
                    out.append(chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)))
                    p = q
                    continue
            out.append("\ufffd" if 0xD800 <= code < 0xE000 else chr(code))

    def _hex4(self, p: int) -> tuple[int, int]:
        text = self.text
        for i in range(p, p + 4):
            if i >= len(text):
                raise JSONDecodeError("unexpected EOF")
            if text[i] not in "0123456789abcdefABCDEF":
                raise self.fail(text[i], "in \\u hexadecimal character escape")
        return int(text[p : p + 4], 16), p + 4


_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _digit(c: str) -> bool:
    return "0" <= c <= "9"
