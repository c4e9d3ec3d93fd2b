"""Root module variable values for an operation, from every source Terraform
reads (:mod:`hclrun.config.inputvars`), with ``-var`` and ``-var-file`` in
command-line order.

When the caller can ask the user (``ask``), Terraform asks for every
required variable nothing set, sorted by name, before anything else is
reported; without it a missing required variable is an error.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping, Sequence

from hclrun.config.inputvars import collect_root_variables, raw_root_values
from hclrun.config.model import Module, Variable
from hclrun.diagnostics import Diagnostics
from hclrun.values.value import Value

# ("var", "NAME=VALUE") or ("var-file", "PATH"), in command-line order.
VariableArg = tuple[str, str]
# Asks the user for one variable's value; None when nothing was entered.
AskVariable = Callable[[Variable], "str | None"]


def root_variables(
    module: Module,
    cli_vars: Sequence[VariableArg] = (),
    *,
    environ: Mapping[str, str] | None = None,
    cwd: str | None = None,
    ask: AskVariable | None = None,
    preset: Mapping[str, Value] | None = None,
) -> tuple[dict[str, Value], Diagnostics]:
    """Every root variable's value; ``preset`` values (given directly by a
    library caller) win over every other source and are never asked for."""
    if preset:
        kept = {name: v for name, v in module.variables.items() if name not in preset}
        module = dataclasses.replace(module, variables=kept)
    prompt = None if ask is None else _sorted_prompt(module, cli_vars, environ, cwd, ask)
    values, diags = collect_root_variables(module, cli_vars=list(cli_vars), environ=environ, cwd=cwd, prompt=prompt)
    found = dict(values)
    found.update(preset or {})
    return found, diags


def missing_required(
    module: Module, cli_vars: Sequence[VariableArg], environ: Mapping[str, str] | None, cwd: str | None
) -> list[str]:
    """Names of required variables no source sets, sorted (empty when a source has errors)."""
    raw, diags = raw_root_values(module, cli_vars=list(cli_vars), environ=environ, cwd=cwd)
    if diags.has_errors():
        return []
    given = {item.name for item in raw}
    return sorted(name for name, v in module.variables.items() if v.default is None and name not in given)


def _sorted_prompt(
    module: Module,
    cli_vars: Sequence[VariableArg],
    environ: Mapping[str, str] | None,
    cwd: str | None,
    ask: AskVariable,
) -> Callable[[Variable], str | None]:
    """A prompt that asks for all missing variables in name order on its first call."""
    answers: dict[str, str | None] = {}
    asked = False

    def prompt(variable: Variable) -> str | None:
        nonlocal asked
        if not asked:
            asked = True
            for name in missing_required(module, cli_vars, environ, cwd):
                answers[name] = ask(module.variables[name])
        return answers.get(variable.name)

    return prompt


def variable_file_sources(diags: Diagnostics, cwd: str, known: Mapping[str, bytes]) -> dict[str, bytes]:
    """The variable files ``diags`` point into, so their snippets can be shown."""
    found: dict[str, bytes] = {}
    for diag in diags:
        for where in (diag.subject, diag.context):
            name = where.filename if where is not None else ""
            if not name or name in known or name in found:
                continue
            try:
                with open(os.path.join(cwd, name), "rb") as f:
                    found[name] = f.read()
            except OSError:
                continue
    return found
