"""The JSON form of resource instance attributes in state (cty's typed JSON).

Attributes of a known type are plain JSON; a ``dynamic`` attribute is stored as
``{"value": ..., "type": ...}`` so its concrete type survives. These two
functions are exact inverses for wholly known values.
"""

from __future__ import annotations

from hclrun.values.convert import convert
from hclrun.values.json import from_json, to_json, type_from_json, type_to_json
from hclrun.values.types import DYNAMIC, ObjectType, TupleType, Type
from hclrun.values.value import Value


class StateJSONError(ValueError):
    """Stored attributes that do not fit the schema's type."""


def value_to_state_json(value: Value, t: Type) -> str:
    """Encode ``value`` (unmarked, wholly known) as state JSON for schema type ``t``."""
    if not t.has_dynamic_types():
        return to_json(value)
    if t is DYNAMIC:
        if value.is_null:
            return "null"
        return '{"value":' + to_json(value) + ',"type":' + type_to_json(value.type) + "}"
    if value.is_null:
        return "null"
    if isinstance(t, ObjectType):
        parts = [
            f"{to_json(Value.string(k))}:{value_to_state_json(value.raw[k], at)}"
            for k, at in t.attributes.items()
        ]
        return "{" + ",".join(parts) + "}"
    if isinstance(t, TupleType):
        return (
            "["
            + ",".join(value_to_state_json(e, et) for e, et in zip(value.raw, t.elements, strict=True))
            + "]"
        )
    et: Type = t.element  # type: ignore[attr-defined]
    if t.is_map:
        return (
            "{"
            + ",".join(
                f"{to_json(Value.string(k))}:{value_to_state_json(e, et)}" for k, e in value.raw.items()
            )
            + "}"
        )
    return "[" + ",".join(value_to_state_json(e, et) for e in value.raw) + "]"


def value_from_state_json(text: str, t: Type) -> Value:
    """Decode state JSON written for schema type ``t``; raises ``StateJSONError``."""
    try:
        return conform(from_json(text), t)
    except StateJSONError:
        raise
    except Exception as err:  # decoding and conversion errors carry their own wording
        raise StateJSONError(str(err)) from None


def conform(v: Value, t: Type) -> Value:
    """A value decoded from JSON with implied types, rebuilt as schema type ``t``."""
    if t is DYNAMIC:
        if v.is_null:
            return Value.null(DYNAMIC)
        if not v.type.is_object or set(v.raw) != {"value", "type"}:
            raise StateJSONError("missing type or value property")
        return conform(v.raw["value"], type_from_json(to_json(v.raw["type"])))
    if v.is_null:
        return Value.null(t)
    if t.is_primitive:
        return convert(v, t)
    if isinstance(t, ObjectType):
        if not v.type.is_object:
            raise StateJSONError("an object is required")
        unknown = set(v.raw) - set(t.attributes)
        if unknown:
            raise StateJSONError(f"unsupported attribute {sorted(unknown)[0]!r}")
        return Value.object({k: conform(v.raw.get(k, Value.null(at)), at) for k, at in t.attributes.items()})
    if isinstance(t, TupleType):
        return Value.tuple(conform(e, et) for e, et in zip(v.raw, t.elements, strict=True))
    et: Type = t.element  # type: ignore[attr-defined]
    if t.is_map:
        return Value.map({k: conform(e, et) for k, e in v.raw.items()}, et)
    elems = [conform(e, et) for e in v.raw]
    return Value.set(elems, et) if t.is_set else Value.list(elems, et)
