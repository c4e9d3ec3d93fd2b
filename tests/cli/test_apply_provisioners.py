"""Provisioner progress during apply and destroy, replayed against terraform's
recording (fixtures/cli/faults/provisioner_output, by scripts/record_cli_goldens):
"Provisioning with ..." lines, the ``Executing:`` line, the command's output
lines (blank ones kept, trailing white space trimmed), ``quiet``, a failure
with ``on_failure = continue``, a failure that stops the rest, destroy-time
provisioners (none for a tainted object) and the ``with ADDR,`` line of the
error. Everything after the plan is compared byte for byte, with generated
ids and elapsed times set aside."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.cli.recorded_cases import load_case, ours, paragraphs, run_step

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ELAPSED = re.compile(r"after \d+s")


def normalised(text: str) -> str:
    return ELAPSED.sub("after <n>s", UUID.sub("<id>", text))


def refresh_lines(text: str) -> tuple[list[str], str]:
    """The "Refreshing state..." lines, sorted (refreshes run in parallel), and the rest of the text."""
    lines = text.splitlines(keepends=True)
    refreshes = [line for line in lines if ": Refreshing state..." in line]
    return sorted(refreshes), "".join(line for line in lines if line not in refreshes)


def after_plan(text: str) -> str:
    """The progress lines and what follows them (the plan itself wraps our shorter name differently)."""
    summary = re.search(r"^.*Plan:.* to add, .*$", text, re.MULTILINE)
    assert summary is not None, text
    return text[summary.end() :]


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict[str, object], str, str, int]]:
    case, steps, recorded = load_case("faults", "provisioner_output")
    work = tmp_path_factory.mktemp("provisioner_output")
    runs = []
    for step, want in zip(steps, recorded, strict=True):
        got = run_step(step, work, case)
        runs.append((want, got.stdout, got.stderr, got.returncode))
    return runs


@pytest.mark.parametrize("index", [0, 1, 2], ids=["failing_apply", "replace_tainted", "destroy"])
def test_progress_lines_match_terraform(replayed: list[tuple[dict[str, object], str, str, int]], index: int) -> None:
    want, stdout, stderr, code = replayed[index]
    assert code == want["exit_code"], stderr
    assert normalised(after_plan(stdout)) == normalised(ours(after_plan(str(want["stdout"]))))
    got_refreshes, got_rest = refresh_lines(normalised(stdout))
    want_refreshes, want_rest = refresh_lines(normalised(ours(str(want["stdout"]))))
    assert got_refreshes == want_refreshes
    assert paragraphs(got_rest) == paragraphs(want_rest)


@pytest.mark.parametrize("index", [0, 1, 2], ids=["failing_apply", "replace_tainted", "destroy"])
def test_errors_match_terraform(replayed: list[tuple[dict[str, object], str, str, int]], index: int) -> None:
    want, _, stderr, _ = replayed[index]
    assert normalised(stderr) == normalised(ours(str(want["stderr"])))


def _lines_by_resource(text: str) -> dict[str, list[str]]:
    """Progress lines after the plan, grouped by the resource they are about, in order
    (resources are applied in parallel, so only each one's own order is fixed)."""
    grouped: dict[str, list[str]] = {}
    for line in after_plan(text).splitlines():
        if line.startswith("terraform_data."):
            grouped.setdefault(line.split(":")[0].split(" (")[0], []).append(line)
    return grouped


def _error_blocks(stderr: str) -> list[str]:
    return sorted(paragraphs(block) for block in stderr.split("\nError: ") if block.strip())


def test_provisioner_failures_of_every_kind_match_terraform(tmp_path: Path) -> None:
    """Sensitive output suppressed, an empty command, a missing working
    directory or interpreter, carriage returns, null environment values,
    and a failure after an ``on_failure = continue`` one."""
    case, steps, recorded = load_case("faults", "provisioner_edges")
    got = run_step(steps[0], tmp_path, case)
    want = recorded[0]
    assert got.returncode == want["exit_code"] == 1
    assert _lines_by_resource(normalised(got.stdout)) == _lines_by_resource(normalised(want["stdout"]))
    assert _error_blocks(got.stderr) == _error_blocks(want["stderr"])


def test_coloured_progress_and_error_match_terraform(tmp_path: Path) -> None:
    case, steps, recorded = load_case("faults", "provisioner_color")
    got = run_step(steps[0], tmp_path, case)
    want = recorded[0]
    assert got.returncode == want["exit_code"] == 1
    assert normalised(after_plan(got.stdout)) == normalised(after_plan(want["stdout"]))
    assert got.stderr == want["stderr"]
