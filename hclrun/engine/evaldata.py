"""What expressions see during a walk: values of everything evaluated so far, and scopes.

``EvalData`` holds, per module instance, the values of input variables,
local values and outputs, the expansion of module calls and resources, and
the value of every resource instance (planned values during plan, new values
during apply). A resource nobody has visited in this walk (a ``-target``
left it out) is read from the state it started from.

``scope(module_instance)`` gives the evaluation scope of a module instance;
``bind`` adds ``count``/``each``/``self`` for one instance cheaply.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping

from hclrun.addrs import (
    ROOT_MODULE_INSTANCE,
    AbsResource,
    AbsResourceInstance,
    ModuleInstance,
    Resource,
    ResourceMode,
)
from hclrun.config import references as refs
from hclrun.config.tree import ModuleNode
from hclrun.diagnostics import Diagnostics
from hclrun.engine.expand import COUNT, FOR_EACH, Expansion
from hclrun.engine.stateobjects import object_value
from hclrun.eval.scope import Resolver, Scope, Traversal
from hclrun.eval.templating import default_functions
from hclrun.functions.spec import Function
from hclrun.states.model import State
from hclrun.values.types import Type
from hclrun.values.value import DYNAMIC_UNKNOWN, EPHEMERAL, Value

MODES = {"managed": ResourceMode.MANAGED, "data": ResourceMode.DATA, "ephemeral": ResourceMode.EPHEMERAL}

# Looks up the schema type of a resource (for reading objects from state).
SchemaTypeLookup = Callable[[AbsResource], Type | None]


def _count_failure() -> Callable[[refs.Range], refs.ResolveResult]:
    return refs.failing(
        'Reference to "count" in non-counted context',
        'The "count" object can only be used in "module", "resource", and "data" blocks, and only when the '
        '"count" argument is set.',
    )


def _each_failure() -> Callable[[refs.Range], refs.ResolveResult]:
    return refs.failing(
        'Reference to "each" in context without for_each',
        'The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" '
        "argument is set.",
    )


class EvalData:
    def __init__(
        self,
        modules: Mapping[tuple[str, ...], ModuleNode],
        state: State,
        schema_type: SchemaTypeLookup,
        *,
        workspace: str = "default",
        applying: bool = False,
    ) -> None:
        self.modules = modules
        self.state = state
        self.schema_type = schema_type
        self.workspace = workspace
        self.applying = applying
        self.module_instances: dict[tuple[str, ...], list[ModuleInstance]] = {(): [ROOT_MODULE_INSTANCE]}
        self.module_bindings: dict[ModuleInstance, dict[str, Value]] = {ROOT_MODULE_INSTANCE: {}}
        self.call_expansions: dict[tuple[ModuleInstance, str], Expansion] = {}
        self.variables: dict[tuple[ModuleInstance, str], Value] = {}
        self.locals: dict[tuple[ModuleInstance, str], Value] = {}
        self.outputs: dict[tuple[ModuleInstance, str], Value] = {}
        self.resource_expansions: dict[AbsResource, Expansion] = {}
        self.instances: dict[AbsResourceInstance, Value] = {}
        self._resource_cache: dict[AbsResource, Value] = {}
        self._scopes: dict[ModuleInstance, Scope] = {}
        self._functions: dict[str, Mapping[str, Function]] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------ recording

    def set_instance(self, addr: AbsResourceInstance, value: Value) -> None:
        self.instances[addr] = value
        self._resource_cache.pop(addr.containing_resource(), None)

    def set_resource_expansion(self, addr: AbsResource, expansion: Expansion) -> None:
        self.resource_expansions[addr] = expansion
        self._resource_cache.pop(addr, None)

    # ------------------------------------------------------------ values

    def instance_value(self, addr: AbsResourceInstance) -> Value:
        found = self.instances.get(addr)
        if found is not None:
            return found
        obj = self.state.current_object(addr)
        if obj is None:
            return DYNAMIC_UNKNOWN
        t = self.schema_type(addr.containing_resource())
        if t is None:
            return DYNAMIC_UNKNOWN
        return object_value(obj, t)

    def resource_value(self, addr: AbsResource) -> Value:
        cached = self._resource_cache.get(addr)
        if cached is not None:
            return cached
        expansion = self.resource_expansions.get(addr)
        if expansion is None:
            value = self._resource_from_state(addr)
        elif not expansion.known:
            value = DYNAMIC_UNKNOWN
        else:
            value = self._aggregate(addr, expansion.mode, list(expansion.keys))
        self._resource_cache[addr] = value
        return value

    def _aggregate(self, addr: AbsResource, mode: str, keys: list[int | str | None]) -> Value:
        if mode == COUNT:
            return Value.tuple(self.instance_value(addr.instance(k)) for k in sorted(keys, key=lambda k: int(k or 0)))
        if mode == FOR_EACH:
            return Value.object({str(k): self.instance_value(addr.instance(k)) for k in keys})
        return self.instance_value(addr.instance(None))

    def _resource_from_state(self, addr: AbsResource) -> Value:
        rs = self.state.resource(addr)
        if rs is None:
            return DYNAMIC_UNKNOWN
        keys = [k for k, inst in rs.instances.items() if inst.current is not None]
        if not keys:
            return DYNAMIC_UNKNOWN
        if all(isinstance(k, int) for k in keys):
            return self._aggregate(addr, COUNT, keys)  # type: ignore[arg-type]
        if all(isinstance(k, str) for k in keys):
            return self._aggregate(addr, FOR_EACH, keys)  # type: ignore[arg-type]
        return self._aggregate(addr, "single", [None])

    def module_call_value(self, parent: ModuleInstance, name: str) -> Value:
        expansion = self.call_expansions.get((parent, name))
        if expansion is None or not expansion.known:
            return DYNAMIC_UNKNOWN
        child_path = (*parent.module().names, name)
        node = self.modules.get(child_path)
        if node is None:
            return DYNAMIC_UNKNOWN
        names = list(node.module.outputs)

        def instance(key: int | str | None) -> Value:
            mi = parent.child(name, key)
            return Value.object({n: self.outputs.get((mi, n), DYNAMIC_UNKNOWN) for n in names})

        if expansion.mode == COUNT:
            return Value.tuple(instance(k) for k in expansion.keys)
        if expansion.mode == FOR_EACH:
            return Value.object({str(k): instance(k) for k in expansion.keys})
        return instance(None)

    # ------------------------------------------------------------ scopes

    def functions(self, directory: str) -> Mapping[str, Function]:
        found = self._functions.get(directory)
        if found is None:
            found = self._functions[directory] = default_functions(directory or ".")
        return found

    def scope(self, mi: ModuleInstance) -> Scope:
        found = self._scopes.get(mi)
        if found is not None:
            return found
        with self._lock:
            found = self._scopes.get(mi)
            if found is None:
                found = self._scopes[mi] = self._build_scope(mi)
        return found

    def bind(self, mi: ModuleInstance, names: Mapping[str, Value]) -> Scope:
        base = self.scope(mi)
        return base.child(names) if names else base

    def _build_scope(self, mi: ModuleInstance) -> Scope:
        path = mi.module().names
        node = self.modules[path]
        module = node.module
        directory = os.path.normpath(module.directory) if module.directory else "."
        resolvers: dict[str, Resolver] = {
            "var": refs.named_object(
                "var", module.variables, lambda n: self.variables.get((mi, n), DYNAMIC_UNKNOWN), refs.undeclared_variable
            ),
            "local": refs.named_object(
                "local", module.locals, lambda n: self.locals.get((mi, n), DYNAMIC_UNKNOWN), refs.undeclared_local
            ),
            "module": self._module_resolver(mi, node),
            "data": self._resource_resolver(mi, node, "data", prefixed=True),
            "resource": self._resource_resolver(mi, node, "managed", prefixed=True),
            "ephemeral": refs.resources("ephemeral", module.resources, prefixed=True),
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
                    "workspace": refs.constant(Value.string(self.workspace)),
                    "applying": refs.constant(Value.bool(self.applying).mark(EPHEMERAL)),
                },
            ),
            "count": refs.fixed_attributes("count", {"index": _count_failure()}),
            "each": refs.fixed_attributes("each", dict.fromkeys(("key", "value"), _each_failure())),
            "self": refs.self_reference,
        }
        fallback = self._resource_resolver(mi, node, "managed", prefixed=False)
        return Scope(None, self.functions(module.directory), resolvers, fallback)

    def _resource_resolver(self, mi: ModuleInstance, node: ModuleNode, mode: str, *, prefixed: bool) -> Resolver:
        check = refs.resources(mode, node.module.resources, prefixed=prefixed)
        skip = 1 if prefixed else 0
        rmode = MODES[mode]

        def resolve(traversal: Traversal) -> tuple[Value, int, Diagnostics]:
            value, consumed, diags = check(traversal)
            if diags:
                return value, consumed, diags
            type_name = traversal[skip].name  # type: ignore[union-attr]
            name = traversal[skip + 1].name  # type: ignore[union-attr]
            addr = AbsResource(mi, Resource(rmode, type_name, name))
            return self.resource_value(addr), consumed, diags

        return resolve

    def _module_resolver(self, mi: ModuleInstance, node: ModuleNode) -> Resolver:
        check = refs.module_calls(node.module.module_calls)

        def resolve(traversal: Traversal) -> tuple[Value, int, Diagnostics]:
            value, consumed, diags = check(traversal)
            if diags:
                return value, consumed, diags
            name = traversal[1].name  # type: ignore[union-attr]
            return self.module_call_value(mi, name), consumed, diags

        return resolve
