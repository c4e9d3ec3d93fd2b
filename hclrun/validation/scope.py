"""Evaluation scopes for ``validate``: everything only known at apply time is an unknown value.

Input variables are unknown values of their type constraints, local values
are evaluated (in dependency order, by the caller), resources and data
sources are unknown values of their schemas' types (or of any type), and
module calls are objects of their outputs. ``count``, ``each`` and ``self``
are available only where Terraform allows them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from hclrun.config import references as refs
from hclrun.config.tree import ModuleNode
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.eval.scope import Resolver, Scope, Traversal, did_you_mean
from hclrun.eval.templating import default_functions
from hclrun.functions.spec import Function
from hclrun.records import record
from hclrun.source import Range
from hclrun.syntax import ast
from hclrun.validation.references import resource_resolver
from hclrun.values.types import DYNAMIC, NUMBER, STRING
from hclrun.values.value import DYNAMIC_UNKNOWN, EPHEMERAL, SENSITIVE, Value


@record
class Context:
    """What an expression may refer to besides the module's objects."""

    count: bool = False
    each: bool = False
    self_value: Value | None = None


NO_CONTEXT = Context()


class ModuleScopes:
    """The scopes of one module in the tree; local values are filled in as they are evaluated."""

    def __init__(
        self, node: ModuleNode, workspace: str = "default", functions: Mapping[str, Function] | None = None
    ) -> None:
        self.node = node
        module = node.module
        self.local_values: dict[str, Value] = {}
        self.variables = {name: variable_value(v) for name, v in module.variables.items()}
        # Relative paths in function calls are relative to the working directory, in every module.
        self.functions = functions if functions is not None else default_functions(".")
        word = "the root module" if not node.path else node.address
        directory = os.path.normpath(module.directory) if module.directory else "."
        self.base: dict[str, Resolver] = {
            "var": refs.named_object("var", self.variables, lambda n: self.variables[n], refs.undeclared_variable),
            "local": refs.named_object(
                "local", module.locals, lambda n: self.local_values.get(n, DYNAMIC_UNKNOWN), refs.undeclared_local
            ),
            "module": self._module_resolver(word),
            "data": resource_resolver(module, "data", prefixed=True, module_word=word),
            "ephemeral": resource_resolver(module, "ephemeral", prefixed=True, module_word=word),
            "resource": resource_resolver(module, "managed", prefixed=True, module_word=word),
            "path": refs.fixed_attributes(
                "path",
                {
                    "module": refs.constant(Value.string(directory)),
                    "root": refs.constant(Value.string(".")),
                    "cwd": refs.constant(Value.string(os.getcwd())),
                },
            ),
            "terraform": refs.fixed_attributes(
                "terraform",
                {
                    "workspace": refs.constant(Value.string(workspace)),
                    "applying": refs.constant(Value.bool(False).mark(EPHEMERAL)),
                },
            ),
        }
        self.fallback = resource_resolver(module, "managed", prefixed=False, module_word=word)
        self._cache: dict[Context, Scope] = {}

    def scope(self, context: Context = NO_CONTEXT) -> Scope:
        found = self._cache.get(context)
        if found is not None:
            return found
        resolvers = dict(self.base)
        count_index = refs.constant(Value.unknown(NUMBER)) if context.count else _count_failure()
        resolvers["count"] = refs.fixed_attributes("count", {"index": count_index})
        if context.each:
            each = {"key": refs.constant(Value.unknown(STRING)), "value": refs.constant(DYNAMIC_UNKNOWN)}
        else:
            each = dict.fromkeys(("key", "value"), _each_failure())
        resolvers["each"] = refs.fixed_attributes("each", each)
        self_value = context.self_value
        resolvers["self"] = refs.self_reference if self_value is None else _self(self_value)
        scope = Scope(None, self.functions, resolvers, self.fallback)
        self._cache[context] = scope
        return scope

    def _module_resolver(self, word: str) -> Resolver:
        node = self.node
        calls = node.module.module_calls

        def resolve(traversal: Traversal) -> tuple[Value, int, Diagnostics]:
            attr = traversal[1] if len(traversal) > 1 else None
            if not isinstance(attr, ast.TraverseAttr) or attr.name not in calls:
                if isinstance(attr, ast.TraverseAttr):
                    end = traversal[min(2, len(traversal) - 1)].range
                    return DYNAMIC_UNKNOWN, len(traversal), Diagnostics([
                        Diagnostic.error(
                            "Reference to undeclared module",
                            f'No module call named "{attr.name}" is declared in {word}.'
                            f"{did_you_mean(attr.name, calls)}",
                            traversal[0].range.to(end),
                        )
                    ])
                return refs.module_calls(calls)(traversal)
            call = calls[attr.name]
            child = node.children.get(attr.name)
            if child is None or call.count is not None or call.for_each is not None:
                return DYNAMIC_UNKNOWN, 2, Diagnostics()
            outputs = {
                name: (DYNAMIC_UNKNOWN.mark(SENSITIVE) if output.sensitive else DYNAMIC_UNKNOWN)
                for name, output in child.module.outputs.items()
            }
            return Value.object(outputs), 2, Diagnostics()

        return resolve


def variable_value(variable: object) -> Value:
    from hclrun.config.model import Variable

    assert isinstance(variable, Variable)
    value = DYNAMIC_UNKNOWN
    if variable.type_expr is not None:
        constraint, _, type_diags = variable.constraint
        if not type_diags.has_errors() and constraint != DYNAMIC:
            value = Value.unknown(constraint)
    if variable.sensitive:
        value = value.mark(SENSITIVE)
    if variable.ephemeral:
        value = value.mark(EPHEMERAL)
    return value


def _count_failure() -> Callable[[Range], refs.ResolveResult]:
    return refs.failing(
        'Reference to "count" in non-counted context',
        'The "count" object can only be used in "module", "resource", and "data" blocks, and only when the '
        '"count" argument is set.',
    )


def _each_failure() -> Callable[[Range], refs.ResolveResult]:
    return refs.failing(
        'Reference to "each" in context without for_each',
        'The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" '
        "argument is set.",
    )


def _self(value: Value) -> Resolver:
    return lambda traversal: (value, 1, Diagnostics())
