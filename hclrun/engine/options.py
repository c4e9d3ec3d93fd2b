"""Options for the walks and the hooks through which they report progress."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from hclrun.addrs import AbsResourceInstance
from hclrun.graph import DEFAULT_PARALLELISM
from hclrun.plans.actions import Action, PlanMode
from hclrun.source import Range
from hclrun.values.value import Value


class Hooks:
    """Progress callbacks; the defaults do nothing. Calls may come from worker threads."""

    def pre_refresh(self, addr: AbsResourceInstance) -> None:
        pass

    def post_refresh(self, addr: AbsResourceInstance, id: str) -> None:
        pass

    def pre_apply(self, addr: AbsResourceInstance, action: Action) -> None:
        pass

    def post_apply(
        self, addr: AbsResourceInstance, action: Action, elapsed: float, id: str, error: str | None
    ) -> None:
        pass

    def provisioner_output(self, addr: AbsResourceInstance, provisioner: str, line: str) -> None:
        pass

    def pre_provision(self, addr: AbsResourceInstance, provisioner: str) -> None:
        pass

    def post_provision(self, addr: AbsResourceInstance, provisioner: str, failed: bool) -> None:
        pass


@dataclass
class PlanOptions:
    mode: PlanMode = PlanMode.NORMAL
    refresh: bool = True
    # Resource or module addresses as written on the command line (-target / -replace).
    targets: tuple[str, ...] = ()
    replace: tuple[str, ...] = ()
    workspace: str = "default"
    hooks: Hooks = field(default_factory=Hooks)
    # Where root variables' values were written (a variables file's expression), to point
    # at when a validation rule checked during the walk fails; others point at the declaration.
    variable_subjects: Mapping[str, Range] = field(default_factory=dict)


@dataclass
class ApplyOptions:
    parallelism: int = DEFAULT_PARALLELISM
    stop_event: threading.Event | None = None
    workspace: str = "default"
    hooks: Hooks = field(default_factory=Hooks)
    # Environment added for local-exec provisioners.
    environment: Mapping[str, str] = field(default_factory=dict)


def value_id(value: Value | None) -> str:
    """The ``id`` attribute of an object value, when it has a known string one."""
    if value is None or not isinstance(value.raw, dict):
        return ""
    found = value.raw.get("id")
    if found is None:
        return ""
    plain, _ = found.unmark()
    return plain.raw if isinstance(plain.raw, str) else ""
