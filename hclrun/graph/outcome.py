"""What a graph walk did with each node: outcomes, progress events and the walk's result."""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable
from dataclasses import field
from typing import Generic, TypeVar

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.records import record

N = TypeVar("N", bound=Hashable)


class Status(enum.Enum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"  # a dependency failed or was skipped, so this node never ran
    NOT_STARTED = "not started"  # the walk was interrupted before this node could start


@record
class Outcome(Generic[N]):
    """The fate of one node.

    ``diagnostics`` are what the visit returned (warnings too, for OK
    nodes); ``error`` is the exception the visit raised. ``blocked_by`` names
    the failed nodes that caused a skip: the root causes, not the skipped
    nodes in between.
    """

    status: Status
    diagnostics: tuple[Diagnostic, ...] = ()
    error: BaseException | None = None
    blocked_by: tuple[N, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status is Status.OK


@record
class WalkEvent(Generic[N]):
    """A progress report: ``outcome`` is None when the visit of ``node`` is starting."""

    node: N
    outcome: Outcome[N] | None = None


@record(frozen=False)
class WalkResult(Generic[N]):
    """Per-node outcomes of a walk (in topological order), plus the order in which visits finished."""

    outcomes: dict[N, Outcome[N]] = field(default_factory=dict)
    finished_order: list[N] = field(default_factory=list)
    interrupted: bool = False

    def nodes_with(self, status: Status) -> list[N]:
        return [node for node, outcome in self.outcomes.items() if outcome.status is status]

    @property
    def ok(self) -> bool:
        """True when every node was visited successfully."""
        return all(outcome.status is Status.OK for outcome in self.outcomes.values())

    def diagnostics(self, order: Iterable[N] | None = None) -> Diagnostics:
        """Every visit's diagnostics, node by node in ``order`` (default: the order visits finished).

        Pass a topological order for a reproducible listing after a parallel walk.
        """
        result = Diagnostics()
        for node in self.finished_order if order is None else order:
            outcome = self.outcomes.get(node)
            if outcome is not None:
                result.extend(outcome.diagnostics)
        return result
