"""Static analysis: the references an expression makes, before evaluating it.

The dependency graph is built from these. Names bound by ``for`` expressions
(and template ``for`` directives) are skipped inside their bodies, and splat
items are anonymous, so neither shows up as a reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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
    return list(_walk(expr, frozenset()))


def _walk(expr: ast.Expression, bound: frozenset[str]) -> Iterator[Reference]:
    t = type(expr)
    if t is ast.ScopeTraversalExpr:
        if expr.traversal[0].name not in bound:  # type: ignore[union-attr]
            yield Reference(expr.traversal, expr.range)  # type: ignore[union-attr]
        return
    if t is ast.ForExpr or t is ast.TemplateForExpr:
        yield from _walk(expr.collection, bound)  # type: ignore[union-attr]
        names = {expr.value_var}  # type: ignore[union-attr]
        if expr.key_var:  # type: ignore[union-attr]
            names.add(expr.key_var)  # type: ignore[union-attr]
        inner = bound | names
        for child in _for_children(expr):
            yield from _walk(child, inner)
        return
    if t is ast.ObjectConsExpr:
        for item in expr.items:  # type: ignore[union-attr]
            key = item.key
            if key.force_non_literal or not _is_keyword_key(key.wrapped):
                yield from _walk(key.wrapped, bound)
            yield from _walk(item.value, bound)
        return
    for child in _children(expr):
        yield from _walk(child, bound)


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


def _children(expr: ast.Expression) -> tuple[ast.Expression, ...]:
    if isinstance(expr, ast.TemplateExpr):
        return expr.parts
    if isinstance(expr, ast.TemplateWrapExpr | ast.ParenthesesExpr):
        return (expr.wrapped,) if isinstance(expr, ast.TemplateWrapExpr) else (expr.expr,)
    if isinstance(expr, ast.TemplateIfExpr):
        if expr.false_template is None:
            return (expr.condition, expr.true_template)
        return (expr.condition, expr.true_template, expr.false_template)
    if isinstance(expr, ast.RelativeTraversalExpr):
        return (expr.source,)
    if isinstance(expr, ast.IndexExpr):
        return (expr.collection, expr.key)
    if isinstance(expr, ast.SplatExpr):
        return (expr.source, expr.each)
    if isinstance(expr, ast.FunctionCallExpr):
        return expr.args
    if isinstance(expr, ast.ConditionalExpr):
        return (expr.condition, expr.true_result, expr.false_result)
    if isinstance(expr, ast.BinaryOpExpr):
        return (expr.lhs, expr.rhs)
    if isinstance(expr, ast.UnaryOpExpr):
        return (expr.operand,)
    if isinstance(expr, ast.TupleConsExpr):
        return expr.exprs
    return ()
