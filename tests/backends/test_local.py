"""The local backend: file layout, serials, backups, atomic writes,
workspaces, unreadable files, errored.tfstate and journal recovery."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import hclrun.backends.fileio as fileio
from hclrun.backends import (
    DEFAULT_WORKSPACE,
    LocalBackend,
    LockInfo,
    open_session,
    select_workspace,
    selected_workspace,
    valid_workspace_name,
)
from hclrun.states import OutputValue, read_state_file
from hclrun.values.value import Value
from tests.backends.helpers import PROVIDER, RES, obj, state_with


def test_layout_serial_backup_and_mode(tmp_path: Path) -> None:
    backend = LocalBackend(str(tmp_path))
    assert backend.get_state(DEFAULT_WORKSPACE) == (None, [])
    file = state_with(2)
    assert not backend.put_state(DEFAULT_WORKSPACE, file)
    path = tmp_path / "terraform.tfstate"
    assert file.serial == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = path.read_text()
    assert not backend.put_state(DEFAULT_WORKSPACE, file)  # unchanged: nothing written
    assert file.serial == 1 and not (tmp_path / "terraform.tfstate.backup").exists()
    file.state.set_current(RES.instance(5), obj(5), PROVIDER)
    later = LocalBackend(str(tmp_path))  # the next command: backs up what it found
    assert not later.put_state(DEFAULT_WORKSPACE, file)
    assert file.serial == 2
    assert (tmp_path / "terraform.tfstate.backup").read_text() == first
    file.state.set_current(RES.instance(6), obj(6), PROVIDER)
    assert not later.put_state(DEFAULT_WORKSPACE, file)
    assert file.serial == 3
    assert (tmp_path / "terraform.tfstate.backup").read_text() == first  # once per command
    assert stat.S_IMODE((tmp_path / "terraform.tfstate.backup").stat().st_mode) == 0o600
    again, diags = LocalBackend(str(tmp_path)).get_state(DEFAULT_WORKSPACE)
    assert again is not None and not diags and again.serial == 3 and again.lineage == file.lineage


def test_atomic_write_keeps_old_state_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backend = LocalBackend(str(tmp_path))
    file = state_with(1)
    backend.put_state(DEFAULT_WORKSPACE, file)
    before = (tmp_path / "terraform.tfstate").read_bytes()

    def failing_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "replace", failing_replace)
    file.state.set_current(RES.instance(9), obj(9), PROVIDER)
    diags = backend.put_state(DEFAULT_WORKSPACE, file)
    assert diags.has_errors() and diags[0].summary == "Failed to save state"
    assert "no space left on device" in diags[0].detail  # Go's wording, as terraform prints it
    assert (tmp_path / "terraform.tfstate").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(
    ("content", "summary"),
    [
        (b'{"version": 4, "serial": 1,', "Unsupported state file format"),
        (b'{"version": 3, "modules": []}', "Unsupported state file format"),
        (b"\x00\x01", "Unsupported state file format"),
    ],
    ids=["truncated", "version 3", "binary"],
)
def test_unreadable_state_is_left_untouched(tmp_path: Path, content: bytes, summary: str) -> None:
    path = tmp_path / "terraform.tfstate"
    path.write_bytes(content)
    session, diags = open_session(LocalBackend(str(tmp_path)), DEFAULT_WORKSPACE)
    assert session is None and diags[0].summary == summary
    assert str(path) in diags[0].detail or diags[0].detail
    assert path.read_bytes() == content
    assert not (tmp_path / ".terraform.tfstate.lock.info").exists()  # the lock was released


def test_workspaces(tmp_path: Path) -> None:
    backend = LocalBackend(str(tmp_path))
    assert backend.workspaces() == ["default"]
    assert not backend.create_workspace("prod")
    assert not backend.create_workspace("dev")
    assert backend.workspaces() == ["default", "dev", "prod"]
    assert backend.create_workspace("dev")[0].summary == "Workspace already exists"
    assert backend.create_workspace("a/b")[0].detail.startswith('The workspace name "a/b" is not allowed.')
    backend.put_state("prod", state_with(2))
    assert (tmp_path / "terraform.tfstate.d" / "prod" / "terraform.tfstate").exists()
    diags = backend.delete_workspace("prod")
    assert diags[0].summary == "Workspace is not empty"
    assert "\n  - terraform_data.x[0]\n  - terraform_data.x[1]\n" in diags[0].detail
    assert not backend.delete_workspace("prod", force=True)
    assert not backend.delete_workspace("dev")
    assert backend.workspaces() == ["default"]
    assert backend.delete_workspace("default")[0].detail == "cannot delete default state"
    assert backend.delete_workspace("nope")[0].summary == "Workspace does not exist"


@pytest.mark.parametrize(
    ("name", "valid"),
    [("prod", True), ("a-b_c.d~e", True), ("a$b&c+d:e=f@g", True), ("a/b", False), ("a b", False), ("a?", False),
     ("a,b", False), ("a;b", False), ("é", False), ("", False), ("a%20", False)],
)
def test_workspace_names(name: str, valid: bool) -> None:
    assert valid_workspace_name(name) is valid


def test_selected_workspace_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TF_WORKSPACE", raising=False)
    data_dir = str(tmp_path / ".terraform")
    assert selected_workspace(data_dir) == "default"
    select_workspace("prod", data_dir)
    assert (tmp_path / ".terraform" / "environment").read_text() == "prod"
    assert selected_workspace(data_dir) == "prod"
    monkeypatch.setenv("TF_WORKSPACE", "other")
    assert selected_workspace(data_dir) == "other"


def test_errored_state_when_the_state_cannot_be_written(tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file where the state directory should be")
    backend = LocalBackend(str(tmp_path), path="blocked/terraform.tfstate")
    session, diags = open_session(backend, DEFAULT_WORKSPACE, lock=False, working_dir=str(tmp_path))
    assert session is not None
    assert [d.summary for d in diags] == ["State changes are not journaled"]
    session.sync.set_current(RES.instance(0), obj(0), PROVIDER)
    diags = session.finish()
    assert [d.summary for d in diags] == ["Failed to save state", "Failed to persist state to backend"]
    assert "hclrun state push errored.tfstate" in diags[1].detail
    saved, read_diags = read_state_file((tmp_path / "errored.tfstate").read_bytes())
    assert saved is not None and not read_diags
    assert [str(a) for a in saved.state.resource_instance_addrs()] == ["terraform_data.x[0]"]


@pytest.mark.skipif(os.geteuid() == 0, reason="permission bits do not stop root")
def test_errored_state_for_read_only_directory(tmp_path: Path) -> None:
    state_dir = tmp_path / "ro"
    state_dir.mkdir()
    backend = LocalBackend(str(state_dir))
    backend.put_state(DEFAULT_WORKSPACE, state_with(1))
    state_dir.chmod(0o555)
    try:
        session, _ = open_session(backend, DEFAULT_WORKSPACE, lock=False, working_dir=str(tmp_path))
        assert session is not None
        session.sync.set_current(RES.instance(3), obj(3), PROVIDER)
        diags = session.finish()
        assert diags.has_errors() and (tmp_path / "errored.tfstate").exists()
    finally:
        state_dir.chmod(0o755)


def test_session_writes_once_and_removes_journal(tmp_path: Path) -> None:
    backend = LocalBackend(str(tmp_path))
    session, diags = open_session(backend, DEFAULT_WORKSPACE)
    assert session is not None and not diags
    journal = tmp_path / "terraform.tfstate.journal"
    assert (tmp_path / ".terraform.tfstate.lock.info").exists() and journal.exists()
    for i in range(5):
        session.sync.set_current(RES.instance(i), obj(i), PROVIDER)
    assert not (tmp_path / "terraform.tfstate").exists()  # nothing rewritten per change
    assert not session.finish()
    assert not journal.exists() and not (tmp_path / ".terraform.tfstate.lock.info").exists()
    file, _ = backend.get_state(DEFAULT_WORKSPACE)
    assert file is not None and file.state.instance_count() == 5 and file.serial == 1


def test_leftover_journal_is_replayed_with_a_warning(tmp_path: Path) -> None:
    backend = LocalBackend(str(tmp_path))
    backend.put_state(DEFAULT_WORKSPACE, state_with(1))
    session, _ = open_session(backend, DEFAULT_WORKSPACE)
    assert session is not None
    session.sync.set_current(RES.instance(7), obj(7), PROVIDER)
    session.sync.set_output("o", OutputValue(Value.string("v")))
    session.sync.set_current(RES.instance(0), None, PROVIDER)
    # The command dies here: no finish(); its lock goes with the process.
    backend._locks.clear()
    os.unlink(tmp_path / ".terraform.tfstate.lock.info")

    fresh = LocalBackend(str(tmp_path))
    file, diags = fresh.get_state(DEFAULT_WORKSPACE)
    assert file is not None
    assert [d.summary for d in diags] == ["Recovered state changes from an interrupted command"]
    assert "3 recorded change batch(es)" in diags[0].detail
    assert [str(a) for a in file.state.resource_instance_addrs()] == ["terraform_data.x[7]"]
    assert file.state.outputs["o"].value.raw == "v"
    assert file.serial == 2
    assert not (tmp_path / "terraform.tfstate.journal").exists()
    again, diags = LocalBackend(str(tmp_path)).get_state(DEFAULT_WORKSPACE)
    assert again is not None and not diags and again.serial == 2


def test_journal_of_a_running_command_is_shown_but_left_alone(tmp_path: Path) -> None:
    backend = LocalBackend(str(tmp_path))
    session, _ = open_session(backend, DEFAULT_WORKSPACE)
    assert session is not None
    session.sync.set_current(RES.instance(1), obj(1), PROVIDER)
    file, diags = LocalBackend(str(tmp_path)).get_state(DEFAULT_WORKSPACE)
    assert file is not None and not diags and file.state.instance_count() == 1
    assert (tmp_path / "terraform.tfstate.journal").exists()
    assert not (tmp_path / "terraform.tfstate").exists()
    assert not session.finish()


def test_obsolete_journal_is_discarded(tmp_path: Path) -> None:
    backend = LocalBackend(str(tmp_path))
    file = state_with(1)
    backend.put_state(DEFAULT_WORKSPACE, file)
    journal = backend.open_journal(DEFAULT_WORKSPACE, file)
    assert journal is not None
    journal.close()
    file.state.set_current(RES.instance(4), obj(4), PROVIDER)
    backend.put_state(DEFAULT_WORKSPACE, file)  # the full state was written after the journal began
    loaded, diags = LocalBackend(str(tmp_path)).get_state(DEFAULT_WORKSPACE)
    assert loaded is not None and not diags and loaded.state.instance_count() == 2
    assert not (tmp_path / "terraform.tfstate.journal").exists()


def test_lock_info_file(tmp_path: Path) -> None:
    backend = LocalBackend(str(tmp_path))
    lock_id = backend.lock("prod", LockInfo(operation="OperationTypePlan"))
    info_path = tmp_path / "terraform.tfstate.d" / "prod" / ".terraform.tfstate.lock.info"
    info = LockInfo.from_json(info_path.read_text())
    assert info is not None and info.id == lock_id and info.operation == "OperationTypePlan"
    assert info.path == os.path.join("terraform.tfstate.d", "prod", "terraform.tfstate")
    assert stat.S_IMODE(info_path.stat().st_mode) == 0o600
    backend.unlock("prod", lock_id)
    assert not info_path.exists()


@pytest.mark.parametrize(
    ("created", "shown"),
    [
        ("2026-11-25T20:43:32.543846307Z", "2026-11-25 20:43:32.543846307 +0000 UTC"),
        ("2026-11-25T20:43:32Z", "2026-11-25 20:43:32 +0000 UTC"),
        ("garbled", "garbled"),
    ],
)
def test_lock_info_rendering(created: str, shown: str) -> None:
    info = LockInfo(operation="OperationTypeApply", id="abc", who="me@host", created=created, path="terraform.tfstate")
    assert info.describe() == (
        "Lock Info:\n  ID:        abc\n  Path:      terraform.tfstate\n  Operation: OperationTypeApply\n"
        f"  Who:       me@host\n  Version:   1.11.4\n  Created:   {shown}\n  Info:      \n"
    )
    again = LockInfo.from_json(info.to_json())
    assert again == info
    assert list(__import__("json").loads(info.to_json())) == ["ID", "Operation", "Info", "Who", "Version", "Created", "Path"]


def test_new_lock_info_timestamp_format() -> None:
    import re

    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z", LockInfo().created)
