"""``hclrun console``: piped input through CliRunner and a real subprocess, input grouping."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hclrun.cli.console import collect_expressions, console
from hclrun.console_session import needs_more_input

BASIC = Path(__file__).resolve().parents[2] / "fixtures" / "console" / "configs" / "basic"


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for tf in BASIC.glob("*.tf"):
        shutil.copy(tf, tmp_path / tf.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("stdin", "stdout", "exit_code"),
    [
        ("1 + 1\n", "2\n", 0),
        ('upper("a")\nlength([1, 2])\n', '"A"\n2\n', 0),
        ("\n\n1\n\n", "1\n", 0),
        ("[1,\n2]\n", "[\n  1,\n  2,\n]\n", 0),
        ("1\nexit\n2\n", "1\n", 0),
        ("var.name\n", '"world"\n', 0),
        ("var.password\n", "(sensitive value)\n", 0),
        ("local.doubled\n", "6\n", 0),
        ("terraform_data.r\n", "(known after apply)\n", 0),
        ("nope.x\n1\n", "1\n", 1),
        ("null\n", "null\n", 0),
        ("", "", 0),
    ],
)
def test_piped_lines_each_print(config_dir: Path, stdin: str, stdout: str, exit_code: int) -> None:
    result = CliRunner().invoke(console, ["--no-color"], input=stdin)
    assert result.stdout == stdout
    assert result.exit_code == exit_code


def test_errors_are_rendered_as_diagnostics(config_dir: Path) -> None:
    result = CliRunner().invoke(console, ["--no-color"], input="var.nope\n")
    assert result.exit_code == 1
    assert result.stderr == (
        "\nError: Reference to undeclared input variable\n\n"
        "  on <console-input> line 1:\n  (source code not available)\n\n"
        'An input variable with the name "nope" has not been declared. Did you mean\n"name"?\n\n'
    )


def test_colour_by_default(config_dir: Path) -> None:
    result = CliRunner().invoke(console, [], input="var.nope\n")
    assert result.stderr.startswith("\x1b[31m╷")


@pytest.mark.parametrize(
    ("args", "stdin", "stdout"),
    [
        (["--var", "name=x"], "var.name\n", '"x"\n'),
        (["--var", "count_in=7"], "var.count_in\n", "7\n"),
        (["--var", 'tags={a = "b"}'], "var.tags\n", 'tomap({\n  "a" = "b"\n})\n'),
    ],
)
def test_var_options(config_dir: Path, args: list[str], stdin: str, stdout: str) -> None:
    result = CliRunner().invoke(console, [*args, "--no-color"], input=stdin)
    assert (result.stdout, result.exit_code) == (stdout, 0)


def test_undeclared_var_option_fails_before_reading(config_dir: Path) -> None:
    result = CliRunner().invoke(console, ["--var", "zzz=1", "--no-color"], input="1\n")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Error: Value for undeclared variable" in result.stderr


def test_subprocess_with_terraform_flags(config_dir: Path) -> None:
    env = dict(os.environ)
    proc = subprocess.run(
        [sys.executable, "-m", "hclrun", "console", "-no-color", "-var", "name=sub"],
        input="var.name\nlocal.greeting\nbad(\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.stdout == '"sub"\n"Hello, sub!"\n'
    assert proc.returncode == 1
    assert "Error: " in proc.stderr


@pytest.mark.parametrize(
    ("text", "incomplete"),
    [
        ("1", False),
        ("[1,", True),
        ("[1,\n2]", False),
        ('"["', False),
        ('{a = "}"', True),
        ("x(<<EOT", True),
        ("<<EOT\nbody\nEOT", False),
        ("<<-EOT\n  body\n  EOT", False),
        ("f( # )", True),
        ('"${"x"}"', False),
        (")", False),
    ],
)
def test_needs_more_input(text: str, incomplete: bool) -> None:
    assert needs_more_input(text) is incomplete


def test_collect_expressions_groups_lines() -> None:
    lines = ["", "[1,", "", "2]", "  ", "x", "(unclosed"]
    assert list(collect_expressions(lines)) == ["[1,\n\n2]", "x", "(unclosed"]
