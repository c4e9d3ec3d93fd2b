"""Conditional expressions (``c ? a : b``) and template ``%{if}`` directives.

Both results are evaluated (for their types), but only the chosen one's
diagnostics are reported, as HCL does. The result type is the unification of
both results' types; the condition's marks and both results' marks go on the
result.
"""

from __future__ import annotations

from hclrun.diagnostics import Diagnostics
from hclrun.eval.core import eval_expr, handles, report
from hclrun.eval.scope import Scope
from hclrun.source import Range
from hclrun.syntax import ast
from hclrun.values.convert import ConversionError, convert
from hclrun.values.types import BOOL, DYNAMIC, Type
from hclrun.values.unify import unify_unsafe
from hclrun.values.unknowns import definitely_not_null, unknown_not_null
from hclrun.values.value import DYNAMIC_UNKNOWN, EMPTY_STRING, Value

_CONSISTENT = "The true and false result expressions must have consistent types."
# No diagnostics (shared; only ever read).
_NONE = Diagnostics()


@handles(ast.ConditionalExpr)
def eval_conditional(expr: ast.ConditionalExpr, scope: Scope, diags: Diagnostics) -> Value:
    return conditional(expr.condition, expr.true_result, expr.false_result, expr.range, expr, scope, diags)


@handles(ast.TemplateIfExpr)
def eval_template_if(expr: ast.TemplateIfExpr, scope: Scope, diags: Diagnostics) -> Value:
    return conditional(
        expr.condition, expr.true_template, expr.false_template, expr.range, expr, scope, diags
    )


def conditional(
    condition: ast.Expression,
    true_expr: ast.Expression,
    false_expr: ast.Expression | None,
    src_range: Range,
    expr: ast.Expression,
    scope: Scope,
    diags: Diagnostics,
) -> Value:
    mark = len(diags)
    true_value = eval_expr(true_expr, scope, diags)
    true_end = len(diags)
    false_value = eval_expr(false_expr, scope, diags) if false_expr is not None else EMPTY_STRING
    # Each result's problems are set aside: only the chosen one's are reported.
    true_diags, false_diags = _NONE, _NONE
    if len(diags) != mark:
        true_diags, false_diags = Diagnostics(diags[mark:true_end]), Diagnostics(diags[true_end:])
        del diags[mark:]

    result_type, convert_true, convert_false = _result_type(true_value, false_value)
    if result_type is None:
        subject = Range.between(
            true_expr.range, false_expr.range if false_expr is not None else true_expr.range
        )
        detail = f"{_CONSISTENT} {describe_type_mismatch(true_value.type, false_value.type)}."
        report(
            diags,
            "Inconsistent conditional result types",
            detail,
            subject,
            context=src_range,
            expr=expr,
            scope=scope,
        )
        return DYNAMIC_UNKNOWN

    cond = eval_expr(condition, scope, diags)
    if cond.raw is None:
        report(
            diags,
            "Null condition",
            "The condition value is null. Conditions must either be true or false.",
            condition.range,
            context=src_range,
            expr=condition,
            scope=scope,
        )
        return Value.unknown(result_type)
    marks = cond.marks | true_value.marks | false_value.marks
    if not cond.is_known:
        diags.extend(true_diags)
        diags.extend(false_diags)
        return _unknown_result(result_type, true_value, false_value).with_marks(marks)
    try:
        cond = convert(cond, BOOL)
    except ConversionError:
        report(
            diags,
            "Incorrect condition type",
            "The condition expression must be of type bool.",
            condition.range,
            context=src_range,
            expr=condition,
            scope=scope,
        )
        return Value.unknown(result_type)
    if not cond.is_known:
        diags.extend(true_diags)
        diags.extend(false_diags)
        return _unknown_result(result_type, true_value, false_value).with_marks(marks)
    if cond.raw:
        chosen, chosen_diags, needs_conversion, which, chosen_expr = (
            true_value,
            true_diags,
            convert_true,
            "true",
            true_expr,
        )
    else:
        chosen, chosen_diags, needs_conversion, which = false_value, false_diags, convert_false, "false"
        chosen_expr = false_expr if false_expr is not None else true_expr
    diags.extend(chosen_diags)
    if needs_conversion:
        try:
            chosen = convert(chosen, result_type)
        except ConversionError as exc:
            report(
                diags,
                "Inconsistent conditional result types",
                f"The {which} result value has the wrong type: {exc}.",
                chosen_expr.range,
                context=src_range,
                expr=expr,
                scope=scope,
            )
            chosen = Value.unknown(result_type)
    if chosen.marks:
        chosen = chosen.unmark()[0]
    return chosen.with_marks(marks) if marks else chosen


