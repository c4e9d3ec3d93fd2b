"""Strongly connected components, cycle paths and Terraform's cycle errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given

from hclrun.diagnostics import Severity
from hclrun.graph import Cycle, Graph, cycle_diagnostics, find_cycles, strongly_connected_components
from tests.graph.graphs import build, dags, digraphs

GOLDENS = Path(__file__).resolve().parents[2] / "fixtures" / "graph" / "goldens"

CYCLE_REPORTS = [
    ("acyclic", "d>b>a d>c>a", []),
    ("two-cycle", "a>b>a", [("a", "b")]),
    ("three-cycle listed in run order", "a>b>c>a", [("a", "b", "c")]),
    ("starts at the smallest member", "c>a>b>c", [("a", "b", "c")]),
    ("self reference", "a>a", [("a",)]),
    ("shortest cycle through the smallest member", "a>b>c>d>a c>a", [("a", "b", "c")]),
    ("two separate cycles", "x>y>x b>a>b free", [("a", "b"), ("x", "y")]),
    ("cycle and self reference in one component", "a>b>a b>b", [("a", "b"), ("b",)]),
    ("nodes hanging off a cycle are not members", "top>a>b>a b>leaf", [("a", "b")]),
]


@pytest.mark.parametrize(("name", "spec", "paths"), CYCLE_REPORTS, ids=[r[0] for r in CYCLE_REPORTS])
def test_find_cycles_paths(name: str, spec: str, paths: list[tuple[str, ...]]) -> None:
    assert [cycle.path for cycle in find_cycles(build(spec))] == paths


MESSAGES = [
    # Terraform lists every member of the component; each is a dependency of the next.
    ("a>b>a", ["Cycle: b, a"]),
    ("a>b>c>a", ["Cycle: c, b, a"]),
    ("p>q>p p>r>q", ["Cycle: q, p, r"]),
    ("a>a", ["Self reference: a"]),
    ("x>y>x b>a>b", ["Cycle: b, a", "Cycle: y, x"]),
]


@pytest.mark.parametrize(("spec", "summaries"), MESSAGES)
def test_cycle_diagnostics(spec: str, summaries: list[str]) -> None:
    diagnostics = cycle_diagnostics(build(spec))
    assert [d.summary for d in diagnostics] == summaries
    for diagnostic in diagnostics:
        assert diagnostic.severity is Severity.ERROR
        assert diagnostic.detail == "" and diagnostic.subject is None and diagnostic.context is None


def test_names_and_keys_are_pluggable() -> None:
    graph: Graph[int] = Graph(edges=[(10, 9), (9, 10)])
    assert find_cycles(graph)[0].path == (10, 9)  # "10" < "9" as text
    assert find_cycles(graph, key=int)[0].path == (9, 10)
    assert find_cycles(graph, key=int)[0].summary(lambda n: f"node{n}") == "Cycle: node10, node9"


def test_cycle_value() -> None:
    cycle = Cycle(path=("a", "b"), members=("b", "a", "c"))
    assert not cycle.is_self_reference
    assert cycle.diagnostic().summary == "Cycle: b, a, c"
    assert Cycle(path=("s",), members=("s",)).summary() == "Self reference: s"


def test_components_come_dependencies_first() -> None:
    graph = build("top>a>b>a b>leaf")
    components = [sorted(c) for c in strongly_connected_components(graph)]
    assert components == [["leaf"], ["a", "b"], ["top"]]


def test_deep_graphs_need_no_recursion() -> None:
    count = 50_000
    graph: Graph[int] = Graph(edges=[(i, i + 1) for i in range(count)])
    graph.add_edge(count, 0)
    cycles = find_cycles(graph, key=int)
    assert len(cycles) == 1 and len(cycles[0].path) == count + 1


def is_cycle(graph: Graph[int], path: tuple[int, ...]) -> bool:
    """``path`` follows dependency edges and closes back on its start, visiting each node once."""
    steps = zip(path, path[1:] + path[:1])
    return len(set(path)) == len(path) and all(graph.has_edge(a, b) for a, b in steps)


@given(digraphs())
def test_every_reported_cycle_is_real(graph: Graph[int]) -> None:
    cycles = find_cycles(graph, key=int)
    components = [set(c) for c in strongly_connected_components(graph, key=int)]
    assert sorted(n for c in components for n in c) == sorted(graph)
    for cycle in cycles:
        assert is_cycle(graph, cycle.path)
        assert set(cycle.path) <= set(cycle.members)
        assert len(cycle.members) == len(set(cycle.members))
        if not cycle.is_self_reference:
            assert set(cycle.members) in components
    multi = [c for c in components if len(c) > 1]
    self_loops = [n for n in graph if graph.has_edge(n, n)]
    assert len(cycles) == len(multi) + len(self_loops)
    # a graph without reported cycles can be ordered, and one with cycles cannot
    try:
        graph.topological_order()
        orderable = True
    except ValueError:
        orderable = False
    assert orderable == (not cycles)


@given(dags())
def test_acyclic_graphs_report_nothing(graph: Graph[int]) -> None:
    assert find_cycles(graph) == []
    assert all(len(c) == 1 for c in strongly_connected_components(graph))


# The graphs Terraform reported cycles for (fixtures/graph/configs/cycle_*), node for node.
# Validate names resources without " (expand)"; "~" stands for the space in a name.
VALIDATE_GRAPHS = {
    "cycle_locals": "local.a~(expand)>local.b~(expand)>local.a~(expand)",
    "cycle_resources": "terraform_data.a>terraform_data.b>terraform_data.c>terraform_data.a",
    "cycle_many": (
        "terraform_data.a>terraform_data.b>terraform_data.a local.x~(expand)>local.y~(expand)>local.x~(expand)"
        " terraform_data.p>terraform_data.q>terraform_data.p terraform_data.p>terraform_data.r>terraform_data.q"
        " terraform_data.free"
    ),
    "cycle_module": (
        "module.mod.var.in~(expand)>terraform_data.outer>module.mod.output.out~(expand)>module.mod.var.in~(expand)"
    ),
}


@pytest.mark.parametrize("case", sorted(VALIDATE_GRAPHS))
def test_cycle_messages_match_recorded_shape(case: str) -> None:
    """Same kind, same members (the reference's member order is random), no detail."""
    recorded = json.loads((GOLDENS / case / "cycles.json").read_text(encoding="utf-8"))["validate"]
    graph = build(VALIDATE_GRAPHS[case])
    ours = []
    for diagnostic in cycle_diagnostics(graph, name=lambda n: n.replace("~", " ")):
        kind, members = diagnostic.summary.split(": ", 1)
        ours.append({"kind": kind, "members": sorted(members.split(", ")), "detail": diagnostic.detail})
    assert sorted(ours, key=json.dumps) == sorted(recorded, key=json.dumps)
