"""Graph builders and Hypothesis strategies shared by the graph tests."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from hclrun.graph import Graph


def build(spec: str) -> Graph[str]:
    """A graph from "a>b c>b d": "a>b" means a depends on b; a bare name is a lone node."""
    graph: Graph[str] = Graph()
    for item in spec.split():
        names = item.split(">")
        for name in names:
            graph.add(name)
        for dependent, dependency in itertools.pairwise(names):
            graph.add_edge(dependent, dependency)
    return graph


def edge_set(graph: Graph[str]) -> set[tuple[str, str]]:
    return set(graph.edges())


@st.composite
def dags(draw: st.DrawFn, max_nodes: int = 14) -> Graph[int]:
    """Random acyclic graphs: node i only depends on nodes numbered below i, inserted in a shuffled order."""
    count = draw(st.integers(0, max_nodes))
    pairs = [(i, j) for i in range(count) for j in range(i)]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3 * count)) if pairs else []
    nodes = draw(st.permutations(list(range(count))))
    return Graph(nodes, edges)


@st.composite
def digraphs(draw: st.DrawFn, max_nodes: int = 10) -> Graph[int]:
    """Random directed graphs, cycles and self references allowed."""
    count = draw(st.integers(0, max_nodes))
    pairs = [(i, j) for i in range(count) for j in range(count)]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2 * count)) if pairs else []
    return Graph(range(count), edges)


def reachable(graph: Graph[int], start: int) -> set[int]:
    """Reference reachability (dependencies, transitively) by plain search, for checking results."""
    seen: set[int] = set()
    frontier = list(graph.dependencies(start))
    while frontier:
        node = frontier.pop()
        if node not in seen:
            seen.add(node)
            frontier.extend(graph.dependencies(node))
    return seen
