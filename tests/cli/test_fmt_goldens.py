"""`hclrun fmt` command-line behaviour against runs of `terraform fmt` (scripts/record_fmt_cli_goldens.py)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from hclrun.cli.fmt import run_fmt
from hclrun.cli.main import normalize_args

CLI = Path(__file__).resolve().parents[2] / "fixtures" / "fmt" / "cli"
SCENARIOS = sorted(p.stem for p in (CLI / "expected").glob("*.json"))


def snapshot(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): p.read_bytes().decode("utf-8", "surrogateescape")
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_scenarios_recorded() -> None:
    assert len(SCENARIOS) >= 30


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = json.loads((CLI / "expected" / f"{name}.json").read_text())
    work = tmp_path / "work"
    shutil.copytree(CLI / expected["tree"], work)
    monkeypatch.chdir(work)
    stdin = io.BytesIO((expected["stdin"] or "").encode())
    stdout, stderr = io.BytesIO(), io.BytesIO()
    args = normalize_args(["-no-color", *expected["args"]])
    status = run_fmt(args, stdin, stdout, stderr)
    assert stdout.getvalue().decode() == expected["stdout"]
    assert stderr.getvalue().decode() == expected["stderr"]
    assert status == expected["exit_code"]
    assert snapshot(work) == expected["files"]
