"""Applying a variable's ``type`` constraint (and its optional-attribute defaults) to a value."""

from __future__ import annotations

from hclrun.config.model import Variable
from hclrun.diagnostics import Diagnostics
from hclrun.eval.defaults import apply_defaults
from hclrun.eval.evaluator import evaluate
from hclrun.eval.scope import Scope
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.value import Value


def apply_type_constraint(var: Variable, value: Value, diags: Diagnostics, *, report_default: bool = True) -> Value:
    """``value`` converted to ``var``'s type constraint; a mismatch is reported on the default.

    On failure the result is an unknown value of the constraint's type, so
    expressions using the variable can still be checked. ``report_default``
    is false where loading already reported a bad default.
    """
    assert var.type_expr is not None
    constraint, defaults, type_diags = var.constraint
    if report_default:
        diags.extend(type_diags)
    if type_diags.has_errors():
        return value
    try:
        return convert(apply_defaults(value, defaults), constraint)
    except ConversionError as exc:
        subject = var.default.range if var.default is not None else var.decl_range
        if report_default:
            diags.error(
                "Invalid default value for variable",
                f"This default value is not compatible with the variable's type constraint: {exc.formatted()}.",
                subject,
            )
        return Value.unknown(constraint)


def default_conversion_error(var: Variable, diags: Diagnostics) -> str | None:
    """Why ``var``'s default does not convert to its type, or None; type-expression problems go to ``diags``."""
    assert var.type_expr is not None and var.default is not None
    constraint, defaults, type_diags = var.constraint
    diags.extend(type_diags)
    if type_diags.has_errors():
        return None
    value, value_diags = evaluate(var.default, Scope())
    diags.extend(value_diags)
    if value_diags.has_errors():
        return None
    try:
        convert(apply_defaults(value, defaults), constraint)
    except ConversionError as exc:
        return exc.formatted()
    return None


def to_variable_type(var: Variable, value: Value) -> Value | None:
    """``value`` converted to ``var``'s type constraint, its optional attributes' defaults
    applied; None when the type expression itself has problems (reported where it is loaded).
    Raises ``ConversionError`` when the value does not fit."""
    assert var.type_expr is not None
    constraint, defaults, type_diags = var.constraint
    if type_diags.has_errors():
        return None
    return convert(apply_defaults(value, defaults), constraint)
