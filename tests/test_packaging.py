"""The wheel ships the grammar and the package works from an installed wheel, not only the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{proc.stderr}")
    (whl,) = out.glob("hclrun-*.whl")
    return whl


def test_wheel_contains_grammar_and_every_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "hclrun/grammar/hcl2.lark" in names
    packages = {p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "hclrun").rglob("__init__.py")}
    for package in packages:
        assert f"{package}/__init__.py" in names, f"{package} missing from the wheel (setup.cfg packages list)"


def test_installed_wheel_runs_from_elsewhere(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import hclrun, importlib.resources as r, pathlib;"
        "p = pathlib.Path(hclrun.__file__).resolve();"
        "g = r.files('hclrun.grammar') / 'hcl2.lark';"
        "print(p); print(g.is_file()); print(str(g))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    module_path, grammar_ok, grammar_path = proc.stdout.splitlines()
    assert module_path.startswith(str(target))
    assert grammar_ok == "True"
    assert grammar_path.startswith(str(target))
    version = subprocess.run(
        [sys.executable, "-m", "hclrun", "--version"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert version.returncode == 0 and "hclrun v" in version.stdout
