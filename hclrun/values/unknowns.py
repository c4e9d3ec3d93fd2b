"""Refinements of unknown values that operations keep (cty's value ranges)."""

from __future__ import annotations

from dataclasses import replace

from hclrun.values.types import Type
from hclrun.values.value import PLAIN_UNKNOWN, Unknown, Value

NOT_NULL = Unknown(not_null=True)


def unknown_not_null(t: Type) -> Value:
    return Value(t, NOT_NULL)


def definitely_not_null(v: Value) -> bool:
    raw = v.raw
    if isinstance(raw, Unknown):
        return raw.not_null
    return raw is not None


def length_bounds(v: Value) -> tuple[int, int | None]:
    """Inclusive bounds of a collection's length, known or not."""
    raw = v.raw
    if isinstance(raw, Unknown):
        return raw.length_lower, raw.length_upper
    if raw is None:
        return 0, None
    return len(raw), len(raw)


def unknown_conversion_result(source: Value, target: Type) -> Value:
    """The unknown that converting the unknown ``source`` to ``target`` yields,
    keeping what cty keeps: not-null, and collection length bounds."""
    src_t = source.type
    raw = source.raw
    assert isinstance(raw, Unknown)
    ref = NOT_NULL if raw.not_null else PLAIN_UNKNOWN
    if src_t.is_object and target.is_map:
        n = len(src_t.attributes)  # type: ignore[attr-defined]
        ref = replace(ref, length_lower=n, length_upper=n)
    elif src_t.is_tuple and target.is_list:
        n = len(src_t.elements)  # type: ignore[attr-defined]
        ref = replace(ref, length_lower=n, length_upper=n)
    elif src_t.is_tuple and target.is_set:
        n = len(src_t.elements)  # type: ignore[attr-defined]
        ref = replace(ref, length_lower=min(n, 1), length_upper=n)
    elif src_t.is_collection and target.is_collection:
        lower = raw.length_lower
        if target.is_set:
            lower = 1 if lower > 0 else 0
        ref = replace(ref, length_lower=lower, length_upper=raw.length_upper)
    return Value(target, ref)
