"""The backend protocol: where states live and how they are locked.

A backend stores one state per workspace. ``get_state`` returns the stored
state file (``None`` when there is none yet); ``put_state`` replaces it;
``lock`` takes the workspace's lock and returns its ID, raising
``LockError`` (carrying the holder's ``LockInfo``) when someone else holds
it; ``unlock`` releases it. ``open_journal`` starts the change journal for a
command that will write the state (see ``states.journal``).
"""

from __future__ import annotations

import datetime
import getpass
import json
import socket
from dataclasses import dataclass, field
from typing import Protocol

from hclrun.diagnostics import Diagnostics
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
    now = datetime.datetime.now(datetime.UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond:06d}000Z"


@dataclass(slots=True)
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
        created = self.created
        try:
            stamp = datetime.datetime.fromisoformat(created.replace("Z", "+00:00")[:26] + "+00:00")
            fraction = created.rsplit(".", 1)[1].rstrip("Z") if "." in created else ""
            created = stamp.strftime("%Y-%m-%d %H:%M:%S") + (f".{fraction}" if fraction else "") + " +0000 UTC"
        except (ValueError, IndexError):
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
