"""Values as the JSON plan and state formats write them.

Data here is decoded-JSON Python (``dict``, ``list``, ``str``, ``bool``,
``None``) with every number a ``jsondata.JSONNumber`` holding its exact text,
so ``jsondata.dumps_compact`` writes it as Go's encoder would and equality
stays type-strict. The helpers mirror the three views Terraform gives of a
value: its known parts (``omit_unknowns``), where it is unknown
(``unknown_as_bool``) and where it is sensitive (``sensitive_as_bool``).
"""

from __future__ import annotations

from typing import Any

from hclrun.providers.schema import Block
from hclrun.states.jsondata import JSONNumber
from hclrun.values import number as num
from hclrun.values.types import DYNAMIC, NUMBER
from hclrun.values.value import SENSITIVE, Unknown, Value

OMITTED: Any = object()
"""What ``omit_unknowns`` returns for a wholly unknown value (Go's NilVal)."""


def value_data(value: Value) -> Any:
    """The JSON data of a wholly known value; marks are ignored."""
    raw = value.raw
    if raw is None:
        return None
    t = value.type
    if t is NUMBER:
        return JSONNumber(num.format_number(raw))
    if isinstance(raw, dict):
        return {k: value_data(v) for k, v in raw.items()}
    if isinstance(raw, tuple):
        return [value_data(v) for v in raw]
    if isinstance(raw, Unknown):
        raise ValueError("value_data of an unknown value")
    return raw


def omit_unknowns(value: Value) -> Any:
    """The known parts: unknown attributes and map elements are dropped, unknown
    sequence elements become null; ``OMITTED`` when the value itself is unknown."""
    raw = value.raw
    if raw is None:
        return None
    if isinstance(raw, Unknown):
        return OMITTED
    t = value.type
    if t is NUMBER:
        return JSONNumber(num.format_number(raw))
    if isinstance(raw, dict):
        out = {}
        for k, v in raw.items():
            data = omit_unknowns(v)
            if data is not OMITTED:
                out[k] = data
        return out
    if isinstance(raw, tuple):
        return [None if (d := omit_unknowns(v)) is OMITTED else d for v in raw]
    return raw


def unknown_as_bool(value: Value) -> Any:
    """``true`` where the value is unknown, with nested objects listing only unknown parts."""
    raw = value.raw
    if raw is None:
        return False
    t = value.type
    if isinstance(raw, Unknown):
        return True
    if t.is_primitive:
        return False
    if isinstance(raw, tuple):
        return [unknown_as_bool(v) for v in raw]
    out = {}
    for k, v in raw.items():
        flag = unknown_as_bool(v)
        if flag is not False:
            out[k] = flag
    return out


def sensitive_as_bool(value: Value) -> Any:
    """``true`` where the value is marked sensitive; objects list only sensitive parts."""
    if SENSITIVE in value.marks:
        return True
    raw = value.raw
    t = value.type
    if raw is None or t.is_primitive or t is DYNAMIC:
        return False
    if isinstance(raw, Unknown):
        return [] if (t.is_list or t.is_tuple or t.is_set) else {}
    if isinstance(raw, tuple):
        return [sensitive_as_bool(v) for v in raw]
    out = {}
    for k, v in raw.items():
        flag = sensitive_as_bool(v)
        if flag is not False:
            out[k] = flag
    return out