def _result_type(true_value: Value, false_value: Value) -> tuple[Type | None, bool, bool]:
    """The result type and whether each result needs converting to it."""
    tt, ft = true_value.type, false_value.type
    if tt is DYNAMIC and true_value.raw is None:
        return ft, True, False
    if ft is DYNAMIC and false_value.raw is None:
        return tt, False, True
    if tt is DYNAMIC or ft is DYNAMIC:
        return DYNAMIC, False, False
    if tt == ft:
        return tt, False, False
    unified = unify_unsafe([tt, ft])
    if unified is None:
        return None, False, False
    return unified, unified != tt, unified != ft


def _unknown_result(result_type: Type, true_value: Value, false_value: Value) -> Value:
    if true_value.raw is None and false_value.raw is None:
        return Value.null(result_type)
    if definitely_not_null(true_value) and definitely_not_null(false_value) and result_type is not DYNAMIC:
        return unknown_not_null(result_type)
    return Value.unknown(result_type)


def describe_type_mismatch(true_type: Type, false_type: Type) -> str:
    """HCL's explanation of why two result types have no common type."""
    if true_type.is_object and false_type.is_object:
        t_attrs = true_type.attributes  # type: ignore[attr-defined]
        f_attrs = false_type.attributes  # type: ignore[attr-defined]
        for name in sorted(t_attrs):
            if name not in f_attrs:
                return f"The 'true' value includes object attribute \"{name}\", which is absent in the 'false' value"
            if t_attrs[name] != f_attrs[name]:
                inner = describe_type_mismatch(t_attrs[name], f_attrs[name])
                return f'Type mismatch for object attribute "{name}": {inner}'
        for name in sorted(f_attrs):
            if name not in t_attrs:
                return f"The 'false' value includes object attribute \"{name}\", which is absent in the 'true' value"
    elif true_type.is_tuple and false_type.is_tuple:
        t_elems = true_type.elements  # type: ignore[attr-defined]
        f_elems = false_type.elements  # type: ignore[attr-defined]
        if len(t_elems) != len(f_elems):
            return (
                f"The 'true' tuple has length {len(t_elems)}, but the 'false' tuple has length {len(f_elems)}"
            )
        for i, (te, fe) in enumerate(zip(t_elems, f_elems)):
            if te != fe:
                return f"Type mismatch for tuple element {i}: {describe_type_mismatch(te, fe)}"
    elif true_type.is_collection and false_type.is_collection and type(true_type) is type(false_type):
        te = true_type.element  # type: ignore[attr-defined]
        fe = false_type.element  # type: ignore[attr-defined]
        if (te.is_object and fe.is_object) or (te.is_tuple and fe.is_tuple):
            noun = "list" if true_type.is_list else "set" if true_type.is_set else "map"
            return f"Mismatched {noun} element types: {describe_type_mismatch(te, fe)}"
    t_name, f_name = true_type.friendly_name(), false_type.friendly_name()
    if t_name == f_name:
        return (
            "At least one deeply-nested attribute or element is not compatible across both the 'true' "
            "and the 'false' value"
        )
    return f"The 'true' value is {t_name}, but the 'false' value is {f_name}"
