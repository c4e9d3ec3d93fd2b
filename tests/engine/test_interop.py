"""Interoperability with terraform's own state, recorded by scripts/record_engine_goldens.

* A state written by ``terraform apply`` plans with no changes.
* A state written by the engine made ``terraform plan -detailed-exitcode``
  exit 0 (recorded); the engine still writes the same dependencies,
  sensitive paths and create_before_destroy flags terraform wrote.
"""

from __future__ import annotations

import json
from pathlib import Path

from hclrun.states import State, StateFile, write_state_file
from tests.engine.scenario import read_state, run_apply, run_plan

SCENARIO = Path(__file__).resolve().parents[2] / "fixtures" / "engine" / "interop"


def _instances(text: str) -> dict[str, tuple[list[str], list[str], bool]]:
    doc = json.loads(text)
    found = {}
    for r in doc["resources"]:
        for inst in r["instances"]:
            key = inst.get("index_key")
            addr = (r.get("module", "") + "." if r.get("module") else "") + f"{r['type']}.{r['name']}[{key!r}]"
            sensitive = sorted(json.dumps(p, sort_keys=True) for p in inst["sensitive_attributes"])
            found[addr] = (inst.get("dependencies", []), sensitive, bool(inst.get("create_before_destroy")))
    return found


def test_terraform_state_plans_without_changes() -> None:
    state = read_state(SCENARIO / "terraform.tfstate")
    _, result, diags = run_plan(SCENARIO / "v1", state)
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags]
    assert not result.has_changes, [(str(c.addr), c.action.value) for c in result.changes if c.action.value != "no-op"]
    assert len(result.changes) == 8


def test_terraform_accepts_engine_state() -> None:
    recorded = json.loads((SCENARIO / "terraform_plan_on_engine_state.json").read_text())
    assert recorded["exit_code"] == 0
    tree, result, diags = run_plan(SCENARIO / "v1", State())
    assert not diags.has_errors()
    state, apply_diags, _ = run_apply(SCENARIO / "v1", tree, result, State())
    assert not apply_diags.has_errors()
    ours = _instances(write_state_file(StateFile(state)))
    theirs = _instances((SCENARIO / "terraform.tfstate").read_text())
    assert ours == theirs
