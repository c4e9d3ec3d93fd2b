"""Applying a variable's ``type`` constraint (and its optional-attribute defaults) to a value."""

from __future__ import annotations

from hclrun.config.model import Variable
from hclrun.diagnostics import Diagnostics
from hclrun.eval.defaults import apply_defaults
from hclrun.eval.typeexpr import type_constraint
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.value import Value


def apply_type_constraint(var: Variable, value: Value, diags: Diagnostics) -> Value:
    """``value`` converted to ``var``'s type constraint; a mismatch is reported on the default.

    On failure the result is an unknown value of the constraint's type, so
    expressions using the variable can still be checked.
    """
    assert var.type_expr is not None
    constraint, defaults, type_diags = type_constraint(var.type_expr)
    diags.extend(type_diags)
    if type_diags.has_errors():
        return value
    try:
        return convert(apply_defaults(value, defaults), constraint)
    except ConversionError as exc:
        subject = var.default.range if var.default is not None else var.decl_range
        diags.error(
            "Invalid default value for variable",
            f"This default value is not compatible with the variable's type constraint: {exc.formatted()}.",
            subject,
        )
        return Value.unknown(constraint)
