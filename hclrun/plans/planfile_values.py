"""Exact JSON forms of values for saved plans: type, content, unknowns with
their refinements, and marks at every depth, so a value reads back
``raw_equals`` to the one written (numbers at full precision).

Each value is written as a list ``[kind, payload]`` plus a third item, the
sorted marks, when it has any. Kinds: ``null``, ``unknown`` (payload: the
refinements), ``s``, ``n`` (exact decimal text, ``+Inf``/``-Inf``), ``b``,
``seq`` (lists, sets, tuples) and ``map`` (maps, objects). Types are written
once, at the top, as the text of cty's JSON type form.
"""

from __future__ import annotations

from typing import Any

import gmpy2

from hclrun.values import number as num
from hclrun.values.json import type_from_json, type_to_json
from hclrun.values.types import BOOL, NUMBER, STRING, ObjectType, TupleType, Type
from hclrun.values.value import NO_MARKS, Unknown, Value


class PlanValueError(ValueError):
    """Stored value data that does not fit its type."""


def encode_value(value: Value) -> dict[str, Any]:
    return {"type": _type_text(value.type), "value": _encode(value)}


def decode_value(data: Any) -> Value:
    if not isinstance(data, dict) or "type" not in data or "value" not in data:
        raise PlanValueError("a value needs a type and a value")
    return _decode(data["value"], _type_from(data["type"]))


# The objects of a plan share a few types (one per resource type), so each
# type's JSON text is made once, and each text read back once.
_TYPE_TEXTS: dict[Type, str] = {}
_TYPES_READ: dict[str, Type] = {}
_REMEMBERED = 1024


def _type_text(t: Type) -> str:
    found = _TYPE_TEXTS.get(t)
    if found is None:
        found = type_to_json(t)
        if len(_TYPE_TEXTS) >= _REMEMBERED:
            _TYPE_TEXTS.clear()
        _TYPE_TEXTS[t] = found
    return found


def _type_from(text: Any) -> Type:
    if not isinstance(text, str):
        raise PlanValueError("a type must be written as its JSON text")
    found = _TYPES_READ.get(text)
    if found is None:
        try:
            found = type_from_json(text)
        except ValueError as err:
            raise PlanValueError(str(err)) from None
        if len(_TYPES_READ) >= _REMEMBERED:
            _TYPES_READ.clear()
        _TYPES_READ[text] = found
    return found


def _number_text(n: Any) -> str:
    if gmpy2.is_infinite(n):
        return "+Inf" if n > 0 else "-Inf"
    return num.format_number(n)


def _number(text: Any) -> Any:
    if text == "+Inf":
        return gmpy2.mpfr("inf", num.PRECISION)
    if text == "-Inf":
        return gmpy2.mpfr("-inf", num.PRECISION)
    if not isinstance(text, str):
        raise PlanValueError("a number must be written as text")
    try:
        return num.parse_number(text)
    except ValueError as err:
        raise PlanValueError(str(err)) from None


def _encode(value: Value) -> list[Any]:
    raw = value.raw
    t = value.type
    out: list[Any]
    if raw is None:
        out = ["null", None]
    elif isinstance(raw, Unknown):
        out = ["unknown", _refinement_data(raw)]
    elif t is STRING:
        out = ["s", raw]
    elif isinstance(raw, dict):
        out = ["map", _encode_items(raw)]
    elif t is NUMBER:
        out = ["n", _number_text(raw)]
    elif t is BOOL:
        out = ["b", raw]
    elif isinstance(raw, tuple):
        out = ["seq", [_encode(v) for v in raw]]
    else:
        out = ["map", _encode_items(raw)]
    if value.marks:
        out.append(sorted(value.marks))
    return out


def _encode_items(items: dict[str, Value]) -> dict[str, list[Any]]:
    """The elements of a map or object; unmarked known strings (most of them) written here."""
    out: dict[str, list[Any]] = {}
    for k, v in items.items():
        raw = v.raw
        out[k] = ["s", raw] if v.type is STRING and type(raw) is str and not v.marks else _encode(v)
    return out


def _refinement_data(u: Unknown) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if u.not_null:
        data["not_null"] = True
    if u.string_prefix:
        data["string_prefix"] = u.string_prefix
    if u.number_lower is not None:
        data["number_lower"] = [_number_text(u.number_lower[0]), u.number_lower[1]]
    if u.number_upper is not None:
        data["number_upper"] = [_number_text(u.number_upper[0]), u.number_upper[1]]
    if u.length_lower:
        data["length_lower"] = u.length_lower
    if u.length_upper is not None:
        data["length_upper"] = u.length_upper
    return data


def _decode(data: Any, t: Type) -> Value:
    if not isinstance(data, list) or len(data) not in (2, 3) or not isinstance(data[0], str):
        raise PlanValueError("malformed value")
    kind, payload = data[0], data[1]
    marks = frozenset(data[2]) if len(data) == 3 else NO_MARKS
    raw: Any
    if kind == "null":
        raw = None
    elif kind == "unknown":
        raw = _refinement(payload)
    elif kind == "s" and t is STRING and isinstance(payload, str):
        raw = payload
    elif kind == "n" and t is NUMBER:
        raw = _number(payload)
    elif kind == "b" and t is BOOL and isinstance(payload, bool):
        raw = payload
    elif kind == "seq" and isinstance(payload, list) and (t.is_list or t.is_set or t.is_tuple):
        if isinstance(t, TupleType):
            if len(payload) != len(t.elements):
                raise PlanValueError("tuple length does not match its type")
            raw = tuple(_decode(d, et) for d, et in zip(payload, t.elements, strict=True))
        else:
            et: Type = t.element  # type: ignore[attr-defined]
            raw = tuple(_decode(d, et) for d in payload)
    elif kind == "map" and isinstance(payload, dict) and (t.is_map or t.is_object):
        if isinstance(t, ObjectType):
            if set(payload) != set(t.attributes):
                raise PlanValueError("object attributes do not match its type")
            raw = {k: _decode(payload[k], at) for k, at in t.attributes.items()}
        else:
            et = t.element  # type: ignore[attr-defined]
            raw = {k: _decode(payload[k], et) for k in sorted(payload)}
    else:
        raise PlanValueError(f"value of kind {kind!r} does not fit type {t.type_expr()}")
    return Value(t, raw, marks)


def _refinement(data: Any) -> Unknown:
    if not isinstance(data, dict):
        raise PlanValueError("malformed unknown value")

    def bound(key: str) -> tuple[Any, bool] | None:
        if key not in data:
            return None
        text, inclusive = data[key]
        return (_number(text), bool(inclusive))

    return Unknown(
        not_null=bool(data.get("not_null", False)),
        string_prefix=str(data.get("string_prefix", "")),
        number_lower=bound("number_lower"),
        number_upper=bound("number_upper"),
        length_lower=int(data.get("length_lower", 0)),
        length_upper=data.get("length_upper"),
    )


__all__ = ["PlanValueError", "decode_value", "encode_value"]
