"""The evaluator's spine: dispatch by node type, and diagnostic helpers.

Each node type has one handler ``(expr, scope, diags) -> Value`` registered
with ``@handles``; ``eval_expr`` looks it up by the node's exact class, which
keeps the hot path to one dict lookup and one call. Handlers append their
problems to ``diags`` and always return a best-effort value (an unknown when
the real value cannot be computed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.eval.scope import Scope
from hclrun.source import Range
from hclrun.syntax import ast

Handler = Callable[[Any, Scope, Diagnostics], Any]
HANDLERS: dict[type, Handler] = {}

H = TypeVar("H", bound=Handler)


def handles(*node_types: type) -> Callable[[H], H]:
    def register(handler: H) -> H:
        for node_type in node_types:
            HANDLERS[node_type] = handler
        return handler

    return register


def eval_expr(expr: ast.Expression, scope: Scope, diags: Diagnostics) -> Any:
    """The value of ``expr`` (a ``Value``); problems are appended to ``diags``."""
    return HANDLERS[type(expr)](expr, scope, diags)


def has_errors_since(diags: Diagnostics, mark: int) -> bool:
    """Whether any error was appended to ``diags`` after position ``mark``."""
    for i in range(mark, len(diags)):
        if diags[i].is_error:
            return True
    return False


def report(
    diags: Diagnostics,
    summary: str,
    detail: str,
    subject: Range | None,
    *,
    context: Range | None = None,
    expr: ast.Expression | None = None,
    scope: Scope | None = None,
) -> None:
    """Append an error; with ``expr`` and ``scope``, note the values of the references in ``expr``."""
    diag = Diagnostic.error(summary, detail, subject, context)
    if expr is not None and scope is not None:
        from hclrun.eval.notes import attach_values

        diag = attach_values(diag, expr, scope)
    diags.append(diag)


def start_range(expr: ast.Expression) -> Range:
    """HCL's "start range" of an expression: where argument errors point."""
    while True:
        if isinstance(expr, ast.FunctionCallExpr):
            return Range.between(expr.name_range, expr.open_paren_range)
        if isinstance(expr, ast.ConditionalExpr):
            expr = expr.condition
        elif isinstance(expr, ast.BinaryOpExpr):
            expr = expr.lhs
        elif isinstance(expr, ast.ParenthesesExpr):
            expr = expr.expr
        elif isinstance(expr, ast.UnaryOpExpr):
            return expr.symbol_range
        elif isinstance(expr, ast.IndexExpr | ast.TupleConsExpr | ast.ObjectConsExpr | ast.ForExpr):
            return expr.open_range
        elif isinstance(expr, ast.SplatExpr):
            return expr.marker_range
        elif isinstance(expr, ast.TemplateExpr) and expr.parts:
            expr = expr.parts[0]
        else:
            return expr.range
