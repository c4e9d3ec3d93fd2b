"""Installing local and git modules: Terraform's modules.json, refs, subdirs, re-init, upgrade and the lock."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from hclrun.modsources import installer as installer_module
from hclrun.modsources.calls import ModuleCall
from hclrun.modsources.installer import InstallOptions, install_modules
from hclrun.modsources.lockfile import LOCK_FILE_NAME, read_lock

from .conftest import GitRepo

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "modsources"


def build_tree(tmp_path: Path) -> tuple[Path, Path]:
    """The configuration the modules.json golden was recorded from (see scripts/record_modsources_goldens)."""
    tree = FIXTURES / "tree"
    repo = GitRepo(tmp_path / "repo")
    shutil.rmtree(repo.path)
    shutil.copytree(tree / "repo", repo.path)
    repo.git("init", "-q", "-b", "main")
    repo.git("add", ".")
    repo.git("commit", "-qm", "init")
    repo.tag("v1")
    root = tmp_path / "root"
    shutil.copytree(tree / "root", root)
    for template in root.rglob("*.in"):
        template.with_suffix("").write_text(template.read_text().replace("@REPO@", str(repo.path)))
        template.unlink()
    return root, repo.path


def test_modules_json_matches_terraform(tmp_path: Path) -> None:
    root, repo = build_tree(tmp_path)
    lines: list[str] = []
    result = install_modules(str(root), InstallOptions(progress=lines.append))
    assert result.ok, [d.detail for d in result.diagnostics]
    golden = json.loads((FIXTURES / "goldens" / "modules_json.json").read_text())
    written = (root / ".terraform" / "modules" / "modules.json").read_text()
    assert written.replace(str(repo), "@REPO@") == golden["modules_json"]
    assert [line.replace(str(repo), "@REPO@") for line in lines] == golden["progress"]
    # Local modules are used in place; only remote packages are copied.
    assert sorted(p.name for p in (root / ".terraform" / "modules").iterdir()) == ["g", "h", "loc.r2", "modules.json"]


def test_reinit_without_changes_does_no_git_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = build_tree(tmp_path)
    first = install_modules(str(root))
    assert first.ok and sorted(first.fetched) == ["g", "h", "loc.r2"]
    before = (root / ".terraform" / "modules" / "modules.json").read_text()

    def no_fetch(*args: object) -> object:
        raise AssertionError("fetched although nothing changed")

    monkeypatch.setattr(installer_module, "fetch_package", no_fetch)
    monkeypatch.setattr(subprocess, "run", no_fetch)
    second = install_modules(str(root))
    assert second.ok and second.fetched == []
    assert (root / ".terraform" / "modules" / "modules.json").read_text() == before


def test_upgrade_fetches_again_and_a_moved_branch_needs_the_lock_entry_removed(tmp_path: Path, make_repo: Callable[[str], GitRepo]) -> None:
    repo = make_repo("m")
    repo.commit({"main.tf": "# one\n"})
    root = tmp_path / "cfg"
    root.mkdir()
    (root / "main.tf").write_text(f'module "m" {{\n  source = "git::{repo.url}?ref=main"\n}}\n')
    assert install_modules(str(root)).ok
    second = repo.commit({"main.tf": "# two\n"})
    same = install_modules(str(root))
    assert same.fetched == [] and (root / ".terraform/modules/m/main.tf").read_text() == "# one\n"
    # The branch moved: the same source now means other content, which the lock refuses.
    refused = install_modules(str(root), InstallOptions(upgrade=True))
    assert [d.summary for d in refused.diagnostics] == ["Module package does not match the lock file"]
    # Accepting the change on purpose: drop the entry from the lock file.
    (root / LOCK_FILE_NAME).unlink()
    upgraded = install_modules(str(root), InstallOptions(upgrade=True))
    assert upgraded.ok and upgraded.fetched == ["m"]
    assert (root / ".terraform/modules/m/main.tf").read_text() == "# two\n"
    assert upgraded.locks[0].commit == second


REFS = [
    ("tag", "?ref=v1", "# v1\n"),
    ("branch", "?ref=feature", "# feature\n"),
    ("commit", "?ref={first}", "# v1\n"),
    ("short commit", "?ref={first_short}", "# v1\n"),
    ("default branch", "", "# main\n"),
    ("depth", "?ref=v1&depth=1", "# v1\n"),
    ("subdir then ref", "//sub?ref=feature", "# feature sub\n"),
]


@pytest.mark.parametrize(("name", "suffix", "expected"), REFS, ids=[r[0] for r in REFS])
def test_git_refs(tmp_path: Path, make_repo: Callable[[str], GitRepo], name: str, suffix: str, expected: str) -> None:
    repo = make_repo("refs")
    first = repo.commit({"main.tf": "# v1\n", "sub/main.tf": "# v1 sub\n"})
    repo.tag("v1")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit({"main.tf": "# feature\n", "sub/main.tf": "# feature sub\n"})
    repo.git("checkout", "-q", "main")
    repo.commit({"main.tf": "# main\n"})
    suffix = suffix.format(first=first, first_short=first[:10])
    root = tmp_path / "cfg"
    result = install_modules(str(root), calls=[ModuleCall("m", f"git::{repo.url}{suffix}")])
    assert result.ok, [d.detail for d in result.diagnostics]
    record = result.records[1]
    assert (root / record.dir / "main.tf").read_text() == expected


def test_nested_calls_and_local_paths_inside_a_package(tmp_path: Path, make_repo: Callable[[str], GitRepo]) -> None:
    leaf = make_repo("leaf")
    leaf.commit({"main.tf": "# leaf\n"})
    leaf.tag("v2")
    parent = make_repo("parent")
    parent.commit({
        "modules/a/main.tf": f'module "leaf" {{\n  source = "git::{leaf.url}?ref=v2"\n}}\nmodule "sib" {{\n  source = "../b"\n}}\n',
        "modules/b/main.tf": "# b\n",
    })
    root = tmp_path / "cfg"
    result = install_modules(str(root), calls=[ModuleCall("p", f"git::{parent.url}//modules/a")])
    assert result.ok, [d.detail for d in result.diagnostics]
    assert [(r.key, r.dir) for r in result.records] == [
        ("", "."),
        ("p", ".terraform/modules/p/modules/a"),
        ("p.leaf", ".terraform/modules/p.leaf"),
        ("p.sib", ".terraform/modules/p/modules/b"),
    ]


def test_local_path_escaping_its_package(tmp_path: Path, make_repo: Callable[[str], GitRepo]) -> None:
    repo = make_repo("esc")
    repo.commit({"main.tf": 'module "n" {\n  source = "../outside"\n}\n'})
    result = install_modules(str(tmp_path / "cfg"), calls=[ModuleCall("g", f"git::{repo.url}")])
    assert [d.summary for d in result.diagnostics] == ["Local module path escapes module package"]
    assert "module.g.module.n" in result.diagnostics[0].detail


def test_missing_local_directory(tmp_path: Path) -> None:
    root = tmp_path / "cfg"
    root.mkdir()
    result = install_modules(str(root), calls=[ModuleCall("m", "./missing")])
    assert [d.summary for d in result.diagnostics] == ["Unreadable module directory"] * 2


def test_unknown_ref_and_missing_subdir(tmp_path: Path, make_repo: Callable[[str], GitRepo]) -> None:
    repo = make_repo("r")
    repo.commit({"main.tf": "# x\n"})
    result = install_modules(str(tmp_path / "a"), calls=[ModuleCall("m", f"git::{repo.url}?ref=nope")])
    assert [d.summary for d in result.diagnostics] == ["Failed to download module"]
    assert "git exited with 128" in result.diagnostics[0].detail
    result = install_modules(str(tmp_path / "b"), calls=[ModuleCall("m", f"git::{repo.url}//absent")])
    assert [d.summary for d in result.diagnostics] == ["Failed to download module"]
    assert 'no subdirectory "absent"' in result.diagnostics[0].detail
    assert not list((tmp_path / "b" / ".terraform" / "modules").glob(".*partial"))


def test_git_credentials_never_appear_in_messages(tmp_path: Path) -> None:
    call = ModuleCall("m", "git::http://deploy:s3cr3tpassw0rd@127.0.0.1:9/org/repo.git?ref=v1")
    result = install_modules(str(tmp_path), calls=[call])
    assert [d.summary for d in result.diagnostics] == ["Failed to download module"]
    assert "s3cr3tpassw0rd" not in result.diagnostics[0].detail
    assert "deploy:xxxxx@127.0.0.1" in result.diagnostics[0].detail


def test_lock_detects_a_moved_tag(tmp_path: Path, make_repo: Callable[[str], GitRepo]) -> None:
    repo = make_repo("locked")
    good = repo.commit({"main.tf": "# good\n"})
    repo.tag("v1")
    root = tmp_path / "cfg"
    root.mkdir()
    (root / "main.tf").write_text(f'module "vpc" {{\n  source = "git::{repo.url}?ref=v1"\n}}\n')
    assert install_modules(str(root)).ok
    locks, _ = read_lock(root / LOCK_FILE_NAME)
    assert locks["vpc"].commit == good and locks["vpc"].hash and locks["vpc"].hash.startswith("h1:")

    evil = repo.commit({"main.tf": "# evil\n"})
    repo.tag("v1", force=True)
    result = install_modules(str(root), InstallOptions(upgrade=True))
    assert [d.summary for d in result.diagnostics] == ["Module package does not match the lock file"]
    detail = result.diagnostics[0].detail
    assert "module.vpc" in detail and good in detail and evil in detail
    # The tampered package is not installed and the lock keeps the trusted entry.
    assert (root / ".terraform/modules/vpc/main.tf").read_text() == "# good\n"
    assert read_lock(root / LOCK_FILE_NAME)[0]["vpc"].commit == good

    skipped = install_modules(str(root), InstallOptions(upgrade=True, lock_modules=False))
    assert skipped.ok and (root / ".terraform/modules/vpc/main.tf").read_text() == "# evil\n"


def test_lock_detects_local_edits_of_an_installed_package(tmp_path: Path, make_repo: Callable[[str], GitRepo]) -> None:
    repo = make_repo("edit")
    repo.commit({"main.tf": "# ok\n"})
    root = tmp_path / "cfg"
    calls = [ModuleCall("m", f"git::{repo.url}")]
    assert install_modules(str(root), calls=calls).ok
    (root / ".terraform/modules/m/main.tf").write_text("# changed\n")
    result = install_modules(str(root), calls=calls)
    assert [d.summary for d in result.diagnostics] == ["Module package does not match the lock file"]


def test_changed_source_replaces_the_lock_entry(tmp_path: Path, make_repo: Callable[[str], GitRepo]) -> None:
    repo = make_repo("two")
    repo.commit({"main.tf": "# a\n"})
    repo.tag("v1")
    repo.commit({"main.tf": "# b\n"})
    repo.tag("v2")
    root = tmp_path / "cfg"
    assert install_modules(str(root), calls=[ModuleCall("m", f"git::{repo.url}?ref=v1")]).ok
    result = install_modules(str(root), calls=[ModuleCall("m", f"git::{repo.url}?ref=v2")])
    assert result.ok and result.fetched == ["m"]
    assert read_lock(root / LOCK_FILE_NAME)[0]["m"].source.endswith("?ref=v2")


def test_lock_file_not_written_without_remote_modules(tmp_path: Path) -> None:
    (tmp_path / "mod").mkdir()
    result = install_modules(str(tmp_path), calls=[ModuleCall("m", "./mod")])
    assert result.ok
    assert not (tmp_path / LOCK_FILE_NAME).exists()
    assert (tmp_path / ".terraform/modules/modules.json").read_text() == (
        '{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"m","Source":"./mod","Dir":"mod"}]}'
    )


def test_progress_lines(tmp_path: Path, make_repo: Callable[[str], GitRepo]) -> None:
    repo = make_repo("p")
    repo.commit({"main.tf": "# p\n"})
    lines: list[str] = []
    install_modules(str(tmp_path), InstallOptions(progress=lines.append), calls=[ModuleCall("m", f"git::{repo.url}")])
    assert lines == [f"Downloading git::{repo.url} for m...", "- m in .terraform/modules/m"]


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_git_daemon_on_loopback(tmp_path: Path, make_repo: Callable[[str], GitRepo]) -> None:
    import socket
    import time

    repo = make_repo("served")
    commit = repo.commit({"main.tf": "# served\n", "sub/main.tf": "# served sub\n"})
    repo.tag("v3")
    port = _free_port()
    daemon = subprocess.Popen(
        ["git", "daemon", "--reuseaddr", "--export-all", f"--base-path={repo.path.parent}",
         "--listen=127.0.0.1", f"--port={port}", str(repo.path.parent)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        call = ModuleCall("m", f"git::git://127.0.0.1:{port}/served//sub?ref=v3")
        result = install_modules(str(tmp_path / "cfg"), calls=[call])
        assert result.ok, [d.detail for d in result.diagnostics]
        assert (tmp_path / "cfg" / result.records[1].dir / "main.tf").read_text() == "# served sub\n"
        assert result.locks[0].commit == commit
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
