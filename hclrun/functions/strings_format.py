"""The ``format`` verbs: parsing a format string and rendering each verb.

The grammar of a verb is ``%`` flags (``0#-+ ``), an optional ``[n]`` argument
index, an optional width, an optional ``.precision`` and one letter. Numbers
are rendered the way Go's ``big.Float`` and ``big.Int`` format themselves;
widths and string precisions count grapheme clusters. Offsets in error
messages are byte offsets into the UTF-8 format string, as the reference
reports them.
"""

from __future__ import annotations

from hclrun.functions.strings_numtext import float_text, integer_text, shortest_g
from hclrun.records import record
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.strings import go_quote, grapheme_length, graphemes
from hclrun.values.types import BOOL, NUMBER, STRING
from hclrun.values.value import Value


class FormatError(Exception):
    """A format string that cannot be applied; ``too_many_args`` marks the one
    problem that the reference reports against the arguments instead of the call."""

    def __init__(self, message: str, too_many_args: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.too_many_args = too_many_args


@record(frozen=False)
class Verb:
    raw: str = ""
    offset: int = 0
    arg_num: int = 1
    mode: str = ""
    zero: bool = False
    sharp: bool = False
    plus: bool = False
    minus: bool = False
    space: bool = False
    width: int | None = None
    prec: int | None = None


def _go_rune_quote(ch: str) -> str:
    """Go's ``%q`` of a single byte value read from the format string."""
    if ch == "'":
        return "'\\''"
    if ch == "\\":
        return "'\\\\'"
    if ch.isprintable():
        return f"'{ch}'"
    return f"'\\x{ord(ch):02x}'"


class _Scanner:
    """Walks the format string byte by byte (like the reference's state machine)."""

    def __init__(self, fmt: str) -> None:
        self.data = fmt.encode("utf-8")
        self.pos = 0

    def peek(self) -> int | None:
        return self.data[self.pos] if self.pos < len(self.data) else None

    def unexpected(self) -> FormatError:
        b = self.peek()
        if b is None:
            return FormatError(f"invalid format string starting at offset {self.pos}")
        return FormatError(f"unrecognized format character {_go_rune_quote(chr(b))} at offset {self.pos}")

    def number(self) -> int | None:
        """``[1-9][0-9]*`` or nothing."""
        b = self.peek()
        if b is None or not 0x31 <= b <= 0x39:
            return None
        start = self.pos
        while (b := self.peek()) is not None and 0x30 <= b <= 0x39:
            self.pos += 1
        return int(self.data[start : self.pos])


def apply_format(fmt: str, args: list[Value]) -> str:
    """Render ``fmt`` with ``args`` (known, unmarked values); raises FormatError."""
    sc = _Scanner(fmt)
    out = bytearray()
    next_arg = 1
    max_used = 0
    saw_verb = False
    while (b := sc.peek()) is not None:
        if b != 0x25:  # '%'
            out.append(b)
            sc.pos += 1
            continue
        start = sc.pos
        sc.pos += 1
        if sc.peek() == 0x25:
            out.append(0x25)
            sc.pos += 1
            continue
        verb = _parse_verb(sc, start, next_arg)
        saw_verb = True
        out += format_verb(verb, args).encode("utf-8")
        max_used = max(max_used, verb.arg_num)
        next_arg = verb.arg_num + 1
    if len(args) > max_used:
        if not saw_verb:
            raise FormatError("too many arguments; no verbs in format string", too_many_args=True)
        raise FormatError(f"too many arguments; only {max_used} used by format string", too_many_args=True)
    return out.decode("utf-8")


def _parse_verb(sc: _Scanner, start: int, next_arg: int) -> Verb:
    verb = Verb(offset=start, arg_num=next_arg)
    flags = {0x30: "zero", 0x23: "sharp", 0x2D: "minus", 0x2B: "plus", 0x20: "space"}
    while (b := sc.peek()) is not None and b in flags:
        setattr(verb, flags[b], True)
        sc.pos += 1
    if sc.peek() == 0x5B:  # '['
        sc.pos += 1
        n = sc.number()
        if n is None or sc.peek() != 0x5D:
            raise sc.unexpected()
        sc.pos += 1
        verb.arg_num = n
    verb.width = sc.number()
    if sc.peek() == 0x2E:  # '.'
        sc.pos += 1
        prec = 0
        while (b := sc.peek()) is not None and 0x30 <= b <= 0x39:
            prec = prec * 10 + (b - 0x30)
            sc.pos += 1
        verb.prec = prec
    b = sc.peek()
    if b is None or not (0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A):
        raise sc.unexpected()
    sc.pos += 1
    verb.mode = chr(b)
    verb.raw = sc.data[start : sc.pos].decode("utf-8")
    return verb


# --------------------------------------------------------------------------- verbs


def format_verb(verb: Verb, args: list[Value]) -> str:
    if verb.arg_num - 1 >= len(args):
        raise FormatError(
            f"not enough arguments for {_go_quote(verb.raw)} at {verb.offset}: "
            f"need index {verb.arg_num} but have {len(args)} total"
        )
    arg = args[verb.arg_num - 1]
    if verb.mode != "v" and arg.is_null:
        raise FormatError(f"unsupported value for {_go_quote(verb.raw)} at {verb.offset}: null value cannot be formatted")
    mode = verb.mode
    if mode == "v":
        return _format_as_is(verb, arg)
    if mode == "t":
        return "true" if _converted(verb, arg, BOOL).raw else "false"
    if mode in "bdoxX":
        n = _converted(verb, arg, NUMBER).raw
        text = integer_text(n, mode, verb.plus, verb.space, verb.sharp, verb.zero and not verb.minus,
                            verb.minus, verb.width, verb.prec)
        if text is None:
            raise FormatError(f"unsupported value for {_go_quote(verb.raw)} at {verb.offset}: an integer is required")
        return text
    if mode in "eEfgG":
        n = _converted(verb, arg, NUMBER).raw
        return float_text(n, mode, verb.plus, verb.space, verb.zero and not verb.minus, verb.minus,
                          verb.width, verb.prec)
    if mode in "sq":
        s = _converted(verb, arg, STRING).raw
        if verb.prec is not None and verb.prec > 0:
            s = "".join(graphemes(s)[: verb.prec])
        if mode == "q":
            s = _json_text(Value.string(s))
        return pad_width(verb, s)
    raise FormatError(f"unsupported format verb {_go_rune_quote(mode)} in {_go_quote(verb.raw)} at offset {verb.offset}")


def _converted(verb: Verb, arg: Value, want: object) -> Value:
    try:
        return convert(arg, want)  # type: ignore[arg-type]
    except ConversionError as exc:
        raise FormatError(f"unsupported value for {_go_quote(verb.raw)} at {verb.offset}: {exc.message}") from None


def _format_as_is(verb: Verb, arg: Value) -> str:
    if not verb.sharp and not arg.is_null:
        if arg.type is STRING:
            return pad_width(verb, arg.raw)
        if arg.type is NUMBER:
            return pad_width(verb, shortest_g(arg.raw))
    return pad_width(verb, _json_text(arg))


def _json_text(value: Value) -> str:
    from hclrun.values.json import to_json

    return to_json(value)


def pad_width(verb: Verb, text: str) -> str:
    if verb.width is None:
        return text
    missing = verb.width - grapheme_length(text)
    if missing <= 0:
        return text
    pad = ("0" if verb.zero else " ") * missing
    return text + pad if verb.minus else pad + text


def _go_quote(s: str) -> str:
    return go_quote(s)
