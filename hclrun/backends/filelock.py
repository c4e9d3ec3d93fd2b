"""An exclusive lock between processes on one state: an OS lock (``flock``)
on the lock-info file, which also records who holds the lock in Terraform's
``.terraform.tfstate.lock.info`` JSON form.

Releasing removes the file before closing it; a waiter that locked the old,
removed file notices (its descriptor no longer names the path) and retries,
so exactly one process holds the lock at a time.
"""

from __future__ import annotations

import errno
import fcntl
import os

from hclrun.backends.protocol import LockError, LockInfo


class FileLock:
    def __init__(self, info_path: str) -> None:
        self.info_path = info_path
        self._fd = -1
        self.lock_id = ""

    @property
    def held(self) -> bool:
        return self._fd >= 0

    def acquire(self, info: LockInfo) -> str:
        """Take the lock or raise ``LockError`` at once (callers retry for timeouts)."""
        if self.held:
            raise LockError("lock already held by this process", self.holder())
        while True:
            fd = os.open(self.info_path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as err:
                os.close(fd)
                if err.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise LockError("resource temporarily unavailable", self.holder()) from None
                raise
            try:
                same = os.stat(self.info_path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            os.ftruncate(fd, 0)
            os.write(fd, info.to_json().encode())
            os.fsync(fd)
            self._fd = fd
            self.lock_id = info.id
            return info.id

    def holder(self) -> LockInfo | None:
        try:
            with open(self.info_path, encoding="utf-8") as f:
                return LockInfo.from_json(f.read())
        except OSError:
            return None

    def release(self, lock_id: str) -> None:
        if not self.held:
            raise LockError("state is not locked by this process")
        if lock_id != self.lock_id:
            raise LockError(f'lock ID "{lock_id}" does not match existing lock ID "{self.lock_id}"', self.holder())
        try:
            os.unlink(self.info_path)
        except OSError:
            pass  # as Terraform: a directory that became read-only keeps a stale info file; the lock is the flock
        os.close(self._fd)
        self._fd = -1
        self.lock_id = ""

    def force_release(self, lock_id: str) -> None:
        """Break a lock held elsewhere (``force-unlock``): the ID must match the recorded holder."""
        if self.held and lock_id == self.lock_id:
            self.release(lock_id)
            return
        holder = self.holder()
        if holder is None:
            raise LockError("state is not locked")
        if holder.id != lock_id:
            raise LockError(f'lock ID "{lock_id}" does not match existing lock ID "{holder.id}"', holder)
        os.unlink(self.info_path)
