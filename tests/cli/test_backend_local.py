"""The local backend's settings, workspaces and state commands, replayed
through ``hclrun`` against what terraform did (fixtures/cli/backend_local,
recorded by scripts/record_backend_goldens)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.cli.recorded_cases import CASES, HCLRUN, environment

GROUP = CASES / "backend_local"
ANSI_OR_BOX = re.compile(r"\x1b\[[0-9;]*m|[│╷╵]")
TIMESTAMPED_BACKUP = re.compile(r"^terraform\.tfstate\.\d+\.backup$")


def case_names() -> list[str]:
    return sorted(p.parent.name for p in GROUP.glob("*/case.json"))


def ours(text: str) -> str:
    """Terraform's text as hclrun words it."""
    return re.sub(r'"terraform(\s)', r'"hclrun\1', text.replace("Terraform", "hclrun"))


def words(text: str) -> str:
    """Text without colour codes, box edges and line wrapping (our name is shorter)."""
    return " ".join(ANSI_OR_BOX.sub("", text).split())


def files(names: list[str]) -> list[str]:
    return sorted("terraform.tfstate.TIME.backup" if TIMESTAMPED_BACKUP.match(n) else n for n in names)


def listing(work: Path) -> list[str]:
    return files(
        [
            p.relative_to(work).as_posix()
            for p in work.rglob("*")
            if p.is_file() and not p.relative_to(work).as_posix().startswith(".terraform/")
        ]
    )


def replay(name: str, tmp_path: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every command step with terraform's record and ours."""
    case = GROUP / name
    spec = json.loads((case / "case.json").read_text())["steps"]
    recorded = json.loads((case / "recorded.json").read_text())
    pairs = []
    for step, want in zip(spec, recorded, strict=True):
        if "stage" in step:
            shutil.copytree(case / step["stage"], tmp_path, dirs_exist_ok=True)
            continue
        proc = subprocess.run(
            [*HCLRUN, *step["args"]], cwd=tmp_path, capture_output=True, text=True, env=environment(), timeout=120
        )
        saved = tmp_path / ".terraform" / "terraform.tfstate"
        got = {
            "exit_code": proc.returncode,
            "stdout": proc.stdout,
            "stderr": proc.stderr,
            "files": listing(tmp_path),
            "backend": saved.read_text() if saved.exists() else None,
        }
        pairs.append((step, {**want, "files": files(want["files"])} | {"compare": step.get("compare", [])}, got))
    return [(w, g) for _, w, g in pairs]


@pytest.mark.parametrize("name", case_names())
def test_recorded_case(name: str, tmp_path: Path) -> None:
    for want, got in replay(name, tmp_path):
        label = " ".join(want["args"])
        compare = want["compare"]
        assert got["exit_code"] == want["exit_code"], (label, got["stderr"])
        for stream in ("stdout", "stderr"):
            if stream not in compare:
                continue
            if "exact" in compare:
                assert got[stream] == ours(want[stream]), (label, stream)
            else:
                assert words(got[stream]) == words(ours(want[stream])), (label, stream)
        if "files" in compare:
            assert got["files"] == want["files"], label
        if "backend" in compare:
            if want["backend"] is None:
                assert got["backend"] is None, label
            else:
                assert got["backend"] is not None, label
                assert json.loads(got["backend"])["backend"] == json.loads(want["backend"])["backend"], label
                assert got["backend"] == want["backend"], label
