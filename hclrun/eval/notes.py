"""The "with" notes under a diagnostic: the values of the references involved.

Terraform prints them as ``├──────────────── var.x is "a"``. Sensitive and
unknown values are left out: mentioning them tends to mislead readers into
thinking they caused a problem they did not cause.
"""

from __future__ import annotations

import dataclasses
import json

from hclrun.diagnostics import Diagnostic, ExpressionValue
from hclrun.eval.references import references, traversal_string
from hclrun.eval.scope import Scope
from hclrun.eval.traversal import step
from hclrun.syntax import ast
from hclrun.values.value import EPHEMERAL, SENSITIVE, Value


def attach_values(diag: Diagnostic, expr: ast.Expression, scope: Scope) -> Diagnostic:
    notes: list[ExpressionValue] = []
    seen: set[str] = set()
    for ref in references(expr):
        traversal = ref.traversal
        # A bare name (a ``for`` variable, ``count``...) is never shown; a traversal
        # that fails is shortened until it leads somewhere.
        while len(traversal) > 1:
            value = _quiet_value(traversal, scope)
            if value is None:
                traversal = traversal[:-1]
                continue
            name = traversal_string(traversal)
            if name not in seen:
                seen.add(name)
                statement = value_statement(value)
                if statement:
                    notes.append(ExpressionValue(name, statement))
            break
    if not notes:
        return diag
    return dataclasses.replace(diag, values=tuple(notes))


def _quiet_value(traversal: tuple[ast.Traverser, ...], scope: Scope) -> Value | None:
    value, consumed, diags = scope.resolve(traversal)
    if diags.has_errors():
        return None
    for i in range(consumed, len(traversal)):
        value, diag = step(value, traversal[i])
        if diag is not None:
            return None
    return value


def value_statement(value: Value) -> str:
    """``is "a"``, ``is list of string with 2 elements``..., or "" to leave the value out."""
    if SENSITIVE in value.marks or EPHEMERAL in value.marks or not value.is_known:
        return ""
    if value.contains_marked():
        return ""
    return "is " + compact_value(value)


def compact_value(value: Value) -> str:
    t = value.type
    if value.raw is None:
        return "null"
    if t.is_primitive:
        raw = value.raw
        if isinstance(raw, bool):
            return "true" if raw else "false"
        if isinstance(raw, str):
            return json.dumps(raw, ensure_ascii=False)
        return _compact_number(raw)
    if t.is_object:
        count = len(value.raw)
        if count == 0:
            return "object with no attributes"
        if count == 1:
            return f"object with 1 attribute {json.dumps(next(iter(value.raw)), ensure_ascii=False)}"
        return f"object with {count} attributes"
    count = len(value.raw)
    name = t.friendly_name()
    if count == 0:
        return f"empty {name}"
    return f"{name} with 1 element" if count == 1 else f"{name} with {count} elements"


def _compact_number(raw: object) -> str:
    text = f"{float(raw):.10g}"  # type: ignore[arg-type]
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = exponent[0]
        digits = exponent[1:].lstrip("0").rjust(2, "0")
        text = f"{mantissa}e{sign}{digits}"
    return text
