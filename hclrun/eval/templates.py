"""String templates: literal text, ``${...}`` interpolations and ``%{for}`` directives.

Every part is converted to a string. A null or non-string-like part is an
error; an unknown part makes the whole result unknown, refined with the known
prefix rendered before it; marks of every part go on the result.
"""

from __future__ import annotations

from hclrun.diagnostics import Diagnostics
from hclrun.eval.basic import string_literal
from hclrun.eval.core import eval_expr, handles, has_errors_since, report
from hclrun.eval.forexpr import for_elements
from hclrun.eval.scope import Scope
from hclrun.syntax import ast
from hclrun.values.convert import ConversionError, convert
from hclrun.values.strings import graphemes
from hclrun.values.types import STRING
from hclrun.values.unknowns import NOT_NULL
from hclrun.values.value import NO_MARKS, Unknown, Value

_INVALID = "Invalid template interpolation value"
_MAX_PREFIX_BYTES = 128
# Characters that always end a grapheme cluster: a prefix may keep them at its end.
_CLUSTER_ENDERS = frozenset("-_:;/\\,.(){}[]|?!~ \t@#$%^&*+\"'")


@handles(ast.TemplateExpr)
def eval_template(expr: ast.TemplateExpr, scope: Scope, diags: Diagnostics) -> Value:
    parts = expr.parts
    if len(parts) == 1 and type(parts[0]) is ast.LiteralValueExpr:
        return string_literal(parts[0].value)  # type: ignore[arg-type]
    mark = len(diags)
    chunks: list[str] = []
    marks = NO_MARKS
    known = True
    for part in parts:
        if type(part) is ast.LiteralValueExpr and type(part.value) is str:
            # Literal text: already a string, with nothing to check.
            if known:
                text = part.value
                chunks.append(text if text.isascii() else Value.string(text).raw)
            continue
        value = eval_expr(part, scope, diags)
        raw = value.raw
        if raw is None:
            report(
                diags,
                _INVALID,
                "The expression result is null. Cannot include a null value in a string template.",
                part.range,
                context=expr.range,
                expr=part,
                scope=scope,
            )
            continue
        if value.marks:
            value, part_marks = value.unmark()
            marks = marks | part_marks
        if isinstance(raw, Unknown):
            known = False
            continue
        if value.type is not STRING:
            try:
                value = convert(value, STRING)
            except ConversionError as exc:
                report(
                    diags,
                    _INVALID,
                    f"Cannot include the given value in a string template: {exc}.",
                    part.range,
                    context=expr.range,
                    expr=part,
                    scope=scope,
                )
                continue
        if known:
            chunks.append(value.raw)
    failed = has_errors_since(diags, mark)
    if known:
        result = Value.string("".join(chunks))
    else:
        prefix = "" if failed else _prefix_refinement("".join(chunks))
        result = Value.unknown(STRING, Unknown(not_null=True, string_prefix=prefix) if prefix else NOT_NULL)
    return result.with_marks(marks) if marks else result


def _prefix_refinement(prefix: str) -> str:
    """The known prefix kept on an unknown result: at most 128 bytes, without a final
    grapheme cluster that text appended later could still extend."""
    if not prefix:
        return ""
    encoded = prefix.encode("utf-8")
    if len(encoded) > _MAX_PREFIX_BYTES:
        prefix = encoded[:_MAX_PREFIX_BYTES].decode("utf-8", errors="ignore")
    clusters = graphemes(prefix)
    if clusters and clusters[-1] in _CLUSTER_ENDERS:
        return prefix
    return "".join(clusters[:-1])


@handles(ast.TemplateForExpr)
def eval_template_for(expr: ast.TemplateForExpr, scope: Scope, diags: Diagnostics) -> Value:
    items, marks = for_elements(
        expr.key_var, expr.value_var, expr.collection, expr.body, None, expr.range, scope, diags
    )
    if items is None:
        return Value.unknown(STRING).with_marks(marks)
    chunks: list[str] = []
    for item in items:
        if item.raw is None:
            report(
                diags,
                _INVALID,
                "An iteration result is null. Cannot include a null value in a string template.",
                expr.range,
                expr=expr,
                scope=scope,
            )
            continue
        if item.type.is_dynamic or not item.is_known:
            return Value.unknown(STRING).with_marks(marks | item.marks)
        if item.marks:
            item, item_marks = item.unmark()
            marks = marks | item_marks
        try:
            item = convert(item, STRING)
        except ConversionError as exc:
            report(
                diags,
                _INVALID,
                f"Cannot include one of the interpolation results into the string template: {exc}.",
                expr.range,
                expr=expr,
                scope=scope,
            )
            continue
        chunks.append(item.raw)
    result = Value.string("".join(chunks))
    return result.with_marks(marks) if marks else result
