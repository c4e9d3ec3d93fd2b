"""The example provider package installs, is found by entry point and works through the protocol."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hclrun.providers.objects import make_object
from hclrun.providers.protocol import (
    ApplyResourceChangeRequest,
    ConfigureProviderRequest,
    PlanResourceChangeRequest,
    ValidateResourceConfigRequest,
)
from hclrun.providers.registry import ProviderRegistry
from hclrun.values.value import Value

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "provider-python"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(EXAMPLE),
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.fail(proc.stderr)
    sys.path.insert(0, str(target))
    yield target
    sys.path.remove(str(target))
    for name in [m for m in sys.modules if m.startswith("hclrun_greeting")]:
        del sys.modules[name]


def test_discovered_by_entry_point_and_works(installed: Path) -> None:
    provider, diags = ProviderRegistry().new_provider("example/greeting")
    assert diags == [] and provider is not None
    schema = provider.get_schema().schema
    block = schema.resource_schemas["greeting_message"].block
    provider.configure_provider(
        ConfigureProviderRequest(make_object(schema.provider.block, {"punctuation": Value.string("?")}))
    )
    config = make_object(block, {"name": Value.string("Ada")})
    null = Value.null(block.implied_type)
    plan = provider.plan_resource_change(PlanResourceChangeRequest("greeting_message", null, config, config))
    assert not plan.planned_state.raw["text"].is_known
    state = provider.apply_resource_change(
        ApplyResourceChangeRequest("greeting_message", null, plan.planned_state, config)
    ).new_state
    assert state.raw["text"].raw == "Hello, Ada?"
    blank = make_object(block, {"name": Value.string(" ")})
    assert provider.validate_resource_config(
        ValidateResourceConfigRequest("greeting_message", blank)
    ).diagnostics[0].attribute_path == ("name",)
