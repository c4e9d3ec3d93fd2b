"""Transitive reduction and projection onto a subset of nodes."""

from __future__ import annotations

import pytest
from hypothesis import given

from hclrun.graph import CycleError, Graph
from tests.graph.graphs import build, dags, edge_set, reachable

REDUCTIONS = [
    ("empty", "", set()),
    ("nothing to drop", "c>b>a", {("c", "b"), ("b", "a")}),
    ("shortcut dropped", "c>b>a c>a", {("c", "b"), ("b", "a")}),
    ("long shortcut dropped", "e>d>c>b>a e>a e>c", {("e", "d"), ("d", "c"), ("c", "b"), ("b", "a")}),
    ("diamond kept", "d>b>a d>c>a", {("d", "b"), ("d", "c"), ("b", "a"), ("c", "a")}),
    ("diamond shortcut dropped", "d>b>a d>c>a d>a", {("d", "b"), ("d", "c"), ("b", "a"), ("c", "a")}),
    ("independent parts", "b>a y>x b", {("b", "a"), ("y", "x")}),
    (
        # the plan graph of fixtures/graph/configs/basic: provider edges implied by resources
        "provider reached through a dependency",
        "c>b>a c>a c>p b>p a>p close>a close>b close>c",
        {("c", "b"), ("b", "a"), ("a", "p"), ("close", "c")},
    ),
]


@pytest.mark.parametrize(("name", "spec", "expected"), REDUCTIONS, ids=[r[0] for r in REDUCTIONS])
def test_transitive_reduction(name: str, spec: str, expected: set[tuple[str, str]]) -> None:
    graph = build(spec)
    before = edge_set(graph)
    reduced = graph.transitive_reduction()
    assert edge_set(reduced) == expected
    assert reduced.nodes() == graph.nodes()
    assert edge_set(graph) == before  # the input is left alone


def test_reduction_keeps_edge_insertion_order() -> None:
    graph = build("x>c x>a x>b b>a")
    assert list(graph.transitive_reduction().edges()) == [("x", "c"), ("x", "b"), ("b", "a")]


def test_reduction_of_a_cyclic_graph_is_refused() -> None:
    with pytest.raises(CycleError):
        build("a>b>a").transitive_reduction()


@given(dags())
def test_reduction_is_minimal_and_keeps_reachability(graph: Graph[int]) -> None:
    reduced = graph.transitive_reduction(key=int)
    assert set(reduced.edges()) <= set(graph.edges())
    for node in graph:
        assert reachable(reduced, node) == reachable(graph, node)
    # minimal: removing any remaining edge loses the path it stood for
    for dependent, dependency in reduced.edges():
        others = set(reduced.dependencies(dependent)) - {dependency}
        assert all(dependency not in reachable(reduced, other) for other in others)


PROJECTIONS = [
    ("through dropped nodes", "A>x>B", {"A", "B"}, {("A", "B")}),
    ("dropped fan-in", "A>x>B A>y>C", {"A", "B", "C"}, {("A", "B"), ("A", "C")}),
    ("stops at the first kept node", "A>x>B>y>C", {"A", "B", "C"}, {("A", "B"), ("B", "C")}),
    ("kept edges stay", "A>B>C", {"A", "B", "C"}, {("A", "B"), ("B", "C")}),
    ("only dropped nodes between", "x>y", set(), set()),
    ("dropped cycle is harmless", "A>x>y>x y>B", {"A", "B"}, {("A", "B")}),
]


@pytest.mark.parametrize(
    ("name", "spec", "nodes", "expected"), PROJECTIONS, ids=[r[0] for r in PROJECTIONS]
)
def test_project(name: str, spec: str, nodes: set[str], expected: set[tuple[str, str]]) -> None:
    projected = build(spec).project(str.isupper)
    assert set(projected) == nodes
    assert edge_set(projected) == expected


@given(dags())
def test_projection_keeps_reachability_between_kept_nodes(graph: Graph[int]) -> None:
    projected = graph.project(lambda n: n % 2 == 0)
    for node in projected:
        expected = {n for n in reachable(graph, node) if n % 2 == 0}
        assert reachable(projected, node) == expected
