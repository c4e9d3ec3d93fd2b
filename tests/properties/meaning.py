"""The meaning of a syntax tree: its structure without source positions.

``fmt`` only moves whitespace and comments, except for the rewrites it makes
on purpose (``hclrun.syntax.format_rewrite``), which keep the meaning:

* an attribute value ``"${x}"`` becomes ``x`` (``(x)`` when it spans lines);
* a ``variable`` block's legacy ``type = "string"`` becomes ``type = string``,
  ``"list"``/``"map"`` become ``list(string)``/``map(string)`` and bare
  ``list``/``map``/``set`` gain ``(any)``;
* block labels are quoted (labels are plain strings in the tree already).

``file_meaning`` folds those differences away, so two files mean the same
exactly when their meanings compare equal.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from hclrun.source import Range
from hclrun.syntax import ast

Meaning = Any

_WRAPPERS = (ast.TemplateWrapExpr, ast.ParenthesesExpr)
_LEGACY_TYPE_STRINGS = {"string": ("string", None), "list": ("list", "string"), "map": ("map", "string")}
_BARE_COLLECTIONS = frozenset({"list", "map", "set"})


def _is_range(value: object) -> bool:
    return isinstance(value, Range) or (
        isinstance(value, tuple) and bool(value) and all(isinstance(v, Range) for v in value)
    )


def node_meaning(node: object) -> Meaning:
    """A nested tuple for ``node``: its class and every field that is not a source range.

    ``AnonSymbolExpr`` nodes (a splat's item) are identified by their position
    only, so they all compare equal.
    """
    if isinstance(node, ast.AnonSymbolExpr):
        return ("AnonSymbolExpr",)
    if is_dataclass(node) and not isinstance(node, type):
        items: list[Meaning] = [type(node).__name__]
        for f in fields(node):
            value = getattr(node, f.name)
            if f.name in ("source", "filename") and isinstance(node, ast.File):
                continue
            if _is_range(value):
                continue
            items.append((f.name, node_meaning(value)))
        return tuple(items)
    if isinstance(node, tuple):
        return tuple(node_meaning(v) for v in node)
    return node


def unwrap_attribute_value(expr: ast.Expression) -> ast.Expression:
    """The expression an attribute value stands for: without ``"${...}"`` and parentheses around it."""
    while isinstance(expr, _WRAPPERS):
        expr = expr.wrapped if isinstance(expr, ast.TemplateWrapExpr) else expr.expr
    return expr


def _type_meaning(expr: ast.Expression) -> Meaning:
    """A variable's type constraint, with the legacy spellings ``fmt`` modernises made modern."""
    expr = unwrap_attribute_value(expr)
    if isinstance(expr, ast.TemplateExpr) and len(expr.parts) == 1:
        part = expr.parts[0]
        if isinstance(part, ast.LiteralValueExpr) and part.value in _LEGACY_TYPE_STRINGS:
            return ("type", _LEGACY_TYPE_STRINGS[str(part.value)])
    if isinstance(expr, ast.ScopeTraversalExpr) and len(expr.traversal) == 1:
        name = expr.traversal[0].name  # type: ignore[union-attr]
        return ("type", (name, "any" if name in _BARE_COLLECTIONS else None))
    if (
        isinstance(expr, ast.FunctionCallExpr)
        and expr.name in _BARE_COLLECTIONS | {"string"}
        and len(expr.args) == 1
        and isinstance(expr.args[0], ast.ScopeTraversalExpr)
        and len(expr.args[0].traversal) == 1
        and not expr.expand_final
    ):
        return ("type", (expr.name, expr.args[0].traversal[0].name))  # type: ignore[union-attr]
    return node_meaning(expr)


def body_meaning(body: ast.Body, blocks: tuple[str, ...] = ()) -> Meaning:
    items: list[Meaning] = []
    for item in body.items:
        if isinstance(item, ast.Attribute):
            if blocks == ("variable",) and item.name == "type":
                value = _type_meaning(item.expr)
            else:
                value = node_meaning(unwrap_attribute_value(item.expr))
            items.append(("attr", item.name, value))
        else:
            items.append(("block", item.type, item.labels, body_meaning(item.body, (*blocks, item.type))))
    return tuple(items)


def file_meaning(file: ast.File) -> Meaning:
    return body_meaning(file.body)


def attribute_expressions(body: ast.Body) -> list[tuple[str, ast.Expression]]:
    """Every value attribute in ``body`` and its nested blocks, as (dotted path, expression),
    in order; a top-level ``variable`` block's ``type`` is a type constraint, not a value."""
    found: list[tuple[str, ast.Expression]] = []

    def walk(b: ast.Body, prefix: str, blocks: tuple[str, ...]) -> None:
        for index, item in enumerate(b.items):
            if isinstance(item, ast.Attribute):
                if not (blocks == ("variable",) and item.name == "type"):
                    found.append((f"{prefix}{item.name}", item.expr))
            else:
                walk(item.body, f"{prefix}{item.type}#{index}.", (*blocks, item.type))

    walk(body, "", ())
    return found


def labels_fmt_drops(body: ast.Body) -> bool:
    """Whether a block label has a ``$`` or ``%`` beside other text, which ``terraform fmt``
    drops (it keeps only labels that scan as a single literal piece)."""
    for block in body.blocks:
        if any(len(label) > 1 and ("$" in label or "%" in label) for label in block.labels):
            return True
        if labels_fmt_drops(block.body):
            return True
    return False


def has_interpolation_only_value(body: ast.Body) -> bool:
    """Whether some attribute value is still exactly ``"${...}"`` after one ``fmt`` run,
    as ``"${"${x}"}"`` is: ``fmt`` unwraps one level per run, so a second run changes it."""
    for _, expr in attribute_expressions(body):
        while isinstance(expr, ast.ParenthesesExpr):
            expr = expr.expr
        if isinstance(expr, ast.TemplateWrapExpr):
            return True
    return False


def called_functions(node: object) -> set[str]:
    """The names of every function called anywhere under ``node``."""
    names: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.FunctionCallExpr):
            names.add(current.name.removeprefix("core::"))
        if is_dataclass(current) and not isinstance(current, type):
            stack.extend(getattr(current, f.name) for f in fields(current))
        elif isinstance(current, tuple):
            stack.extend(current)
    return names
