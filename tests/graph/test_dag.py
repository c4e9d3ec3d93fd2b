"""The dependency graph: building, queries, orderings, derived graphs."""

from __future__ import annotations

import pytest
from hypothesis import given

from hclrun.graph import CycleError, Graph
from tests.graph.graphs import build, dags, edge_set, reachable

TOPOLOGICAL_ORDERS = [
    ("empty", "", []),
    ("single node", "a", ["a"]),
    ("independent nodes sorted by key", "c b a", ["a", "b", "c"]),
    ("chain", "c>b>a", ["a", "b", "c"]),
    ("diamond", "d>b>a d>c>a", ["a", "b", "c", "d"]),
    ("ready nodes smallest first", "z>y a>y", ["y", "a", "z"]),
    ("key breaks ties, not insertion", "b>x a>x x", ["x", "a", "b"]),
    ("late-ready small node waits", "a>m m b", ["b", "m", "a"]),
    ("two components interleave by key", "b>a d>c", ["a", "b", "c", "d"]),
]


@pytest.mark.parametrize(("name", "spec", "expected"), TOPOLOGICAL_ORDERS, ids=[r[0] for r in TOPOLOGICAL_ORDERS])
def test_topological_order(name: str, spec: str, expected: list[str]) -> None:
    assert build(spec).topological_order() == expected


REVERSE_ORDERS = [
    ("chain", "c>b>a", ["c", "b", "a"]),
    ("diamond", "d>b>a d>c>a", ["d", "b", "c", "a"]),
    ("independent", "b a", ["a", "b"]),
]


@pytest.mark.parametrize(("name", "spec", "expected"), REVERSE_ORDERS, ids=[r[0] for r in REVERSE_ORDERS])
def test_reverse_topological_order(name: str, spec: str, expected: list[str]) -> None:
    assert build(spec).reverse_topological_order() == expected


def test_custom_key_orders_ties() -> None:
    graph: Graph[int] = Graph([10, 9, 100])
    assert graph.topological_order() == [10, 100, 9]  # str order by default
    assert graph.topological_order(key=int) == [9, 10, 100]
    assert graph.topological_order(key=lambda n: -n) == [100, 10, 9]


@pytest.mark.parametrize(
    ("spec", "remaining"),
    [("a>a", ("a",)), ("a>b>a", ("a", "b")), ("x>a>b>c>a", ("a", "b", "c", "x"))],
    ids=["self reference", "two-cycle", "cycle with a dependent"],
)
def test_topological_order_rejects_cycles(spec: str, remaining: tuple[str, ...]) -> None:
    with pytest.raises(CycleError) as info:
        build(spec).topological_order()
    assert info.value.remaining == remaining


QUERIES = [
    # (spec, node, dependencies, dependents, ancestors, descendants)
    ("d>b>a d>c>a", "b", {"a"}, {"d"}, {"a"}, {"d"}),
    ("d>b>a d>c>a", "a", set(), {"b", "c"}, set(), {"b", "c", "d"}),
    ("d>b>a d>c>a", "d", {"b", "c"}, set(), {"a", "b", "c"}, set()),
    ("a>b>c>a x>a", "a", {"b"}, {"c", "x"}, {"a", "b", "c"}, {"a", "b", "c", "x"}),
    ("a>a", "a", {"a"}, {"a"}, {"a"}, {"a"}),
    ("lone", "lone", set(), set(), set(), set()),
]


@pytest.mark.parametrize(("spec", "node", "deps", "dependents", "ancestors", "descendants"), QUERIES)
def test_queries(
    spec: str, node: str, deps: set[str], dependents: set[str], ancestors: set[str], descendants: set[str]
) -> None:
    graph = build(spec)
    assert set(graph.dependencies(node)) == deps
    assert set(graph.dependents(node)) == dependents
    assert graph.ancestors(node) == ancestors
    assert graph.descendants(node) == descendants


def test_building_and_removing() -> None:
    graph = build("c>b>a c>a")
    assert len(graph) == 3 and graph.edge_count() == 3
    assert "a" in graph and "z" not in graph
    graph.add_edge("c", "b")  # duplicate edge is kept once
    assert graph.edge_count() == 3
    graph.remove_edge("c", "a")
    assert not graph.has_edge("c", "a") and graph.has_edge("c", "b")
    graph.remove("b")
    assert graph.nodes() == ["c", "a"]
    assert edge_set(graph) == set()
    assert list(graph.dependents("a")) == []
    with pytest.raises(KeyError):
        graph.remove("b")
    with pytest.raises(KeyError):
        graph.remove_edge("c", "a")


