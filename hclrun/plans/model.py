"""The plan model: what a plan proposes to change and what it was made from.

A ``Plan`` holds one ``ResourceInstanceChange`` per resource instance object
the plan considered (no-ops included), an ``OutputChange`` per root output,
the drift refresh detected, the prior state (refreshed) and the state of the
previous run, the root variable values, the options it was made with, and
the lineage and serial of the state it was made against so that applying it
later can refuse a state that has moved on.

Values are ``Value`` trees of the resource's schema type: unknowns stand for
what is known only after apply, and the ``sensitive`` mark for what must not
be shown. A create's ``before`` and a delete's ``after`` are null: either a
null ``Value`` of the schema type or ``None``, which the formats treat alike.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from hclrun.addrs import AbsOutputValue, AbsProviderConfig, AbsResourceInstance, ModuleInstance, ResourceMode
from hclrun.addrs.keys import InstanceKey
from hclrun.plans.actions import Action, ActionReason, PlanMode
from hclrun.states import CheckResult, State
from hclrun.values.errors import PathStep
from hclrun.values.value import Value
from hclrun.version import TERRAFORM_COMPAT_VERSION

# A path into a value: attribute names (str), list indexes (int) and map keys
# (values.errors.MapKey, a str subclass), as Diagnostic.attribute_path has them.
Path = tuple[PathStep, ...]


@dataclass(frozen=True, slots=True)
class Importing:
    """The object a change imports: its import ID, or ``unknown`` when the ID is not known yet."""

    id: str = ""
    unknown: bool = False


@dataclass(slots=True)
class ResourceInstanceChange:
    addr: AbsResourceInstance
    provider: AbsProviderConfig
    action: Action
    before: Value | None
    after: Value | None
    # The address in the previous run's state, when a ``moved`` block changed it.
    prev_run_addr: AbsResourceInstance | None = None
    deposed: str = ""
    reason: ActionReason = ActionReason.NONE
    # Paths whose change forces replacement (the provider's requires_replace).
    replace_paths: tuple[Path, ...] = ()
    importing: Importing | None = None
    generated_config: str = ""
    private: bytes | None = None

    @property
    def module(self) -> ModuleInstance:
        return self.addr.module

    @property
    def mode(self) -> ResourceMode:
        return self.addr.resource.resource.mode

    @property
    def type(self) -> str:
        return self.addr.resource.resource.type

    @property
    def name(self) -> str:
        return self.addr.resource.resource.name

    @property
    def index(self) -> InstanceKey:
        return self.addr.resource.key

    @property
    def is_moved(self) -> bool:
        return self.prev_run_addr is not None and self.prev_run_addr != self.addr


@dataclass(slots=True)
class OutputChange:
    addr: AbsOutputValue
    action: Action
    before: Value | None
    after: Value | None
    sensitive: bool = False


@dataclass(frozen=True, slots=True)
class RelevantAttribute:
    """An attribute whose drift may have affected the plan."""

    resource: AbsResourceInstance
    path: Path


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0)


@dataclass
class Plan:
    mode: PlanMode = PlanMode.NORMAL
    changes: list[ResourceInstanceChange] = field(default_factory=list)
    output_changes: list[OutputChange] = field(default_factory=list)
    # Changes refresh found made outside of Terraform (Update or Delete; NoOp for moves).
    drift: list[ResourceInstanceChange] = field(default_factory=list)
    prior_state: State = field(default_factory=State)
    prev_run_state: State = field(default_factory=State)
    # Root module variable values, defaults applied.
    variables: dict[str, Value] = field(default_factory=dict)
    targets: tuple[str, ...] = ()
    force_replace: tuple[AbsResourceInstance, ...] = ()
    relevant_attributes: list[RelevantAttribute] = field(default_factory=list)
    check_results: tuple[CheckResult, ...] | None = None
    timestamp: _dt.datetime = field(default_factory=_now)
    applyable: bool = False
    complete: bool = True
    errored: bool = False
    # The state the plan was made against, to refuse applying it to another.
    state_lineage: str = ""
    state_serial: int = 0
    # The Terraform version recorded in the prior state file.
    prior_state_terraform_version: str = TERRAFORM_COMPAT_VERSION

    def resource_change(self, addr: AbsResourceInstance, deposed: str = "") -> ResourceInstanceChange | None:
        for change in self.changes:
            if change.addr == addr and change.deposed == deposed:
                return change
        return None

    def output_change(self, name: str) -> OutputChange | None:
        for change in self.output_changes:
            if change.addr.module.is_root and change.addr.name == name:
                return change
        return None

    @property
    def has_changes(self) -> bool:
        """Whether applying would do anything to resources or outputs (moves count)."""
        return any(c.action is not Action.NO_OP or c.is_moved for c in self.changes) or any(
            o.action is not Action.NO_OP for o in self.output_changes
        )


__all__ = [
    "Importing",
    "OutputChange",
    "Path",
    "Plan",
    "RelevantAttribute",
    "ResourceInstanceChange",
]
