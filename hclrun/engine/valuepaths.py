"""Reading and replacing the value at an attribute path (``ignore_changes``, replace paths)."""

from __future__ import annotations

from hclrun.syntax import ast
from hclrun.values.errors import MapKey, PathStep
from hclrun.values.value import Value

ValuePath = tuple[PathStep, ...]


def path_from_expression(expr: ast.Expression) -> ValuePath | None:
    """``tags["a"]`` → ``("tags", MapKey("a"))``; None for anything but a plain traversal."""
    if not isinstance(expr, ast.ScopeTraversalExpr):
        return None
    steps: list[PathStep] = []
    for step in expr.traversal:
        if isinstance(step, ast.TraverseRoot | ast.TraverseAttr):
            steps.append(step.name)
        elif isinstance(step.key, str):
            steps.append(MapKey(step.key))
        else:
            steps.append(int(step.key.text))
    return tuple(steps)


def get_path(value: Value, path: ValuePath) -> Value | None:
    for step in path:
        raw = value.raw
        if isinstance(raw, dict) and isinstance(step, str) and step in raw:
            value = raw[step]
        elif isinstance(raw, tuple) and isinstance(step, int) and 0 <= step < len(raw):
            value = raw[step]
        else:
            return None
    return value


def set_path(value: Value, path: ValuePath, new: Value) -> Value:
    """``value`` with the element at ``path`` replaced; unchanged where the path does not exist."""
    if not path:
        return new
    raw = value.raw
    step = path[0]
    if isinstance(raw, dict) and isinstance(step, str):
        if step in raw:
            items = dict(raw)
            items[step] = set_path(raw[step], path[1:], new)
            return _rebuild_mapping(value, items)
        if isinstance(step, MapKey) and value.type.is_map and len(path) == 1:
            items = dict(raw)
            items[step] = new
            return Value.map(items) if all(v.type == new.type for v in items.values()) else value
        return value
    if isinstance(raw, tuple) and isinstance(step, int) and 0 <= step < len(raw) and not value.type.is_set:
        elems = list(raw)
        elems[step] = set_path(raw[step], path[1:], new)
        if value.type.is_list and all(e.type == value.type.element for e in elems):  # type: ignore[attr-defined]
            return Value(value.type, tuple(elems), value.marks)
        return Value.tuple(elems).with_marks(value.marks)
    return value


def _rebuild_mapping(value: Value, items: dict[str, Value]) -> Value:
    t = value.type
    if t.is_object:
        if all(items[k].type == t.attributes[k] for k in items):  # type: ignore[attr-defined]
            return Value(t, items, value.marks)
        return Value.object(items).with_marks(value.marks)
    if t.is_map and all(v.type == t.element for v in items.values()):  # type: ignore[attr-defined]
        return Value(t, items, value.marks)
    return Value.object(items).with_marks(value.marks)
