"""``hclrun init``: refusing invalid configurations as terraform does, installing local modules."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hclrun.cli.main import cli, normalize_args

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.validation.goldens import FIXTURES, case_names, golden

DIVERGENT = {"json_syntax_error"}
REFUSED = [n for n in case_names("cases") if golden("cases", n)["init"]["exit_code"] != 0 and n not in DIVERGENT]
ACCEPTED = [n for n in case_names("cases") if golden("cases", n)["init"]["exit_code"] == 0]


def _init(kind: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str):  # type: ignore[no-untyped-def]
    work = tmp_path / name
    shutil.copytree(FIXTURES / kind / name, work)
    monkeypatch.chdir(work)
    return CliRunner().invoke(cli, normalize_args(["init", "-backend=false", "-no-color", *args]))


def _as_hclrun(text: str) -> str:
    """Terraform's init header names itself; hclrun's names hclrun."""
    head = "Terraform encountered problems during initialisation"
    if head not in text:
        return text
    before, _, after = text.partition("\n\n\nError: ")
    return before.replace("Terraform", "hclrun") + "\n\n\nError: " + after


def _summaries(text: str) -> list[str]:
    return sorted(re.findall(r"^(?:Error|Warning): (.*)$", text, flags=re.M))


@pytest.mark.parametrize("name", REFUSED)
def test_init_refuses_what_terraform_refuses(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    want = golden("cases", name)["init"]
    result = _init("cases", name, tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert _summaries(result.stderr) == _summaries(_as_hclrun(want["stderr"]))


@pytest.mark.parametrize("name", ACCEPTED)
def test_init_accepts_what_terraform_accepts(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _init("cases", name, tmp_path, monkeypatch)
    assert result.exit_code == 0, result.stderr
    assert "hclrun has been successfully initialized!" in result.stdout


def test_refusal_text_matches_terraform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    want = _as_hclrun(golden("cases", "duplicate_variable")["init"]["stderr"])
    result = _init("cases", "duplicate_variable", tmp_path, monkeypatch)
    assert result.stderr == want


def test_local_modules_are_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _init("valid", "network", tmp_path, monkeypatch)
    assert result.exit_code == 0
    assert "Initializing modules...\n- subnet in modules/subnet\n" in result.stdout
    manifest = json.loads(Path(".terraform/modules/modules.json").read_text())
    assert manifest["Modules"][1] == {"Key": "subnet", "Source": "./modules/subnet", "Dir": "modules/subnet"}
