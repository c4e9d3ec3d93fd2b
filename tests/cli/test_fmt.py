"""`hclrun fmt` flag parsing, refusal of files with syntax errors, help and flag errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from hclrun.cli.fmt import FlagError, FmtOptions, parse_flags, run_fmt
from hclrun.cli.main import cli, normalize_args

INVALID = Path(__file__).resolve().parents[2] / "fixtures" / "fmt" / "invalid"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], FmtOptions()),
        (["-check"], FmtOptions(check=True)),
        (["-list=false", "-write=false"], FmtOptions(list_files=False, write_files=False)),
        (["-diff=true", "-recursive=1"], FmtOptions(show_diff=True, recursive=True)),
        (["-check=F", "-no-color"], FmtOptions(check=False, no_color=True)),
        (["--check", "dir"], FmtOptions(check=True, targets=["dir"])),
        (["-"], FmtOptions(targets=["-"])),
        (["dir", "-check"], FmtOptions(targets=["dir", "-check"])),
        (["--", "-check"], FmtOptions(targets=["-check"])),
        (["-help"], FmtOptions(help=True)),
        (["-h"], FmtOptions(help=True)),
    ],
)
def test_parse_flags(args: list[str], expected: FmtOptions) -> None:
    assert parse_flags(normalize_args(args)) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-bogus"], "flag provided but not defined: -bogus"),
        (["-list=maybe"], 'invalid boolean value "maybe" for -list: parse error'),
        (["-check="], 'invalid boolean value "" for -check: parse error'),
    ],
)
def test_parse_flags_errors(args: list[str], message: str) -> None:
    with pytest.raises(FlagError, match=message):
        parse_flags(normalize_args(args))


def run(args: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    stdout, stderr = io.BytesIO(), io.BytesIO()
    status = run_fmt(normalize_args(args), io.BytesIO(stdin), stdout, stderr)
    return status, stdout.getvalue().decode(), stderr.getvalue().decode()


def test_flag_error_prints_usage_and_exits_1() -> None:
    status, stdout, stderr = run(["-bogus"])
    assert (status, stdout) == (1, "")
    assert stderr.startswith("Usage: hclrun [global options] fmt [options] [target...]")
    assert stderr.endswith("Error parsing command-line flags: flag provided but not defined: -bogus\n\n")


def test_help_goes_to_stdout() -> None:
    status, stdout, stderr = run(["-help"])
    assert (status, stderr) == (0, "")
    assert "-recursive" in stdout


@pytest.mark.parametrize("name", [p.name for p in sorted(INVALID.iterdir())])
def test_files_with_syntax_errors_are_refused(name: str) -> None:
    source = (INVALID / name).read_bytes()
    status, stdout, stderr = run(["-no-color", "-"], source)
    assert status == 2
    assert stdout == ""
    assert stderr.startswith("\nError: ")
    assert "on <stdin> line " in stderr


def test_colour_output_is_boxed() -> None:
    status, _, stderr = run(["-"], b"a = 1 +\n")
    assert status == 2
    assert "╷" in stderr and "\x1b[" in stderr


def test_click_command_runs_through_main(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.tf").write_text("a=1\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, normalize_args(["fmt", "-check"]))
    assert result.exit_code == 3
    assert result.output == "main.tf\n"
    result = CliRunner().invoke(cli, normalize_args(["fmt"]))
    assert (result.exit_code, result.output) == (0, "main.tf\n")
    assert (tmp_path / "main.tf").read_text() == "a = 1\n"
