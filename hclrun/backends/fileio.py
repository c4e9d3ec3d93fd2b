"""Durable file writes: write a temporary file in the same directory, fsync
it, rename it over the target, fsync the directory. A crash at any moment
leaves either the old or the new content, never a mix.

A directory that refuses new files (read-only for us) still lets an existing
writable file be rewritten in place, as Terraform always writes its state:
``durable_write`` falls back to that rather than fail."""

from __future__ import annotations

import errno
import os
import tempfile

# The directory refuses new entries; an existing file may still be writable.
_DIRECTORY_REFUSED = (errno.EACCES, errno.EPERM)


def fsync_dir(path: str) -> None:
    try:
        fd = os.open(path or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_synced(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def atomic_write(path: str, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` atomically; raises ``OSError`` (the old file intact)."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=directory)
    try:
        try:
            os.fchmod(fd, mode)
            _write_synced(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(directory)


def rewrite_in_place(path: str, data: bytes) -> None:
    """Truncate the existing ``path`` and write ``data`` into it; raises ``OSError``."""
    fd = os.open(path, os.O_WRONLY)
    try:
        os.ftruncate(fd, 0)
        _write_synced(fd, data)
    finally:
        os.close(fd)


def durable_write(path: str, data: bytes, mode: int = 0o600) -> None:
    """``atomic_write``, or an in-place rewrite of an existing file when the
    directory refuses the temporary file; raises the first ``OSError``."""
    try:
        atomic_write(path, data, mode)
    except OSError as err:
        if err.errno not in _DIRECTORY_REFUSED or not os.path.isfile(path):
            raise
        try:
            rewrite_in_place(path, data)
        except OSError:
            raise err from None


def go_error(err: OSError) -> str:
    """The reason as Go's runtime words it (``permission denied``)."""
    return (err.strerror or str(err)).lower()


def state_file_refused(path: str) -> str:
    """Why ``path`` could not be opened for writing (created if missing), in
    Go's words, or ``""``; nothing is created."""
    if os.path.exists(path):
        try:
            os.close(os.open(path, os.O_RDWR))
        except OSError as err:
            return go_error(err)
        return ""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        if os.statvfs(directory).f_flag & os.ST_RDONLY:
            return "read-only file system"
    except OSError as err:
        return go_error(err)
    return "" if os.access(directory, os.W_OK | os.X_OK) else "permission denied"


def read_bytes(path: str) -> bytes | None:
    """The file's content, or ``None`` when it does not exist."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except (FileNotFoundError, NotADirectoryError):
        return None
