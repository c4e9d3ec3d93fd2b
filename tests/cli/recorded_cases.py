"""Replaying a recorded command-line case (fixtures/cli/GROUP/CASE/case.json,
recorded from terraform by scripts/record_cli_goldens) through ``hclrun`` as a
real process, and normalising terraform's text so it compares with ours:
generated ids become placeholders and the product name is ours."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "cli"
HCLRUN = [sys.executable, "-m", "hclrun"]
KEEP = {".terraform", "terraform.tfstate", "terraform.tfstate.backup", "tfplan"}


def case_names(group: str) -> list[str]:
    return sorted(p.parent.name for p in (CASES / group).glob("*/case.json"))


def load_case(group: str, name: str) -> tuple[Path, list[dict[str, Any]], list[dict[str, Any]]]:
    """The case directory, its steps and what terraform printed for each."""
    case = CASES / group / name
    steps = json.loads((case / "case.json").read_text())["steps"]
    recorded = json.loads((case / "recorded.json").read_text())
    return case, steps, recorded


def use_stage(source: Path, work: Path) -> None:
    for entry in work.iterdir():
        if entry.name in KEEP or entry.name.startswith("terraform.tfstate"):
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    shutil.copytree(source, work, dirs_exist_ok=True)


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TF_VAR_")}
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra or {})
    return env


def run_step(step: dict[str, Any], work: Path, case: Path) -> subprocess.CompletedProcess[str]:
    if step.get("stage"):
        use_stage(case / step["stage"], work)
    return subprocess.run(
        [*HCLRUN, *step["args"]],
        cwd=work,
        input=step.get("stdin", ""),
        capture_output=True,
        text=True,
        env=environment(step.get("env")),
        timeout=120,
    )


def ours(text: str) -> str:
    """Terraform's text as hclrun words it."""
    return text.replace("Terraform", "hclrun").replace('"terraform apply', '"hclrun apply').replace("terraform apply ", "hclrun apply ")


def paragraphs(text: str) -> str:
    """Whitespace runs collapsed: our product name is shorter, so sentences wrap differently."""
    return " ".join(text.split())


def section(text: str, heading: str) -> str:
    """The text from ``heading`` to the end."""
    at = text.find(heading)
    return text[at:] if at >= 0 else ""
