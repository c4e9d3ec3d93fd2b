"""Public entry points: evaluate an expression tree or expression text in a scope."""

from __future__ import annotations

from hclrun.diagnostics import Diagnostics

# Importing the handler modules registers them with the dispatch table.
from hclrun.eval import basic, calls, conditional, forexpr, operators, templates  # noqa: F401
from hclrun.eval.core import eval_expr
from hclrun.eval.scope import Scope
from hclrun.syntax import ast
from hclrun.values.value import DYNAMIC_UNKNOWN, Value


def evaluate(expr: ast.Expression, scope: Scope) -> tuple[Value, Diagnostics]:
    """The value of ``expr`` in ``scope`` and the problems found on the way.

    The value is a best effort: where something failed it is unknown.
    """
    diags = Diagnostics()
    value = eval_expr(expr, scope, diags)
    return value, diags


def evaluate_text(source: str, scope: Scope, filename: str = "<expr>") -> tuple[Value, Diagnostics]:
    """Parse ``source`` as one expression and evaluate it."""
    from hclrun.syntax.parser import parse_expression

    expr, diags = parse_expression(source, filename)
    if expr is None or diags.has_errors():
        return DYNAMIC_UNKNOWN, Diagnostics(diags)
    value, eval_diags = evaluate(expr, scope)
    result = Diagnostics(diags)
    result.extend(eval_diags)
    return value, result
