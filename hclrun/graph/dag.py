"""A directed graph of hashable nodes where an edge A → B means "A depends on B".

B must be visited before A. Each node keeps two insertion-ordered adjacency
tables (its dependencies and its dependents), so adding, removing and looking
up edges are O(1) and every traversal is O(V+E). Orderings are deterministic:
where the graph allows several orders, ties are broken by a sort key
(``str`` unless given), so the same graph built in any order gives the same
result.

Naming follows the dependency direction: the *ancestors* of a node are
everything it depends on, directly or not (they run before it); its
*descendants* are everything that depends on it (they run after it).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable, Iterator, KeysView
from typing import Any, Generic, TypeVar

N = TypeVar("N", bound=Hashable)

SortKey = Callable[[Any], Any]


class CycleError(ValueError):
    """An operation that needs an acyclic graph met a cycle (a bug in the caller: validate first).

    ``remaining`` holds the nodes that could not be ordered: every cycle is
    among them (``hclrun.graph.cycles.find_cycles`` reports them precisely).
    """

    def __init__(self, remaining: tuple[Any, ...]) -> None:
        super().__init__(f"the graph has a cycle among {len(remaining)} nodes")
        self.remaining = remaining


class Graph(Generic[N]):
    """A mutable dependency graph; see the module docstring for the edge direction."""

    __slots__ = ("_dependencies", "_dependents")

    def __init__(self, nodes: Iterable[N] = (), edges: Iterable[tuple[N, N]] = ()) -> None:
        self._dependencies: dict[N, dict[N, None]] = {}
        self._dependents: dict[N, dict[N, None]] = {}
        for node in nodes:
            self.add(node)
        for dependent, dependency in edges:
            self.add_edge(dependent, dependency)

    # -- building -------------------------------------------------------------

    def add(self, node: N) -> None:
        """Add ``node`` if it is not there yet."""
        if node not in self._dependencies:
            self._dependencies[node] = {}
            self._dependents[node] = {}

    def add_edge(self, dependent: N, dependency: N) -> None:
        """Record that ``dependent`` depends on ``dependency``, adding either node if missing."""
        self.add(dependent)
        self.add(dependency)
        self._dependencies[dependent][dependency] = None
        self._dependents[dependency][dependent] = None

    def remove(self, node: N) -> None:
        """Remove ``node`` and every edge touching it; KeyError if it is absent."""
        for dependency in self._dependencies.pop(node):
            if dependency != node:
                del self._dependents[dependency][node]
        for dependent in self._dependents.pop(node):
            if dependent != node:
                del self._dependencies[dependent][node]

    def remove_edge(self, dependent: N, dependency: N) -> None:
        """Remove one edge; KeyError if it is absent."""
        del self._dependencies[dependent][dependency]
        del self._dependents[dependency][dependent]

    def copy(self) -> Graph[N]:
        result: Graph[N] = Graph()
        result._dependencies = {n: dict(deps) for n, deps in self._dependencies.items()}
        result._dependents = {n: dict(deps) for n, deps in self._dependents.items()}
        return result

    # -- queries --------------------------------------------------------------

    def __contains__(self, node: object) -> bool:
        return node in self._dependencies

    def __len__(self) -> int:
        return len(self._dependencies)

    def __iter__(self) -> Iterator[N]:
        """Nodes in insertion order."""
        return iter(self._dependencies)

    def __repr__(self) -> str:
        return f"<Graph {len(self)} nodes, {self.edge_count()} edges>"

    def nodes(self) -> list[N]:
        return list(self._dependencies)

    def edges(self) -> Iterator[tuple[N, N]]:
        """Every edge as (dependent, dependency), grouped by dependent in insertion order."""
        for dependent, dependencies in self._dependencies.items():
            for dependency in dependencies:
                yield dependent, dependency

    def edge_count(self) -> int:
        return sum(len(deps) for deps in self._dependencies.values())

    def has_edge(self, dependent: N, dependency: N) -> bool:
        deps = self._dependencies.get(dependent)
        return deps is not None and dependency in deps

    def dependencies(self, node: N) -> KeysView[N]:
        """What ``node`` depends on directly (a live read-only view)."""
        return self._dependencies[node].keys()

    def dependents(self, node: N) -> KeysView[N]:
        """What depends on ``node`` directly (a live read-only view)."""
        return self._dependents[node].keys()

    def ancestors(self, node: N) -> set[N]:
        """Everything ``node`` depends on, directly or indirectly (``node`` only if on a cycle)."""
        return _reach(self._dependencies, self._dependencies[node])

    def descendants(self, node: N) -> set[N]:
        """Everything that depends on ``node``, directly or indirectly (``node`` only if on a cycle)."""
        return _reach(self._dependents, self._dependents[node])

    def roots(self) -> list[N]:
        """Nodes nothing depends on (the last to run), in insertion order."""
        return [n for n, deps in self._dependents.items() if not deps]

    def leaves(self) -> list[N]:
        """Nodes without dependencies (the first to run), in insertion order."""
        return [n for n, deps in self._dependencies.items() if not deps]

    # -- orderings ------------------------------------------------------------

    def ranks(self, key: SortKey = str) -> dict[N, int]:
        """Each node's position when all nodes are sorted by ``key`` (the tie-breaking order)."""
        ordered = sorted(self._dependencies, key=key)
        return {node: i for i, node in enumerate(ordered)}

    def topological_order(self, key: SortKey = str) -> list[N]:
        """Every node after all of its dependencies; among nodes ready at the same time, smallest key first.

        Kahn's algorithm with a heap: O(V log V + E). Raises CycleError on a cycle.
        """
        return _kahn(self._dependencies, self._dependents, self.ranks(key))

    def reverse_topological_order(self, key: SortKey = str) -> list[N]:
        """Every node before all of its dependencies (the order of destroying)."""
        return _kahn(self._dependents, self._dependencies, self.ranks(key))

    # -- derived graphs -------------------------------------------------------

    def reverse(self) -> Graph[N]:
        """The same nodes with every edge flipped: dependents run first (destroy ordering)."""
        result: Graph[N] = Graph()
        result._dependencies = {n: dict(deps) for n, deps in self._dependents.items()}
        result._dependents = {n: dict(deps) for n, deps in self._dependencies.items()}
        return result

    def induced(self, nodes: Iterable[N]) -> Graph[N]:
        """The graph on ``nodes`` (kept in this graph's insertion order) with the edges between them."""
        wanted = set(nodes)
        result: Graph[N] = Graph()
        keep = [n for n in self._dependencies if n in wanted]
        result._dependencies = {n: {d: None for d in self._dependencies[n] if d in wanted} for n in keep}
        result._dependents = {n: {d: None for d in self._dependents[n] if d in wanted} for n in keep}
        return result

    def subgraph(self, targets: Iterable[N]) -> Graph[N]:
        """The targets and everything they depend on (what ``-target`` selects)."""
        start = list(targets)
        for target in start:
            if target not in self._dependencies:
                raise KeyError(target)
        selected = _reach(self._dependencies, start)
        selected.update(start)
        return self.induced(selected)

    def transitive_reduction(self, key: SortKey = str) -> Graph[N]:
        """The graph with the fewest edges that keeps every "runs before" relationship.

        An edge A → C is dropped when C is also reachable from A through another
        dependency. Nodes are processed in topological order, each one's
        reachable set kept as a bit set over topological positions and freed as
        soon as its last dependent has used it; the cost is one bit-set union
        per edge. Raises CycleError on a cycle.
        """
        from hclrun.graph.reduction import reduce_transitively

        return reduce_transitively(self, self.topological_order(key))

    def project(self, keep: Callable[[N], bool]) -> Graph[N]:
        """Only the nodes ``keep`` accepts, with an edge A → B wherever A reached B through dropped nodes.

        This keeps the ordering the dropped nodes implied (``terraform graph``
        shows resources only this way). The result is not reduced.
        """
        from hclrun.graph.reduction import project

        return project(self, keep)


def _reach(adjacency: dict[N, dict[N, None]], start: Iterable[N]) -> set[N]:
    """Every node reachable from ``start`` along ``adjacency`` (iterative depth-first)."""
    seen: set[N] = set()
    stack = list(start)
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(n for n in adjacency[node] if n not in seen)
    return seen


def _kahn(
    before: dict[N, dict[N, None]], after: dict[N, dict[N, None]], rank: dict[N, int]
) -> list[N]:
    """Nodes so that each one comes after everything in its ``before`` table."""
    by_rank = [node for node, _ in sorted(rank.items(), key=lambda item: item[1])]
    waiting = {node: len(deps) for node, deps in before.items()}
    heap = [rank[node] for node, count in waiting.items() if count == 0]
    heapq.heapify(heap)
    order: list[N] = []
    push, pop = heapq.heappush, heapq.heappop
    while heap:
        node = by_rank[pop(heap)]
        order.append(node)
        for follower in after[node]:
            left = waiting[follower] - 1
            waiting[follower] = left
            if left == 0:
                push(heap, rank[follower])
    if len(order) != len(before):
        placed = set(order)
        raise CycleError(tuple(n for n in by_rank if n not in placed))
    return order
