"""The wheel installs into a brand-new virtualenv from the release wheelhouse alone and runs the example."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from hclrun.version import TERRAFORM_COMPAT_VERSION, __version__
from tests.release.conftest import ReleaseBuild
from tests.release.example_steps import STEPS, ExampleStep, assert_matches_golden, make_workspace, run_step

pytestmark = pytest.mark.release


def clean_env(venv: Path) -> dict[str, str]:
    """This environment minus anything that would let the new venv see the checkout or the test venv."""
    drop = {"PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


@pytest.fixture(scope="module")
def venv(release_build: ReleaseBuild, base_python: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wheel-venv") / "venv"
    subprocess.run([base_python, "-m", "venv", str(path)], check=True, capture_output=True)
    install = subprocess.run(
        [
            str(path / "bin" / "python"), "-m", "pip", "install", "-q", "--no-compile", "--no-index",
            "--find-links", str(release_build.wheelhouse), str(release_build.artifact("hclrun-*.whl")),
        ],
        capture_output=True,
        text=True,
        env=clean_env(path),
    )
    assert install.returncode == 0, install.stderr
    return path


def test_installed_package_comes_from_the_venv_not_the_checkout(venv: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import hclrun; print(hclrun.__file__)"],
        cwd=tmp_path,
        env=clean_env(venv),
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(proc.stdout.strip()).resolve().is_relative_to(venv.resolve())


@pytest.mark.parametrize("args", [["--version"], ["version"]])
def test_console_script_reports_the_version(venv: Path, tmp_path: Path, args: list[str]) -> None:
    proc = subprocess.run(
        [str(venv / "bin" / "hclrun"), *args], cwd=tmp_path, env=clean_env(venv), capture_output=True, text=True
    )
    assert (proc.returncode, proc.stdout) == (0, f"hclrun v{__version__}\n(compatible with Terraform v{TERRAFORM_COMPAT_VERSION})\n")


@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_example_step_matches_terraform(venv: Path, tmp_path: Path, step: ExampleStep) -> None:
    proc = run_step([str(venv / "bin" / "hclrun")], step, make_workspace(tmp_path), clean_env(venv))
    assert_matches_golden(proc, step)
