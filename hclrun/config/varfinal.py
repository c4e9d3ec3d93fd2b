"""The last pass over root variable values: nullability, type conversion, validation rules, marks.

Conversion problems name where the value came from, in Terraform's words:
``-var="x=..."``, the ``TF_VAR_x`` environment variable, an interactive
prompt, or the file (whose expression is then the diagnostic's subject).
Validation rules run once every variable has its converted value, so a rule
may refer to other variables too.
"""

from __future__ import annotations

from hclrun.config.bodies import range_text
from hclrun.config.model import Condition, Module, Variable
from hclrun.config.varsources import FROM_CLI, FROM_ENV, FROM_FILE, FROM_INPUT, RawValue
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.eval.defaults import apply_defaults
from hclrun.eval.evaluator import evaluate
from hclrun.eval.notes import attach_values
from hclrun.eval.scope import Scope
from hclrun.eval.typeexpr import type_constraint
from hclrun.records import record
from hclrun.source import Range
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.types import BOOL, DYNAMIC, STRING, Type
from hclrun.values.value import EPHEMERAL, SENSITIVE, Value


@record
class Given:
    """A variable's parsed value and the raw value it came from (None for the default)."""

    value: Value
    origin: RawValue | None = None


def finalize_variables(module: Module, given: dict[str, Given], diags: Diagnostics) -> dict[str, Value]:
    """The final value of every declared variable; failures are unknown values of the variable's type."""
    values: dict[str, Value] = {}
    origins: dict[str, RawValue | None] = {}
    checked: set[str] = set()
    for name, variable in module.variables.items():
        entry = given.get(name) or _default(variable)
        origins[name] = entry.origin
        value = _final_value(variable, entry, diags)
        if value is None:
            values[name] = Value.unknown(_constraint(variable))
        else:
            values[name] = value
            checked.add(name)
    scope = _validation_scope(module, values)
    for name in checked:
        variable = module.variables[name]
        _check_rules(variable, origins[name], scope, diags)
    return {name: _marked(module.variables[name], value) for name, value in values.items()}


def _default(variable: Variable) -> Given:
    if variable.default is None:
        return Given(Value.null(DYNAMIC))
    value, _ = evaluate(variable.default, Scope())
    return Given(value)


def _constraint(variable: Variable) -> Type:
    if variable.type_expr is None:
        return DYNAMIC
    constraint, _, type_diags = type_constraint(variable.type_expr)
    return DYNAMIC if type_diags.has_errors() else constraint


def _final_value(variable: Variable, entry: Given, diags: Diagnostics) -> Value | None:
    value = entry.value
    if value.is_null and not variable.nullable:
        if variable.default is not None and entry.origin is not None:
            value = _default(variable).value
        else:
            detail = "required variable may not be set to null"
            diags.add(_unsuitable(variable, entry.origin, detail, "Required variable not set", "defined"))
            return None
    if variable.type_expr is None:
        return value
    constraint, defaults, type_diags = type_constraint(variable.type_expr)
    if type_diags.has_errors():
        return value
    try:
        return convert(apply_defaults(value, defaults), constraint)
    except ConversionError as exc:
        diags.add(_unsuitable(variable, entry.origin, exc.formatted(), "Invalid value for input variable", "declared"))
        return None


def _unsuitable(variable: Variable, origin: RawValue | None, problem: str, summary: str, verb: str) -> Diagnostic:
    """Terraform's wording for a value that does not fit its variable, naming where the value came from."""
    name = variable.name
    if origin is not None and origin.origin == FROM_FILE and origin.subject is not None:
        detail = (
            f"The given value is not suitable for var.{name} {verb} at {range_text(variable.decl_range)}: {problem}."
        )
        return Diagnostic.error(summary, detail, origin.subject)
    where = {
        FROM_CLI: f'-var="{name}=..."',
        FROM_ENV: f"the TF_VAR_{name} environment variable",
        FROM_INPUT: "an interactive prompt",
    }.get(origin.origin if origin is not None else "", "its default value")
    return Diagnostic.error(summary, f"Unsuitable value for var.{name} set using {where}: {problem}.", variable.decl_range)


def _validation_scope(module: Module, values: dict[str, Value]) -> Scope:
    from hclrun.eval.templating import default_functions

    marked = {name: _marked(module.variables[name], value) for name, value in values.items()}
    return Scope({"var": Value.object(marked)}, default_functions(module.directory or "."))


def refers_beyond_variables(rule: Condition) -> bool:
    """Whether a validation rule refers to more than input variables (locals, resources, ...)."""
    from hclrun.eval.references import references

    exprs = [e for e in (rule.condition, rule.error_message) if e is not None]
    return any(ref.root_name != "var" for expr in exprs for ref in references(expr))


def checked_in_walk(variable: Variable) -> bool:
    """Whether a root variable's rules are checked during the plan, once what they refer to is
    known (all of them, in order, when one refers to more than variables), not as it is read."""
    return any(refers_beyond_variables(rule) for rule in variable.validations)


def _check_rules(variable: Variable, origin: RawValue | None, scope: Scope, diags: Diagnostics) -> None:
    if checked_in_walk(variable):
        return
    subject = subject_of(origin, variable)
    for rule in variable.validations:
        if rule.condition is None:
            continue
        result, rule_diags = evaluate(rule.condition, scope)
        if rule_diags.has_errors():
            diags.extend(rule_diags)
            continue
        passed = _condition_result(rule, result, diags)
        if passed is not False:
            continue
        message = _error_message(rule, scope, diags)
        failure = Diagnostic.error(
            "Invalid value for variable",
            f"{message}\n\nThis was checked by the validation rule at {range_text(rule.decl_range)}.",
            subject,
        )
        diags.add(attach_values(failure, rule.condition, scope))


def _condition_result(rule: Condition, result: Value, diags: Diagnostics) -> bool | None:
    """True or False, or None when the result is unknown or unusable (reported)."""
    assert rule.condition is not None
    bare, _ = result.unmark_deep()
    if not bare.is_known:
        return None
    if bare.is_null:
        diags.error(
            "Invalid condition result",
            "Condition expression must return either true or false, not null.",
            rule.condition.range,
        )
        return None
    try:
        return bool(convert(bare, BOOL).raw)
    except ConversionError as exc:
        diags.error("Invalid condition result", f"Invalid condition result value: {exc.formatted()}.", rule.condition.range)
        return None


def _error_message(rule: Condition, scope: Scope, diags: Diagnostics) -> str:
    if rule.error_message is None:
        return ""
    value, message_diags = evaluate(rule.error_message, scope)
    if message_diags.has_errors():
        diags.extend(message_diags)
        return "Failed to evaluate condition error message."
    bare, _ = value.unmark_deep()
    try:
        text = convert(bare, STRING)
    except ConversionError:
        return "Failed to evaluate condition error message."
    return str(text.raw) if text.is_known and not text.is_null else "Failed to evaluate condition error message."


def _marked(variable: Variable, value: Value) -> Value:
    if variable.sensitive:
        value = value.mark(SENSITIVE)
    if variable.ephemeral:
        value = value.mark(EPHEMERAL)
    return value


def subject_of(origin: RawValue | None, variable: Variable) -> Range:
    """Where a problem with ``variable``'s value is shown: the file's expression, or the declaration."""
    return origin.subject if origin is not None and origin.subject is not None else variable.decl_range
