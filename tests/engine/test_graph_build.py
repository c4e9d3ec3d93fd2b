"""The configuration graph, compared as a text dump, and its cycle report."""

from __future__ import annotations

from pathlib import Path

from hclrun.engine import build_graph, dump
from tests.engine.scenario import load_stage

CONFIG = """
variable "v" {}
locals { l = var.v }
resource "terraform_data" "a" { input = local.l }
resource "terraform_data" "b" {
  count      = 2
  depends_on = [terraform_data.a]
}
module "m" {
  source = "./mod"
  x      = terraform_data.b[0].id
}
output "o" { value = module.m.y }
"""

MODULE = """
variable "x" {}
resource "terraform_data" "inner" { input = var.x }
output "y" { value = terraform_data.inner.output }
"""

EXPECTED = """\
local.l
  var.v
module.m (expand)
module.m.output.y
  module.m (expand)
  module.m.terraform_data.inner
module.m.terraform_data.inner
  module.m (expand)
  module.m.var.x
  provider["terraform.io/builtin/terraform"]
module.m.var.x
  module.m (expand)
  terraform_data.b
output.o
  module.m (expand)
  module.m.output.y
provider["terraform.io/builtin/terraform"]
terraform_data.a
  local.l
  provider["terraform.io/builtin/terraform"]
terraform_data.b
  provider["terraform.io/builtin/terraform"]
  terraform_data.a
var.v
"""


def test_graph_dump(tmp_path: Path) -> None:
    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "main.tf").write_text(MODULE)
    (tmp_path / "main.tf").write_text(CONFIG)
    cg, diags = build_graph(load_stage(tmp_path))
    assert not diags
    assert dump(cg.graph) == EXPECTED


def test_cycle_reported_with_terraform_wording(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "terraform_data" "a" { input = terraform_data.b.id }\n'
        'resource "terraform_data" "b" { input = terraform_data.a.id }\n'
    )
    _, diags = build_graph(load_stage(tmp_path))
    assert [d.summary.split(": ")[0] for d in diags] == ["Cycle"]
    assert sorted(diags[0].summary.split(": ")[1].split(", ")) == ["terraform_data.a", "terraform_data.b"]
