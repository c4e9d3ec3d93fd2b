"""Custom conditions: resource pre/postconditions, output preconditions and ``check`` assertions.

A false condition is an error (a warning for ``check`` blocks) whose detail
is the evaluated ``error_message``; an unknown result is left for apply.
"""

from __future__ import annotations

from hclrun.config.model import Condition
from hclrun.diagnostics import Diagnostic, Diagnostics, Severity
from hclrun.eval.evaluator import evaluate
from hclrun.eval.scope import Scope
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.types import BOOL, STRING

SUMMARIES = {
    "precondition": "Resource precondition failed",
    "postcondition": "Resource postcondition failed",
    "output": "Module output value precondition failed",
    "assert": "Check block assertion failed",
}


def check_conditions(conditions: tuple[Condition, ...], kind: str, scope: Scope, diags: Diagnostics) -> bool:
    """Evaluate ``conditions``; report failures; True when every result was known."""
    all_known = True
    for condition in conditions:
        if condition.condition is None:
            continue
        result, result_diags = evaluate(condition.condition, scope)
        if result_diags.has_errors():
            diags.extend(result_diags)
            continue
        plain, _ = result.unmark()
        if not plain.is_known:
            all_known = False
            continue
        try:
            passed = convert(plain, BOOL)
        except ConversionError as exc:
            diags.error(
                "Invalid condition result",
                f"Invalid condition result value: {exc}.",
                condition.condition.range,
            )
            continue
        if passed.is_null:
            diags.error(
                "Invalid condition result",
                "Condition expression must return either true or false, not null.",
                condition.condition.range,
            )
            continue
        if passed.raw:
            continue
        diags.add(_failure(condition, kind, scope))
    return all_known


def _failure(condition: Condition, kind: str, scope: Scope) -> Diagnostic:
    message = ""
    if condition.error_message is not None:
        value, value_diags = evaluate(condition.error_message, scope)
        plain, _ = value.unmark()
        if not value_diags.has_errors() and plain.is_known and not plain.is_null:
            try:
                message = str(convert(plain, STRING).raw)
            except ConversionError:
                message = ""
    severity = Severity.WARNING if kind == "assert" else Severity.ERROR
    assert condition.condition is not None
    return Diagnostic(severity, SUMMARIES[kind], message, condition.condition.range)
