"""Plan-time diagnostics replayed against terraform's recordings
(fixtures/cli/plan_diagnostics, by scripts/record_cli_goldens): what
``validate`` lets through and ``plan`` then reports once per instance."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.cli.recorded_cases import case_names, load_case, ours, run_step

GROUP = "plan_diagnostics"


def diagnostic_blocks(text: str) -> list[str]:
    """The diagnostics in ``text``, one string each, sorted: terraform orders them by
    source range, hclrun by when they were found."""
    return sorted(re.split(r"\n(?=(?:Error|Warning): )", text)[1:])


@pytest.mark.parametrize("name", case_names(GROUP))
def test_diagnostics_match_terraform(name: str, tmp_path: Path) -> None:
    case, steps, recorded = load_case(GROUP, name)
    for step, want in zip(steps, recorded, strict=True):
        got = run_step(step, tmp_path, case)
        assert got.returncode == want["exit_code"], got.stderr
        assert diagnostic_blocks(got.stderr) == diagnostic_blocks(ours(want["stderr"])), step["args"]
        assert warnings(got.stdout) == warnings(ours(want["stdout"])), step["args"]


def warnings(stdout: str) -> list[str]:
    """The warnings printed after the plan, each up to the next blank-line-separated rule or note."""
    return [block.split("\n\n─")[0] for block in diagnostic_blocks(stdout) if block.startswith("Warning: ")]


def _messages(stdout: str) -> list[tuple[str, str]]:
    import json

    lines = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    return [(line["type"], line["@message"]) for line in lines if line["type"] != "version"]


def test_a_plan_that_failed_part_way_is_shown_as_far_as_it_got(tmp_path: Path) -> None:
    from tests.cli.plan_scenarios import human

    case, steps, recorded = load_case(GROUP, "errored_partial_plan")
    for step, want in zip(steps, recorded, strict=True):
        got = run_step(step, tmp_path, case)
        assert got.returncode == want["exit_code"], got.stderr
        if "-json" in step["args"]:
            assert _messages(got.stdout) == _messages(ours(want["stdout"]))
        else:
            assert human(got.stdout) == human(ours(want["stdout"])), step["args"]
