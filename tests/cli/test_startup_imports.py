"""Commands import only what they use.

Start-up time is most of a small ``validate``/``init``/``fmt`` run, so these
check, in a fresh interpreter running the real command, that the expensive
libraries and the parts of hclrun a command does not need stay unimported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hclrun.syntax.tables import load_tables

MAIN_TF = """
variable "name" {
  type    = string
  default = "x"
}

locals {
  tags = merge({ a = 1 }, { b = upper(var.name) })
}

resource "terraform_data" "a" {
  input = jsonencode(local.tags)
}

module "m" {
  source = "./modules/m"
  n      = length(local.tags)
}

output "o" {
  value = terraform_data.a.output
}
"""
MODULE_TF = """
variable "n" {
  type = number
}

output "twice" {
  value = var.n * 2
}
"""

RUNNER = """
import runpy, sys
sys.argv = ["hclrun", *sys.argv[1:]]
try:
    runpy.run_module("hclrun", run_name="__main__")
except SystemExit as exc:
    status = exc.code
print("\\nMODULES " + " ".join(sorted(sys.modules)))
print("STATUS", status)
"""

# Never needed unless a function, a download or a provider asks for them.
HEAVY = {"cryptography", "bcrypt", "yaml", "re2", "ssl", "urllib.request", "http.client", "tarfile"}
# Parts of hclrun with a job elsewhere.
NOT_FOR_VALIDATE = {
    "hclrun.functions.crypto",
    "hclrun.functions.filesystem",
    "hclrun.functions.datetime",
    "hclrun.providers.protocol",
    "hclrun.providers.terraform",
    "hclrun.modsources.installer",
    "hclrun.modsources.fetch",
    "hclrun.config.inputvars",
    "hclrun.engine",
    "hclrun.states",
    "hclrun.plans",
    "hclrun.graph.walker",
    "hclrun.graph.outcome",
}
# The parse tables load from their cache with neither lark nor these.
NOT_FOR_CACHED_TABLES = {"lark", "hashlib", "pickle"}


@pytest.fixture
def config(tmp_path: Path) -> Path:
    load_tables()  # a cold cache would compile the grammar with lark in the command under test
    (tmp_path / "main.tf").write_text(MAIN_TF)
    (tmp_path / "modules" / "m").mkdir(parents=True)
    (tmp_path / "modules" / "m" / "main.tf").write_text(MODULE_TF)
    return tmp_path


def imported_by(directory: Path, *args: str) -> tuple[set[str], str]:
    proc = subprocess.run([sys.executable, "-c", RUNNER, *args], cwd=directory, capture_output=True, text=True, check=True)
    lines = proc.stdout.splitlines()
    assert lines[-1] == "STATUS 0", proc.stdout + proc.stderr
    return set(lines[-2].removeprefix("MODULES ").split()), proc.stdout


def test_validate(config: Path) -> None:
    modules, out = imported_by(config, "validate", "-no-color")
    assert "Success! The configuration is valid." in out
    assert "hclrun.validation" in modules and "hclrun.functions.strings" in modules  # the check really ran
    assert modules & HEAVY == set()
    assert modules & NOT_FOR_VALIDATE == set()
    assert modules & (NOT_FOR_CACHED_TABLES - {"pickle"}) == set()  # pickle: validate may share work with a forked copy
    assert "regex" not in modules  # ASCII text needs no grapheme rules


def test_init_with_local_modules(config: Path) -> None:
    modules, out = imported_by(config, "init", "-no-color", "-backend=false")
    assert "- m in modules/m" in out
    assert "hclrun.modsources.installer" in modules
    assert modules & HEAVY == set()
    assert {"hclrun.providers.protocol", "hclrun.functions.strings", "hclrun.engine"} & modules == set()
    assert modules & (NOT_FOR_CACHED_TABLES - {"hashlib"}) == set()  # hashlib: the module lock's checksums


def test_fmt(config: Path) -> None:
    modules, _ = imported_by(config, "fmt", "-check")
    assert "hclrun.syntax.tables" in modules  # the file really was parsed
    assert modules & HEAVY == set()
    assert modules & NOT_FOR_CACHED_TABLES == set()
    assert not any(m.startswith(("hclrun.eval", "hclrun.config", "hclrun.functions", "hclrun.providers")) for m in modules)
