"""Moving sensitive marks off values before a provider sees them and back afterwards.

Providers get unmarked values (``providers.protocol``); the engine keeps the
paths that were marked and puts the mark back on the same paths of what
the provider returns, plus the attributes the schema declares sensitive.
"""

from __future__ import annotations

from hclrun.providers.schema import Block
from hclrun.values.errors import MapKey, PathStep
from hclrun.values.value import SENSITIVE, Value

MarkPath = tuple[PathStep, ...]


def unmark_paths(value: Value) -> tuple[Value, list[MarkPath]]:
    """``value`` with every mark removed and the paths that had the sensitive mark."""
    if not value.contains_marked():
        return value, []
    paths: list[MarkPath] = []
    return _unmark(value, (), paths), paths


def _unmark(value: Value, path: MarkPath, out: list[MarkPath]) -> Value:
    if SENSITIVE in value.marks:
        out.append(path)
    raw = value.raw
    if isinstance(raw, dict):
        is_map = value.type.is_map
        raw = {k: _unmark(v, (*path, MapKey(k) if is_map else k), out) for k, v in raw.items()}
    elif isinstance(raw, tuple):
        if value.type.is_set:
            plain, marks = value.unmark_deep()
            if SENSITIVE in marks and SENSITIVE not in value.marks:
                out.append(path)
            return Value(plain.type, plain.raw)
        raw = tuple(_unmark(v, (*path, i), out) for i, v in enumerate(raw))
    return Value(value.type, raw)


def mark_paths(value: Value, paths: list[MarkPath]) -> Value:
    """``value`` with the sensitive mark put on each of ``paths`` that exists in it."""
    for path in paths:
        value = _mark(value, path, 0)
    return value


def _mark(value: Value, path: MarkPath, i: int) -> Value:
    if i == len(path):
        return value.mark(SENSITIVE)
    raw = value.raw
    step = path[i]
    if isinstance(raw, dict) and isinstance(step, str) and step in raw:
        items = dict(raw)
        items[step] = _mark(raw[step], path, i + 1)
        return Value(value.type, items, value.marks)
    if isinstance(raw, tuple) and isinstance(step, int) and not value.type.is_set and 0 <= step < len(raw):
        elems = list(raw)
        elems[step] = _mark(raw[step], path, i + 1)
        return Value(value.type, tuple(elems), value.marks)
    return value


def schema_sensitive_paths(block: Block, value: Value, prefix: MarkPath = ()) -> list[MarkPath]:
    """Paths of attributes ``block`` declares sensitive (nested single blocks included)."""
    paths: list[MarkPath] = [(*prefix, name) for name in block.sensitive_names]
    for name, nested in block.block_types.items():
        if nested.nesting_mode in ("single", "group") and isinstance(value.raw, dict):
            inner = value.raw.get(name)
            if inner is not None and isinstance(inner.raw, dict):
                paths.extend(schema_sensitive_paths(nested.block, inner, (*prefix, name)))
    return paths