def planned_views(value: Value) -> tuple[Any, Any, Any, bool]:
    """``omit_unknowns``, ``unknown_as_bool`` and ``sensitive_as_bool`` of
    ``value``, and whether it is wholly known, in one walk (the plan formats
    need all four of every planned value; marks need not be removed first)."""
    raw = value.raw
    t = value.type
    sensitive: Any = True if SENSITIVE in value.marks else False
    if raw is None:
        return None, False, sensitive, True
    if isinstance(raw, Unknown):
        if sensitive is False and not t.is_primitive and t is not DYNAMIC:
            sensitive = [] if (t.is_list or t.is_tuple or t.is_set) else {}
        return OMITTED, True, sensitive, False
    if isinstance(raw, dict):
        known: dict[str, Any] = {}
        unknown: dict[str, Any] = {}
        nested_sensitive: dict[str, Any] = {}
        whole = True
        for k, v in raw.items():
            k_known, k_unknown, k_sensitive, k_whole = planned_views(v)
            if k_known is not OMITTED:
                known[k] = k_known
            if k_unknown is not False:
                unknown[k] = k_unknown
            if k_sensitive is not False:
                nested_sensitive[k] = k_sensitive
            if not k_whole:
                whole = False
        return known, unknown, nested_sensitive if sensitive is False else sensitive, whole
    if isinstance(raw, tuple):
        known_list: list[Any] = []
        unknown_list: list[Any] = []
        sensitive_list: list[Any] = []
        whole = True
        for v in raw:
            e_known, e_unknown, e_sensitive, e_whole = planned_views(v)
            known_list.append(None if e_known is OMITTED else e_known)
            unknown_list.append(e_unknown)
            sensitive_list.append(e_sensitive)
            if not e_whole:
                whole = False
        return known_list, unknown_list, sensitive_list if sensitive is False else sensitive, whole
    if t is NUMBER:
        return JSONNumber(num.format_number(raw)), False, sensitive, True
    return raw, False, sensitive, True


def mark_schema_sensitive(value: Value, block: Block) -> Value:
    """``value`` (an object of ``block``'s type) with the attributes the schema
    declares sensitive marked, in nested blocks too."""
    raw = value.raw
    if not isinstance(raw, dict) or (not block.sensitive_names and not block.block_types):
        return value
    attrs = dict(raw)
    changed = False
    for name in block.sensitive_names:
        if name in attrs:
            attrs[name] = attrs[name].mark(SENSITIVE)
            changed = True
    for name, nested in block.block_types.items():
        child = attrs.get(name)
        if child is None or not isinstance(child.raw, dict | tuple):
            continue
        if nested.nesting_mode in ("single", "group"):
            attrs[name] = mark_schema_sensitive(child, nested.block)
        elif isinstance(child.raw, tuple):
            elems = tuple(mark_schema_sensitive(e, nested.block) for e in child.raw)
            attrs[name] = Value(child.type, elems, child.marks)
        else:
            items = {k: mark_schema_sensitive(e, nested.block) for k, e in child.raw.items()}
            attrs[name] = Value(child.type, items, child.marks)
        changed = True
    return Value(value.type, attrs, value.marks) if changed else value


def mark_state_paths(value: Value, paths: Any) -> Value:
    """``value`` with the state file's ``sensitive_attributes`` paths marked sensitive."""
    for path in paths or ():
        value = _mark_path(value, list(path))
    return value


def _mark_path(value: Value, path: list[Any]) -> Value:
    if not path:
        return value.mark(SENSITIVE)
    raw = value.raw
    if not isinstance(raw, dict | tuple):
        return value
    step, rest = path[0], path[1:]
    kind, key = step.get("type"), step.get("value")
    if kind == "get_attr" and isinstance(raw, dict) and key in raw:
        return Value(value.type, {**raw, key: _mark_path(raw[key], rest)}, value.marks)
    if kind == "index" and isinstance(key, dict):
        k = key.get("value")
        if isinstance(raw, dict) and isinstance(k, str) and k in raw:
            return Value(value.type, {**raw, k: _mark_path(raw[k], rest)}, value.marks)
        if isinstance(raw, tuple) and not value.type.is_set and isinstance(k, int) and 0 <= k < len(raw):
            elems = list(raw)
            elems[k] = _mark_path(elems[k], rest)
            return Value(value.type, tuple(elems), value.marks)
    return value


__all__ = [
    "OMITTED",
    "mark_schema_sensitive",
    "mark_state_paths",
    "omit_unknowns",
    "planned_views",
    "sensitive_as_bool",
    "unknown_as_bool",
    "value_data",
]
