"""An append-only journal of completed state changes.

Layout: a header line ``{"journal": 1, "lineage": L, "serial": S}`` naming the
full state the changes apply to, then one line per committed batch of
changes: eight hex digits of the CRC-32 of the JSON text, a space, the JSON
text (a list of changes, see ``changes``). A batch is durable once ``commit``
returns: its line has been written and fsynced. Concurrent committers share
fsyncs (group commit): whoever syncs covers every line written before it.

Appending costs the size of the changed objects only, never the size of the
state. ``replay`` applies a journal to the state it started from; a torn or
damaged final line (a crash while appending) is ignored.
"""

from __future__ import annotations

import json
import os
import threading
import zlib
from collections.abc import Sequence

from hclrun.records import record
from hclrun.states import jsondata
from hclrun.states.changes import Change, ChangeError, apply_change
from hclrun.states.model import State

JOURNAL_VERSION = 1


def _encode_line(changes: Sequence[Change]) -> bytes:
    body = jsondata.dumps_compact(list(changes)).encode("utf-8", "surrogatepass")
    return b"%08x %s\n" % (zlib.crc32(body), body)


class Journal:
    """An open journal file; thread-safe."""

    def __init__(self, path: str, fd: int) -> None:
        self.path = path
        self._fd = fd
        self._write_lock = threading.Lock()
        self._sync_lock = threading.Lock()
        self._written = 0
        self._synced = 0
        self.records = 0

    @staticmethod
    def create(path: str, lineage: str, serial: int) -> Journal:
        """Start a new journal (replacing any old one) for the state ``lineage``/``serial``."""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600)
        header = json.dumps({"journal": JOURNAL_VERSION, "lineage": lineage, "serial": serial}).encode() + b"\n"
        os.write(fd, header)
        os.fsync(fd)
        _fsync_dir(os.path.dirname(os.path.abspath(path)))
        return Journal(path, fd)

    def append(self, changes: Sequence[Change]) -> int:
        """Write one batch (not yet durable); returns its sequence number for ``sync``."""
        line = _encode_line(changes)
        with self._write_lock:
            _write_all(self._fd, line)
            self._written += 1
            self.records += 1
            return self._written

    def sync(self, seq: int) -> None:
        """Return once batch ``seq`` and all before it are on disk."""
        if self._synced >= seq:
            return
        with self._sync_lock:
            if self._synced >= seq:
                return
            target = self._written
            _datasync(self._fd)
            self._synced = target

    def commit(self, changes: Sequence[Change]) -> None:
        self.sync(self.append(changes))

    def close(self, *, remove: bool = False) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if remove:
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass
            _fsync_dir(os.path.dirname(os.path.abspath(self.path)))


def _datasync(fd: int) -> None:
    sync = getattr(os, "fdatasync", None) or os.fsync
    sync(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _fsync_dir(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@record(slots=True)
class ReplayResult:
    applied: int  # batches applied
    lineage: str
    serial: int
    torn_tail: bool  # a damaged final line was ignored
    problem: str = ""  # why replay stopped early or did not apply


def read_header(path: str) -> tuple[str, int] | None:
    try:
        with open(path, "rb") as f:
            first = f.readline()
        header = json.loads(first)
        return str(header["lineage"]), int(header["serial"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def replay(path: str, state: State, lineage: str, serial: int) -> ReplayResult:
    """Apply the journal at ``path`` to ``state`` (which must be the full state
    with ``lineage`` and ``serial`` it was started for)."""
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    try:
        header = json.loads(lines[0])
        jl, js = str(header["lineage"]), int(header["serial"])
    except (ValueError, KeyError, TypeError, IndexError):
        return ReplayResult(0, lineage, serial, False, "the journal header is damaged")
    if header.get("journal") != JOURNAL_VERSION:
        return ReplayResult(0, jl, js, False, f"unsupported journal version {header.get('journal')!r}")
    if jl != lineage or js != serial:
        return ReplayResult(0, jl, js, False, "the journal belongs to a different state snapshot")
    applied = 0
    # The text after the final newline is a line whose append did not finish.
    complete, tail = lines[1:-1], lines[-1]
    torn = bool(tail)
    for i, line in enumerate(complete):
        changes = _decode_line(line)
        if changes is None:
            if i == len(complete) - 1:
                return ReplayResult(applied, jl, js, True)
            return ReplayResult(applied, jl, js, torn, f"journal record {i + 1} is damaged; later records were not applied")
        try:
            for change in changes:
                apply_change(state, change)
        except (ChangeError, KeyError, TypeError, ValueError) as err:
            return ReplayResult(applied, jl, js, torn, f"journal record {i + 1} could not be applied: {err}")
        applied += 1
    return ReplayResult(applied, jl, js, torn)


def _decode_line(line: bytes) -> list[Change] | None:
    if len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        changes = jsondata.loads(body)
    except ValueError:
        return None
    return changes if isinstance(changes, list) else None
