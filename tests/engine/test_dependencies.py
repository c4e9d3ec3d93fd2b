"""Recorded dependencies: every resource reached through anything in between, managed only, in state order."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.engine import build_graph
from hclrun.engine.dependencies import DependencySets
from hclrun.engine.nodes import RESOURCE, Node
from tests.engine.scenario import load_stage

CONFIG = """
resource "terraform_data" "a" {}
data "terraform_remote_state" "d" {
  backend = "local"
  config  = { path = terraform_data.a.id }
}
locals { through_local = terraform_data.b.id }
resource "terraform_data" "b" { input = terraform_data.a.id }
resource "terraform_data" "c" { input = [local.through_local, data.terraform_remote_state.d.outputs] }
resource "terraform_data" "z" { count = 2 }
resource "terraform_data" "m" {
  depends_on = [terraform_data.z]
  input      = module.child.out
}
resource "terraform_data" "alone" {}
module "child" {
  source = "./child"
  x      = terraform_data.c.id
}
"""

CHILD = """
variable "x" {}
resource "terraform_data" "inner" { input = var.x }
output "out" { value = terraform_data.inner.id }
"""

CASES = [
    ("no dependencies", "terraform_data.a", [], []),
    ("direct", "terraform_data.b", ["terraform_data.a"], ["terraform_data.a"]),
    (
        "through a local and a data source (data sources are not recorded)",
        "terraform_data.c",
        ["terraform_data.a", "terraform_data.b"],
        ["data.terraform_remote_state.d", "terraform_data.a", "terraform_data.b"],
    ),
    (
        "through a module call, its variable and its output, and depends_on",
        "terraform_data.m",
        [
            "module.child.terraform_data.inner",
            "terraform_data.a",
            "terraform_data.b",
            "terraform_data.c",
            "terraform_data.z",
        ],
        [
            "data.terraform_remote_state.d",
            "module.child.terraform_data.inner",
            "terraform_data.a",
            "terraform_data.b",
            "terraform_data.c",
            "terraform_data.z",
        ],
    ),
    (
        "inside a module",
        "module.child.terraform_data.inner",
        ["terraform_data.a", "terraform_data.b", "terraform_data.c"],
        ["data.terraform_remote_state.d", "terraform_data.a", "terraform_data.b", "terraform_data.c"],
    ),
    ("unrelated", "terraform_data.alone", [], []),
]


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> tuple[DependencySets, dict[str, Node]]:
    root: Path = tmp_path_factory.mktemp("deps")
    (root / "child").mkdir()
    (root / "child" / "main.tf").write_text(CHILD)
    (root / "main.tf").write_text(CONFIG)
    cg, diags = build_graph(load_stage(root))
    assert not diags.has_errors(), [d.summary for d in diags]
    return DependencySets(cg), {str(n): n for n in cg.graph if n.kind == RESOURCE}


@pytest.mark.parametrize(("name", "resource", "recorded", "reached"), CASES, ids=[c[0] for c in CASES])
def test_recorded_and_reached(
    sets: tuple[DependencySets, dict[str, Node]], name: str, resource: str, recorded: list[str], reached: list[str]
) -> None:
    deps, nodes = sets
    node = nodes[resource]
    assert [str(d) for d in deps.recorded(node)] == recorded
    assert sorted(str(n) for n in deps.resources_of(node)) == reached


def test_recorded_tuple_is_shared(sets: tuple[DependencySets, dict[str, Node]]) -> None:
    deps, nodes = sets
    node = nodes["terraform_data.m"]
    first, second = deps.recorded(node), deps.recorded(node)
    assert first is second
    # The addresses themselves are shared between lists, so each is rendered once.
    by_text = {str(d): d for d in first}
    assert all(by_text[str(d)] is d for d in deps.recorded(nodes["terraform_data.c"]))


def test_long_chain_records_every_link_in_order(tmp_path: Path) -> None:
    links = 600  # deeper than the recursion limit would allow a recursive walk
    lines = ['resource "terraform_data" "l0000" {}']
    lines += [f'resource "terraform_data" "l{i:04d}" {{ input = terraform_data.l{i - 1:04d}.id }}' for i in range(1, links)]
    (tmp_path / "main.tf").write_text("\n".join(lines) + "\n")
    cg, diags = build_graph(load_stage(tmp_path))
    assert not diags.has_errors()
    deps = DependencySets(cg)
    nodes = {str(n): n for n in cg.resources}
    last = deps.recorded(nodes[f"terraform_data.l{links - 1:04d}"])
    assert [str(d) for d in last] == [f"terraform_data.l{i:04d}" for i in range(links - 1)]
    assert deps.recorded(nodes["terraform_data.l0000"]) == ()
