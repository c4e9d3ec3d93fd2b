"""Static analysis: the references an expression makes, before evaluating it.

The dependency graph is built from these. Names bound by ``for`` expressions
(and template ``for`` directives) are skipped inside their bodies, and splat
items are anonymous, so neither shows up as a reference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hclrun.source import Range
from hclrun.syntax import ast


@dataclass(frozen=True, slots=True)
class Reference:
    """An absolute traversal such as ``var.a.b[0]`` and where it is written."""

    traversal: tuple[ast.Traverser, ...]
    range: Range

    @property
    def root_name(self) -> str:
        return self.traversal[0].name  # type: ignore[union-attr]

    def __str__(self) -> str:
        return traversal_string(self.traversal)


def traversal_string(traversal: tuple[ast.Traverser, ...]) -> str:
    """The traversal as Terraform writes it: ``var.a["k"][0]``."""
    parts: list[str] = []
    for t in traversal:
        if isinstance(t, ast.TraverseRoot):
            parts.append(t.name)
        elif isinstance(t, ast.TraverseAttr):
            parts.append("." + t.name)
        elif isinstance(t.key, ast.NumberLiteral):
            parts.append(f"[{t.key.text}]")
        else:
            escaped = t.key.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'["{escaped}"]')
    return "".join(parts)


def references(expr: ast.Expression) -> list[Reference]:
    """Every absolute traversal in ``expr``, in source order."""
    found: list[Reference] = []
    _collect(expr, frozenset(), found)
    return found


def _collect(expr: ast.Expression, bound: frozenset[str], found: list[Reference]) -> None:
    """Append the references in ``expr`` to ``found``; names in ``bound`` are iterators, not references."""
    t = type(expr)
    if t is ast.ScopeTraversalExpr:
        if expr.traversal[0].name not in bound:  # type: ignore[union-attr]
            found.append(Reference(expr.traversal, expr.range))  # type: ignore[union-attr]
        return
    if t is ast.ForExpr or t is ast.TemplateForExpr:
        _collect(expr.collection, bound, found)  # type: ignore[union-attr]
        names = {expr.value_var}  # type: ignore[union-attr]
        if expr.key_var:  # type: ignore[union-attr]
            names.add(expr.key_var)  # type: ignore[union-attr]
        inner = bound | names
        for child in _for_children(expr):
            _collect(child, inner, found)
        return
    if t is ast.ObjectConsExpr:
        for item in expr.items:  # type: ignore[union-attr]
            key = item.key
            if key.force_non_literal or not _is_keyword_key(key.wrapped):
                _collect(key.wrapped, bound, found)
            _collect(item.value, bound, found)
        return
    children = _CHILDREN.get(t)
    if children is not None:
        for child in children(expr):
            _collect(child, bound, found)


def _is_keyword_key(wrapped: ast.Expression) -> bool:
    if type(wrapped) is ast.ScopeTraversalExpr:
        return len(wrapped.traversal) == 1
    return type(wrapped) is ast.LiteralValueExpr and (
        wrapped.value is None or isinstance(wrapped.value, bool)
    )


def _for_children(expr: ast.Expression) -> tuple[ast.Expression, ...]:
    if isinstance(expr, ast.ForExpr):
        children: list[ast.Expression] = []
        if expr.key_expr is not None:
            children.append(expr.key_expr)
        children.append(expr.value_expr)
        if expr.condition is not None:
            children.append(expr.condition)
        return tuple(children)
    assert isinstance(expr, ast.TemplateForExpr)
    return (expr.body,)


def _conditional_children(expr: ast.ConditionalExpr) -> tuple[ast.Expression, ...]:
    return (expr.condition, expr.true_result, expr.false_result)


def _template_if_children(expr: ast.TemplateIfExpr) -> tuple[ast.Expression, ...]:
    if expr.false_template is None:
        return (expr.condition, expr.true_template)
    return (expr.condition, expr.true_template, expr.false_template)


# The sub-expressions of every other node type, by exact type (literals and
# anonymous symbols have none).
_CHILDREN: dict[type, Callable[[Any], tuple[ast.Expression, ...]]] = {
    ast.TemplateExpr: lambda e: e.parts,
    ast.TemplateWrapExpr: lambda e: (e.wrapped,),
    ast.ParenthesesExpr: lambda e: (e.expr,),
    ast.TemplateIfExpr: _template_if_children,
    ast.RelativeTraversalExpr: lambda e: (e.source,),
    ast.IndexExpr: lambda e: (e.collection, e.key),
    ast.SplatExpr: lambda e: (e.source, e.each),
    ast.FunctionCallExpr: lambda e: e.args,
    ast.ConditionalExpr: _conditional_children,
    ast.BinaryOpExpr: lambda e: (e.lhs, e.rhs),
    ast.UnaryOpExpr: lambda e: (e.operand,),
    ast.TupleConsExpr: lambda e: e.exprs,
}
