"""Filling in defaults of optional object attributes (before type conversion).

An attribute that is absent or null gets its default; defaults nested in
collections apply to every element. Unknown and null values are left alone.
Collections whose elements no longer share a type after defaults were
applied fall back to a tuple (or object), as Terraform does, and the final
conversion to the type constraint sorts that out.
"""

from __future__ import annotations

from hclrun.eval.typeexpr import TypeDefaults
from hclrun.values.convert import ConversionError, convert
from hclrun.values.types import TupleType
from hclrun.values.unify import unify_unsafe
from hclrun.values.value import Value


def apply_defaults(value: Value, defaults: TypeDefaults | None) -> Value:
    """``value`` with the defaults in ``defaults`` filled in."""
    if defaults is None or value.raw is None or not value.is_known:
        return value
    if not defaults.values and not defaults.children:
        return value
    value, marks = value.unmark()
    t = value.type
    result = value
    if t.is_set or t.is_list or t.is_tuple:
        elements = _apply_slice(defaults, value)
        if t.is_set or t.is_list:
            if not elements:
                result = value
            else:
                unified = _unify(elements)
                if unified is not None:
                    result = Value.set(unified) if t.is_set else Value.list(unified)
                else:
                    result = Value.tuple(elements)
        else:
            result = Value.tuple(elements)
    elif t.is_object or t.is_map:
        items = _apply_map(defaults, value)
        for name, default in defaults.values.items():
            current = items.get(name)
            if current is None or current.raw is None:
                child = defaults.children.get(name)
                items[name] = apply_defaults(default, child) if child is not None else default
        if t.is_map and items:
            unified_map = _unify_map(items)
            result = Value.map(unified_map) if unified_map is not None else Value.object(items)
        elif t.is_map:
            result = value
        else:
            result = Value.object(items)
    return result.with_marks(marks) if marks else result


def _child(defaults: TypeDefaults, key: int | str) -> TypeDefaults | None:
    if isinstance(key, int) and isinstance(defaults.type, TupleType):
        return defaults.children.get(str(key))
    if isinstance(key, str) and defaults.type.is_object:
        return defaults.children.get(key)
    return defaults.children.get("")


def _apply_slice(defaults: TypeDefaults, value: Value) -> list[Value]:
    out: list[Value] = []
    for i, element in enumerate(value.raw):
        child = _child(defaults, i)
        out.append(apply_defaults(element, child) if child is not None else element)
    return out


def _apply_map(defaults: TypeDefaults, value: Value) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for key, element in value.raw.items():
        child = _child(defaults, key)
        out[key] = apply_defaults(element, child) if child is not None else element
    return out


def _unify(values: list[Value]) -> list[Value] | None:
    unified = unify_unsafe([v.type for v in values])
    if unified is None:
        return None
    try:
        return [v if v.type == unified else convert(v, unified) for v in values]
    except ConversionError:
        return None


def _unify_map(items: dict[str, Value]) -> dict[str, Value] | None:
    keys = sorted(items)
    converted = _unify([items[k] for k in keys])
    if converted is None:
        return None
    return dict(zip(keys, converted))
