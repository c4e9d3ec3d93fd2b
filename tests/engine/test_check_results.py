"""Check results in state, against states terraform wrote (scripts/record_state_goldens).

``checks_pass`` has conditions of every kind (resource pre/postconditions
with count and for_each, output preconditions, check blocks, variable
validations, in the root and in module instances), some check blocks
failing; terraform applied it twice. ``checks_fail`` has postconditions that
fail during apply, so what depends on them stays unknown, and a resource
with no instances. Terraform writes results in no stable order, so they
are compared as sets; generated ids in failure messages are masked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from hclrun.engine.checkresults import CheckResults, summarise
from hclrun.states import State, StateFile, read_state_file, write_state_file
from tests.engine.scenario import load_stage, run_apply, run_plan

STATES = Path(__file__).resolve().parents[2] / "fixtures" / "states"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _comparable(results: list[dict[str, Any]] | None) -> list[tuple[str, str, str, list[tuple[str, str, list[str]]] | None]]:
    rows = []
    for r in results or []:
        objects = None
        if r["objects"] is not None:
            objects = sorted(
                (o["object_addr"], o["status"], [UUID.sub("<id>", m) for m in o.get("failure_messages", [])])
                for o in r["objects"]
            )
        rows.append((r["object_kind"], r["config_addr"], r["status"], objects))
    return sorted(rows)


def _golden(name: str) -> list[dict[str, Any]]:
    return json.loads((STATES / f"{name}.tfstate").read_text())["check_results"]


def _written(state: State) -> list[dict[str, Any]]:
    return json.loads(write_state_file(StateFile(state)))["check_results"]


def _apply(stage: Path, state: State) -> tuple[State, list[str]]:
    tree, result, diags = run_plan(stage, state)
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags]
    new_state, apply_diags, _ = run_apply(stage, tree, result, state)
    return new_state, [d.summary for d in apply_diags if d.is_error]


def test_passing_and_failing_checks_match_terraform() -> None:
    stage = STATES / "configs" / "checks_pass"
    state, errors = _apply(stage, State())
    assert errors == []
    assert _comparable(_written(state)) == _comparable(_golden("checks_pass"))
    again, errors = _apply(stage, state)
    assert errors == []
    assert _comparable(_written(again)) == _comparable(_golden("checks_pass"))


def test_postconditions_failing_during_apply_match_terraform() -> None:
    stage = STATES / "configs" / "checks_fail"
    tree, result, diags = run_plan(stage, State())
    assert not diags.has_errors()
    state, apply_diags, _ = run_apply(stage, tree, result, State())
    assert [d.summary for d in apply_diags if d.is_error] == ["Resource postcondition failed"] * 2
    assert _comparable(_written(state)) == _comparable(_golden("checks_fail"))
    assert sorted(map(str, state.resource_instance_addrs())) == ["terraform_data.p[0]", "terraform_data.p[1]"]


def test_plan_records_unknown_until_apply() -> None:
    _, result, _ = run_plan(STATES / "configs" / "checks_fail", State())
    by_addr = {r.config_addr: r for r in result.check_results or ()}
    assert by_addr["terraform_data.p"].status == "unknown"
    assert [o.object_addr for o in by_addr["terraform_data.p"].objects or ()] == ["terraform_data.p[0]", "terraform_data.p[1]"]
    assert by_addr["terraform_data.zero"].status == "pass"
    assert by_addr["terraform_data.zero"].objects is None


@pytest.mark.parametrize("name", ["checks_pass", "checks_fail"])
def test_read_back(name: str) -> None:
    file, diags = read_state_file((STATES / f"{name}.tfstate").read_text())
    assert file is not None and not diags
    assert _comparable(_written(file.state)) == _comparable(_golden(name))


def test_no_checkable_objects_means_no_results() -> None:
    tree = load_stage(STATES / "configs" / "basic")
    assert CheckResults({n.path: n for n in tree.walk()}).results() is None


@pytest.mark.parametrize(
    ("statuses", "want"),
    [
        ([], "pass"),
        (["pass", "pass"], "pass"),
        (["pass", "unknown"], "unknown"),
        (["unknown", "fail"], "fail"),
        (["fail", "error", "unknown"], "error"),
    ],
)
def test_summary(statuses: list[str], want: str) -> None:
    assert summarise(statuses) == want


def test_module_variable_validation_is_enforced(tmp_path: Path) -> None:
    (tmp_path / "mod").mkdir()
    (tmp_path / "main.tf").write_text('module "m" {\n  source = "./mod"\n  v      = ""\n}\n')
    (tmp_path / "mod" / "main.tf").write_text(
        'variable "v" {\n  type = string\n  validation {\n    condition     = length(var.v) > 0\n'
        '    error_message = "empty v"\n  }\n}\n'
    )
    _, result, diags = run_plan(tmp_path, State())
    errors = [d for d in diags if d.is_error]
    assert [(d.summary, d.detail) for d in errors] == [
        ("Invalid value for variable", "empty v\n\nThis was checked by the validation rule at mod/main.tf:3,3-13.")
    ]
    subject = errors[0].subject
    assert subject is not None and (subject.filename, subject.start.line, subject.start.column) == ("main.tf", 3, 12)
    assert {r.config_addr: r.status for r in result.check_results or ()} == {"module.m.var.v": "fail"}
