"""Replaying a recorded scenario (fixtures/plans/NAME/steps.json) through the
``hclrun`` command line, and normalising outputs so they compare with the
goldens terraform wrote: generated ids and timestamps become placeholders,
the product name is ours, and paragraphs are compared without their wrapping
(our product name is shorter, so sentences wrap differently)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from hclrun.cli.main import cli, normalize_args
from tests.cli.recorded_cases import use_stage

SCENARIOS = Path(__file__).resolve().parents[2] / "fixtures" / "plans"
NAMES = sorted(p.name for p in SCENARIOS.iterdir() if (p / "steps.json").exists())
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def run(args: list[str], stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, normalize_args(args), input=stdin, catch_exceptions=False)


def replay_setup(name: str, work: Path) -> dict[str, Any]:
    """Run the scenario's setup steps in ``work`` (the current directory) and switch to its final stage."""
    scenario = SCENARIOS / name
    steps = json.loads((scenario / "steps.json").read_text())
    for stage, args in steps["setup"]:
        if stage is not None:
            use_stage(scenario / stage, work)
        result = run([*args, "-no-color"] if args[0] == "apply" else args)
        assert result.exit_code == 0, result.output
    use_stage(scenario / steps["config"], work)
    return steps


def human(text: str) -> str:
    """Terraform's text in our words, ids replaced, whitespace runs collapsed."""
    text = text.replace("Terraform", "hclrun").replace('"terraform apply', '"hclrun apply').replace("terraform apply ", "hclrun apply ")
    text = UUID.sub("<id>", text)
    # Refresh progress lines come in any order: they are compared as a sorted block.
    lines = text.splitlines()
    refreshed = sorted(line for line in lines if ": Refreshing state..." in line)
    rest = [line for line in lines if ": Refreshing state..." not in line]
    return " ".join("\n".join([*refreshed, *rest]).split())


DEPOSED = re.compile(r"deposed object [0-9a-f]{8}")


def progress_lines(text: str) -> list[str]:
    """Apply output with the order of concurrent progress lines ignored."""
    return sorted(DEPOSED.sub("deposed object <key>", UUID.sub("<id>", line)) for line in text.splitlines())


def comparable_json(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: comparable_json(v) for k, v in data.items() if k not in ("timestamp",)}
    if isinstance(data, list):
        return [comparable_json(v) for v in data]
    if isinstance(data, str):
        return UUID.sub("<id>", data)
    return data
