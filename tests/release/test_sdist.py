"""The source distribution is complete: it builds into a wheel that ships the grammar and equals the released wheel.

That every package is listed in setup.cfg is tests/test_packaging.py's job.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from hclrun.version import __version__
from tests.release.conftest import ReleaseBuild

pytestmark = pytest.mark.release

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel_from_sdist(release_build: ReleaseBuild, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdist-wheel")
    proc = subprocess.run(
        [
            sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
            "-w", str(out), str(release_build.artifact("hclrun-*.tar.gz")),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    (wheel,) = out.glob("hclrun-*.whl")
    return wheel


@pytest.mark.parametrize("member", ["grammar/hcl2.lark", "setup.cfg", "pyproject.toml", "README.md", "hclrun/version.py"])
def test_sdist_contains_what_a_build_needs(release_build: ReleaseBuild, member: str) -> None:
    with tarfile.open(release_build.artifact("hclrun-*.tar.gz")) as sdist:
        assert f"hclrun-{__version__}/{member}" in sdist.getnames()


def test_wheel_built_from_sdist_ships_the_grammar(wheel_from_sdist: Path) -> None:
    assert wheel_from_sdist.name == f"hclrun-{__version__}-py3-none-any.whl"
    wheel = zipfile.ZipFile(wheel_from_sdist)
    assert wheel.read("hclrun/grammar/hcl2.lark") == (ROOT / "grammar" / "hcl2.lark").read_bytes()


def test_wheel_built_from_sdist_equals_the_released_wheel(release_build: ReleaseBuild, wheel_from_sdist: Path) -> None:
    released = zipfile.ZipFile(release_build.artifact("hclrun-*.whl"))
    rebuilt = zipfile.ZipFile(wheel_from_sdist)
    record = f"hclrun-{__version__}.dist-info/RECORD"
    assert sorted(set(released.namelist()) - {record}) == sorted(set(rebuilt.namelist()) - {record})
    for name in released.namelist():
        if name != record:
            assert released.read(name) == rebuilt.read(name), name
