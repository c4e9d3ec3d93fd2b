"""The dependencies between a module's objects: the order to evaluate them and Terraform's cycle errors.

The graph is an :class:`hclrun.graph.Graph` of object keys (``local.a``,
``aws_x.y``, ``data.t.n``); cycles are found and worded by
:mod:`hclrun.graph.cycles`, the project's one cycle algorithm.
"""

from __future__ import annotations

from hclrun.config.expressions import referenced_objects, resource_expressions
from hclrun.config.model import Module
from hclrun.diagnostics import Diagnostics
from hclrun.graph import Graph, cycle_diagnostics


def module_graph(module: Module) -> Graph[str]:
    """Local values and resources, each depending on the others it refers to (self references left out)."""
    dependencies: dict[str, set[str]] = {}
    for name, local in module.locals.items():
        dependencies[f"local.{name}"] = referenced_objects([local.expr])
    for resource in module.resources.values():
        dependencies[resource.address] = referenced_objects(resource_expressions(resource))
    # Module calls are left out: their inputs and outputs are separate objects in
    # Terraform's graph, so two calls may each use the other's outputs.
    graph: Graph[str] = Graph(dependencies)
    for key, found in dependencies.items():
        for dependency in found:
            if dependency in dependencies and dependency != key:
                graph.add_edge(key, dependency)
    return graph


def display(key: str) -> str:
    """A key as Terraform names the node in cycle errors."""
    return f"{key} (expand)" if key.startswith(("local.", "module.")) else key


def find_cycles(graph: Graph[str]) -> Diagnostics:
    """Terraform's "Cycle: ..." error for each group of objects that depend on each other."""
    return cycle_diagnostics(graph, display)


def evaluation_order(graph: Graph[str]) -> list[str]:
    """Keys with their dependencies first; the graph must be acyclic (check :func:`find_cycles` first)."""
    return graph.topological_order()
