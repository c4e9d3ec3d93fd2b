"""JSON encoding of values and types, as cty (and so ``jsonencode``,
``jsondecode`` and Terraform's plan/state JSON) does it.

``to_json(value)``: compact JSON; object and map keys sorted; sets, lists
and tuples as arrays; numbers in their shortest exact decimal form (``-0``
stays ``-0``); ``<``, ``>``, ``&``, U+2028 and U+2029 escaped as Go's
encoder does. Raises ``JSONEncodeError`` for unknown values and infinities.
Marks are ignored (callers handle them).

``from_json(text)``: the value with the type JSON implies: objects become
object types, arrays tuples, numbers are parsed at 512 bits from their
literal text, strings NFC-normalised, a repeated key keeps the last value.
Raises ``JSONDecodeError`` with the Go decoder's message ("unexpected EOF",
"invalid character '1' after object key", "extraneous data after JSON object").

``type_to_json(t)`` / ``type_from_json(text)``: cty's JSON form of types:
``"string"``, ``["list","string"]``, ``["object",{"a":"number"},["a"]]``.
"""

from __future__ import annotations

import json as _stdjson
import re
from typing import Any

import gmpy2

from hclrun.values import number as num
from hclrun.values.json_decode import JSONDecodeError, decode_value
from hclrun.values.types import (
    BOOL,
    DYNAMIC,
    NUMBER,
    STRING,
    ListType,
    MapType,
    ObjectType,
    SetType,
    TupleType,
    Type,
)
from hclrun.values.value import Value

__all__ = ["JSONDecodeError", "JSONEncodeError", "from_json", "to_json", "type_from_json", "type_to_json"]


class JSONEncodeError(Exception):
    """A value that has no JSON form; ``str()`` is cty's message."""


def to_json(value: Value) -> str:
    out: list[str] = []
    _encode(value, out)
    return "".join(out)


def from_json(text: str) -> Value:
    return decode_value(text)


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


# Any character ``json_string`` does not copy as it is.
_SPECIAL = re.compile(r'["\\<>&\u2028\u2029\x00-\x1f\ud800-\udfff]')


def json_string(s: str) -> str:
    """Go's ``encoding/json`` string encoding with HTML escaping."""
    if _SPECIAL.search(s) is None:
        return f'"{s}"'
    out = ['"']
    for ch in s:
        esc = _ESCAPES.get(ch)
        if esc is not None:
            out.append(esc)
        elif ch < " ":
            out.append(f"\\u{ord(ch):04x}")
        elif "\ud800" <= ch <= "\udfff":
            out.append("\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _encode(v: Value, out: list[str]) -> None:
    raw = v.raw
    if not v.is_known:
        raise JSONEncodeError("value is not known")
    if raw is None:
        out.append("null")
        return
    t = v.type
    if t is STRING:
        out.append(json_string(raw))
    elif t is NUMBER:
        if gmpy2.is_infinite(raw):
            raise JSONEncodeError("cannot serialize infinity as JSON")
        out.append(num.format_number(raw))
    elif t is BOOL:
        out.append("true" if raw else "false")
    elif isinstance(raw, dict):
        out.append("{")
        first = True
        for k, e in raw.items():
            if not first:
                out.append(",")
            first = False
            out.append(json_string(k))
            out.append(":")
            _encode(e, out)
        out.append("}")
    else:
        out.append("[")
        for i, e in enumerate(raw):
            if i:
                out.append(",")
            _encode(e, out)
        out.append("]")


# --------------------------------------------------------------------------- types


def type_to_json(t: Type) -> str:
    return _stdjson.dumps(_type_data(t), separators=(",", ":"), ensure_ascii=False)


def _type_data(t: Type) -> Any:
    if t is DYNAMIC:
        return "dynamic"
    if t.is_primitive:
        return t.friendly_name()
    if isinstance(t, ListType | SetType | MapType):
        kind = "list" if t.is_list else "set" if t.is_set else "map"
        return [kind, _type_data(t.element)]
    if isinstance(t, TupleType):
        return ["tuple", [_type_data(e) for e in t.elements]]
    assert isinstance(t, ObjectType)
    data: list[Any] = ["object", {k: _type_data(a) for k, a in t.attributes.items()}]
    if t.optional:
        data.append(sorted(t.optional))
    return data


class TypeJSONError(ValueError):
    pass


def type_from_json(text: str) -> Type:
    try:
        data = _stdjson.loads(text)
    except ValueError as err:
        raise TypeJSONError(str(err)) from None
    return _type_from_data(data)


_PRIMITIVES: dict[str, Type] = {"string": STRING, "number": NUMBER, "bool": BOOL, "dynamic": DYNAMIC}


def _type_from_data(data: Any) -> Type:
    if isinstance(data, str):
        if data in _PRIMITIVES:
            return _PRIMITIVES[data]
        raise TypeJSONError(f"invalid primitive type name {data!r}")
    if not isinstance(data, list) or not data or not isinstance(data[0], str):
        raise TypeJSONError("invalid type specification")
    kind, rest = data[0], data[1:]
    if kind in ("list", "set", "map") and len(rest) == 1:
        ety = _type_from_data(rest[0])
        return ListType(ety) if kind == "list" else SetType(ety) if kind == "set" else MapType(ety)
    if kind == "tuple" and len(rest) == 1 and isinstance(rest[0], list):
        return TupleType(_type_from_data(e) for e in rest[0])
    if kind == "object" and len(rest) in (1, 2) and isinstance(rest[0], dict):
        attrs = {k: _type_from_data(a) for k, a in rest[0].items()}
        optional = rest[1] if len(rest) == 2 else []
        if not isinstance(optional, list) or any(o not in attrs for o in optional):
            raise TypeJSONError("invalid optional attribute list")
        return ObjectType(attrs, optional)
    raise TypeJSONError(f"invalid type kind {kind!r}")
