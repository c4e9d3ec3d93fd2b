"""Custom conditions: resource pre/postconditions, output preconditions and ``check`` assertions.

A false condition is an error (a warning for ``check`` blocks) whose detail
is the evaluated ``error_message``; an unknown result is left for apply.
"""

from __future__ import annotations

from dataclasses import replace

from hclrun.config.bodies import range_text
from hclrun.config.model import Condition
from hclrun.diagnostics import Diagnostic, Diagnostics, Severity
from hclrun.engine.checkresults import ERROR, FAIL, PASS, UNKNOWN, RuleReport
from hclrun.eval.evaluator import evaluate
from hclrun.eval.notes import attach_values
from hclrun.eval.scope import Scope
from hclrun.source import Range
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.types import BOOL, STRING

SUMMARIES = {
    "precondition": "Resource precondition failed",
    "postcondition": "Resource postcondition failed",
    "output": "Module output value precondition failed",
    "assert": "Check block assertion failed",
    "validation": "Invalid value for variable",
}


def failures_at(found: Diagnostics, subject: Range | None) -> list[Diagnostic]:
    """``found`` with each failed validation rule shown at ``subject``, where the value was
    given (a module call's argument, a variables file's line); other problems stay where they are."""
    if subject is None:
        return list(found)
    failed = SUMMARIES["validation"]
    return [replace(d, subject=subject) if d.summary == failed else d for d in found]


def check_conditions(
    conditions: tuple[Condition, ...],
    kind: str,
    scope: Scope,
    diags: Diagnostics,
    report: RuleReport | None = None,
) -> bool:
    """Evaluate ``conditions``; report failures; True when every result was known.

    ``report`` is told each condition's outcome (pass, fail, error or unknown).
    """
    all_known = True
    for index, condition in enumerate(conditions):
        if condition.condition is None:
            continue
        mark = len(diags)
        status = _check_one(condition, kind, scope, diags)
        if status == UNKNOWN:
            all_known = False
        if report is not None:
            message = diags[-1].detail if status == FAIL and len(diags) > mark else ""
            report(index, status, message or "")
    return all_known


def _check_one(condition: Condition, kind: str, scope: Scope, diags: Diagnostics) -> str:
    """One condition: its status, with a failure or an error reported in ``diags``."""
    assert condition.condition is not None
    result, result_diags = evaluate(condition.condition, scope)
    if result_diags.has_errors():
        diags.extend(result_diags)
        return ERROR
    plain, _ = result.unmark()
    if not plain.is_known:
        return UNKNOWN
    try:
        passed = convert(plain, BOOL)
    except ConversionError as exc:
        diags.error(
            "Invalid condition result",
            f"Invalid condition result value: {exc}.",
            condition.condition.range,
        )
        return ERROR
    if passed.is_null:
        diags.error(
            "Invalid condition result",
            "Condition expression must return either true or false, not null.",
            condition.condition.range,
        )
        return ERROR
    if passed.raw:
        return PASS
    diags.add(_failure(condition, kind, scope))
    return FAIL


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
    if kind == "validation":
        message = f"{message}\n\nThis was checked by the validation rule at {range_text(condition.decl_range)}."
    failure = Diagnostic(severity, SUMMARIES[kind], message, condition.condition.range)
    return attach_values(failure, condition.condition, scope)
