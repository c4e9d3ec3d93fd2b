"""The example every artifact must reproduce, read from fixtures/examples/steps.json.

Each step is an hclrun command line; its expected exit code, stdout and stderr
were recorded from terraform by scripts/record_example_goldens. Changing the
example means editing steps.json and re-recording, nothing here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "fixtures" / "examples"


@dataclass(frozen=True)
class ExampleStep:
    name: str
    args: tuple[str, ...]
    stdin: str | None  # path relative to the workspace

    def golden(self) -> dict[str, object]:
        data: dict[str, object] = json.loads((EXAMPLES / "goldens" / f"{self.name}.json").read_text("utf-8"))
        return data


def load_steps() -> list[ExampleStep]:
    raw = json.loads((EXAMPLES / "steps.json").read_text("utf-8"))["steps"]
    return [ExampleStep(s["name"], tuple(s["args"]), s.get("stdin")) for s in raw]


STEPS = load_steps()


def make_workspace(parent: Path) -> Path:
    """A copy of examples/ laid out as in the repository, so steps never write into the checkout."""
    workspace = parent / "workspace"
    if not workspace.exists():
        shutil.copytree(ROOT / "examples", workspace / "examples")
    return workspace


def run_step(
    command: Sequence[str], step: ExampleStep, workspace: Path, env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    stdin = (workspace / step.stdin).read_text("utf-8") if step.stdin else ""
    return subprocess.run(
        [*command, *step.args], input=stdin, cwd=workspace, env=dict(env), capture_output=True, text=True, timeout=300
    )


def assert_matches_golden(proc: subprocess.CompletedProcess[str], step: ExampleStep) -> None:
    golden = step.golden()
    assert (proc.returncode, proc.stdout, proc.stderr) == (golden["exit_code"], golden["stdout"], golden["stderr"])
