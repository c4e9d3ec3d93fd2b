"""``hclrun validate``: human and JSON output and exit codes against terraform's recorded output."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hclrun.cli.main import cli, normalize_args

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.validation.goldens import FIXTURES, comparable, golden

HUMAN_CASES = [
    ("cases", "undeclared_variable"),
    ("cases", "depends_on_string"),
    ("cases", "cycle_locals"),
    ("cases", "duplicate_variable"),
    ("cases", "function_bad_argument"),
    ("valid", "network"),
    ("valid", "webapp"),
]


def _invoke(kind: str, name: str, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    work = tmp_path / name
    shutil.copytree(FIXTURES / kind / name, work)
    monkeypatch.chdir(work)
    return CliRunner().invoke(cli, normalize_args(["validate", *args]))


@pytest.mark.parametrize(("kind", "name"), HUMAN_CASES)
def test_human_output(kind: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    want = golden(kind, name)["validate_human"]
    result = _invoke(kind, name, ["-no-color"], tmp_path, monkeypatch)
    assert result.exit_code == want["exit_code"]
    if name.startswith("cycle"):
        assert result.stderr.startswith("\nError: Cycle: ")
    else:
        assert result.stdout == want["stdout"]
        assert result.stderr == want["stderr"]


@pytest.mark.parametrize(("kind", "name"), HUMAN_CASES)
def test_json_output(kind: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    want = golden(kind, name)["validate"]
    result = _invoke(kind, name, ["-json"], tmp_path, monkeypatch)
    got = json.loads(result.stdout)
    assert result.exit_code == want["exit_code"]
    assert {k: got[k] for k in ("format_version", "valid", "error_count", "warning_count")} == {
        k: want["json"][k] for k in ("format_version", "valid", "error_count", "warning_count")
    }
    assert comparable(got["diagnostics"]) == comparable(want["json"]["diagnostics"])
    for mine, theirs in zip(got["diagnostics"], want["json"]["diagnostics"]):
        if "snippet" in theirs and not name.startswith("cycle"):
            for key in ("context", "code", "start_line", "highlight_start_offset", "highlight_end_offset", "values"):
                assert mine["snippet"][key] == theirs["snippet"][key]


def test_child_module_filenames_are_relative_to_the_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _invoke("cases", "child_module_error", ["-json"], tmp_path, monkeypatch)
    got = json.loads(result.stdout)
    assert got["diagnostics"][0]["range"]["filename"] == "modules/app/main.tf"
    assert got["diagnostics"][0]["snippet"]["context"] == 'output "o"'


def test_remote_module_not_installed_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.tf").write_text(
        'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n  cidr = "10.0.0.0/16"\n}\n\n'
        'output "id" {\n  value = module.vpc.vpc_id\n}\n'
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, normalize_args(["validate", "-json"]))
    got = json.loads(result.stdout)
    assert result.exit_code == 0
    assert got["valid"] is True
    assert [d["summary"] for d in got["diagnostics"]] == ["Module not installed"]
    assert got["diagnostics"][0]["severity"] == "warning"
