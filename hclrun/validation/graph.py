"""The dependencies between a module's objects: the order to evaluate them and Terraform's cycle errors."""

from __future__ import annotations

from collections.abc import Iterable

from hclrun.config.model import Module
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.eval.references import references
from hclrun.syntax import ast
from hclrun.validation.expressions import resource_expressions


def object_key(ref_traversal: tuple[ast.Traverser, ...]) -> str | None:
    """The module object a reference points at (``local.a``, ``aws_x.y``, ``data.t.n``, ``module.m``)."""
    names = [getattr(step, "name", None) if not isinstance(step, ast.TraverseIndex) else None for step in ref_traversal]
    root = names[0]
    if root in ("var", "path", "terraform", "count", "each", "self") or root is None:
        return None
    if root in ("local", "module"):
        return f"{root}.{names[1]}" if len(names) > 1 and names[1] else None
    if root in ("data", "ephemeral", "resource"):
        if len(names) > 2 and names[1] and names[2]:
            prefix = "" if root == "resource" else f"{root}."
            return f"{prefix}{names[1]}.{names[2]}"
        return None
    return f"{root}.{names[1]}" if len(names) > 1 and names[1] else None


def dependencies(exprs: Iterable[ast.Expression]) -> set[str]:
    found = set()
    for expr in exprs:
        for ref in references(expr):
            key = object_key(ref.traversal)
            if key is not None:
                found.add(key)
    return found


def module_graph(module: Module) -> dict[str, set[str]]:
    """Object key -> keys of the objects it refers to, for local values and resources."""
    graph: dict[str, set[str]] = {}
    for name, local in module.locals.items():
        graph[f"local.{name}"] = dependencies([local.expr])
    for resource in module.resources.values():
        graph[resource.address] = dependencies(resource_expressions(resource))
    # Module calls are left out: their inputs and outputs are separate objects in
    # Terraform's graph, so two calls may each use the other's outputs.
    for deps in graph.values():
        deps.intersection_update(graph)
    return graph


def display(key: str) -> str:
    return f"{key} (expand)" if key.startswith(("local.", "module.")) else key


def find_cycles(graph: dict[str, set[str]]) -> Diagnostics:
    """Terraform's "Cycle: ..." error for each strongly connected group of two or more objects."""
    diags = Diagnostics()
    for component in strongly_connected(graph):
        if len(component) > 1:
            diags.add(Diagnostic.error("Cycle: " + ", ".join(display(k) for k in component)))
    return diags


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively; self-edges are ignored."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start] - {start})))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child] - {child}))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(component)
    return result


def evaluation_order(graph: dict[str, set[str]]) -> list[str]:
    """Keys with dependencies first (cycles broken arbitrarily; they are reported separately)."""
    order: list[str] = []
    for component in strongly_connected(graph):
        order.extend(sorted(component))
    return order
