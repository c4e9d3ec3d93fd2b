"""The command group: version, -chdir, single-dash flag rewriting, exit codes."""

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hclrun.cli.main import cli, normalize_args
from hclrun.version import TERRAFORM_COMPAT_VERSION, __version__


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-check"], ["--check"]),
        (["-out=plan.bin"], ["--out=plan.bin"]),
        (["-var", "a=b"], ["--var", "a=b"]),
        (["-help"], ["--help"]),
        (["-"], ["-"]),
        (["-h"], ["-h"]),
        (["--", "-check"], ["--", "-check"]),
        (["--diff"], ["--diff"]),
        (["-1"], ["-1"]),
        (["fmt", "-list=false", "dir"], ["fmt", "--list=false", "dir"]),
    ],
)
def test_normalize_args(args: list[str], expected: list[str]) -> None:
    assert normalize_args(args) == expected


def test_version_flag_and_command() -> None:
    runner = CliRunner()
    for args in (["--version"], ["version"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0
        assert f"hclrun v{__version__}" in result.output
        assert f"Terraform v{TERRAFORM_COMPAT_VERSION}" in result.output


def test_unknown_command_exits_nonzero() -> None:
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code != 0


def test_chdir_to_missing_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    proc = subprocess.run(
        [sys.executable, "-m", "hclrun", f"-chdir={missing}", "version"], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "Error handling -chdir option" in proc.stderr


def test_python_dash_m_and_single_dash_help() -> None:
    proc = subprocess.run([sys.executable, "-m", "hclrun", "-help"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "Usage:" in proc.stdout


@pytest.mark.parametrize(("args", "collector"), [(["validate"], False), (["-chdir=.", "fmt", "-check"], False),
                                                 (["version"], True)])  # fmt: skip
def test_short_commands_run_without_the_cycle_collector(tmp_path: Path, args: list[str], collector: bool) -> None:
    (tmp_path / "main.tf").write_text('resource "terraform_data" "x" {}\n')
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: sys.stderr.write(f'collector={gc.isenabled()}'))\n"
        "from hclrun.cli.main import main\n"
        "main(sys.argv[1:])\n"
    )
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True)
    assert result.stderr.endswith(f"collector={collector}"), result.stderr


def _invoke(args: list[str], where: Path) -> tuple[int, str]:
    import os

    before = os.getcwd()
    os.chdir(where)
    try:
        result = CliRunner().invoke(cli, normalize_args(args))
    finally:
        os.chdir(before)
    return result.exit_code, result.output


def test_boolean_flags_take_go_style_values(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "terraform_data" "a" {}\n')
    code, out = _invoke(["validate", "-json=true"], tmp_path)
    assert code == 0 and out.lstrip().startswith("{")
    code, out = _invoke(["validate", "-json=false", "-no-color=1"], tmp_path)
    assert code == 0 and out == "Success! The configuration is valid.\n\n"
    code, _ = _invoke(["workspace", "select", "-or-create=false", "dev"], tmp_path)
    assert code == 1
    code, out = _invoke(["workspace", "select", "-or-create=true", "dev"], tmp_path)
    assert code == 0 and 'Created and switched to workspace "dev"!' in out
    assert (tmp_path / "terraform.tfstate.d" / "dev").is_dir()


def test_a_boolean_flag_with_another_value_is_refused(tmp_path: Path) -> None:
    code, _ = _invoke(["validate", "-json=maybe"], tmp_path)
    assert code == 2
