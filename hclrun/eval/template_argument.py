"""The template argument of ``templatestring``, which Terraform takes as an expression.

``templatestring`` renders templates fetched from elsewhere, so its first
argument must be a plain reference to a string (``local.tpl``,
``var.t["k"]``, ``data.x.y[0].body``); a literal string, an inline template
or any other expression is refused with a message steering towards a template
string expression instead. The argument is evaluated only once its shape is
accepted, and a failure while evaluating it is reported as part of the
"Invalid function argument" message.
"""

from __future__ import annotations

from dataclasses import dataclass

from hclrun.diagnostics import Diagnostics
from hclrun.eval.core import eval_expr
from hclrun.eval.scope import Scope
from hclrun.syntax import ast
from hclrun.values.types import STRING
from hclrun.values.value import Value

_PREFIX = "invalid template expression: "
_ONLY_DYNAMIC = "templatestring is only for rendering templates retrieved dynamically from elsewhere"
WRAPPED_TEMPLATE = (
    f"{_PREFIX}{_ONLY_DYNAMIC}; to treat the inner expression as template syntax, write the reference "
    "expression directly without any template interpolation syntax"
)
LITERAL_TEMPLATE = (
    f"{_PREFIX}{_ONLY_DYNAMIC}, and so does not support providing a literal template; consider using a "
    "template string expression instead"
)
INLINE_TEMPLATE = (
    f"{_PREFIX}{_ONLY_DYNAMIC}; to render an inline template, consider using a plain template string expression"
)
NOT_A_REFERENCE = (
    f"{_PREFIX}must be a direct reference to a single string from elsewhere, containing valid Terraform "
    "template syntax"
)
NOT_A_STRING = "invalid template value: a string is required"

# Problems the reference finds while resolving the references themselves, before
# the function runs; they are reported as they are rather than as an argument error.
_REFERENCE_SUMMARIES = ("Reference to undeclared", "Invalid reference", "Unknown variable")


def shape_problem(expr: ast.Expression) -> str | None:
    """Why ``expr`` cannot be ``templatestring``'s template argument, or None when it can."""
    if isinstance(expr, ast.TemplateWrapExpr):
        return WRAPPED_TEMPLATE
    if isinstance(expr, ast.TemplateExpr):
        literal = len(expr.parts) <= 1 and all(isinstance(p, ast.LiteralValueExpr) for p in expr.parts)
        return LITERAL_TEMPLATE if literal else INLINE_TEMPLATE
    return None if _is_reference(expr) else NOT_A_REFERENCE


def _is_reference(expr: ast.Expression) -> bool:
    if isinstance(expr, ast.ScopeTraversalExpr):
        return True
    if isinstance(expr, ast.RelativeTraversalExpr | ast.SplatExpr):
        return _is_reference(expr.source)
    if isinstance(expr, ast.IndexExpr):
        return _is_reference(expr.collection)
    return False


@dataclass(frozen=True)
class TemplateArgument:
    """The evaluated template argument, or the message of the argument error to report."""

    value: Value | None
    problem: str | None


def evaluate_template_argument(
    expr: ast.Expression, scope: Scope, diags: Diagnostics, describe: object
) -> TemplateArgument:
    """Check the shape of ``expr`` and evaluate it.

    Reference-resolution problems go to ``diags`` as they are; other evaluation
    problems become the argument error's message, rendered by ``describe``
    (a callable taking the diagnostics).
    """
    problem = shape_problem(expr)
    if problem is not None:
        return TemplateArgument(None, problem)
    inner = Diagnostics()
    value = eval_expr(expr, scope, inner)
    errors = [d for d in inner if d.is_error]
    if any(d.summary.startswith(_REFERENCE_SUMMARIES) for d in errors):
        diags.extend(inner)
        return TemplateArgument(None, None)
    if errors:
        return TemplateArgument(None, _PREFIX + describe(inner))  # type: ignore[operator]
    diags.extend(inner)
    if not value.is_known:
        return TemplateArgument(value, None)
    if value.type is not STRING or value.is_null:
        return TemplateArgument(None, NOT_A_STRING)
    return TemplateArgument(value, None)
