"""Expansion: the instance keys ``count`` and ``for_each`` give a resource or module call.

``expand`` evaluates the meta-argument in the module instance's scope and
returns an ``Expansion``: its mode and, per instance key, what ``count.index``
or ``each.key``/``each.value`` are inside that instance. During plan an
unknown value is an error (Terraform's "Invalid count argument" /
"Invalid for_each argument" wording); ``allow_unknown`` lets validate-like
callers get an unknown expansion instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hclrun.addrs import InstanceKey
from hclrun.config.metaargs import check_count, check_for_each
from hclrun.diagnostics import Diagnostics
from hclrun.eval.evaluator import evaluate
from hclrun.eval.scope import Scope
from hclrun.syntax import ast
from hclrun.values.convert import convert
from hclrun.values.types import NUMBER, STRING
from hclrun.values.value import SENSITIVE, Value

SINGLE = "single"
COUNT = "count"
FOR_EACH = "for_each"

_COUNT_UNKNOWN = (
    'The "count" value depends on resource attributes that cannot be determined until apply, so Terraform '
    "cannot predict how many instances will be created. To work around this, use the -target argument to "
    "first apply only the resources that the count depends on."
)
_FOR_EACH_UNKNOWN_MAP = (
    'The "for_each" map includes keys derived from resource attributes that cannot be determined until '
    "apply, and so Terraform cannot determine the full set of keys that will identify the instances of "
    "this resource.\n\nWhen working with unknown values in for_each, it's better to define the map keys "
    "statically in your configuration and place apply-time results only in the map values.\n\nAlternatively, "
    "you could use the -target planning option to first apply only the resources that the for_each value "
    "depends on, and then apply a second time to fully converge."
)
_FOR_EACH_UNKNOWN_SET = (
    'The "for_each" set includes values derived from resource attributes that cannot be determined until '
    "apply, and so Terraform cannot determine the full set of keys that will identify the instances of "
    "this resource.\n\nWhen working with unknown values in for_each, it's better to use a map value where "
    "the keys are defined statically in your configuration and where only the values contain apply-time "
    "results.\n\nAlternatively, you could use the -target planning option to first apply only the resources "
    "that the for_each value depends on, and then apply a second time to fully converge."
)


@dataclass
class Expansion:
    """The instances of one resource or module call in one module instance.

    ``keys`` maps each instance key to the values bound inside it
    (``{"count": ...}`` or ``{"each": ...}``); ``known`` is false when the
    keys could not be determined.
    """

    mode: str = SINGLE
    keys: dict[InstanceKey, dict[str, Value]] = field(default_factory=lambda: {None: {}})
    known: bool = True


def single() -> Expansion:
    return Expansion()


def expand(
    count: ast.Expression | None,
    for_each: ast.Expression | None,
    scope: Scope,
    diags: Diagnostics,
    *,
    allow_unknown: bool = False,
) -> Expansion:
    if count is not None:
        return _expand_count(count, scope, diags, allow_unknown)
    if for_each is not None:
        return _expand_for_each(for_each, scope, diags, allow_unknown)
    return single()


def count_binding(index: int) -> dict[str, Value]:
    return {"count": Value.object({"index": Value.number(index)})}


def each_binding(key: str, value: Value) -> dict[str, Value]:
    return {"each": Value.object({"key": Value.string(key), "value": value})}


def _expand_count(expr: ast.Expression, scope: Scope, diags: Diagnostics, allow_unknown: bool) -> Expansion:
    value, value_diags = evaluate(expr, scope)
    diags.extend(value_diags)
    if value_diags.has_errors():
        return Expansion(COUNT, {}, False)
    mark = len(diags)
    check_count(value, expr.range, diags)
    if len(diags) > mark and diags.has_errors():
        return Expansion(COUNT, {}, False)
    bare, _ = value.unmark()
    if not bare.is_known:
        if not allow_unknown:
            diags.error("Invalid count argument", _COUNT_UNKNOWN, expr.range)
        return Expansion(COUNT, {}, False)
    n = int(convert(bare, NUMBER).raw)
    return Expansion(COUNT, {i: count_binding(i) for i in range(n)})


def _expand_for_each(expr: ast.Expression, scope: Scope, diags: Diagnostics, allow_unknown: bool) -> Expansion:
    value, value_diags = evaluate(expr, scope)
    diags.extend(value_diags)
    if value_diags.has_errors():
        return Expansion(FOR_EACH, {}, False)
    mark = len(diags)
    check_for_each(value, expr.range, diags)
    if any(d.is_error for d in diags[mark:]):
        return Expansion(FOR_EACH, {}, False)
    bare, _ = value.unmark()
    t = bare.type
    if not bare.is_known:
        if not allow_unknown:
            detail = _FOR_EACH_UNKNOWN_SET if t.is_set else _FOR_EACH_UNKNOWN_MAP
            diags.error("Invalid for_each argument", detail, expr.range)
        return Expansion(FOR_EACH, {}, False)
    keys: dict[InstanceKey, dict[str, Value]] = {}
    if t.is_set:
        for element in bare.raw:
            plain, _marks = element.unmark()
            if not plain.is_known:
                if not allow_unknown:
                    diags.error("Invalid for_each argument", _FOR_EACH_UNKNOWN_SET, expr.range)
                return Expansion(FOR_EACH, {}, False)
            if plain.is_null:
                diags.error(
                    "Invalid for_each set argument",
                    'The given "for_each" argument value is unsuitable: "for_each" sets must not contain null values.',
                    expr.range,
                )
                return Expansion(FOR_EACH, {}, False)
            key = str(convert(plain, STRING).raw)
            keys[key] = each_binding(key, element)
        return Expansion(FOR_EACH, keys)
    if SENSITIVE in bare.marks:
        return Expansion(FOR_EACH, {}, False)
    for key, element in bare.raw.items():
        keys[key] = each_binding(key, element)
    return Expansion(FOR_EACH, keys)
