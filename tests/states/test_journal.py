"""The change journal: records, replay, torn and damaged lines, group commit
from many threads, and the thread-safe state that writes through it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from hclrun.addrs import (
    ROOT_MODULE_INSTANCE,
    AbsProviderConfig,
    AbsResource,
    Resource,
    ResourceMode,
    builtin_provider,
)
from hclrun.states import OutputValue, ResourceInstanceObject, State, StateFile, write_state_file
from hclrun.states.journal import Journal, read_header, replay
from hclrun.states.sync import SyncState
from hclrun.values.value import Value

PROVIDER = AbsProviderConfig(builtin_provider("terraform"))
RES = AbsResource(ROOT_MODULE_INSTANCE.child("m", "k"), Resource(ResourceMode.MANAGED, "terraform_data", "x"))


def obj(n: int, **extra: Value) -> ResourceInstanceObject:
    return ResourceInstanceObject.from_value(Value.object({"id": Value.string(f"id-{n}"), **extra}))


def journaled(tmp_path: Path, base: StateFile) -> tuple[SyncState, Journal, Path]:
    path = tmp_path / "terraform.tfstate.journal"
    journal = Journal.create(str(path), base.lineage, base.serial)
    return SyncState(base.state, journal), journal, path


def test_replay_rebuilds_every_change(tmp_path: Path) -> None:
    base = StateFile(serial=3)
    sync, journal, path = journaled(tmp_path, base)
    sync.set_current(RES.instance(0), obj(0), PROVIDER)
    sync.set_current(RES.instance(1), obj(1, pw=Value.string("s").mark("sensitive")), PROVIDER)
    key = sync.depose_current(RES.instance(0), PROVIDER)
    assert key is not None
    sync.set_current(RES.instance(0), obj(2).tainted(), PROVIDER)
    sync.set_output("o", OutputValue(Value.number(5), sensitive=True))
    sync.set_output("gone", OutputValue(Value.string("x")))
    sync.set_output("gone", None)
    journal.close()
    assert read_header(str(path)) == (base.lineage, 3)

    rebuilt = StateFile(lineage=base.lineage, serial=3)
    result = replay(str(path), rebuilt.state, base.lineage, 3)
    assert (result.applied, result.torn_tail, result.problem) == (7, False, "")
    assert write_state_file(rebuilt) == write_state_file(StateFile(state=sync.snapshot(), lineage=base.lineage, serial=3))


def test_torn_final_line_is_ignored(tmp_path: Path) -> None:
    base = StateFile()
    sync, journal, path = journaled(tmp_path, base)
    for i in range(3):
        sync.set_current(RES.instance(i), obj(i), PROVIDER)
    journal.close()
    data = path.read_bytes()
    path.write_bytes(data[:-7])  # the last record lost its end
    state = State()
    result = replay(str(path), state, base.lineage, base.serial)
    assert result.applied == 2 and result.torn_tail and not result.problem
    assert [str(a) for a in state.resource_instance_addrs()] == ['module.m["k"].terraform_data.x[0]', 'module.m["k"].terraform_data.x[1]']


def test_damaged_line_in_the_middle_stops_replay(tmp_path: Path) -> None:
    base = StateFile()
    sync, journal, path = journaled(tmp_path, base)
    for i in range(3):
        sync.set_current(RES.instance(i), obj(i), PROVIDER)
    journal.close()
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"id-1", b"id-X")  # checksum no longer matches
    path.write_bytes(b"\n".join(lines))
    state = State()
    result = replay(str(path), state, base.lineage, base.serial)
    assert result.applied == 1 and "record 2 is damaged" in result.problem


@pytest.mark.parametrize(
    ("lineage", "serial"),
    [("other-lineage", 0), ("same", 5)],
    ids=["different lineage", "different serial"],
)
def test_journal_for_another_snapshot_is_not_applied(tmp_path: Path, lineage: str, serial: int) -> None:
    base = StateFile(lineage="same", serial=0)
    sync, journal, path = journaled(tmp_path, base)
    sync.set_current(RES.instance(0), obj(0), PROVIDER)
    journal.close()
    state = State()
    result = replay(str(path), state, lineage, serial)
    assert result.applied == 0 and result.problem
    assert state.is_empty


def test_concurrent_writers_share_fsyncs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hclrun.states.journal as journal_module

    syncs = []
    real_fsync = journal_module.os.fsync

    def counting_fsync(fd: int) -> None:
        syncs.append(fd)
        real_fsync(fd)

    base = StateFile()
    sync, journal, path = journaled(tmp_path, base)
    monkeypatch.setattr(journal_module, "_datasync", counting_fsync)

    def worker(w: int) -> None:
        for i in range(25):
            sync.set_current(RES.instance(w * 100 + i), obj(i), PROVIDER)

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    journal.close()
    assert journal.records == 200
    assert len(syncs) <= 200
    state = State()
    result = replay(str(path), state, base.lineage, base.serial)
    assert result.applied == 200
    assert state.instance_count() == 200 == sync.read(State.instance_count)


def test_append_cost_does_not_grow_with_the_state(tmp_path: Path) -> None:
    base = StateFile()
    sync, journal, path = journaled(tmp_path, base)
    sizes = []
    for i in range(300):
        before = path.stat().st_size
        sync.set_current(RES.instance(i), obj(i), PROVIDER)
        sizes.append(path.stat().st_size - before)
    journal.close()
    assert max(sizes) - min(sizes) <= 4  # only the key's digits differ


def test_sync_state_without_journal_and_reads() -> None:
    sync = SyncState(State())
    sync.set_current(RES.instance(0), obj(0), PROVIDER)
    inst = sync.resource_instance(RES.instance(0))
    assert inst is not None and inst.current is not None
    with sync.locked() as state:
        assert state.instance_count() == 1
    assert sync.depose_current(RES.instance(5), PROVIDER) is None
