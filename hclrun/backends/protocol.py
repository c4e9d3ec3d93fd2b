"""The backend protocol: where states live and how they are locked.

A backend stores one state per workspace. ``get_state`` returns the stored
state file (``None`` when there is none yet); ``put_state`` replaces it;
``lock`` takes the workspace's lock and returns its ID, raising
``LockError`` (carrying the holder's ``LockInfo``) when someone else holds
it; ``unlock`` releases it, or with the ID of a lock another process holds
breaks that lock (``force-unlock``). ``open_journal`` starts the change journal for a
command that will write the state (see ``states.journal``): ``None`` when
the backend does not journal, ``OSError`` when it cannot.
"""

from __future__ import annotations

import datetime
import getpass
import json
import socket
from dataclasses import field
from typing import Protocol

from hclrun.diagnostics import Diagnostics
from hclrun.records import record
from hclrun.states import StateFile
from hclrun.states.journal import Journal
from hclrun.states.lineage import new_lineage
from hclrun.version import TERRAFORM_COMPAT_VERSION

DEFAULT_WORKSPACE = "default"


def _who() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


def _now() -> str:
    """RFC 3339 with nanoseconds, trailing zeros trimmed (Go's ``RFC3339Nano``)."""
    now = datetime.datetime.now(datetime.UTC)
    fraction = f"{now.microsecond:06d}".rstrip("0")
    return now.strftime("%Y-%m-%dT%H:%M:%S") + (f".{fraction}" if fraction else "") + "Z"


@record(slots=True, frozen=False)
class LockInfo:
    """What a lock records about its holder, in Terraform's JSON field names."""

    operation: str = "OperationTypeInvalid"
    info: str = ""
    id: str = field(default_factory=new_lineage)
    who: str = field(default_factory=_who)
    version: str = TERRAFORM_COMPAT_VERSION
    created: str = field(default_factory=_now)
    path: str = ""

    def to_json(self) -> str:
        return json.dumps(
            {
                "ID": self.id,
                "Operation": self.operation,
                "Info": self.info,
                "Who": self.who,
                "Version": self.version,
                "Created": self.created,
                "Path": self.path,
            },
            separators=(",", ":"),
        )

    @staticmethod
    def from_json(text: str) -> LockInfo | None:
        try:
            data = json.loads(text)
            return LockInfo(
                operation=str(data.get("Operation", "")),
                info=str(data.get("Info", "")),
                id=str(data.get("ID", "")),
                who=str(data.get("Who", "")),
                version=str(data.get("Version", "")),
                created=str(data.get("Created", "")),
                path=str(data.get("Path", "")),
            )
        except (ValueError, AttributeError):
            return None

    def describe(self) -> str:
        """Terraform's "Lock Info:" block; times shown as Go prints them (``... +0000 UTC``)."""
        created = self.created
        if created.endswith("Z") and len(created) >= 20:
            try:
                stamp = datetime.datetime.strptime(created[:19], "%Y-%m-%dT%H:%M:%S")
                rest = created[19:-1]
                created = stamp.strftime("%Y-%m-%d %H:%M:%S") + rest + " +0000 UTC"
            except ValueError:
                pass
        return (
            f"Lock Info:\n  ID:        {self.id}\n  Path:      {self.path}\n  Operation: {self.operation}\n"
            f"  Who:       {self.who}\n  Version:   {self.version}\n  Created:   {created}\n  Info:      {self.info}\n"
        )


class LockError(Exception):
    """The lock is held by someone else (``holder`` when known)."""

    def __init__(self, message: str, holder: LockInfo | None = None) -> None:
        super().__init__(message)
        self.holder = holder


class Backend(Protocol):
    def workspaces(self) -> list[str]: ...

    def get_state(self, workspace: str) -> tuple[StateFile | None, Diagnostics]: ...

    def put_state(self, workspace: str, file: StateFile) -> Diagnostics: ...

    def delete_workspace(self, workspace: str, *, force: bool = False) -> Diagnostics: ...

    def lock(self, workspace: str, info: LockInfo) -> str: ...

    def unlock(self, workspace: str, lock_id: str) -> None: ...

    def open_journal(self, workspace: str, base: StateFile) -> Journal | None: ...
