"""The evaluation scope of a root module, as ``terraform console`` sees it without state.

Input variables take their defaults (converted to their type constraints;
variables without a default are unknown), sensitive variables are marked,
local values are evaluated in dependency order, resources, data sources and
module calls are unknown, ``path.*`` and ``terraform.workspace`` are set.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import field

from hclrun.config import references as refs
from hclrun.config.expressions import referenced_objects
from hclrun.config.model import Module, Variable
from hclrun.config.typeconstraints import apply_type_constraint
from hclrun.diagnostics import Diagnostics
from hclrun.eval.evaluator import evaluate
from hclrun.eval.scope import Resolver, Scope
from hclrun.eval.templating import default_functions
from hclrun.functions.spec import Function
from hclrun.graph import CycleError, Graph, cycle_diagnostics
from hclrun.records import record
from hclrun.values.types import DYNAMIC
from hclrun.values.value import EPHEMERAL, SENSITIVE, Value


@record(frozen=False)
class ConsoleScopeOptions:
    workspace: str = "default"
    # Values for input variables given on the command line, already parsed.
    variables: Mapping[str, Value] = field(default_factory=dict)


def console_scope(module: Module, options: ConsoleScopeOptions | None = None) -> tuple[Scope, Diagnostics]:
    """The scope for console expressions in ``module``'s directory, and problems found building it."""
    options = options or ConsoleScopeOptions()
    diags = Diagnostics()
    functions = _function_table(module.directory)
    variables = {name: _variable_value(v, options, diags) for name, v in module.variables.items()}
    local_values: dict[str, Value] = {}
    path_module = os.path.normpath(module.directory) if module.directory else "."
    resolvers: dict[str, Resolver] = {
        "var": refs.named_object("var", variables, lambda n: variables[n], refs.undeclared_variable),
        "local": refs.named_object("local", module.locals, lambda n: local_values[n], refs.undeclared_local),
        "module": refs.module_calls(module.module_calls),
        "data": refs.resources("data", module.resources, prefixed=True),
        "ephemeral": refs.resources("ephemeral", module.resources, prefixed=True),
        "resource": refs.resources("managed", module.resources, prefixed=True),
        "path": refs.fixed_attributes(
            "path",
            {
                "module": refs.constant(Value.string(path_module)),
                "root": refs.constant(Value.string(path_module)),
                "cwd": refs.constant(Value.string(os.getcwd())),
            },
        ),
        "terraform": refs.fixed_attributes(
            "terraform",
            {
                "workspace": refs.constant(Value.string(options.workspace)),
                "applying": refs.constant(Value.bool(False).mark(EPHEMERAL)),
            },
        ),
        "count": refs.fixed_attributes(
            "count",
            {
                "index": refs.failing(
                    'Reference to "count" in non-counted context',
                    'The "count" object can only be used in "module", "resource", and "data" blocks, and only '
                    'when the "count" argument is set.',
                )
            },
        ),
        "each": refs.fixed_attributes("each", dict.fromkeys(("key", "value"), _each_failure())),
        "self": refs.self_reference,
    }
    scope = Scope(None, functions, resolvers, refs.resources("managed", module.resources, prefixed=False))
    _evaluate_locals(module, scope, local_values, diags)
    return scope, diags


def _each_failure() -> refs.Callable[[refs.Range], refs.ResolveResult]:
    return refs.failing(
        'Reference to "each" in context without for_each',
        'The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" '
        "argument is set.",
    )


def _function_table(base_dir: str) -> dict[str, Function]:
    return default_functions(base_dir or ".")


def _variable_value(var: Variable, options: ConsoleScopeOptions, diags: Diagnostics) -> Value:
    given = options.variables.get(var.name)
    if given is not None:
        value = given
    elif var.default is not None:
        value, value_diags = evaluate(var.default, Scope())
        diags.extend(value_diags)
    else:
        value = Value.unknown(DYNAMIC)
    if var.type_expr is not None:
        value = apply_type_constraint(var, value, diags, report_default=False)
    if var.sensitive:
        value = value.mark(SENSITIVE)
    return value


def _evaluate_locals(module: Module, scope: Scope, values: dict[str, Value], diags: Diagnostics) -> None:
    """Evaluate every local value after the locals it refers to; a cycle is Terraform's "Cycle: ..." error."""
    graph: Graph[str] = Graph(module.locals)
    for name, local in module.locals.items():
        for key in referenced_objects([local.expr]):
            other = key.removeprefix("local.")
            if key.startswith("local.") and other in module.locals:
                graph.add_edge(name, other)
    try:
        order = graph.topological_order()
    except CycleError:
        diags.extend(cycle_diagnostics(graph, lambda name: f"local.{name} (expand)"))
        for name in module.locals:
            values[name] = Value.unknown(DYNAMIC)
        return
    for name in order:
        value, value_diags = evaluate(module.locals[name].expr, scope)
        diags.extend(value_diags)
        values[name] = value
