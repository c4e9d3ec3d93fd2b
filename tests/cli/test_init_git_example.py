"""examples/modules-from-git end to end: a module from a local git repository, installed by init, then validated."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from hclrun.cli.main import cli, normalize_args

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "modules-from-git"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "example"
    generated = {"main.tf", "module-repo", ".terraform", ".hclrun.lock.hcl"}
    shutil.copytree(EXAMPLE, work, ignore=lambda d, names: generated & set(names) if Path(d) == EXAMPLE else set())
    repo = tmp_path / "repo"
    subprocess.run(["sh", str(work / "setup.sh"), str(repo)], check=True, capture_output=True)
    monkeypatch.chdir(work)
    return repo


def test_setup_writes_a_git_source_pinned_to_the_tag(example: Path) -> None:
    main = Path("main.tf").read_text()
    assert f'source = "git::file://{example}//modules/greeting?ref=v1.0.0"' in main
    tags = subprocess.run(["git", "-C", str(example), "tag"], check=True, capture_output=True, text=True).stdout
    assert tags.split() == ["v1.0.0"]


def test_init_installs_and_validate_passes(example: Path) -> None:
    init = CliRunner().invoke(cli, normalize_args(["init", "-no-color"]))
    assert init.exit_code == 0, init.output
    assert f"Downloading git::file://{example}?ref=v1.0.0 for greeting..." in init.stdout
    assert "- greeting in .terraform/modules/greeting/modules/greeting" in init.stdout
    assert Path(".terraform/modules/greeting/modules/greeting/main.tf").is_file()
    validate = CliRunner().invoke(cli, normalize_args(["validate", "-json"]))
    assert validate.exit_code == 0, validate.output
    assert '"valid": true' in validate.stdout


def test_validate_checks_the_installed_module(example: Path) -> None:
    assert CliRunner().invoke(cli, normalize_args(["init", "-no-color"])).exit_code == 0
    main = Path("main.tf")
    main.write_text(main.read_text().replace("name   = var.name", "nmae   = var.name"))
    result = CliRunner().invoke(cli, normalize_args(["validate", "-no-color"]))
    assert result.exit_code == 1
    assert 'An argument named "nmae" is not expected here.' in result.stderr
    assert 'The argument "name" is required, but no definition was found.' in result.stderr


def test_validate_before_init_warns_that_the_module_is_missing(example: Path) -> None:
    result = CliRunner().invoke(cli, normalize_args(["validate", "-no-color"]))
    assert result.exit_code == 0
    assert "Module not installed" in result.stdout
