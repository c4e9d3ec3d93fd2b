"""The configuration graph as ``terraform graph`` draws it, in DOT.

The default view shows resources only, clustered by module. ``-type=plan``
(also ``plan-refresh-only`` and ``apply``) shows the operation graph: every
node of the configuration graph named as Terraform names it, plus a
``(close)`` node per module call and per provider and the ``root`` node,
transitively reduced when acyclic. ``plan-destroy`` without state holds the
root module's outputs only. A cycle is an error unless cycles are drawn,
in red.
"""

from __future__ import annotations

from collections.abc import Mapping

from hclrun.diagnostics import Diagnostics
from hclrun.engine.graph_build import ConfigGraph, node_expressions
from hclrun.engine.nodes import MODULE, OUTPUT, PROVIDER, RESOURCE, VALIDATION, VARIABLE, Node
from hclrun.eval.references import references
from hclrun.graph import Graph, cycle_diagnostics, find_cycles
from hclrun.graph.dot import ClusteredNode, operation_dot, resources_dot
from hclrun.syntax import ast

GRAPH_TYPES = ("plan", "plan-refresh-only", "plan-destroy", "apply")
ROOT = "root"


def operation_name(node: Node) -> str:
    """A configuration node as Terraform names it in operation graphs."""
    if node.kind in (MODULE, PROVIDER, VALIDATION) or (node.kind == VARIABLE and not node.module):
        return str(node)
    return f"{node} (expand)"


def _prefix(path: tuple[str, ...]) -> str:
    return "".join(f"module.{name}." for name in path)


def close_name(call: Node) -> str:
    return f"{_prefix(call.module)}module.{call.name} (close)"


def _whole_module_references(cg: ConfigGraph, node: Node) -> set[str]:
    """Calls ``node`` refers to as a whole (``module.x``, ``module.x[k]``), not through one output."""
    found: set[str] = set()
    for _path, expr in node_expressions(cg, node):
        for ref in references(expr):
            traversal = ref.traversal
            if ref.root_name != "module" or len(traversal) < 2 or not isinstance(traversal[1], ast.TraverseAttr):
                continue
            following = traversal[2] if len(traversal) > 2 else None
            if not isinstance(following, ast.TraverseAttr):
                found.add(traversal[1].name)
    return found


def operation_graph(cg: ConfigGraph) -> tuple[Graph[str], dict[str, Mapping[str, str]]]:
    """The plan/apply graph by name (not reduced), and the attributes of the nodes DOT declares."""
    source = cg.graph
    graph: Graph[str] = Graph(operation_name(node) for node in source)
    declared: dict[str, Mapping[str, str]] = {}
    shapes = {RESOURCE: "box", PROVIDER: "diamond"}
    for node in source:
        name = operation_name(node)
        if node.kind in shapes:
            declared[name] = {"label": str(node), "shape": shapes[node.kind]}
        elif node.kind == VARIABLE and not node.module:
            declared[name] = {"label": str(node), "shape": "note"}
        whole = _whole_module_references(cg, node) if node.kind != MODULE else set()
        for dependency in source.dependencies(node):
            if dependency.kind == MODULE and node.module != dependency.call_path:
                continue  # only containment points at a call's expansion; references go to its parts
            if dependency.kind == OUTPUT and dependency.module[:-1] == node.module and dependency.module[-1] in whole:
                continue
            graph.add_edge(name, operation_name(dependency))
        for call in whole:
            graph.add_edge(name, close_name(Node(MODULE, node.module, call)))
    for node in source:
        if node.kind == MODULE:
            close = close_name(node)
            graph.add_edge(close, operation_name(node))
            inside = node.call_path
            for member in source:
                if member.module[: len(inside)] == inside:
                    graph.add_edge(close, operation_name(member))
                    if member.kind == MODULE:
                        graph.add_edge(close, close_name(member))
        elif node.kind == PROVIDER:
            close = f"{node} (close)"
            graph.add_edge(close, str(node))
            for user in source.dependents(node):
                if user.kind == RESOURCE:
                    graph.add_edge(close, operation_name(user))
    sinks = [name for name in graph if not graph.dependents(name)]
    graph.add(ROOT)
    for name in sinks:
        graph.add_edge(ROOT, name)
    return graph, declared


def destroy_graph(cg: ConfigGraph) -> Graph[str]:
    """The destroy plan's graph with no state: the root node and the root module's outputs."""
    graph: Graph[str] = Graph()
    for node in cg.graph:
        if node.kind == OUTPUT and not node.module:
            graph.add_edge(ROOT, operation_name(node))
    return graph


def resources_view(cg: ConfigGraph) -> str:
    """The default ``terraform graph`` output: resources only, reduced, clustered by module."""
    resources = cg.graph.project(lambda node: node.kind == RESOURCE).transitive_reduction()

    def describe(node: Node) -> ClusteredNode:
        decl = cg.resources[node]
        order = (0 if decl.mode == "data" else 1, decl.type, decl.name)
        return ClusteredNode(str(node), _prefix(node.module).rstrip("."), node.name, order)

    return resources_dot(resources, describe)


def graph_dot(cg: ConfigGraph, graph_type: str | None, draw_cycles: bool) -> tuple[str | None, Diagnostics]:
    """The DOT text for one view, or None with the cycle errors when the graph has cycles."""
    if graph_type == "plan-destroy":
        return operation_dot(destroy_graph(cg)), Diagnostics()
    graph, declared = operation_graph(cg)
    cycles = find_cycles(graph)
    if cycles and not draw_cycles:
        return None, cycle_diagnostics(graph)
    if graph_type is None:
        return resources_view(cg), Diagnostics()
    if not cycles:
        graph = graph.transitive_reduction()
    drawn = [cycle.members for cycle in cycles] if draw_cycles else []
    return operation_dot(graph, attributes=declared.get, cycles=drawn), Diagnostics()
