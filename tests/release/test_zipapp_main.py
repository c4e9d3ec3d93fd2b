"""The .pyz start-up logic on small archives: cache location, completeness checks, atomic and concurrent extraction."""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import os
import sys
import sysconfig
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

pytestmark = pytest.mark.release

ROOT = Path(__file__).resolve().parents[2]
HASH = "ab" * 32
PAYLOAD = {"pkg/__init__.py": b"VALUE = 1\n", "pkg/data/table.json": b'{"a": 1}\n', "top.py": b""}


def load_zipapp_main() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hclrun_zipapp_main", ROOT / "scripts" / "zipapp_main.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


zm = load_zipapp_main()


def make_archive(path: Path, payload: dict[str, bytes] = PAYLOAD) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("__main__.py", "")
        for name, data in payload.items():
            info = zipfile.ZipInfo(f"site-packages/{name}")
            info.external_attr = (0o100755 if name.endswith(".py") else 0o100644) << 16
            zf.writestr(info, data)
    return path


def extract_in_child(args: tuple[str, str, str]) -> str:
    module = load_zipapp_main()
    return str(module.install_into(*args))


@pytest.mark.parametrize(
    ("xdg", "expected"),
    [
        ("/x/cache", "/x/cache/hclrun/pyz"),
        ("relative/cache", "{home}/.cache/hclrun/pyz"),
        ("", "{home}/.cache/hclrun/pyz"),
        (None, "{home}/.cache/hclrun/pyz"),
    ],
)
def test_user_cache_root_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, xdg: str | None, expected: str) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert zm.user_cache_root() == expected.format(home=tmp_path)


def test_temp_cache_root_is_private(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(zm.tempfile, "gettempdir", lambda: str(tmp_path))
    root = Path(zm.temp_cache_root())
    assert root == tmp_path / f"hclrun-{os.getuid()}" / "pyz"
    assert root.parent.stat().st_mode & 0o777 == 0o700


def test_temp_cache_root_refuses_a_shared_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(zm.tempfile, "gettempdir", lambda: str(tmp_path))
    shared = tmp_path / f"hclrun-{os.getuid()}"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    with pytest.raises(OSError, match="not a private directory"):
        zm.temp_cache_root()


def point_caches_at(monkeypatch: pytest.MonkeyPatch, xdg_cache: Path, temp: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg_cache))
    monkeypatch.setattr(zm.tempfile, "gettempdir", lambda: str(temp))


def test_bundle_goes_to_the_user_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    point_caches_at(monkeypatch, tmp_path / "xdg", tmp_path / "tmp")
    bundle = zm.prepare_bundle(str(make_archive(tmp_path / "a.pyz")), HASH)
    assert bundle == str(tmp_path / "xdg" / "hclrun" / "pyz" / HASH)
    assert not (tmp_path / "tmp").exists()


def test_unwritable_user_cache_falls_back_to_the_private_temp_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    (tmp_path / "tmp").mkdir()
    point_caches_at(monkeypatch, blocker / "cache", tmp_path / "tmp")
    bundle = zm.prepare_bundle(str(make_archive(tmp_path / "a.pyz")), HASH)
    assert bundle == str(tmp_path / "tmp" / f"hclrun-{os.getuid()}" / "pyz" / HASH)
    assert zm.is_complete(bundle, HASH)


def test_no_writable_location_reports_every_attempt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    point_caches_at(monkeypatch, blocker / "cache", blocker / "tmp")
    with pytest.raises(OSError) as caught:
        zm.prepare_bundle(str(make_archive(tmp_path / "a.pyz")), HASH)
    assert str(caught.value).count(str(blocker)) == 2


def test_extraction_writes_payload_modes_manifest_and_marker(tmp_path: Path) -> None:
    bundle = Path(zm.install_into(str(tmp_path / "cache"), str(make_archive(tmp_path / "a.pyz")), HASH))
    assert bundle == tmp_path / "cache" / HASH
    for name, data in PAYLOAD.items():
        assert (bundle / name).read_bytes() == data
    assert (bundle / "pkg" / "__init__.py").stat().st_mode & 0o777 == 0o755
    assert (bundle / "pkg" / "data" / "table.json").stat().st_mode & 0o777 == 0o644
    assert json.loads((bundle / zm.MANIFEST_NAME).read_text()) == {n: len(d) for n, d in PAYLOAD.items()}
    assert (bundle / zm.MARKER_NAME).read_text() == HASH + "\n"
    assert not (bundle / "__main__.py").exists()
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [HASH]


