"""Stored objects older than the provider's resource schema are upgraded before planning."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from hclrun.diagnostics import Diagnostic
from hclrun.engine import ProviderSet
from hclrun.providers.protocol import (
    GetSchemaResponse,
    UpgradeResourceStateRequest,
    UpgradeResourceStateResponse,
)
from hclrun.providers.statejson import value_from_state_json
from hclrun.values.value import Value
from tests.engine.double import SOURCE, RecordingProvider
from tests.engine.scenario import read_state, run_apply, run_plan

CONFIG = 'resource "terraform_data" "x" {\n  input = "hello"\n}\n'


class RenamingProvider(RecordingProvider):
    """terraform_data at schema version 1, whose version 0 called ``input`` ``value``."""

    def __init__(self, fail: bool = False) -> None:
        super().__init__()
        self.fail = fail
        self.upgrades: list[tuple[int, dict[str, Any]]] = []

    def get_schema(self) -> GetSchemaResponse:
        response = super().get_schema()
        schemas = dict(response.schema.resource_schemas)
        schemas["terraform_data"] = replace(schemas["terraform_data"], version=1)
        return replace(response, schema=replace(response.schema, resource_schemas=schemas))

    def upgrade_resource_state(self, req: UpgradeResourceStateRequest) -> UpgradeResourceStateResponse:
        stored = json.loads(req.raw_state_json)
        self.upgrades.append((req.version, json.loads(req.raw_state_json)))
        block = self.get_schema().schema.resource_schemas[req.type_name].block
        if self.fail:
            return UpgradeResourceStateResponse(Value.null(block.implied_type), [Diagnostic.error("Unable to upgrade", "The stored value is broken.")])
        if req.version == 0:
            stored["input"] = stored.pop("value")
        return UpgradeResourceStateResponse(value_from_state_json(json.dumps(stored), block.implied_type))


def write_state(tmp: Path, schema_version: int, attributes: dict[str, Any]) -> Path:
    doc = {
        "version": 4,
        "terraform_version": "1.11.4",
        "serial": 1,
        "lineage": "5f0e4c43-0e56-4f1e-9d0a-000000000000",
        "outputs": {},
        "resources": [
            {
                "mode": "managed",
                "type": "terraform_data",
                "name": "x",
                "provider": 'provider["terraform.io/builtin/terraform"]',
                "instances": [{"schema_version": schema_version, "attributes": attributes, "sensitive_attributes": []}],
            }
        ],
        "check_results": None,
    }
    (tmp / "main.tf").write_text(CONFIG)
    path = tmp / "terraform.tfstate"
    path.write_text(json.dumps(doc))
    return path


HELLO = {"value": "hello", "type": "string"}
OLD = {"id": "abc", "value": HELLO, "output": HELLO, "triggers_replace": None}


def test_older_object_is_upgraded_before_planning_and_stored_with_the_new_version(tmp_path: Path) -> None:
    state = read_state(write_state(tmp_path, 0, OLD))
    provider = RenamingProvider()
    providers = ProviderSet(instances={SOURCE: provider})
    tree, result, diags = run_plan(tmp_path, state, providers=providers)
    assert not diags, [(d.summary, d.detail) for d in diags]
    assert provider.upgrades == [(0, OLD)]
    # The renamed attribute matches the configuration: nothing to change.
    assert [(str(c.addr), c.action.value) for c in result.changes] == [("terraform_data.x", "no-op")]
    assert [call for call in provider.calls if call[0] == "read"] == [("read", "hello")]
    upgraded = result.prior_state.current_object(result.changes[0].addr)
    assert upgraded is not None and upgraded.schema_version == 1
    assert upgraded.attributes["input"] == HELLO and "value" not in upgraded.attributes
    new_state, apply_diags, _ = run_apply(tmp_path, tree, result, state, providers=providers)
    assert not apply_diags
    stored = new_state.current_object(result.changes[0].addr)
    assert stored is not None and (stored.schema_version, stored.attributes["input"]) == (1, HELLO)


def test_object_at_the_current_version_is_not_upgraded(tmp_path: Path) -> None:
    current = {"id": "abc", "input": HELLO, "output": HELLO, "triggers_replace": None}
    state = read_state(write_state(tmp_path, 1, current))
    provider = RenamingProvider()
    _tree, result, diags = run_plan(tmp_path, state, providers=ProviderSet(instances={SOURCE: provider}))
    assert not diags and provider.upgrades == []
    assert [c.action.value for c in result.changes] == ["no-op"]


def test_failed_upgrade_reports_the_provider_error_and_plans_nothing_for_the_instance(tmp_path: Path) -> None:
    state = read_state(write_state(tmp_path, 0, OLD))
    provider = RenamingProvider(fail=True)
    _tree, result, diags = run_plan(tmp_path, state, providers=ProviderSet(instances={SOURCE: provider}))
    assert [(d.summary, d.detail) for d in diags] == [("Unable to upgrade", "The stored value is broken.")]
    assert result.changes == [] and result.errored
    assert [call for call in provider.calls if call[0] in ("read", "plan")] == []


@pytest.mark.parametrize("provider", [RenamingProvider(), RecordingProvider()], ids=["version-1", "version-0"])
def test_object_from_a_newer_provider_version_is_refused(tmp_path: Path, provider: RecordingProvider) -> None:
    state = read_state(write_state(tmp_path, 2, OLD))
    _tree, result, diags = run_plan(tmp_path, state, providers=ProviderSet(instances={SOURCE: provider}))
    assert [(d.summary, d.detail, d.subject) for d in diags] == [
        (
            "Resource instance managed by newer provider version",
            "The current state of terraform_data.x was created by a newer provider version than is currently "
            "selected. Upgrade the terraform provider to work with this state.",
            None,
        )
    ]
    assert result.errored and result.changes == []
