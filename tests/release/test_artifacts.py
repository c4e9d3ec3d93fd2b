"""What scripts/release leaves in its output directory: names, checksums, the executable archive's shape."""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import sysconfig
import tarfile
import zipfile

import pytest

from hclrun.version import __version__
from tests.release.conftest import ReleaseBuild

pytestmark = pytest.mark.release

PLATFORM = sysconfig.get_platform().replace("-", "_").replace(".", "_")
PYTHON_TAG = f"cp{sys.version_info.major}{sys.version_info.minor}"


def test_artifact_names_carry_the_version_python_and_platform(release_build: ReleaseBuild) -> None:
    names = sorted(p.name for p in release_build.out.iterdir())
    assert names == sorted(
        [
            "SHA256SUMS",
            f"hclrun-{__version__}.tar.gz",
            f"hclrun-{__version__}-py3-none-any.whl",
            f"hclrun-{__version__}-{PYTHON_TAG}-{PLATFORM}.pyz",
            "hclrun.pyz",
        ]
    )


def test_plain_pyz_name_points_at_the_versioned_archive(release_build: ReleaseBuild) -> None:
    plain = release_build.out / "hclrun.pyz"
    assert plain.is_symlink()
    assert os.readlink(plain) == f"hclrun-{__version__}-{PYTHON_TAG}-{PLATFORM}.pyz"


def test_checksums_cover_every_file_artifact(release_build: ReleaseBuild) -> None:
    listed = {}
    for line in (release_build.out / "SHA256SUMS").read_text("utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    real_files = {p.name for p in release_build.out.iterdir() if p.is_file() and not p.is_symlink()}
    assert set(listed) == real_files - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((release_build.out / name).read_bytes()).hexdigest() == digest, name


def test_pyz_is_an_executable_zip_with_a_portable_shebang(release_build: ReleaseBuild) -> None:
    pyz = release_build.artifact("hclrun-*-*-*.pyz")
    assert pyz.read_bytes().startswith(b"#!/usr/bin/env python3\n")
    mode = pyz.stat().st_mode
    assert mode & stat.S_IXUSR and mode & stat.S_IXGRP and mode & stat.S_IXOTH
    names = set(zipfile.ZipFile(pyz).namelist())
    assert {"__main__.py", "hclrun_bundle_info.py", "site-packages/hclrun/grammar/hcl2.lark"} <= names
    assert not any(name.startswith("site-packages/bin/") for name in names)


@pytest.mark.parametrize(
    "top_level",
    ["hclrun", "lark", "click", "jsonschema", "rpds", "boto3", "gmpy2", "regex", "re2", "yaml", "bcrypt", "cryptography"],
)
def test_pyz_bundles_every_runtime_dependency(release_build: ReleaseBuild, top_level: str) -> None:
    names = zipfile.ZipFile(release_build.artifact("hclrun-*-*-*.pyz")).namelist()
    assert any(n.startswith(f"site-packages/{top_level}/") or n.startswith(f"site-packages/{top_level}.") for n in names)


def test_bundle_info_names_the_version_and_interpreter(release_build: ReleaseBuild) -> None:
    text = zipfile.ZipFile(release_build.artifact("hclrun-*-*-*.pyz")).read("hclrun_bundle_info.py").decode()
    facts: dict[str, object] = {}
    exec(compile(text, "hclrun_bundle_info.py", "exec"), facts)
    assert facts["HCLRUN_VERSION"] == __version__
    assert facts["PYTHON_VERSION"] == f"{sys.version_info.major}.{sys.version_info.minor}"
    assert facts["PLATFORM"] == PLATFORM
    assert isinstance(facts["BUNDLE_HASH"], str) and len(facts["BUNDLE_HASH"]) == 64


def test_wheel_and_sdist_metadata_carry_the_version(release_build: ReleaseBuild) -> None:
    wheel = zipfile.ZipFile(release_build.artifact("hclrun-*.whl"))
    metadata = wheel.read(f"hclrun-{__version__}.dist-info/METADATA").decode()
    assert f"\nVersion: {__version__}\n" in metadata
    with tarfile.open(release_build.artifact("hclrun-*.tar.gz")) as sdist:
        pkg_info = sdist.extractfile(f"hclrun-{__version__}/PKG-INFO")
        assert pkg_info is not None
        assert f"\nVersion: {__version__}\n" in pkg_info.read().decode()

