"""Values for the root module's input variables, from every source Terraform reads.

Three passes, as Terraform makes them:

1. collect the raw values (:mod:`hclrun.config.varsources`): malformed
   ``-var`` options and unreadable or unparsable variable files stop here;
2. parse each variable's winning value (literal text for primitive-typed and
   untyped variables given as text, an HCL expression otherwise), report
   undeclared names (an error on the command line, a warning in files,
   ignored in the environment), and require a value for every variable
   without a default (asking ``prompt`` first when one is given);
3. finalize (:mod:`hclrun.config.varfinal`): ``nullable``, conversion to the
   type constraint, ``validation`` rules, ``sensitive`` and ``ephemeral`` marks.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence

from hclrun.config.model import Module, Variable
from hclrun.config.varfinal import Given, finalize_variables
from hclrun.config.varsources import (
    FROM_CLI,
    FROM_FILE,
    FROM_INPUT,
    RawValue,
    automatic_files,
    command_line_values,
    environment_values,
    file_values,
)
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.eval.evaluator import evaluate
from hclrun.eval.scope import Scope
from hclrun.eval.typeexpr import type_constraint
from hclrun.source import Pos, Range
from hclrun.values.types import BOOL, NUMBER, STRING
from hclrun.values.value import Value

__all__ = ["Prompt", "collect_root_variables", "raw_root_values"]

Prompt = Callable[[Variable], "str | None"]

UNDECLARED_SHOWN = 2  # file warnings shown one by one; the rest are counted in one more warning
_UNDECLARED_FILE_TAIL = (
    'If you meant to use this value, add a "variable" block to the configuration.\n\nTo silence these '
    'warnings, use TF_VAR_... environment variables to provide certain "global" settings to all '
    "configurations in your organization. To reduce the verbosity of these warnings, use the "
    "-compact-warnings option."
)


def collect_root_variables(
    module: Module,
    *,
    cli_vars: Sequence[tuple[str, str]] = (),
    environ: Mapping[str, str] | None = None,
    cwd: str | None = None,
    prompt: Prompt | None = None,
) -> tuple[dict[str, Value], Diagnostics]:
    """Every root variable's final value, and the problems found on the way.

    ``cli_vars`` are the ``("var", "name=value")`` and ``("var-file", "path")``
    command-line items in order; ``environ`` defaults to ``os.environ`` and
    ``cwd`` (where variable files are looked up) to the module's directory.
    Variables whose value failed are unknown values of their type, so callers
    that go on despite errors can still evaluate expressions.
    """
    raw, diags = raw_root_values(module, cli_vars=cli_vars, environ=environ, cwd=cwd)
    if diags.has_errors():
        return {}, diags
    given = _parse_values(module, raw, diags)
    _require_values(module, given, prompt, diags)
    if diags.has_errors():
        return {}, diags
    return finalize_variables(module, given, diags), diags


def root_variable_subjects(
    module: Module,
    *,
    cli_vars: Sequence[tuple[str, str]] = (),
    environ: Mapping[str, str] | None = None,
    cwd: str | None = None,
) -> dict[str, Range]:
    """Where the value of each root variable set in a variables file was written (the value
    that wins: the last one given); variables set otherwise are not included."""
    raw, _ = raw_root_values(module, cli_vars=cli_vars, environ=environ, cwd=cwd)
    winners = {item.name: item for item in raw}
    return {name: item.subject for name, item in winners.items() if item.subject is not None}


def raw_root_values(
    module: Module,
    *,
    cli_vars: Sequence[tuple[str, str]] = (),
    environ: Mapping[str, str] | None = None,
    cwd: str | None = None,
) -> tuple[list[RawValue], Diagnostics]:
    """Every value given for a root variable, lowest precedence first."""
    diags = Diagnostics()
    directory = cwd if cwd is not None else (module.directory or ".")
    raw = environment_values(os.environ if environ is None else environ)
    for name in automatic_files(directory):
        raw.extend(file_values(name, directory, diags))
    raw.extend(command_line_values(cli_vars, directory, diags))
    return raw, diags


def parses_literally(variable: Variable) -> bool:
    """Text for untyped and primitive-typed variables is the value itself; other text is HCL."""
    if variable.type_expr is None:
        return True
    constraint = type_constraint(variable.type_expr)[0]
    return constraint in (STRING, NUMBER, BOOL)


def parse_text(variable: Variable, text: str, diags: Diagnostics) -> Value | None:
    """A value given as text, parsed as Terraform parses it for ``variable``; None when it fails."""
    if parses_literally(variable):
        return Value.string(text)
    from hclrun.syntax.parser import parse_expression

    expr, parse_diags = parse_expression(text, f"<value for var.{variable.name}>", Pos(1, 1, 0))
    diags.extend(parse_diags)
    if expr is None or parse_diags.has_errors():
        return None
    value, value_diags = evaluate(expr, Scope())
    diags.extend(value_diags)
    return None if value_diags.has_errors() else value


def _parse_values(module: Module, raw: list[RawValue], diags: Diagnostics) -> dict[str, Given]:
    winning: dict[str, RawValue] = {}
    undeclared_files: list[RawValue] = []
    for item in raw:
        if item.name in module.variables:
            winning[item.name] = item
        elif item.origin == FROM_CLI:
            diags.error(
                "Value for undeclared variable",
                f'A variable named "{item.name}" was assigned on the command line, but the root module does not '
                'declare a variable of that name. To use this value, add a "variable" block to the configuration.',
            )
        elif item.origin == FROM_FILE:
            undeclared_files.append(item)
    _warn_undeclared(undeclared_files, diags)
    given: dict[str, Given] = {}
    for name, item in winning.items():
        value = _parse_one(module.variables[name], item, diags)
        if value is not None:
            given[name] = Given(value, item)
    return given


def _parse_one(variable: Variable, item: RawValue, diags: Diagnostics) -> Value | None:
    if item.expr is not None:
        value, value_diags = evaluate(item.expr, Scope())
        diags.extend(value_diags)
        return None if value_diags.has_errors() else value
    assert item.text is not None
    return parse_text(variable, item.text, diags)


def _warn_undeclared(items: list[RawValue], diags: Diagnostics) -> None:
    for item in items[:UNDECLARED_SHOWN]:
        diags.warning(
            "Value for undeclared variable",
            f'The root module does not declare a variable named "{item.name}" but a value was found in file '
            f'"{item.file}". {_UNDECLARED_FILE_TAIL}',
        )
    extra = len(items) - UNDECLARED_SHOWN
    if extra > 0:
        diags.warning(
            "Values for undeclared variables",
            f"In addition to the other similar warnings shown, {extra} other variable(s) defined without being "
            "declared.",
        )


def _require_values(module: Module, given: dict[str, Given], prompt: Prompt | None, diags: Diagnostics) -> None:
    for name, variable in module.variables.items():
        if name in given or variable.default is not None:
            continue
        if prompt is not None:
            text = prompt(variable)
            if text is not None:
                value = parse_text(variable, text, diags)
                if value is not None:
                    given[name] = Given(value, RawValue(name, FROM_INPUT, text=text))
                continue
        diags.add(
            Diagnostic.error(
                "No value for required variable",
                f'The root module input variable "{name}" is not set, and has no default value. Use a -var or '
                "-var-file command line argument to provide a value for this variable.",
                variable.decl_range,
            )
        )

