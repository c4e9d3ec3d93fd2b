"""Taking a backend lock for the length of a command, with ``-lock-timeout``
retries and Terraform's diagnostics when it cannot be had."""

from __future__ import annotations

import time

from hclrun.backends.protocol import Backend, LockError, LockInfo
from hclrun.diagnostics import Diagnostics

LOCK_ERROR_TEXT = (
    "Terraform acquires a state lock to protect the state from being written\n"
    "by multiple users at the same time. Please resolve the issue above and try\n"
    'again. For most commands, you can disable locking with the "-lock=false"\n'
    "flag, but this is not recommended."
)


def lock_error_message(err: LockError) -> str:
    parts = [str(err)]
    if err.holder is not None:
        parts.append(err.holder.describe())
    return "\n".join(parts)


def acquire_lock(
    backend: Backend, workspace: str, info: LockInfo, *, timeout: float = 0.0, poll: float = 0.05
) -> tuple[str | None, Diagnostics]:
    """The lock ID, retrying until ``timeout`` seconds have passed; diagnostics when it stays taken."""
    deadline = time.monotonic() + timeout
    delay = poll
    while True:
        try:
            return backend.lock(workspace, info), Diagnostics()
        except LockError as err:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                diags = Diagnostics()
                diags.error("Error acquiring the state lock", f"Error message: {lock_error_message(err)}\n\n{LOCK_ERROR_TEXT}")
                return None, diags
            time.sleep(min(delay, remaining))
            delay = min(delay * 2, 1.0)


def release_lock(backend: Backend, workspace: str, lock_id: str) -> Diagnostics:
    diags = Diagnostics()
    try:
        backend.unlock(workspace, lock_id)
    except LockError as err:
        diags.error(
            "Error releasing the state lock",
            f"Error message: {lock_error_message(err)}\n\nTerraform acquires a lock when accessing your state to "
            "prevent others running Terraform to potentially modify the state at the same time. An error occurred "
            'while releasing this lock. Please call the "force-unlock" command to unlock the state manually if it '
            "did not release properly.",
        )
    return diags
