"""Arguments of resources with built-in provider schemas are checked against the attribute types.

The wording follows the recorded ``attribute_value_types`` golden (terraform's
own check for ``terraform_remote_state``); these rows cover the other built-in
providers, whose schemas terraform could only check with the providers installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.validation import validate_tree

VARIABLES = """
variable "numbers" {
  type = list(number)
}
variable "secret" {
  type      = string
  sensitive = true
}
"""

CASES = [
    ("string_for_number", 'resource "random_string" "r" {\n  length = "abc"\n}\n',
     ['Inappropriate value for attribute "length": a number is required.']),
    ("numeric_string_converts", 'resource "random_string" "r" {\n  length = "12"\n}\n', []),
    ("bool_for_number", 'resource "random_integer" "r" {\n  min = true\n  max = 5\n}\n',
     ['Inappropriate value for attribute "min": number required.']),
    ("list_for_map", 'resource "null_resource" "r" {\n  triggers = ["a"]\n}\n',
     ['Inappropriate value for attribute "triggers": map of string required.']),
    ("map_element_wrong", 'resource "null_resource" "r" {\n  triggers = { a = [1] }\n}\n',
     ['Inappropriate value for attribute "triggers": element "a": string required.']),
    ("list_for_string", 'resource "local_file" "f" {\n  filename = "x"\n  content  = ["a"]\n}\n',
     ['Inappropriate value for attribute "content": string required.']),
    ("object_for_string", 'resource "time_sleep" "t" {\n  create_duration = {}\n}\n',
     ['Inappropriate value for attribute "create_duration": string required.']),
    ("null_is_accepted", 'resource "local_file" "f" {\n  filename = "x"\n  content  = null\n}\n', []),
    ("unknown_of_wrong_type", 'resource "random_string" "r" {\n  length = var.numbers\n}\n',
     ['Inappropriate value for attribute "length": number required.']),
    ("unknown_of_right_type", 'resource "random_string" "r" {\n  length = var.numbers[0]\n}\n', []),
    ("sensitive_string_converts", 'resource "random_string" "r" {\n  length = var.secret\n}\n', []),
    ("sensitive_wrong_type", 'resource "null_resource" "r" {\n  triggers = var.secret\n}\n',
     ['Inappropriate value for attribute "triggers": map of string required.']),
]


@pytest.mark.parametrize(("name", "config", "details"), CASES, ids=[c[0] for c in CASES])
def test_attribute_types(
    name: str, config: str, details: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.tf").write_text(VARIABLES + config, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    errors = [d for d in validate_tree(".").diagnostics if d.is_error]
    assert [d.detail for d in errors] == details
    assert all(d.summary == "Incorrect attribute value type" for d in errors)
    for d in errors:
        assert d.subject is not None and d.subject.start.line > VARIABLES.count("\n")
