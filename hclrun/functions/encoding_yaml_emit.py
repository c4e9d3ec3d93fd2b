"""``yamlencode``'s output style: block collections, double-quoted keys and
strings, literal blocks for multi-line strings, ``...`` after a plain scalar
document. Non-printable and non-BMP characters are escaped."""

from __future__ import annotations

from hclrun.values import number as num
from hclrun.values.types import BOOL, NUMBER
from hclrun.values.value import Value

_NAMED_ESCAPES = {
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def _printable(ch: str) -> bool:
    o = ord(ch)
    return (
        o == 0x0A
        or 0x20 <= o <= 0x7E
        or o == 0x85
        or 0xA0 <= o <= 0xD7FF
        or (0xE000 <= o <= 0xFFFD and o != 0xFEFF)
    )


def _escape_char(ch: str) -> str:
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    if _printable(ch):
        return ch
    o = ord(ch)
    if o <= 0xFF:
        return f"\\x{o:02X}"
    if o <= 0xFFFF:
        return f"\\u{o:04X}"
    return f"\\U{o:08X}"


def double_quoted(s: str) -> str:
    return '"' + "".join(_escape_char(c) for c in s) + '"'


def _literal_allowed(s: str) -> bool:
    if s.endswith(" "):
        return False
    if " \n" in s:
        return False
    return all(_printable(c) for c in s) and not s.startswith("\ufeff")


def _literal(s: str, indent: int) -> str:
    """A literal block scalar (header and body lines), content indented by ``indent``."""
    if not s.endswith("\n"):
        chomp = "-"
    elif len(s) == 1 or s.endswith("\n\n"):
        chomp = "+"
    else:
        chomp = ""
    hint = "2" if s[:1] in (" ", "\n") else ""
    body = s[:-1] if s.endswith("\n") else s
    lines = [(" " * indent + line) if line else "" for line in body.split("\n")]
    return f"|{hint}{chomp}\n" + "\n".join(lines)


def _scalar(v: Value, indent: int) -> tuple[str, bool]:
    """(text, is_plain) for a primitive value."""
    if v.is_null:
        return "null", True
    if v.type == BOOL:
        return ("true" if v.raw else "false"), True
    if v.type == NUMBER:
        return num.format_number(v.raw), True
    s: str = v.raw
    if "\n" in s and _literal_allowed(s):
        return _literal(s, indent), False
    return double_quoted(s), False


def _is_empty_collection(v: Value) -> bool:
    return not v.is_null and not v.type.is_primitive and len(v.raw) == 0


def _empty_text(v: Value) -> str:
    return "{}" if isinstance(v.raw, dict) else "[]"


def _is_block(v: Value) -> bool:
    return not v.is_null and not v.type.is_primitive and len(v.raw) > 0


def _emit(v: Value, indent: int, out: list[str]) -> None:
    """Append lines for a non-empty collection whose entries start at column ``indent``."""
    pad = " " * indent
    if isinstance(v.raw, dict):
        for key, e in v.raw.items():
            head = f"{pad}{double_quoted(key)}:"
            if _is_block(e):
                out.append(head)
                child_indent = indent if not isinstance(e.raw, dict) else indent + 2
                _emit(e, child_indent, out)
            elif _is_empty_collection(e):
                out.append(f"{head} {_empty_text(e)}")
            else:
                out.append(f"{head} {_scalar(e, indent + 2)[0]}")
        return
    for e in v.raw:
        if _is_block(e):
            sub: list[str] = []
            _emit(e, indent + 2, sub)
            out.append(f"{pad}- {sub[0][indent + 2:]}")
            out.extend(sub[1:])
        elif _is_empty_collection(e):
            out.append(f"{pad}- {_empty_text(e)}")
        else:
            out.append(f"{pad}- {_scalar(e, indent + 2)[0]}")


def yaml_document(v: Value) -> str:
    """The YAML document for a wholly known value without marks."""
    if _is_block(v):
        lines: list[str] = []
        _emit(v, 0, lines)
        return "\n".join(lines) + "\n"
    if _is_empty_collection(v):
        return _empty_text(v) + "\n"
    text, plain = _scalar(v, 2)
    return text + ("\n...\n" if plain else "\n")
