"""Decoding blocks into the configuration model: meta-arguments, overrides, JSON, required providers."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.config import load_module
from hclrun.config.tree import load_tree


def _load(tmp_path: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return load_module(str(tmp_path))


def test_resource_meta_arguments(tmp_path: Path) -> None:
    module, diags = _load(
        tmp_path,
        {
            "main.tf": 'resource "aws_instance" "web" {\n  count = 2\n  provider = aws.west\n  ami = "x"\n'
            "  depends_on = [aws_vpc.main]\n  lifecycle {\n    create_before_destroy = true\n"
            "    ignore_changes = [tags]\n  }\n"
            '  provisioner "local-exec" {\n    when = destroy\n    command = "echo"\n  }\n}\n'
        },
    )
    assert not diags
    web = module.resources[("managed", "aws_instance", "web")]
    assert web.provider == ("aws", "west")
    assert web.lifecycle.create_before_destroy is True
    assert len(web.lifecycle.ignore_changes) == 1
    assert [p.when for p in web.provisioners] == ["destroy"]
    assert [a.name for a in web.body.attributes] == ["ami"] if web.body else False
    assert len(web.depends_on) == 1


@pytest.mark.parametrize(
    ("files", "summaries"),
    [
        ({"main.tf": 'variable "a" {\n  default = 1\n}\n', "override.tf": 'variable "a" {\n  default = 2\n}\n'}, []),
        ({"main.tf": "", "x_override.tf": 'output "o" {\n  value = 1\n}\n'}, ["Missing base output definition to override"]),
        ({"main.tf": 'locals {\n  a = 1\n}\n', "override.tf": 'locals {\n  b = 2\n}\n'}, ["Missing base local value definition to override"]),
        ({"main.tf": 'terraform {\n  cloud {}\n}\n'}, []),
        ({"main.tf": 'variable "a" {\n  nullable = null\n}\n'}, []),
        ({"main.tf": 'variable "a" {\n  sensitive = var.x\n}\n'}, ["Variables not allowed", "Unsuitable value type"]),
        ({"main.tf": 'foo {}\n'}, ["Unsupported block type"]),
        ({"main.tf": 'variable {}\n'}, ["Missing name for variable"]),
        ({"main.tf": 'locals "x" {}\n'}, ["Extraneous label for locals"]),
        ({"main.tf.json": '{"resource": {"terraform_data": {"x": {"count": 1}}}}'}, []),
        ({"main.tf.json": '{"variable": {"a": {"typ": "string"}}}'}, ["Extraneous JSON object property"]),
    ],
)
def test_structural_diagnostics(tmp_path: Path, files: dict[str, str], summaries: list[str]) -> None:
    _module, diags = _load(tmp_path, files)
    assert [d.summary for d in diags] == summaries


def test_override_replaces_arguments(tmp_path: Path) -> None:
    module, diags = _load(
        tmp_path,
        {
            "main.tf": 'resource "terraform_data" "a" {\n  input = 1\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n',
            "main_override.tf": 'resource "terraform_data" "a" {\n  input = 2\n  lifecycle {\n    create_before_destroy = true\n  }\n}\n',
        },
    )
    assert not diags
    resource = module.resources[("managed", "terraform_data", "a")]
    assert resource.lifecycle.prevent_destroy is True
    assert resource.lifecycle.create_before_destroy is True
    assert resource.body is not None
    (attr,) = resource.body.attributes
    assert attr.expr.range.filename.endswith("main_override.tf")


def test_required_providers_both_forms(tmp_path: Path) -> None:
    module, diags = _load(
        tmp_path,
        {
            "main.tf": 'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n'
            '      version = "~> 5.0"\n    }\n    legacy = "1.2.3"\n  }\n  backend "local" {}\n}\n'
        },
    )
    assert not diags
    assert module.required_providers["aws"].source == "hashicorp/aws"
    assert module.required_providers["aws"].version == "~> 5.0"
    assert module.required_providers["legacy"].version == "1.2.3"
    assert module.backend is not None and module.backend.type == "local"


def test_json_types_and_references_are_parsed(tmp_path: Path) -> None:
    module, diags = _load(
        tmp_path,
        {"main.tf.json": '{"variable": {"a": {"type": "list(string)"}}, "output": {"o": {"value": "${var.a}", "depends_on": ["var.a"]}}}'},
    )
    assert not diags
    assert type(module.variables["a"].type_expr).__name__ == "FunctionCallExpr"
    assert len(module.outputs["o"].depends_on) == 1


def test_tree_reads_local_children(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _load(
        tmp_path,
        {
            "main.tf": 'module "a" {\n  source = "./a"\n}\nmodule "r" {\n  source = "hashicorp/x/aws"\n}\n',
            "a/main.tf": 'module "b" {\n  source = "../b"\n}\n',
            "b/main.tf": 'output "o" {\n  value = 1\n}\n',
        },
    )
    monkeypatch.chdir(tmp_path)
    tree, diags = load_tree(".")
    assert not diags
    assert [n.address for n in tree.walk()] == ["", "module.a", "module.a.module.b"]
    assert tree.missing == {"r": "not installed"}
    assert "b/main.tf" in tree.children["a"].children["b"].module.sources
