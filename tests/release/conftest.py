"""Build the release artifacts once per test session and share them with the release tests."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytest.register_assert_rewrite("tests.release.example_steps")


@dataclass(frozen=True)
class ReleaseBuild:
    out: Path  # the artifact directory scripts/release wrote
    wheelhouse: Path  # dependency wheels it downloaded, for offline installs

    def artifact(self, pattern: str) -> Path:
        (match,) = self.out.glob(pattern)
        return match


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "release: builds and installs the release artifacts (slow)")


@pytest.fixture(scope="session")
def release_build(tmp_path_factory: pytest.TempPathFactory) -> ReleaseBuild:
    """Run scripts/release on the working tree, with this environment's setuptools to keep it quick."""
    base = tmp_path_factory.mktemp("release")
    out, work = base / "out", base / "work"
    proc = subprocess.run(
        [
            sys.executable, str(ROOT / "scripts" / "release"),
            "--out", str(out), "--work", str(work), "--source", "worktree", "--no-isolation",
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.fail(f"scripts/release failed:\n{proc.stdout}\n{proc.stderr}")
    return ReleaseBuild(out=out, wheelhouse=work / "wheelhouse")


@pytest.fixture(scope="session")
def base_python() -> str:
    """The interpreter this environment was created from: a clean python, not the test virtualenv's."""
    candidate = getattr(sys, "_base_executable", "") or sys.executable
    probe = subprocess.run(
        [candidate, "-I", "-c", "import sys; print(sys.prefix == sys.base_prefix, sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip() == f"True {tuple(sys.version_info[:2])}", f"{candidate} is not a base interpreter"
    return candidate
