"""Which instances of a counted or for_each resource a dependent waits for in
the apply graph: only those it names with a literal key, or all of them when
any reference names the resource as a whole (what terraform does; the
recorded faults/instance_failures case checks the outcome end to end)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.engine import build_graph
from hclrun.engine.apply_graph import InstanceNode, build_apply_graph
from hclrun.engine.nodes import LOCAL, Node
from hclrun.states import State
from tests.engine.scenario import run_plan

BASE = """
resource "terraform_data" "many" {
  count = 4
  input = count.index
}

resource "terraform_data" "keyed" {
  for_each = toset(["a", "b"])
  input    = each.key
}

variable "pick" {
  type    = number
  default = 1
}
"""

ALL_MANY = ["terraform_data.many[0]", "terraform_data.many[1]", "terraform_data.many[2]", "terraform_data.many[3]"]


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("input = terraform_data.many[1].id", ["terraform_data.many[1]"]),
        ("input = terraform_data.many.1.id", ["terraform_data.many[1]"]),
        ("input = [terraform_data.many[0].id, terraform_data.many[3].id]", ["terraform_data.many[0]", "terraform_data.many[3]"]),
        ("depends_on = [terraform_data.many[2]]", ["terraform_data.many[2]"]),
        ('input = terraform_data.keyed["b"].id', ['terraform_data.keyed["b"]']),
        ("input = terraform_data.many[*].id", ALL_MANY),
        ("input = length(terraform_data.many)", ALL_MANY),
        ("input = terraform_data.many[var.pick].id", ALL_MANY),
        ('input = terraform_data.many["1"].id', ALL_MANY),
        ("input = [terraform_data.many[1].id, terraform_data.many[*].id]", ALL_MANY),
        ("input = [for k, v in terraform_data.keyed : v.id]", ['terraform_data.keyed["a"]', 'terraform_data.keyed["b"]']),
    ],
)
def test_dependent_waits_for_the_instances_it_names(tmp_path: Path, argument: str, expected: list[str]) -> None:
    (tmp_path / "main.tf").write_text(BASE + f'\nresource "terraform_data" "dependent" {{\n  {argument}\n}}\n')
    tree, result, diags = run_plan(tmp_path, State())
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags]
    cg, _ = build_graph(tree)
    ag = build_apply_graph(cg, result, State())
    dependent = next(n for n in ag.graph if str(n) == "terraform_data.dependent")
    waits_for = sorted(str(n) for n in ag.graph.dependencies(dependent) if isinstance(n, InstanceNode))
    assert waits_for == expected


def test_local_naming_one_instance_waits_for_it_alone(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(BASE + "\nlocals {\n  first = terraform_data.many[0].id\n}\n")
    tree, result, diags = run_plan(tmp_path, State())
    assert not diags.has_errors()
    cg, _ = build_graph(tree)
    ag = build_apply_graph(cg, result, State())
    local = Node(LOCAL, (), "first")
    assert sorted(str(n) for n in ag.graph.dependencies(local)) == ["terraform_data.many[0]"]
