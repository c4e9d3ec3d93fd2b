"""Building the configuration graph: an ordered list of small steps, one job each.

1. ``add_declarations``: a node per variable, local, output, module call,
   resource, data source, check and provider configuration in every module.
2. ``add_module_containment``: everything inside a module depends on the
   expansion of the call that creates it.
3. ``add_reference_edges``: edges from what each expression refers to.
4. ``add_depends_on_edges``: explicit ``depends_on`` of resources, modules and outputs.
5. ``add_import_edges``: resources targeted by ``import`` blocks depend on what the blocks refer to.
6. ``add_provider_edges``: resources depend on their provider configuration.

``build_graph`` runs them in order and reports cycles with Terraform's
wording; ``dump`` writes a graph as sorted text for tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from hclrun.config.expressions import body_expressions, condition_expressions, resource_late_expressions
from hclrun.config.expressions import resource_expressions as config_resource_expressions
from hclrun.config.model import Check, ModuleCall, Output, ResourceDecl
from hclrun.config.tree import ModuleNode
from hclrun.diagnostics import Diagnostics
from hclrun.engine.nodes import (
    CHECK,
    LOCAL,
    MODULE,
    OUTPUT,
    PROVIDER,
    RESOURCE,
    VALIDATION,
    VARIABLE,
    Node,
    node_key,
)
from hclrun.engine.providers import ResolvedProvider, resolve_provider
from hclrun.eval.references import references
from hclrun.graph import Graph, cycle_diagnostics, find_cycles
from hclrun.syntax import ast

Path = tuple[str, ...]


@dataclass
class ConfigGraph:
    """The graph and what each node stands for."""

    graph: Graph[Node]
    modules: dict[Path, ModuleNode]
    resources: dict[Node, ResourceDecl] = field(default_factory=dict)
    providers: dict[Node, ResolvedProvider] = field(default_factory=dict)
    resource_providers: dict[Node, ResolvedProvider] = field(default_factory=dict)

    def module(self, path: Path) -> ModuleNode:
        return self.modules[path]


Step = Callable[[ConfigGraph], None]


def resource_name(decl: ResourceDecl) -> str:
    return decl.address


def add_declarations(cg: ConfigGraph) -> None:
    g = cg.graph
    for path, mnode in cg.modules.items():
        module = mnode.module
        for name, variable in module.variables.items():
            g.add(Node(VARIABLE, path, name))
            if variable.validations:
                g.add(Node(VALIDATION, path, name))
        for name in module.locals:
            g.add(Node(LOCAL, path, name))
        for name in module.outputs:
            g.add(Node(OUTPUT, path, name))
        for name in module.module_calls:
            if name in mnode.children:
                g.add(Node(MODULE, path, name))
        for decl in module.resources.values():
            if decl.mode == "ephemeral":
                continue
            node = Node(RESOURCE, path, resource_name(decl))
            g.add(node)
            cg.resources[node] = decl
            resolved = resolve_provider(cg.modules, path, decl)
            pnode = Node(PROVIDER, resolved.module_path, _provider_node_name(resolved))
            cg.providers.setdefault(pnode, resolved)
            cg.resource_providers[node] = resolved
            g.add(pnode)
        for check in module.checks.values():
            g.add(Node(CHECK, path, check.name))
            for decl in check.data:
                node = Node(RESOURCE, path, resource_name(decl))
                if node not in cg.resources:
                    g.add(node)
                    cg.resources[node] = decl
                    resolved = resolve_provider(cg.modules, path, decl)
                    pnode = Node(PROVIDER, resolved.module_path, _provider_node_name(resolved))
                    cg.providers.setdefault(pnode, resolved)
                    cg.resource_providers[node] = resolved
                    g.add(pnode)


def _provider_node_name(resolved: ResolvedProvider) -> str:
    addr = resolved.addr
    text = f'provider["{addr.provider}"]'
    return f"{text}.{addr.alias}" if addr.alias else text


def add_module_containment(cg: ConfigGraph) -> None:
    g = cg.graph
    for node in list(g):
        if node.module:
            g.add_edge(node, Node(MODULE, node.module[:-1], node.module[-1]))


def node_expressions(cg: ConfigGraph, node: Node) -> Iterator[tuple[Path, ast.Expression]]:
    """Each expression a node evaluates, with the module path it is evaluated in."""
    path = node.module
    module = cg.modules[path].module
    kind = node.kind
    if kind == VARIABLE:
        if path:
            call = cg.modules[path].call
            assert call is not None
            arg = call.arguments.get(node.name)
            if arg is not None:
                yield path[:-1], arg.expr
    elif kind == LOCAL:
        yield path, module.locals[node.name].expr
    elif kind == OUTPUT:
        yield from ((path, e) for e in _output_expressions(module.outputs[node.name]))
    elif kind == MODULE:
        yield from ((path, e) for e in _call_expressions(module.module_calls[node.name]))
    elif kind == RESOURCE:
        yield from ((path, e) for e in resource_expressions(cg.resources[node]))
    elif kind == CHECK:
        yield from ((path, e) for e in _check_expressions(module.checks[node.name]))
    elif kind == VALIDATION:
        yield from ((path, e) for e in condition_expressions(module.variables[node.name].validations))
    elif kind == PROVIDER:
        config = cg.providers[node].config
        if config is not None:
            yield from ((path, e) for e in body_expressions(config.body))


def resource_expressions(decl: ResourceDecl) -> Iterator[ast.Expression]:
    """Everything a resource block refers to, early and late."""
    yield from config_resource_expressions(decl)
    yield from resource_late_expressions(decl)


def _output_expressions(output: Output) -> Iterator[ast.Expression]:
    if output.expr is not None:
        yield output.expr
    yield from output.depends_on
    yield from condition_expressions(output.preconditions)


def _call_expressions(call: ModuleCall) -> Iterator[ast.Expression]:
    if call.count is not None:
        yield call.count
    if call.for_each is not None:
        yield call.for_each
    yield from call.depends_on


def _check_expressions(check: Check) -> Iterator[ast.Expression]:
    yield from condition_expressions(check.asserts)


def reference_targets(
    cg: ConfigGraph, path: Path, traversal: tuple[ast.Traverser, ...], raw_variables: bool = False
) -> list[Node]:
    """The nodes a reference written in module ``path`` depends on (none for undeclared things).

    A variable with validation rules is reached through its rules, except by
    the rules themselves (``raw_variables``), which need only values."""
    names = [getattr(step, "name", None) for step in traversal]
    root = names[0]
    second = names[1] if len(names) > 1 else None
    module = cg.modules[path].module
    if root == "var":
        variable = module.variables.get(second or "")
        if variable is None:
            return []
        if variable.validations and not raw_variables:
            return [Node(VALIDATION, path, variable.name)]
        return [Node(VARIABLE, path, variable.name)]
    if root == "local":
        return [Node(LOCAL, path, second)] if second in module.locals else []
    if root == "module":
        child = cg.modules[path].children.get(second or "")
        if child is None:
            return []
        out_name = names[2] if len(names) > 2 else None
        child_outputs = child.module.outputs
        found = [Node(MODULE, path, child.path[-1])]
        if out_name in child_outputs:
            found.append(Node(OUTPUT, child.path, out_name))
        else:
            found.extend(Node(OUTPUT, child.path, n) for n in child_outputs)
        return found
    if root in ("data", "resource"):
        third = names[2] if len(names) > 2 else None
        mode = "data" if root == "data" else "managed"
        if second and third and (mode, second, third) in module.resources:
            prefix = "data." if mode == "data" else ""
            return [Node(RESOURCE, path, f"{prefix}{second}.{third}")]
        return []
    if root in ("count", "each", "self", "path", "terraform", "ephemeral") or root is None:
        return []
    if second and ("managed", root, second) in module.resources:
        return [Node(RESOURCE, path, f"{root}.{second}")]
    return []


def add_reference_edges(cg: ConfigGraph) -> None:
    g = cg.graph
    for node in list(g):
        raw = node.kind == VALIDATION
        if raw:
            g.add_edge(node, Node(VARIABLE, node.module, node.name))
        for path, expr in node_expressions(cg, node):
            for ref in references(expr):
                for target in reference_targets(cg, path, ref.traversal, raw):
                    if target != node or node.kind != RESOURCE:
                        g.add_edge(node, target)


def add_depends_on_edges(cg: ConfigGraph) -> None:
    """``depends_on`` entries are references too (already added); a module's
    ``depends_on`` reaches everything inside it through containment."""


def add_import_edges(cg: ConfigGraph) -> None:
    """A resource that root ``import`` blocks target depends on what their ``for_each``, ``id`` and keys refer to."""
    from hclrun.engine.import_address import ImportAddress

    g = cg.graph
    for block in cg.modules[()].module.imports:
        address = ImportAddress.of(block.to_expr)
        target = address.static_target() if address is not None else None
        if address is None or target is None:
            continue
        node = Node(RESOURCE, *target)
        if node not in cg.resources:
            continue
        exprs = [*address.key_expressions(), *(e for e in (block.for_each, block.id_expr) if e is not None)]
        for expr in exprs:
            for ref in references(expr):
                for dep in reference_targets(cg, (), ref.traversal):
                    if dep != node:
                        g.add_edge(node, dep)


def add_provider_edges(cg: ConfigGraph) -> None:
    g = cg.graph
    for node, resolved in cg.resource_providers.items():
        g.add_edge(node, Node(PROVIDER, resolved.module_path, _provider_node_name(resolved)))


STEPS: tuple[Step, ...] = (
    add_declarations,
    add_module_containment,
    add_reference_edges,
    add_depends_on_edges,
    add_import_edges,
    add_provider_edges,
)


def build_graph(tree: ModuleNode) -> tuple[ConfigGraph, Diagnostics]:
    """The configuration graph of ``tree``; cycles are reported as Terraform reports them."""
    modules = {node.path: node for node in tree.walk()}
    cg = ConfigGraph(Graph(), modules)
    for step in STEPS:
        step(cg)
    diags = Diagnostics()
    try:
        cg.graph.topological_order(node_key)
    except ValueError:
        if find_cycles(cg.graph, node_key):
            diags.extend(cycle_diagnostics(cg.graph, str, node_key))
    return cg, diags


def dump(graph: Graph[Node]) -> str:
    """Each node and, indented under it, what it depends on; sorted, for tests."""
    lines: list[str] = []
    for node in sorted(graph, key=str):
        lines.append(str(node))
        lines.extend(f"  {dep}" for dep in sorted(map(str, graph.dependencies(node))))
    return "\n".join(lines) + "\n"
