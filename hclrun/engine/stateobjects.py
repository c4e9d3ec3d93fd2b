"""Resource instance objects in state ↔ values of the schema's type, without a JSON round trip.

State keeps attributes as decoded JSON in cty's typed form: plain JSON for
attributes of a known type and ``{"value": ..., "type": ...}`` for
``dynamic`` ones. These functions walk that data and the schema type
together, which is several times faster than printing and re-parsing JSON,
and move sensitive marks to and from ``sensitive_attributes`` paths.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from hclrun.addrs import ConfigResource
from hclrun.engine.marks import MarkPath, mark_paths, unmark_paths
from hclrun.states import jsondata
from hclrun.states.objects import ObjectStatus, ResourceInstanceObject
from hclrun.values import number as num
from hclrun.values.errors import MapKey
from hclrun.values.json import type_from_json, type_to_json
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


@lru_cache(maxsize=256)
def _type_from_text(text: str) -> Type:
    return type_from_json(text)


def _type_key(type_data: Any) -> str:
    """JSON text of a type as state records it, as a cache key (type JSON holds no numbers)."""
    return json.dumps(type_data, separators=(",", ":"))


@lru_cache(maxsize=256)
def _type_data(t: Type) -> Any:
    return json.loads(type_to_json(t))


def data_to_value(data: Any, t: Type) -> Value:
    """Decoded state JSON → a value of type ``t``."""
    if t is DYNAMIC:
        if data is None:
            return Value.null(DYNAMIC)
        return data_to_value(data.get("value"), _type_from_text(_type_key(data.get("type"))))
    if data is None:
        return Value.null(t)
    if t is STRING:
        return Value(STRING, data) if data.isascii() else Value.string(data)
    if t is NUMBER:
        return Value.number(data if isinstance(data, int) else str(data))
    if t is BOOL:
        return Value.bool(bool(data))
    if isinstance(t, ObjectType):
        attrs = {k: data_to_value(data.get(k), at) for k, at in t.attributes.items()}
        return Value.object(attrs) if t.has_dynamic_types() else Value(t, attrs)
    if isinstance(t, ListType):
        return Value(t, tuple(data_to_value(e, t.element) for e in data))
    if isinstance(t, SetType):
        return Value.set((data_to_value(e, t.element) for e in data), t.element)
    if isinstance(t, MapType):
        return Value(t, {k: data_to_value(data[k], t.element) for k in sorted(data)})
    if isinstance(t, TupleType):
        return Value(t, tuple(data_to_value(e, et) for e, et in zip(data, t.elements, strict=False)))
    raise TypeError(f"cannot decode state data as {t!r}")


def value_to_data(value: Value, t: Type) -> Any:
    """An unmarked, wholly known value → state JSON data for schema type ``t``."""
    if t is DYNAMIC:
        if value.is_null:
            return None
        return {"value": value_to_data(value, value.type), "type": _type_data(value.type)}
    raw = value.raw
    if raw is None:
        return None
    vt = value.type
    if vt is STRING or vt is BOOL:
        return raw
    if vt is NUMBER:
        text = num.format_number(raw)
        return int(text) if text.lstrip("-").isdigit() and text != "-0" else jsondata.JSONNumber(text)
    if isinstance(raw, dict):
        if isinstance(t, ObjectType):
            return {k: value_to_data(raw[k], t.attributes.get(k, raw[k].type)) for k in raw}
        element = t.element if isinstance(t, MapType) else None  # type: ignore[union-attr]
        return {k: value_to_data(v, element or v.type) for k, v in raw.items()}
    if isinstance(t, TupleType):
        return [value_to_data(v, et) for v, et in zip(raw, t.elements, strict=False)]
    element = getattr(t, "element", None)
    return [value_to_data(v, element or v.type) for v in raw]


def _path_to_state(path: MarkPath, value: Value) -> list[Any]:
    steps: list[Any] = []
    current: Value | None = value
    for step in path:
        if isinstance(step, int):
            steps.append({"type": "index", "value": {"value": step, "type": "number"}})
        elif isinstance(step, MapKey) or (current is not None and current.type.is_map):
            steps.append({"type": "index", "value": {"value": str(step), "type": "string"}})
        else:
            steps.append({"type": "get_attr", "value": step})
        if current is not None and isinstance(current.raw, dict | tuple):
            try:
                current = current.raw[step]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                current = None
        else:
            current = None
    return steps


def _path_from_state(steps: list[Any]) -> MarkPath:
    path: list[str | int] = []
    for step in steps:
        if step.get("type") == "get_attr":
            path.append(str(step.get("value")))
        else:
            key = step.get("value", {})
            if key.get("type") == "number":
                path.append(int(key.get("value")))
            else:
                path.append(MapKey(str(key.get("value"))))
    return tuple(path)


def object_value(obj: ResourceInstanceObject, t: Type) -> Value:
    """The object's attributes as a value of ``t``, with its sensitive paths marked."""
    value = data_to_value(obj.attributes, t)
    if obj.sensitive_attributes:
        value = mark_paths(value, [_path_from_state(p) for p in obj.sensitive_attributes])
    return value


def new_object(
    value: Value,
    t: Type,
    *,
    status: ObjectStatus = ObjectStatus.READY,
    schema_version: int = 0,
    private: bytes | None = None,
    dependencies: tuple[ConfigResource, ...] = (),
    create_before_destroy: bool = False,
) -> ResourceInstanceObject:
    """Record a wholly known (possibly marked) value as a state object."""
    plain, paths = unmark_paths(value)
    return ResourceInstanceObject(
        attributes=value_to_data(plain, t),
        status=status,
        schema_version=schema_version,
        sensitive_attributes=[_path_to_state(p, plain) for p in paths],
        private=private,
        dependencies=dependencies,
        create_before_destroy=create_before_destroy,
    )
