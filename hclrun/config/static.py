"""Values and references that must be known while loading: flags, keywords, static traversals."""

from __future__ import annotations

import re

from hclrun.config.jsonexpr import is_json_expression, json_static_expression
from hclrun.diagnostics import Diagnostics
from hclrun.eval.evaluator import evaluate
from hclrun.eval.scope import Scope
from hclrun.syntax import ast
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.types import BOOL, STRING
from hclrun.values.value import Value

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
INVALID_NAME_DETAIL = (
    "A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes."
)
STATIC_REFERENCE_DETAIL = (
    "A single static variable reference is required: only attribute access and indexing with constant keys. "
    "No calculations, function calls, template expressions, etc are allowed here."
)
QUOTED_REFERENCE_DETAIL = (
    "In this context, references are expected literally rather than in quotes. Terraform 0.11 and earlier "
    "required quotes, but quoted references are now deprecated and will be removed in a future version of "
    "Terraform. Remove the quotes surrounding this reference to silence this warning."
)


def valid_name(name: str) -> bool:
    return bool(NAME.match(name))


def static_value(expr: ast.Expression, want: str, diags: Diagnostics) -> Value | None:
    """A constant ``bool`` or ``string`` argument, with HCL's wording when it is not one."""
    value, value_diags = evaluate(expr, Scope())
    diags.extend(value_diags)
    if value_diags.has_errors():
        diags.error("Unsuitable value type", "Unsuitable value: value must be known", expr.range)
        return None
    if not value.is_known:
        diags.error("Unsuitable value type", "Unsuitable value: value must be known", expr.range)
        return None
    try:
        converted = convert(value, BOOL if want == "bool" else STRING)
    except ConversionError as exc:
        subject = expr.parts[0].range if _is_plain_string(expr) else expr.range  # type: ignore[union-attr]
        diags.error("Unsuitable value type", f"Unsuitable value: {exc.formatted()}", subject)
        return None
    return None if converted.is_null else converted


def static_bool(attr: ast.Attribute | None, diags: Diagnostics) -> bool | None:
    if attr is None:
        return None
    value = static_value(attr.expr, "bool", diags)
    return bool(value.raw) if value is not None else None


def static_string(attr: ast.Attribute | None, diags: Diagnostics) -> str | None:
    if attr is None:
        return None
    value = static_value(attr.expr, "string", diags)
    return str(value.raw) if value is not None else None


def keyword(expr: ast.Expression) -> str | None:
    """A bare single name (``destroy``, ``all``), as HCL's ExprAsKeyword reads it."""
    if isinstance(expr, ast.ScopeTraversalExpr) and len(expr.traversal) == 1:
        return expr.traversal[0].name  # type: ignore[union-attr]
    if isinstance(expr, ast.LiteralValueExpr) and isinstance(expr.value, bool | type(None)):
        return {True: "true", False: "false", None: "null"}[expr.value]
    return None


def static_traversal(
    expr: ast.Expression, diags: Diagnostics, *, allow_quoted: bool = False
) -> tuple[ast.Traverser, ...] | None:
    """An absolute traversal written directly (``aws_instance.x[0]``), or None with a diagnostic."""
    if is_json_expression(expr):
        expr = json_static_expression(expr, diags)
    elif allow_quoted and _is_plain_string(expr):
        quoted = _quoted_traversal(expr)
        if quoted is not None:
            diags.warning("Quoted references are deprecated", QUOTED_REFERENCE_DETAIL, expr.range)
            return quoted
    if isinstance(expr, ast.ParenthesesExpr):
        expr = expr.expr
    if isinstance(expr, ast.ScopeTraversalExpr):
        return expr.traversal
    if isinstance(expr, ast.LiteralValueExpr) and isinstance(expr.value, bool | type(None)):
        return (ast.TraverseRoot(keyword(expr) or "null", expr.range),)
    diags.error("Invalid expression", STATIC_REFERENCE_DETAIL, expr.range)
    return None


def static_traversal_list(
    expr: ast.Expression, diags: Diagnostics, *, allow_quoted: bool = False
) -> list[tuple[ast.Expression, tuple[ast.Traverser, ...]]]:
    """The items of a list of static references (``depends_on``), each with its traversal."""
    if is_json_expression(expr):
        expr = json_static_expression(expr, diags)
    if not isinstance(expr, ast.TupleConsExpr):
        diags.error("Invalid expression", "A static list expression is required.", expr.range)
        return []
    found = []
    for item in expr.exprs:
        traversal = static_traversal(item, diags, allow_quoted=allow_quoted)
        if traversal is not None:
            found.append((item, traversal))
    return found


def _is_plain_string(expr: ast.Expression) -> bool:
    return (
        isinstance(expr, ast.TemplateExpr)
        and len(expr.parts) == 1
        and isinstance(expr.parts[0], ast.LiteralValueExpr)
        and isinstance(expr.parts[0].value, str)
    )


def _quoted_traversal(expr: ast.Expression) -> tuple[ast.Traverser, ...] | None:
    from hclrun.syntax.parser import parse_expression

    assert isinstance(expr, ast.TemplateExpr)
    part = expr.parts[0]
    assert isinstance(part, ast.LiteralValueExpr) and isinstance(part.value, str)
    parsed, parse_diags = parse_expression(part.value, expr.range.filename, part.range.start)
    if parse_diags.has_errors() or not isinstance(parsed, ast.ScopeTraversalExpr):
        return None
    return parsed.traversal


def depends_on_references(expr: ast.Expression, diags: Diagnostics) -> tuple[ast.Expression, ...]:
    """``depends_on`` items as reference expressions (quoted ones re-parsed, with a warning)."""
    found = []
    for _item, traversal in static_traversal_list(expr, diags, allow_quoted=True):
        found.append(ast.ScopeTraversalExpr(traversal, traversal[0].range.to(traversal[-1].range)))
    return tuple(found)
