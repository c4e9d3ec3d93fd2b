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

    ``reach[n]`` is a bit set (a Python int, bit i = the node at position i of
    ``order``) of everything ``n`` depends on. A node's dependencies are
    visited nearest-first (highest position first): a dependency already in
    the union of the nearer ones' reach is redundant. Every dependency is at
    a lower position than its dependent, so a nearer dependency can cover a
    farther one but never the reverse, which makes the single pass exact.
    """
    from hclrun.graph.dag import Graph

    position = {node: i for i, node in enumerate(order)}
    users_left = {node: len(graph.dependents(node)) for node in order}
    reach: dict[N, int] = {}
    kept: dict[N, list[N]] = {}
    for node in order:
        nearest_first = sorted(graph.dependencies(node), key=position.__getitem__, reverse=True)
        covered = 0
        direct = 0
        keep: list[N] = []
        for dep in nearest_first:
            bit = 1 << position[dep]
            direct |= bit
            if not covered & bit:
                keep.append(dep)
                covered |= reach[dep]
            left = users_left[dep] - 1
            users_left[dep] = left
            if left == 0:
                del reach[dep]
        keep.reverse()  # restore lowest-position-first for a stable edge order
        kept[node] = keep
        if users_left[node]:
            reach[node] = covered | direct
    result: Graph[N] = Graph(graph)
    for node in graph:
        for dep in _in_original_order(graph, node, kept[node]):
            result.add_edge(node, dep)
    return result


def _in_original_order(graph: Graph[N], node: N, keep: list[N]) -> list[N]:
    """``keep`` in the order the edges were added to ``graph`` (keeps edge listings stable)."""
    if len(keep) == len(graph.dependencies(node)):
        return list(graph.dependencies(node))
    wanted = set(keep)
    return [dep for dep in graph.dependencies(node) if dep in wanted]


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