def test_removing_a_self_referencing_node() -> None:
    graph = build("a>a b>a")
    graph.remove("a")
    assert graph.nodes() == ["b"] and edge_set(graph) == set()


def test_roots_and_leaves() -> None:
    graph = build("d>b>a d>c>a e")
    assert graph.roots() == ["d", "e"]
    assert graph.leaves() == ["a", "e"]


def test_views_are_live_and_edges_keep_insertion_order() -> None:
    graph = build("a>c a>b")
    view = graph.dependencies("a")
    graph.add_edge("a", "d")
    assert list(view) == ["c", "b", "d"]
    assert list(graph.edges()) == [("a", "c"), ("a", "b"), ("a", "d")]


def test_copy_is_independent() -> None:
    graph = build("b>a")
    copy = graph.copy()
    copy.add_edge("c", "b")
    assert "c" not in graph and edge_set(copy) == {("b", "a"), ("c", "b")}


SUBGRAPHS = [
    ("target with dependencies", "d>b>a d>c>a e>c", ["b"], {"a", "b"}, {("b", "a")}),
    ("several targets", "d>b>a d>c>a e>c", ["b", "e"], {"a", "b", "c", "e"}, {("b", "a"), ("c", "a"), ("e", "c")}),
    ("root target keeps everything below", "d>b>a d>c>a e>c", ["d"], {"a", "b", "c", "d"}, None),
    ("leaf target alone", "d>b>a", ["a"], {"a"}, set()),
    ("no targets", "b>a", [], set(), set()),
]


@pytest.mark.parametrize(
    ("name", "spec", "targets", "nodes", "edges"), SUBGRAPHS, ids=[r[0] for r in SUBGRAPHS]
)
def test_subgraph(
    name: str, spec: str, targets: list[str], nodes: set[str], edges: set[tuple[str, str]] | None
) -> None:
    graph = build(spec)
    sub = graph.subgraph(targets)
    assert set(sub) == nodes
    expected = edges if edges is not None else {e for e in graph.edges() if set(e) <= nodes}
    assert edge_set(sub) == expected


def test_subgraph_of_unknown_target() -> None:
    with pytest.raises(KeyError):
        build("b>a").subgraph(["zz"])


def test_reverse_flips_every_edge() -> None:
    graph = build("d>b>a d>c>a")
    reverse = graph.reverse()
    assert edge_set(reverse) == {(b, a) for a, b in graph.edges()}
    assert reverse.topological_order() == graph.reverse_topological_order()
    assert edge_set(graph) == {("d", "b"), ("b", "a"), ("d", "c"), ("c", "a")}  # unchanged


def test_induced_keeps_node_order() -> None:
    graph = build("d>b>a d>c>a")
    sub = graph.induced(["a", "d", "c"])
    assert sub.nodes() == ["d", "a", "c"]
    assert edge_set(sub) == {("d", "c"), ("c", "a")}


@given(dags())
def test_topological_order_respects_every_edge(graph: Graph[int]) -> None:
    order = graph.topological_order()
    assert sorted(order) == sorted(graph)
    position = {node: i for i, node in enumerate(order)}
    assert all(position[dependency] < position[dependent] for dependent, dependency in graph.edges())
    reverse = graph.reverse_topological_order()
    position = {node: i for i, node in enumerate(reverse)}
    assert all(position[dependency] > position[dependent] for dependent, dependency in graph.edges())


@given(dags())
def test_topological_order_does_not_depend_on_insertion_order(graph: Graph[int]) -> None:
    rebuilt = Graph(sorted(graph), sorted(graph.edges(), reverse=True))
    assert rebuilt.topological_order() == graph.topological_order()


@given(dags())
def test_ancestors_descendants_and_subgraph(graph: Graph[int]) -> None:
    for node in graph:
        assert graph.ancestors(node) == reachable(graph, node)
        assert graph.descendants(node) == reachable(graph.reverse(), node)
    targets = [n for n in graph if n % 3 == 0]
    expected = set(targets).union(*(reachable(graph, t) for t in targets)) if targets else set()
    assert set(graph.subgraph(targets)) == expected
