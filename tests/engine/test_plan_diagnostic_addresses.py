"""Provider problems met while planning an instance name that instance, as apply-time ones do."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.diagnostics import Diagnostic
from hclrun.diagrender import render_diagnostic
from hclrun.engine import ProviderSet
from hclrun.providers.paths import attribute_error
from hclrun.providers.protocol import (
    PlanResourceChangeRequest,
    PlanResourceChangeResponse,
    ValidateResourceConfigRequest,
    ValidateResourceConfigResponse,
)
from hclrun.states import State
from tests.engine.double import SOURCE, RecordingProvider, _input_text
from tests.engine.scenario import run_plan

CONFIG = """
resource "terraform_data" "x" {
  count = 3
  input = "in-${count.index}"
}
"""


class RefusingProvider(RecordingProvider):
    """Refuses to plan ``refuse_plan`` and to validate ``refuse_config`` (by input)."""

    def __init__(self, refuse_plan: str = "", refuse_config: str = "") -> None:
        super().__init__()
        self.refuse_plan = refuse_plan
        self.refuse_config = refuse_config

    def validate_resource_config(self, req: ValidateResourceConfigRequest) -> ValidateResourceConfigResponse:
        if _input_text(req.config) == self.refuse_config:
            return ValidateResourceConfigResponse([attribute_error(("input",), "Bad input", "Not this one.")])
        return super().validate_resource_config(req)

    def plan_resource_change(self, req: PlanResourceChangeRequest) -> PlanResourceChangeResponse:
        if _input_text(req.proposed_new_state) == self.refuse_plan:
            return PlanResourceChangeResponse(req.proposed_new_state, diagnostics=[Diagnostic.error("Cannot plan", "No.")])
        return super().plan_resource_change(req)


@pytest.mark.parametrize(
    ("provider", "summary"),
    [
        pytest.param(RefusingProvider(refuse_plan="in-1"), "Cannot plan", id="plan_resource_change"),
        pytest.param(RefusingProvider(refuse_config="in-1"), "Bad input", id="validate_resource_config"),
    ],
)
def test_provider_error_names_the_instance(tmp_path: Path, provider: RefusingProvider, summary: str) -> None:
    (tmp_path / "main.tf").write_text(CONFIG)
    _tree, _result, diags = run_plan(tmp_path, State(), providers=ProviderSet(instances={SOURCE: provider}))
    errors = [d for d in diags if d.is_error]
    assert [(d.summary, d.address) for d in errors] == [(summary, "terraform_data.x[1]")]
    assert errors[0].subject is not None and errors[0].subject.filename.endswith("main.tf")
    text = render_diagnostic(errors[0], {errors[0].subject.filename: CONFIG.encode()}, color=False)
    assert "  with terraform_data.x[1],\n  on " in text


def test_other_instances_plan_without_address_noise(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CONFIG)
    provider = RefusingProvider()
    _tree, result, diags = run_plan(tmp_path, State(), providers=ProviderSet(instances={SOURCE: provider}))
    assert not diags
    assert sorted(str(c.addr) for c in result.changes) == [f"terraform_data.x[{i}]" for i in range(3)]
