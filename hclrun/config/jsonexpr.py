"""Expressions written in ``.tf.json`` files: telling them apart, and reading the ones
that must be static references or type expressions, which JSON writes as strings.

Apart from the JSON body reading (``jsonbody``) so that decoding native files does
not load the JSON syntax.
"""

from __future__ import annotations

from hclrun.diagnostics import Diagnostics
from hclrun.syntax import ast


def json_static_expression(expr: ast.Expression, diags: Diagnostics) -> ast.Expression:
    """For JSON: the expression written inside a plain string (a type, a reference); else ``expr``."""
    if not (isinstance(expr, ast.TemplateExpr) and len(expr.parts) == 1):
        if isinstance(expr, ast.TupleConsExpr):
            return ast.TupleConsExpr(tuple(json_static_expression(e, diags) for e in expr.exprs), expr.range, expr.open_range)
        return expr
    part = expr.parts[0]
    if not (isinstance(part, ast.LiteralValueExpr) and isinstance(part.value, str)):
        return expr
    from hclrun.syntax.parser import parse_expression

    parsed, parse_diags = parse_expression(part.value, expr.range.filename, part.range.start)
    diags.extend(parse_diags)
    return parsed if parsed is not None else expr


def is_json_expression(expr: ast.Expression) -> bool:
    return expr.range.filename.endswith(".json")
