"""Cycle detection and Terraform's cycle errors.

Strongly connected components come from an iterative Tarjan (no recursion
limit). Each component with more than one node is reported with a concrete
cycle through it; each node that depends on itself is reported as a self
reference. Terraform words these errors "Cycle: a, b, c" and
"Self reference: a", lists every member of the component, and gives them no
source range and no detail.

Terraform's member order is random. Here it is deterministic: the listed
members start with a shortest cycle through the component's smallest node
(by the sort key), written in the order the members would have to run
(each one is a dependency of the next, and the last a dependency of the
first), followed by any other members of the component in key order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.graph.dag import Graph, SortKey
from hclrun.records import record

N = TypeVar("N", bound=Hashable)


@record
class Cycle(Generic[N]):
    """One cycle error: a strongly connected component, or a node that depends on itself.

    ``path`` is a concrete cycle: ``path[0]`` depends on ``path[1]``, …, and
    the last node depends on ``path[0]`` (a self reference has one node).
    ``members`` is every node of the component in reporting order.
    """

    path: tuple[N, ...]
    members: tuple[N, ...]

    @property
    def is_self_reference(self) -> bool:
        return len(self.members) == 1

    def summary(self, name: Callable[[N], str] = str) -> str:
        """Terraform's wording: ``Cycle: a, b, c`` or ``Self reference: a``."""
        if self.is_self_reference:
            return f"Self reference: {name(self.members[0])}"
        return "Cycle: " + ", ".join(name(member) for member in self.members)

    def diagnostic(self, name: Callable[[N], str] = str) -> Diagnostic:
        return Diagnostic.error(self.summary(name))


def strongly_connected_components(graph: Graph[N], key: SortKey = str) -> list[list[N]]:
    """Every strongly connected component (single nodes included), dependencies' components first.

    Roots and successors are explored in key order, so the result is deterministic.
    """
    ranks = graph.ranks(key)
    nodes = sorted(ranks, key=ranks.__getitem__)
    successors = [sorted((ranks[d] for d in graph.dependencies(n)), reverse=True) for n in nodes]
    return [[nodes[i] for i in component] for component in _tarjan(successors)]


def _tarjan(successors: list[list[int]]) -> list[list[int]]:
    """Tarjan's algorithm over integer nodes, with an explicit stack of (node, next successor slot)."""
    count = len(successors)
    index = [-1] * count
    low = [0] * count
    on_stack = [False] * count
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for root in range(count):
        if index[root] != -1:
            continue
        work = [(root, len(successors[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            node, slot = work[-1]
            if slot:
                # successors are stored largest rank first, so slots count down to the smallest
                slot -= 1
                work[-1] = (node, slot)
                succ = successors[node][slot]
                if index[succ] == -1:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack[succ] = True
                    work.append((succ, len(successors[succ])))
                elif on_stack[succ] and index[succ] < low[node]:
                    low[node] = index[succ]
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                if low[node] < low[parent]:
                    low[parent] = low[node]
            if low[node] == index[node]:
                component: list[int] = []
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def find_cycles(graph: Graph[N], key: SortKey = str) -> list[Cycle[N]]:
    """Every cycle error of ``graph``: components of two or more nodes, then self references.

    Each group is ordered by its smallest member's key. An acyclic graph gives [].
    """
    core = _cyclic_core(graph)
    if not core:
        return []
    if len(core) < len(graph):
        graph = graph.induced(core)
    ranks = graph.ranks(key)
    by_rank: Callable[[Any], int] = ranks.__getitem__
    cycles: list[Cycle[N]] = []
    components = [c for c in strongly_connected_components(graph, key) if len(c) > 1]
    for component in sorted(components, key=lambda c: min(map(by_rank, c))):
        members = set(component)
        start = min(component, key=by_rank)
        path = _shortest_cycle(graph, start, members, by_rank)
        on_path = set(path)
        rest = sorted((m for m in component if m not in on_path), key=by_rank)
        cycles.append(Cycle(path=tuple(path), members=(*reversed(path), *rest)))
    for node in sorted((n for n in graph if graph.has_edge(n, n)), key=by_rank):
        cycles.append(Cycle(path=(node,), members=(node,)))
    return cycles


def _cyclic_core(graph: Graph[N]) -> set[N]:
    """The nodes left after repeatedly removing nodes without dependencies, then nodes without dependents.

    No node of a cycle is ever removed, so every cycle lies in what is left;
    an acyclic graph leaves nothing. O(V+E).
    """
    remaining = set(graph)
    for inward, outward in ((graph.dependencies, graph.dependents), (graph.dependents, graph.dependencies)):
        if len(remaining) == len(graph):
            count = {node: len(inward(node)) for node in graph}
        else:
            count = {node: sum(1 for n in inward(node) if n in remaining) for node in remaining}
        free = [node for node, c in count.items() if c == 0]
        while free:
            node = free.pop()
            remaining.discard(node)
            for follower in outward(node):
                left = count.get(follower)
                if left is not None:
                    count[follower] = left - 1
                    if left == 1:
                        free.append(follower)
        if not remaining:
            break
    return remaining


def _shortest_cycle(graph: Graph[N], start: N, members: set[N], by_rank: Callable[[Any], int]) -> list[N]:
    """A shortest dependency path from ``start`` back to itself inside one component (breadth-first)."""
    came_from: dict[N, N] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for dep in sorted(graph.dependencies(node), key=by_rank):
            if dep == start and node != start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                path.reverse()
                return path
            if dep in members and dep != start and dep not in came_from:
                came_from[dep] = node
                queue.append(dep)
    raise AssertionError("a strongly connected component always has a cycle through each member")


def cycle_diagnostics(graph: Graph[N], name: Callable[[N], str] = str, key: SortKey = str) -> Diagnostics:
    """One error per cycle, worded as Terraform's; empty for an acyclic graph."""
    return Diagnostics(cycle.diagnostic(name) for cycle in find_cycles(graph, key))
