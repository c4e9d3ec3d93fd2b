"""Each configuration file is parsed once per command, however many times it is needed.

``init`` reads module calls for the installer and then checks the whole
tree; a directory used by several module calls is read for each call. Both
reuse the parsed files (Terraform parses each file once too).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from hclrun.config import loader
from hclrun.config.initialize import InitOptions, RunLoads, initialize
from hclrun.config.tree import load_tree
from hclrun.syntax import parser

ROOT_TF = """
module "a" {
  source = "./modules/shared"
  name   = "a"
}
module "b" {
  source = "./modules/shared"
  name   = "b"
}
module "c" {
  source = "./modules/outer"
}
"""
SHARED_TF = """
variable "name" {
  type = string
}
output "name" {
  value = upper(var.name)
}
"""
OUTER_TF = """
module "inner" {
  source = "../shared"
  name   = "inner"
}
"""


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Parses of native syntax files, by file name, whoever asks for them."""
    counted: Counter[str] = Counter()
    real = parser.parse_file

    def counting(source: bytes, name: str, *args: object, **kwargs: object) -> object:
        counted[name] += 1
        return real(source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parser, "parse_file", counting)
    return counted


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "modules" / "shared").mkdir(parents=True)
    (tmp_path / "modules" / "outer").mkdir()
    (tmp_path / "main.tf").write_text(ROOT_TF)
    (tmp_path / "modules" / "shared" / "main.tf").write_text(SHARED_TF)
    (tmp_path / "modules" / "outer" / "main.tf").write_text(OUTER_TF)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_parses_every_file_once(config: Path, parses: Counter[str]) -> None:
    result = initialize(".", InitOptions(), progress=lambda _line: None)
    assert result.ok, list(result.diagnostics)
    assert parses == {"main.tf": 1, "modules/shared/main.tf": 1, "modules/outer/main.tf": 1}
    assert (config / ".terraform" / "modules" / "modules.json").is_file()


def test_tree_parses_a_directory_used_by_several_calls_once(config: Path, parses: Counter[str]) -> None:
    tree, diags = load_tree(".")
    assert not diags.has_errors(), list(diags)
    assert sorted(tree.children) == ["a", "b", "c"]
    assert tree.children["a"].module.variables.keys() == tree.children["b"].module.variables.keys() == {"name"}
    assert parses["modules/shared/main.tf"] == 1
    assert parses["main.tf"] == 1


def test_parse_problems_come_with_every_load_of_the_file(config: Path) -> None:
    (config / "modules" / "shared" / "main.tf").write_text('variable "name" {\n')
    files: loader.ParseCache = {}
    _, first, _ = loader.load_module_parts("modules/shared", files)
    _, second, _ = loader.load_module_parts("modules/shared", files)
    assert first.has_errors() and list(first) == list(second)


def test_run_loads_reload_a_directory_whose_files_changed(config: Path, parses: Counter[str]) -> None:
    loads = RunLoads()
    first = loads.load("modules/shared")
    assert loads.load("modules/shared") is first
    (config / "modules" / "shared" / "extra.tf").write_text('output "more" {\n  value = 1\n}\n')
    again = loads.load("modules/shared")
    assert again is not first and "more" in again[0].outputs
    (config / "modules" / "shared" / "extra.tf").write_text('output "other" {\n  value = 2\n}\n')
    changed = loads.load("modules/shared")
    assert "other" in changed[0].outputs and "more" not in changed[0].outputs
    assert parses["modules/shared/main.tf"] == 1


def test_installer_receives_calls_with_their_locations(config: Path) -> None:
    calls = RunLoads().module_calls("modules/outer")
    assert [(c.name, c.source, c.location) for c in calls] == [("inner", "../shared", "modules/outer/main.tf:2")]
