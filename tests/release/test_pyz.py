"""The single-file executable runs on a clean interpreter and manages its extraction cache.

Every run uses the base interpreter in isolated mode (`python3 -I`: no user
site, no PYTHONPATH, not the test virtualenv) with HOME and XDG_CACHE_HOME in a
temporary directory.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from hclrun.version import TERRAFORM_COMPAT_VERSION, __version__
from tests.release.conftest import ReleaseBuild
from tests.release.example_steps import STEPS, ExampleStep, assert_matches_golden, make_workspace, run_step

pytestmark = pytest.mark.release

VERSION_TEXT = f"hclrun v{__version__}\n(compatible with Terraform v{TERRAFORM_COMPAT_VERSION})\n"
MARKER = ".hclrun-bundle-complete"


@dataclass(frozen=True)
class PyzHome:
    root: Path
    env: dict[str, str]

    @property
    def bundles(self) -> Path:
        return self.root / "cache" / "hclrun" / "pyz"

    def bundle_dir(self) -> Path:
        (only,) = (p for p in self.bundles.iterdir() if not p.name.startswith("."))
        return only


def isolated_env(root: Path, cache: Path | None = None) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(root),
        "XDG_CACHE_HOME": str(cache or root / "cache"),
        "TMPDIR": str(root / "tmp"),
        "LANG": "C.UTF-8",
    }


def new_home(parent: Path, cache: Path | None = None) -> PyzHome:
    root = parent / "home"
    (root / "tmp").mkdir(parents=True)
    return PyzHome(root, isolated_env(root, cache))


def run_pyz(python: str, pyz: Path, args: list[str], home: PyzHome, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [python, "-I", str(pyz), *args], cwd=cwd, env=home.env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def pyz(release_build: ReleaseBuild) -> Path:
    return release_build.out / "hclrun.pyz"


@pytest.fixture(scope="module")
def home(pyz: Path, base_python: str, tmp_path_factory: pytest.TempPathFactory) -> PyzHome:
    """A home whose cache already holds the extracted bundle (from the first run, checked here)."""
    home = new_home(tmp_path_factory.mktemp("pyz"))
    first = run_pyz(base_python, pyz, ["--version"], home, home.root)
    assert (first.returncode, first.stdout, first.stderr) == (0, VERSION_TEXT, "")
    assert (home.bundle_dir() / MARKER).is_file()
    return home


def test_first_run_leaves_exactly_one_bundle_and_no_scratch(home: PyzHome) -> None:
    assert [p.name for p in home.bundles.iterdir()] == [home.bundle_dir().name]
    assert (home.bundle_dir() / "hclrun" / "grammar" / "hcl2.lark").is_file()


@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_example_step_matches_terraform(pyz: Path, base_python: str, home: PyzHome, tmp_path: Path, step: ExampleStep) -> None:
    proc = run_step([base_python, "-I", str(pyz)], step, make_workspace(tmp_path), home.env)
    assert_matches_golden(proc, step)


def test_second_run_reuses_the_cache(pyz: Path, base_python: str, home: PyzHome) -> None:
    marker = home.bundle_dir() / MARKER
    before = (home.bundle_dir().stat().st_ino, marker.stat().st_ino, marker.stat().st_mtime_ns)
    proc = run_pyz(base_python, pyz, ["version"], home, home.root)
    assert (proc.returncode, proc.stdout) == (0, VERSION_TEXT)
    assert (home.bundle_dir().stat().st_ino, marker.stat().st_ino, marker.stat().st_mtime_ns) == before


def test_runs_directly_through_its_shebang(pyz: Path, base_python: str, home: PyzHome, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(base_python)
    env = {**home.env, "PATH": f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin"}
    proc = subprocess.run([str(pyz), "--version"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, VERSION_TEXT, "")


def damage_by_truncating_and_deleting(bundle: Path) -> list[Path]:
    truncated = bundle / "hclrun" / "grammar" / "hcl2.lark"
    truncated.write_text("")
    deleted = bundle / "hclrun" / "version.py"
    deleted.unlink()
    return [truncated, deleted]


def test_damaged_cache_is_extracted_again(pyz: Path, base_python: str, home: PyzHome, tmp_path: Path) -> None:
    """Damage a real bundle; tests/release/test_zipapp_main.py covers each kind of damage on small archives."""
    touched = damage_by_truncating_and_deleting(home.bundle_dir())
    step = STEPS[-1]
    proc = run_step([base_python, "-I", str(pyz)], step, make_workspace(tmp_path), home.env)
    assert_matches_golden(proc, step)
    assert all(path.is_file() and path.stat().st_size > 0 for path in touched)
    assert [p.name for p in home.bundles.iterdir()] == [home.bundle_dir().name]

