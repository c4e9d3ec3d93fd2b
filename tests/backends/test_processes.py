"""Real processes: lock contention with timeouts and force-unlock, and crash
recovery after ``kill -9`` while a process is journaling changes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from hclrun.backends import DEFAULT_WORKSPACE, LocalBackend, LockInfo, acquire_lock, open_session
from hclrun.states import read_state_file

ROOT = Path(__file__).resolve().parents[2]

HOLDER = textwrap.dedent(
    """
    import sys, time
    from hclrun.backends import LocalBackend, LockInfo
    backend = LocalBackend(sys.argv[1])
    lock_id = backend.lock("default", LockInfo(operation="OperationTypeApply", info="holder"))
    print(lock_id, flush=True)
    time.sleep(float(sys.argv[2]))
    backend.unlock("default", lock_id)
    print("released", flush=True)
    """
)

WRITER = textwrap.dedent(
    """
    import sys
    from hclrun.addrs import ROOT_MODULE_INSTANCE, AbsProviderConfig, AbsResource, Resource, ResourceMode, builtin_provider
    from hclrun.backends import LocalBackend, open_session
    from hclrun.states import ResourceInstanceObject, OutputValue
    from hclrun.values.value import Value

    provider = AbsProviderConfig(builtin_provider("terraform"))
    res = AbsResource(ROOT_MODULE_INSTANCE, Resource(ResourceMode.MANAGED, "terraform_data", "w"))
    start = int(sys.argv[2])
    session, diags = open_session(LocalBackend(sys.argv[1]), "default")
    assert session is not None, diags
    for d in diags:
        print("warning", d.summary, flush=True)
    for i in range(start, start + 400):
        value = Value.object({"id": Value.string(f"id-{i}"), "payload": Value.string("x" * (i % 97))})
        session.sync.set_current(res.instance(i), ResourceInstanceObject.from_value(value), provider)
        if i % 50 == 0:
            session.sync.set_output(f"o{i}", OutputValue(Value.number(i)))
        print("done", i, flush=True)
    session.finish()
    print("finished", flush=True)
    """
)


def python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def test_lock_contention_between_processes(tmp_path: Path) -> None:
    holder = python(HOLDER, str(tmp_path), "1.5")
    assert holder.stdout is not None
    held_id = holder.stdout.readline().strip()
    backend = LocalBackend(str(tmp_path))

    lock_id, diags = acquire_lock(backend, DEFAULT_WORKSPACE, LockInfo(), timeout=0)
    assert lock_id is None
    (diag,) = diags
    assert diag.summary == "Error acquiring the state lock"
    assert diag.detail.startswith("Error message: resource temporarily unavailable\nLock Info:\n")
    assert f"  ID:        {held_id}\n" in diag.detail and "  Info:      holder\n" in diag.detail
    assert "-lock=false" in diag.detail

    started = time.monotonic()
    lock_id, diags = acquire_lock(backend, DEFAULT_WORKSPACE, LockInfo(), timeout=10)
    waited = time.monotonic() - started
    assert lock_id is not None and not diags
    assert 0.3 < waited < 9
    assert holder.wait(10) == 0
    backend.unlock(DEFAULT_WORKSPACE, lock_id)


def test_force_unlock_breaks_a_stuck_lock(tmp_path: Path) -> None:
    holder = python(HOLDER, str(tmp_path), "30")
    try:
        assert holder.stdout is not None
        held_id = holder.stdout.readline().strip()
        backend = LocalBackend(str(tmp_path))
        with pytest.raises(Exception, match="does not match existing lock ID"):
            backend.force_unlock(DEFAULT_WORKSPACE, "wrong-id")
        backend.force_unlock(DEFAULT_WORKSPACE, held_id)
        lock_id, diags = acquire_lock(backend, DEFAULT_WORKSPACE, LockInfo(), timeout=0)
        assert lock_id is not None and not diags
        backend.unlock(DEFAULT_WORKSPACE, lock_id)
    finally:
        holder.kill()
        holder.wait()


def _acknowledged(lines: list[str]) -> list[int]:
    """Records the writer reported complete: only whole lines count (reads may split one)."""
    text = "".join(lines)
    whole = text.splitlines(keepends=True)
    return [int(line.split()[1]) for line in whole if line.startswith("done ") and line.endswith("\n")]


def test_kill_9_never_loses_a_completed_change(tmp_path: Path) -> None:
    rng = random.Random(1234)
    acknowledged: set[int] = set()
    rounds = 6
    for r in range(rounds):
        writer = python(WRITER, str(tmp_path), str(r * 1000))
        assert writer.stdout is not None
        # Kill at a random moment after the writer has started committing.
        lines: list[str] = [writer.stdout.readline()]
        deadline = time.monotonic() + rng.uniform(0.0, 0.4)
        os.set_blocking(writer.stdout.fileno(), False)
        while time.monotonic() < deadline and writer.poll() is None:
            chunk = writer.stdout.readline()
            if chunk:
                lines.append(chunk)
            else:
                time.sleep(0.002)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        rest = writer.stdout.read() or ""
        lines.extend(rest.splitlines(keepends=True))
        acknowledged.update(_acknowledged(lines))

        file, diags = LocalBackend(str(tmp_path)).get_state(DEFAULT_WORKSPACE)
        assert not any(d.is_error for d in diags), [(d.summary, d.detail) for d in diags]
        if file is None:
            assert not acknowledged
            continue
        present = {a.resource.key for a in file.state.resource_instance_addrs()}
        missing = acknowledged - present  # type: ignore[operator]
        assert not missing, f"round {r}: lost {sorted(missing)[:5]}"
        # The recovered state is a valid, complete file on disk.
        reread, read_diags = read_state_file((tmp_path / "terraform.tfstate").read_bytes())
        assert reread is not None and not read_diags
        assert not (tmp_path / "terraform.tfstate.journal").exists()
    assert len(acknowledged) > 50


def test_session_after_crash_starts_from_recovered_state(tmp_path: Path) -> None:
    writer = python(WRITER, str(tmp_path), "0")
    assert writer.stdout is not None
    for _ in range(30):
        writer.stdout.readline()
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    session, diags = open_session(LocalBackend(str(tmp_path)), DEFAULT_WORKSPACE)
    assert session is not None
    assert [d.summary for d in diags] == ["Recovered state changes from an interrupted command"]
    assert session.file.state.instance_count() >= 30
    assert not session.finish()
