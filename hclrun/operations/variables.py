"""Root module variable values for an operation.

The variable sources and their precedence belong to the configuration layer
(``hclrun.config.inputvars``); until it is available, ``-var NAME=VALUE``
strings are passed through as strings and everything else falls back to the
declared defaults, which the engine applies itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence

from hclrun.config.model import Module
from hclrun.diagnostics import Diagnostics
from hclrun.values.value import Value

# ("var", "NAME=VALUE") or ("var-file", "PATH"), in command-line order.
VariableArg = tuple[str, str]


def root_variables(
    module: Module,
    cli_vars: Sequence[VariableArg] = (),
    *,
    environ: Mapping[str, str] | None = None,
    cwd: str | None = None,
    prompt: Callable[[str], str] | None = None,
) -> tuple[dict[str, Value], Diagnostics]:
    try:
        inputvars = importlib.import_module("hclrun.config.inputvars")
    except ImportError:
        found: dict[str, Value] = {}
        for kind, text in cli_vars:
            if kind == "var" and "=" in text:
                name, _, raw = text.partition("=")
                found[name.strip()] = Value.string(raw)
        return found, Diagnostics()
    collect = inputvars.collect_root_variables
    values, diags = collect(module, cli_vars=list(cli_vars), environ=environ, cwd=cwd, prompt=prompt)
    return dict(values), diags
