"""Small configurations, modelled on patterns in widely used public modules, that must validate cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.validation import validate_tree

COMMENT_MENTIONS_FOR = """
variable "name" {
  type    = string
  default = null
}

locals {
  # Fall back to a default for an empty name.
  fallback = "unnamed"
  # The chosen name, or the fallback.
  chosen = var.name == null ? local.fallback : var.name
  settings = {
    // Used for every environment.
    region = "eu-west-1"
  }
  wrapped = [
    /* one for each */ "x",
  ]
}
"""

CHILD_CALLED_TWICE = {
    "main.tf": 'module "a" {\n  source = "./child"\n}\nmodule "b" {\n  source = "./child"\n  name = "b"\n}\n',
    "child/main.tf": 'variable "name" {\n  type    = string\n  default = "x"\n}\noutput "name" {\n  value = var.name\n}\n',
}

CASES = [
    pytest.param({"main.tf": COMMENT_MENTIONS_FOR}, id="comment_mentions_for"),
    pytest.param(CHILD_CALLED_TWICE, id="child_called_twice"),
    pytest.param(
        {"main.tf": 'data "terraform_remote_state" "s" {\n  backend   = "local"\n  workspace = 1\n}\n'},
        id="number_converts_to_string_attribute",
    ),
    pytest.param(
        {"main.tf": 'variable "v" {}\nresource "terraform_data" "d" {\n  input = var.v\n}\n'},
        id="untyped_variable_for_any_attribute",
    ),
]


@pytest.mark.parametrize("files", CASES)
def test_no_false_errors(files: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert list(validate_tree(".").diagnostics) == []