def test_complete_bundle_is_reused_untouched(tmp_path: Path) -> None:
    archive = str(make_archive(tmp_path / "a.pyz"))
    bundle = Path(zm.install_into(str(tmp_path / "cache"), archive, HASH))
    before = {p: p.stat().st_mtime_ns for p in bundle.rglob("*")}
    os.unlink(archive)  # a reuse must not even open the archive
    assert Path(zm.install_into(str(tmp_path / "cache"), archive, HASH)) == bundle
    assert {p: p.stat().st_mtime_ns for p in bundle.rglob("*")} == before


def damage_missing_marker(bundle: Path) -> None:
    (bundle / zm.MARKER_NAME).unlink()


def damage_marker_of_another_bundle(bundle: Path) -> None:
    (bundle / zm.MARKER_NAME).write_text("cd" * 32 + "\n")


def damage_missing_manifest(bundle: Path) -> None:
    (bundle / zm.MANIFEST_NAME).unlink()


def damage_unreadable_manifest(bundle: Path) -> None:
    (bundle / zm.MANIFEST_NAME).write_text("{not json")


def damage_deleted_file(bundle: Path) -> None:
    (bundle / "pkg" / "data" / "table.json").unlink()


def damage_truncated_file(bundle: Path) -> None:
    (bundle / "pkg" / "__init__.py").write_bytes(b"")


def damage_empty_directory(bundle: Path) -> None:
    for path in sorted(bundle.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()


@pytest.mark.parametrize(
    "damage",
    [
        damage_missing_marker,
        damage_marker_of_another_bundle,
        damage_missing_manifest,
        damage_unreadable_manifest,
        damage_deleted_file,
        damage_truncated_file,
        damage_empty_directory,
    ],
)
def test_damaged_bundle_is_detected_and_replaced(tmp_path: Path, damage: Callable[[Path], None]) -> None:
    archive = str(make_archive(tmp_path / "a.pyz"))
    bundle = Path(zm.install_into(str(tmp_path / "cache"), archive, HASH))
    damage(bundle)
    assert not zm.is_complete(str(bundle), HASH)
    assert Path(zm.install_into(str(tmp_path / "cache"), archive, HASH)) == bundle
    assert zm.is_complete(str(bundle), HASH)
    for name, data in PAYLOAD.items():
        assert (bundle / name).read_bytes() == data
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [HASH]


def test_python_bytecode_written_later_does_not_count_as_damage(tmp_path: Path) -> None:
    bundle = Path(zm.install_into(str(tmp_path / "cache"), str(make_archive(tmp_path / "a.pyz")), HASH))
    (bundle / "pkg" / "__pycache__").mkdir()
    (bundle / "pkg" / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"\0" * 16)
    assert zm.is_complete(str(bundle), HASH)


@pytest.mark.parametrize("name", ["../escape.py", "pkg/../../escape.py"])
def test_paths_leaving_the_bundle_are_refused(tmp_path: Path, name: str) -> None:
    archive = make_archive(tmp_path / "evil.pyz", {name: b"x"})
    with pytest.raises(RuntimeError, match="unsafe path"):
        zm.install_into(str(tmp_path / "cache"), str(archive), HASH)
    assert not (tmp_path / "escape.py").exists()
    assert list((tmp_path / "cache").iterdir()) == []


def test_concurrent_first_runs_agree_on_one_bundle(tmp_path: Path) -> None:
    payload = {f"pkg/m{i}.py": bytes(4096) for i in range(200)}
    archive = str(make_archive(tmp_path / "big.pyz", payload))
    cache = str(tmp_path / "cache")
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(6) as pool:
        results = pool.map(extract_in_child, [(cache, archive, HASH)] * 6)
    assert set(results) == {str(tmp_path / "cache" / HASH)}
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [HASH]
    assert zm.is_complete(results[0], HASH)


def test_matching_interpreter_is_accepted() -> None:
    here = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    info = SimpleNamespace(PYTHON_VERSION=f"{sys.version_info.major}.{sys.version_info.minor}", PLATFORM=here)
    assert zm.check_interpreter(info) is None


@pytest.mark.parametrize(
    ("python_version", "platform"),
    [("3.99", None), (None, "win_amd64")],
)
def test_mismatched_interpreter_is_explained(python_version: str | None, platform: str | None) -> None:
    here = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    info = SimpleNamespace(PYTHON_VERSION=python_version or running, PLATFORM=platform or here)
    message = zm.check_interpreter(info)
    assert message is not None
    assert f"built for CPython {info.PYTHON_VERSION} on {info.PLATFORM}" in message
    assert f"running on cpython {running} on {here}" in message
