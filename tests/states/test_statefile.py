"""The version 4 state file against goldens recorded from terraform, and the
diagnostics for files it cannot read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hclrun.addrs import parse_abs_resource_instance
from hclrun.states import ObjectStatus, StateFile, read_state_file, write_state_file
from hclrun.version import TERRAFORM_COMPAT_VERSION

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "states"
GOLDENS = sorted(p.name for p in FIXTURES.glob("*.tfstate"))


def load(name: str) -> StateFile:
    file, diags = read_state_file((FIXTURES / name).read_bytes(), name)
    assert not diags, [(d.summary, d.detail) for d in diags]
    assert file is not None
    return file


def test_goldens_present() -> None:
    assert {"basic.tfstate", "nested_modules.tfstate", "tainted_checks.tfstate", "push_normalized.tfstate"} <= set(GOLDENS)


@pytest.mark.parametrize("name", GOLDENS)
def test_round_trip_is_byte_for_byte(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert write_state_file(load(name)) == text


def test_push_normalizes_like_terraform() -> None:
    """Reading a hand-written file and writing it gives what `terraform state push` wrote,
    except the order of check results, which Terraform does not keep stable."""
    raw = (FIXTURES / "configs" / "push_normalized" / "input.tfstate").read_text()
    file, diags = read_state_file(raw)
    assert file is not None and not diags
    ours = json.loads(write_state_file(file))
    theirs = json.loads((FIXTURES / "push_normalized.tfstate").read_text())
    key = lambda c: c["config_addr"]  # noqa: E731
    ours["check_results"].sort(key=key)
    theirs["check_results"].sort(key=key)
    assert ours == theirs
    assert file.terraform_version == "1.5.0"
    assert json.loads(write_state_file(file))["terraform_version"] == TERRAFORM_COMPAT_VERSION


def test_model_contents() -> None:
    state = load("basic.tfstate").state
    listed = [str(a) for a in state.resource_instance_addrs()]
    assert listed[:3] == ["terraform_data.a", "terraform_data.c[0]", "terraform_data.c[1]"]
    assert listed[-2:] == ['module.m["one"].terraform_data.in', 'module.m["two"].terraform_data.in']
    assert "n" not in state.outputs  # null outputs are not saved
    assert state.outputs["s"].sensitive
    c0, _ = parse_abs_resource_instance("terraform_data.c[0]")
    assert c0 is not None
    obj = state.current_object(c0)
    assert obj is not None
    assert [str(d) for d in obj.dependencies] == ["terraform_data.a"]
    assert obj.attributes_value().raw["input"].raw["value"].raw == 0


def test_tainted_sensitive_and_deposed() -> None:
    state = load("tainted_checks.tfstate").state
    t, _ = parse_abs_resource_instance("terraform_data.t")
    d, _ = parse_abs_resource_instance("terraform_data.d")
    assert t is not None and d is not None
    assert state.current_object(t).status is ObjectStatus.TAINTED  # type: ignore[union-attr]
    value = state.current_object(d).attributes_value()  # type: ignore[union-attr]
    assert value.raw["input"].is_sensitive and not value.raw["output"].is_sensitive
    assert state.check_results is not None and {c.object_kind for c in state.check_results} == {"check", "output"}
    pushed = load("push_normalized.tfstate").state
    vpc, _ = parse_abs_resource_instance("aws_vpc.main")
    inst = pushed.resource_instance(vpc)  # type: ignore[arg-type]
    assert inst is not None and sorted(inst.deposed) == ["00ff00ff", "0a1b2c3d"]
    assert inst.deposed["0a1b2c3d"].status is ObjectStatus.TAINTED


BAD_FILES = [
    ("truncated", '{"version": 4, "serial": 1,', "Unsupported state file format", "could not be parsed as JSON: syntax error at byte offset 27 (line 1, column 28)"),
    ("garbage", "garbage", "Unsupported state file format", "syntax error at byte offset 0"),
    ("version 3", '{"version": 3, "serial": 1, "lineage": "x", "modules": []}', "Unsupported state file format", "uses format version 3"),
    ("version 5", '{"version": 5}', "Unsupported state file format", "The state file uses format version 5, which is not supported by Terraform 1.11.4. This state file may have been created by a newer version of Terraform."),
    ("no version", '{"serial": 1}', "Unsupported state file format", 'The state file does not have a "version" attribute, which is required to identify the format version.'),
    ("string version", '{"version": "4"}', "Unsupported state file format", "The version in the state file is string. A positive whole number is required."),
    ("bad mode", '{"version": 4, "lineage":"x", "resources":[{"mode":"weird","type":"a","name":"b","provider":"provider[\\"registry.terraform.io/hashicorp/null\\"]","instances":[]}]}', "Invalid resource mode in state", 'State contains a resource with mode "weird" ("a" "b") which is not supported.'),
    ("bad output type", '{"version": 4, "lineage":"x","outputs":{"a":{"value":1,"type":"bogus"}},"resources":[]}', "Invalid output value type in state", 'The state file has an invalid type specification for output "a": invalid primitive type name'),
    ("bad status", '{"version": 4, "lineage":"x","resources":[{"mode":"managed","type":"a","name":"b","provider":"provider[\\"registry.terraform.io/hashicorp/null\\"]","instances":[{"status":"bad","schema_version":0,"attributes":{}}]}]}', "Invalid resource instance metadata in state", 'Instance a.b has invalid status "bad".'),
    ("duplicate instance", '{"version": 4, "lineage":"x","resources":[{"mode":"managed","type":"a","name":"b","provider":"provider[\\"x/y\\"]","instances":[{"schema_version":0,"attributes":{}},{"schema_version":0,"attributes":{}}]}]}', "Duplicate resource instance in state", "Instance a.b appears multiple times in the state file."),
    ("bad deposed key", '{"version": 4, "lineage":"x","resources":[{"mode":"managed","type":"a","name":"b","provider":"provider[\\"x/y\\"]","instances":[{"deposed":"abc","schema_version":0,"attributes":{}}]}]}', "Invalid resource instance metadata in state", 'Instance a.b has an object with deposed key "abc", which is not correctly formatted.'),
    ("bad module address", '{"version": 4, "lineage":"x","resources":[{"module":"nope","mode":"managed","type":"a","name":"b","provider":"provider[\\"x/y\\"]","instances":[]}]}', "Invalid module instance address", 'A module instance address must begin with "module.".'),
    ("bad serial", '{"version": 4, "serial": "1"}', "Unsupported state file format", 'The state file field "serial" has invalid value "1"'),
    ("not utf-8", b'{"version": 4, "lineage": "\xff"}', "Unsupported state file format", "is not valid UTF-8 text"),
]


@pytest.mark.parametrize(("name", "text", "summary", "detail"), BAD_FILES, ids=[r[0] for r in BAD_FILES])
def test_unreadable_files(name: str, text: str | bytes, summary: str, detail: str) -> None:
    file, diags = read_state_file(text, "terraform.tfstate")
    assert file is None
    assert diags and diags[0].summary == summary
    assert detail in diags[0].detail


def test_json_error_names_file_and_position() -> None:
    text = '{\n  "version": 4,\n  "serial": 1,\n  oops\n}\n'
    _, diags = read_state_file(text, "dir/terraform.tfstate")
    (diag,) = diags
    assert "dir/terraform.tfstate" in diag.detail
    assert diag.subject is not None and diag.subject.filename == "dir/terraform.tfstate"
    assert (diag.subject.start.line, diag.subject.start.column) == (4, 3)


def test_new_state_file_defaults() -> None:
    file = StateFile()
    assert len(file.lineage) == 36 and file.lineage.count("-") == 4
    assert StateFile().lineage != file.lineage
    assert write_state_file(file) == (
        '{\n  "version": 4,\n  "terraform_version": "1.11.4",\n  "serial": 0,\n'
        f'  "lineage": "{file.lineage}",\n  "outputs": {{}},\n  "resources": [],\n  "check_results": null\n}}\n'
    )
