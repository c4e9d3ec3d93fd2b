"""DOT writers against `terraform graph` goldens, on graphs that mirror the recorded ones node for node."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hclrun.graph import Graph, find_cycles
from hclrun.graph.dot import ClusteredNode, go_quote, operation_dot, resources_dot

GOLDENS = Path(__file__).resolve().parents[2] / "fixtures" / "graph" / "goldens"

PROVIDER = 'provider["terraform.io/builtin/terraform"]'
PROVIDER_CLOSE = PROVIDER + " (close)"


def golden(case: str, name: str) -> str:
    return (GOLDENS / case / name).read_text(encoding="utf-8")


def plan_graph(edges: str, nodes: tuple[str, ...] = ()) -> Graph[str]:
    """A plan graph from lines of "dependent -> dependency" (P stands for the built-in provider)."""
    graph: Graph[str] = Graph(nodes)
    for line in edges.strip().splitlines():
        dependent, dependency = (part.strip().replace("P", PROVIDER) for part in line.split("->"))
        graph.add_edge(dependent, dependency)
    return graph


# fixtures/graph/configs/basic: a variable, a local, three resources, an output and a child module,
# with every edge the references imply (before reduction).
BASIC = plan_graph(
    """
    local.greeting (expand) -> var.name
    terraform_data.a (expand) -> local.greeting (expand)
    terraform_data.a (expand) -> P
    terraform_data.b (expand) -> terraform_data.a (expand)
    terraform_data.b (expand) -> P
    terraform_data.c (expand) -> terraform_data.a (expand)
    terraform_data.c (expand) -> terraform_data.b (expand)
    terraform_data.c (expand) -> P
    output.out (expand) -> terraform_data.c (expand)
    module.child.var.in (expand) -> module.child (expand)
    module.child.var.in (expand) -> terraform_data.b (expand)
    module.child.terraform_data.inner (expand) -> module.child.var.in (expand)
    module.child.terraform_data.inner (expand) -> P
    module.child.output.o (expand) -> module.child.terraform_data.inner (expand)
    module.child (close) -> module.child.output.o (expand)
    module.child (close) -> module.child.terraform_data.inner (expand)
    module.child (close) -> module.child.var.in (expand)
    P (close) -> terraform_data.a (expand)
    P (close) -> terraform_data.b (expand)
    P (close) -> terraform_data.c (expand)
    P (close) -> module.child.terraform_data.inner (expand)
    root -> output.out (expand)
    root -> module.child (close)
    root -> P (close)
    """
)

# fixtures/graph/configs/data_first: a data source, counted resources, nested modules with for_each.
DATA_FIRST = plan_graph(
    """
    data.terraform_remote_state.shared (expand) -> P
    terraform_data.zeta (expand) -> data.terraform_remote_state.shared (expand)
    terraform_data.zeta (expand) -> P
    terraform_data.alpha (expand) -> terraform_data.zeta (expand)
    terraform_data.alpha (expand) -> P
    module.net.var.cidr (expand) -> module.net (expand)
    module.net.var.cidr (expand) -> terraform_data.alpha (expand)
    module.net.terraform_data.vpc (expand) -> module.net.var.cidr (expand)
    module.net.terraform_data.vpc (expand) -> P
    module.net.module.subnet (expand) -> module.net (expand)
    module.net.module.subnet.var.vpc (expand) -> module.net.module.subnet (expand)
    module.net.module.subnet.var.vpc (expand) -> module.net.terraform_data.vpc (expand)
    module.net.module.subnet.var.zone (expand) -> module.net.module.subnet (expand)
    module.net.module.subnet.terraform_data.subnet (expand) -> module.net.module.subnet.var.vpc (expand)
    module.net.module.subnet.terraform_data.subnet (expand) -> module.net.module.subnet.var.zone (expand)
    module.net.module.subnet.terraform_data.subnet (expand) -> P
    module.net.module.subnet.output.id (expand) -> module.net.module.subnet.terraform_data.subnet (expand)
    module.net.module.subnet (close) -> module.net.module.subnet.output.id (expand)
    module.net.module.subnet (close) -> module.net.module.subnet.terraform_data.subnet (expand)
    module.net.output.ids (expand) -> module.net.module.subnet (close)
    module.net (close) -> module.net.output.ids (expand)
    module.net (close) -> module.net.terraform_data.vpc (expand)
    terraform_data.after (expand) -> module.net.output.ids (expand)
    terraform_data.after (expand) -> terraform_data.zeta (expand)
    terraform_data.after (expand) -> P
    output.ids (expand) -> module.net.output.ids (expand)
    P (close) -> data.terraform_remote_state.shared (expand)
    P (close) -> terraform_data.zeta (expand)
    P (close) -> terraform_data.alpha (expand)
    P (close) -> module.net.terraform_data.vpc (expand)
    P (close) -> module.net.module.subnet.terraform_data.subnet (expand)
    P (close) -> terraform_data.after (expand)
    root -> module.net (close)
    root -> output.ids (expand)
    root -> P (close)
    """
)

# fixtures/graph/configs/empty: a variable, a local and an output, no resources.
EMPTY = plan_graph(
    """
    local.l (expand) -> var.v
    output.o (expand) -> local.l (expand)
    root -> output.o (expand)
    """
)

PLAN_GRAPHS = {"basic": BASIC, "data_first": DATA_FIRST, "empty": EMPTY}

RESOURCE_NAME = re.compile(r"^((?:module\.[^.]+\.)*)((?:data\.)?[^.\s]+\.[^.\s]+) \(expand\)$")


def is_resource(name: str) -> bool:
    match = RESOURCE_NAME.match(name)
    return match is not None and not match.group(2).startswith(("module.", "var.", "local.", "output."))


def plan_attributes(name: str) -> dict[str, str] | None:
    """What Terraform declares: resources as boxes, providers as diamonds, root variables as notes."""
    if is_resource(name):
        return {"label": name.removesuffix(" (expand)"), "shape": "box"}
    if name.startswith("provider[") and not name.endswith(" (close)"):
        return {"label": name, "shape": "diamond"}
    if name.startswith("var."):
        return {"label": name, "shape": "note"}
    return None


def describe_resource(name: str) -> ClusteredNode:
    match = RESOURCE_NAME.match(name)
    assert match is not None
    module, local = match.group(1).removesuffix("."), match.group(2)
    parts = local.split(".")
    is_data = parts[0] == "data"
    kind, resource_name = parts[-2], parts[-1]
    return ClusteredNode(
        address=name.removesuffix(" (expand)"),
        module=module,
        label=local,
        sort_key=(not is_data, kind, resource_name),
    )


@pytest.mark.parametrize("case", sorted(PLAN_GRAPHS))
@pytest.mark.parametrize("variant", ["plan.dot", "apply.dot"])
def test_operation_graph_matches_terraform(case: str, variant: str) -> None:
    reduced = PLAN_GRAPHS[case].transitive_reduction()
    assert operation_dot(reduced, attributes=plan_attributes) == golden(case, variant)


@pytest.mark.parametrize("case", sorted(PLAN_GRAPHS))
def test_resources_graph_matches_terraform(case: str) -> None:
    resources = PLAN_GRAPHS[case].project(is_resource).transitive_reduction()
    assert resources_dot(resources, describe_resource) == golden(case, "graph.dot")


@pytest.mark.parametrize(
    ("case", "edges"),
    [("basic", "root -> output.out (expand)"), ("empty", "root -> output.o (expand)")],
)
def test_destroy_plan_graph_matches_terraform(case: str, edges: str) -> None:
    assert operation_dot(plan_graph(edges), attributes=plan_attributes) == golden(case, "plan-destroy.dot")


# Cyclic plan graphs as `terraform graph -type=plan -draw-cycles` printed them (not reduced).
CYCLIC_GRAPHS = {
    "cycle_locals": plan_graph(
        """
        local.a (expand) -> local.b (expand)
        local.b (expand) -> local.a (expand)
        """
    ),
    "cycle_resources": plan_graph(
        """
        terraform_data.a (expand) -> terraform_data.b (expand)
        terraform_data.b (expand) -> terraform_data.c (expand)
        terraform_data.c (expand) -> terraform_data.a (expand)
        terraform_data.a (expand) -> P
        terraform_data.b (expand) -> P
        terraform_data.c (expand) -> P
        P (close) -> P
        P (close) -> terraform_data.a (expand)
        P (close) -> terraform_data.b (expand)
        P (close) -> terraform_data.c (expand)
        root -> P (close)
        """
    ),
    "cycle_many": plan_graph(
        """
        local.x (expand) -> local.y (expand)
        local.y (expand) -> local.x (expand)
        terraform_data.a (expand) -> terraform_data.b (expand)
        terraform_data.b (expand) -> terraform_data.a (expand)
        terraform_data.p (expand) -> terraform_data.q (expand)
        terraform_data.q (expand) -> terraform_data.p (expand)
        terraform_data.r (expand) -> terraform_data.q (expand)
        terraform_data.a (expand) -> P
        terraform_data.b (expand) -> P
        terraform_data.free (expand) -> P
        terraform_data.p (expand) -> P
        terraform_data.q (expand) -> P
        terraform_data.r (expand) -> P
        P (close) -> P
        P (close) -> terraform_data.a (expand)
        P (close) -> terraform_data.b (expand)
        P (close) -> terraform_data.free (expand)
        P (close) -> terraform_data.p (expand)
        P (close) -> terraform_data.q (expand)
        P (close) -> terraform_data.r (expand)
        root -> P (close)
        """
    ),
    "cycle_module": plan_graph(
        """
        module.mod (close) -> module.mod (expand)
        module.mod (close) -> module.mod.output.out (expand)
        module.mod (close) -> module.mod.var.in (expand)
        module.mod.output.out (expand) -> module.mod (expand)
        module.mod.output.out (expand) -> module.mod.var.in (expand)
        module.mod.var.in (expand) -> module.mod (expand)
        module.mod.var.in (expand) -> terraform_data.outer (expand)
        P (close) -> P
        P (close) -> terraform_data.outer (expand)
        root -> module.mod (close)
        root -> P (close)
        terraform_data.outer (expand) -> module.mod.output.out (expand)
        terraform_data.outer (expand) -> P
        """
    ),
}
# terraform_data.p depends on r too; written apart so the table above stays one edge per line.
CYCLIC_GRAPHS["cycle_many"].add_edge("terraform_data.p (expand)", "terraform_data.r (expand)")

RED_EDGE = re.compile(r'^\t\t"\[root\] (.*)" -> "\[root\] (.*)" \[color = "red", penwidth = "2.0"\]$', re.M)


def unescape(name: str) -> str:
    return name.replace('\\"', '"')


def red_cycles(text: str) -> list[list[str]]:
    """The member sequences the reference drew in red (its member order is random, so read it back)."""
    following = {unescape(a): unescape(b) for a, b in RED_EDGE.findall(text)}
    cycles: list[list[str]] = []
    seen: set[str] = set()
    for start in sorted(following):
        if start in seen:
            continue
        cycle = [start]
        while following[cycle[-1]] != start:
            cycle.append(following[cycle[-1]])
        seen.update(cycle)
        cycles.append(cycle)
    return cycles


@pytest.mark.parametrize("case", sorted(CYCLIC_GRAPHS))
def test_draw_cycles_matches_terraform(case: str) -> None:
    text = golden(case, "plan-cycles.dot")
    graph = CYCLIC_GRAPHS[case]
    assert operation_dot(graph, attributes=plan_attributes, cycles=red_cycles(text)) == text


def test_draw_cycles_with_our_member_order() -> None:
    """For a simple cycle any rotation draws the same red edges, so our own report reproduces the golden."""
    graph = CYCLIC_GRAPHS["cycle_resources"]
    cycles = [cycle.members for cycle in find_cycles(graph)]
    assert operation_dot(graph, attributes=plan_attributes, cycles=cycles) == golden("cycle_resources", "plan-cycles.dot")


def test_cycles_skip_undeclared_members_and_short_sequences() -> None:
    graph = plan_graph("a -> b\nb -> a")
    attributes = {"a": {"shape": "box"}}.get
    assert "red" not in operation_dot(graph, attributes=attributes, cycles=[["a", "b"], ["a"]])


def test_operation_dot_without_declared_nodes_or_edges() -> None:
    assert operation_dot(Graph(["lonely"])) == 'digraph {\n\tcompound = "true"\n\tnewrank = "true"\n\tsubgraph "root" {\n\t}\n}\n'


def test_resources_dot_sorts_by_module_then_key() -> None:
    graph: Graph[str] = Graph(["b", "module.m.z", "a", "data.x"])
    table = {
        "a": ClusteredNode("terraform_data.a", "", "terraform_data.a", (1, "terraform_data", "a")),
        "b": ClusteredNode("terraform_data.b", "", "terraform_data.b", (1, "terraform_data", "b")),
        "data.x": ClusteredNode("data.t.x", "", "data.t.x", (0, "t", "x")),
        "module.m.z": ClusteredNode("module.m.t.z", "module.m", "t.z", (1, "t", "z")),
    }
    graph.add_edge("module.m.z", "a")
    graph.add_edge("b", "data.x")
    graph.add_edge("b", "a")
    text = resources_dot(graph, table.__getitem__)
    assert text.splitlines()[3:] == [
        '  "data.t.x" [label="data.t.x"];',
        '  "terraform_data.a" [label="terraform_data.a"];',
        '  "terraform_data.b" [label="terraform_data.b"];',
        '  subgraph "cluster_module.m" {',
        '    label = "module.m"',
        '    fontname = "sans-serif"',
        '    "module.m.t.z" [label="t.z"];',
        "  }",
        '  "terraform_data.b" -> "data.t.x";',
        '  "terraform_data.b" -> "terraform_data.a";',
        '  "module.m.t.z" -> "terraform_data.a";',
        "}",
    ]


GO_QUOTES = [
    ("plain", "plain", '"plain"'),
    ("quote and backslash", 'a"b\\c', '"a\\"b\\\\c"'),
    ("short escapes", "\a\b\f\n\r\t\v", '"\\a\\b\\f\\n\\r\\t\\v"'),
    ("other control characters", "\x00\x1b\x7f", '"\\x00\\x1b\\x7f"'),
    ("printable non-ASCII stays", "é→😀", '"é→😀"'),
    ("no-break space", "a\u00a0b", '"a\\u00a0b"'),
    ("format character", "\u200b", '"\\u200b"'),
    ("private use", "\ue000", '"\\ue000"'),
    ("astral format character", "\U0001d173", '"\\U0001d173"'),
    ("empty", "", '""'),
]


@pytest.mark.parametrize(("name", "text", "quoted"), GO_QUOTES, ids=[r[0] for r in GO_QUOTES])
def test_go_quote(name: str, text: str, quoted: str) -> None:
    assert go_quote(text) == quoted
