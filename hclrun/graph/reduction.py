"""Graph reductions: transitive reduction and projection onto a subset of nodes.

Both build a new graph and leave their input alone.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from hclrun.graph.dag import Graph

N = TypeVar("N", bound=Hashable)


def reduce_transitively(graph: Graph[N], order: list[N]) -> Graph[N]:
    """The transitive reduction of an acyclic ``graph`` whose topological ``order`` is given.

    ``closure[n]`` is a bit set (a Python int, bit i = the node at position i
    of ``order``) of ``n`` and everything it depends on. A node's
    dependencies are visited nearest-first (highest position first): one
    already in the union of the nearer ones' closures is redundant. Every
    dependency sits at a lower position than its dependents, so a nearer
    dependency can cover a farther one but never the reverse, which makes the
    single pass exact. A closure is dropped once its last dependent used it.
    """
    position = {node: i for i, node in enumerate(order)}
    users_left = {node: len(graph.dependents(node)) for node in order}
    closure: dict[N, int] = {}
    kept: dict[N, set[N]] = {}
    for index, node in enumerate(order):
        dependencies = graph.dependencies(node)
        covered = 0
        if len(dependencies) == 1:
            (dep,) = dependencies
            kept[node] = {dep}
            covered = closure[dep]
            _release(dep, users_left, closure)
        elif dependencies:
            keep: set[N] = set()
            for dep in sorted(dependencies, key=position.__getitem__, reverse=True):
                if not (covered >> position[dep]) & 1:
                    keep.add(dep)
                    covered |= closure[dep]
                _release(dep, users_left, closure)
            kept[node] = keep
        if users_left[node]:
            closure[node] = covered | (1 << index)
    return _with_edges(graph, kept)


def _release(dep: N, users_left: dict[N, int], closure: dict[N, int]) -> None:
    left = users_left[dep] - 1
    users_left[dep] = left
    if left == 0:
        del closure[dep]


def _with_edges(graph: Graph[N], kept: dict[N, set[N]]) -> Graph[N]:
    """A copy of ``graph`` keeping only the ``kept`` dependencies, in their original order."""
    from hclrun.graph.dag import Graph

    result: Graph[N] = Graph(graph)
    for node in graph:
        keep = kept.get(node)
        if keep:
            for dep in graph.dependencies(node):
                if dep in keep:
                    result.add_edge(node, dep)
    return result


def project(graph: Graph[N], keep: Callable[[N], bool]) -> Graph[N]:
    """Kept nodes only, with A → B wherever A reaches B through nodes that are dropped.

    For each kept node a depth-first search runs through dropped nodes and
    stops at kept ones. Cycles are harmless.
    """
    from hclrun.graph.dag import Graph

    kept = [node for node in graph if keep(node)]
    kept_set = set(kept)
    result: Graph[N] = Graph(kept)
    for node in kept:
        seen: set[N] = set()
        stack = list(graph.dependencies(node))[::-1]
        while stack:
            dep = stack.pop()
            if dep in seen:
                continue
            seen.add(dep)
            if dep in kept_set:
                result.add_edge(node, dep)
            else:
                stack.extend(reversed([d for d in graph.dependencies(dep) if d not in seen]))
    return result
