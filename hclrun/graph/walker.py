"""Walking a dependency graph: each node is visited once all of its dependencies succeeded.

``walk`` runs ``visit(node)`` for every node of an acyclic graph, at most
``parallelism`` at a time, each as soon as its last dependency has
finished. A node whose dependency failed (or was itself skipped) is
skipped, and independent work carries on. Setting ``stop_event`` (what
Ctrl-C does during apply) starts nothing new: running visits finish and
the rest are reported as not started.

A visit returns None or an iterable of diagnostics; it fails when one of them
is an error or when it raises. Scheduling costs O(1) per edge plus a heap
operation per node; workers sleep on a condition variable and are woken
only when there is work, so there is no polling and no sleeping.

With ``parallelism=1`` the walk runs in the calling thread in topological
order, ties broken by ``key``: reproducible, for plan and validate. With
more workers, ready nodes still start smallest-key first.
"""

from __future__ import annotations

import heapq
import threading
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

from hclrun.diagnostics import Diagnostic
from hclrun.graph.dag import Graph, SortKey
from hclrun.graph.outcome import Outcome, Status, WalkEvent, WalkResult

N = TypeVar("N", bound=Hashable)

Visit = Callable[[N], Iterable[Diagnostic] | None]
EventHook = Callable[[WalkEvent[N]], None]

DEFAULT_PARALLELISM = 10


def walk(
    graph: Graph[N],
    visit: Visit[N],
    *,
    parallelism: int = DEFAULT_PARALLELISM,
    stop_event: threading.Event | None = None,
    on_event: EventHook[N] | None = None,
    key: SortKey = str,
) -> WalkResult[N]:
    """Visit every node of ``graph`` after its dependencies; see the module docstring.

    ``on_event`` is told when a visit starts and when any node gets its
    outcome; calls are serialised, a node's outcome is reported before any
    of its dependents starts, and they may come from worker threads.
    Raises CycleError for a cyclic graph and ValueError for ``parallelism < 1``.
    An exception that is not an ``Exception`` (SystemExit, KeyboardInterrupt)
    stops the walk like ``stop_event`` and is re-raised once running visits end.
    """
    if parallelism < 1:
        raise ValueError(f"parallelism must be at least 1, not {parallelism}")
    order = graph.topological_order(key)
    if parallelism == 1:
        return _walk_in_order(graph, order, visit, stop_event, on_event)
    return _ParallelWalk(graph, order, visit, parallelism, stop_event, on_event).run()


def run_visit(visit: Visit[N], node: N) -> Outcome[N]:
    """Call ``visit`` and turn what it returned or raised into an outcome (BaseException propagates)."""
    try:
        returned = visit(node)
    except Exception as error:
        return Outcome(Status.FAILED, error=error)
    diagnostics = tuple(returned) if returned is not None else ()
    failed = any(d.is_error for d in diagnostics)
    return Outcome(Status.FAILED if failed else Status.OK, diagnostics=diagnostics)


def unvisited_outcome(graph: Graph[N], node: N, outcomes: dict[N, Outcome[N]]) -> Outcome[N]:
    """The outcome of a node that never ran: skipped if a dependency failed or was skipped, else not started."""
    blockers: dict[N, None] = {}
    for dep in graph.dependencies(node):
        outcome = outcomes[dep]
        if outcome.status is Status.FAILED:
            blockers[dep] = None
        elif outcome.status is Status.SKIPPED:
            blockers.update(dict.fromkeys(outcome.blocked_by))
    if blockers:
        return Outcome(Status.SKIPPED, blocked_by=tuple(blockers))
    return Outcome(Status.NOT_STARTED)


def _walk_in_order(
    graph: Graph[N],
    order: list[N],
    visit: Visit[N],
    stop_event: threading.Event | None,
    on_event: EventHook[N] | None,
) -> WalkResult[N]:
    result: WalkResult[N] = WalkResult()
    outcomes = result.outcomes
    for node in order:
        runnable = all(outcomes[dep].status is Status.OK for dep in graph.dependencies(node))
        if runnable and not (stop_event is not None and stop_event.is_set()):
            if on_event is not None:
                on_event(WalkEvent(node))
            outcome = run_visit(visit, node)
            result.finished_order.append(node)
        else:
            outcome = unvisited_outcome(graph, node, outcomes)
        outcomes[node] = outcome
        if on_event is not None:
            on_event(WalkEvent(node, outcome))
    result.interrupted = any(o.status is Status.NOT_STARTED for o in outcomes.values())
    return result


class _ParallelWalk(Generic[N]):
    """Worker threads sharing one lock: a heap of ready nodes (by topological position) and counters.

    Nodes are numbered by their topological position. A worker that finishes
    a node settles it (decrementing its dependents' waiting counts, queueing
    those that became ready, cascading skips) and takes the next ready node
    in the same critical section; it wakes one sleeping worker whenever it
    leaves more ready work behind, and all of them when the walk is over.
    """

    def __init__(
        self,
        graph: Graph[N],
        order: list[N],
        visit: Visit[N],
        parallelism: int,
        stop_event: threading.Event | None,
        on_event: EventHook[N] | None,
    ) -> None:
        self.graph = graph
        self.nodes = order
        position = {node: i for i, node in enumerate(order)}
        self.dependents = [[position[d] for d in graph.dependents(node)] for node in order]
        self.waiting = [len(graph.dependencies(node)) for node in order]
        self.blocked = [False] * len(order)  # some dependency did not succeed
        self.ready = [i for i, count in enumerate(self.waiting) if count == 0]
        self.visit = visit
        self.workers = min(parallelism, len(order))
        self.stop_event = stop_event
        self.on_event = on_event
        self.event_lock = threading.Lock()
        self.condition = threading.Condition(threading.Lock())
        self.running = 0
        self.aborted = False
        self.fatal: BaseException | None = None
        self.result: WalkResult[N] = WalkResult()

    def run(self) -> WalkResult[N]:
        threads = [
            threading.Thread(target=self._work, name=f"graph-walk-{i}", daemon=True) for i in range(self.workers)
        ]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        except BaseException:
            # Interrupted while starting or waiting (Ctrl-C without a handler): start
            # nothing new, let running visits finish, then let the interruption through.
            with self.condition:
                self.aborted = True
                self.condition.notify_all()
            for thread in threads:
                if thread.ident is not None:  # it has begun running (it may not have finished starting)
                    thread.join()
            raise
        self._settle_unvisited()
        if self.fatal is not None:
            raise self.fatal
        return self.result

    def _stopping(self) -> bool:
        return self.aborted or (self.stop_event is not None and self.stop_event.is_set())

    def _take(self) -> int | None:
        """The next node to visit, waiting while others run; None when this worker should exit. Lock held."""
        condition = self.condition
        while True:
            if self._stopping() or (not self.ready and self.running == 0):
                condition.notify_all()
                return None
            if self.ready:
                self.running += 1
                index = heapq.heappop(self.ready)
                if self.ready:
                    condition.notify()
                return index
            condition.wait()

    def _work(self) -> None:
        with self.condition:
            index = self._take()
        while index is not None:
            node = self.nodes[index]
            self._emit(WalkEvent(node))
            try:
                outcome = run_visit(self.visit, node)
            except BaseException as fatal:
                outcome = Outcome(Status.FAILED, error=fatal)
                with self.condition:
                    self.aborted = True
                    if self.fatal is None:
                        self.fatal = fatal
            self._emit(WalkEvent(node, outcome))
            with self.condition:
                skipped = self._settle(index, outcome)
                self.running -= 1
                index = self._take()
            for event in skipped:
                self._emit(event)

    def _settle(self, index: int, outcome: Outcome[N]) -> list[WalkEvent[N]]:
        """Record a finished visit and release its dependents; returns the skip events it caused. Lock held.

        A dependent whose dependencies are all decided is queued if they all
        succeeded, and otherwise skipped at once, which cascades further.
        """
        result, nodes = self.result, self.nodes
        waiting, blocked, ready = self.waiting, self.blocked, self.ready
        result.finished_order.append(nodes[index])
        events: list[WalkEvent[N]] = []
        decided = [(index, outcome)]
        while decided:
            current, current_outcome = decided.pop()
            result.outcomes[nodes[current]] = current_outcome
            if current != index:
                events.append(WalkEvent(nodes[current], current_outcome))
            failed = current_outcome.status is not Status.OK
            for dependent in self.dependents[current]:
                if failed:
                    blocked[dependent] = True
                left = waiting[dependent] - 1
                waiting[dependent] = left
                if left:
                    continue
                if blocked[dependent]:
                    skip = unvisited_outcome(self.graph, nodes[dependent], result.outcomes)
                    decided.append((dependent, skip))
                else:
                    heapq.heappush(ready, dependent)
        return events

    def _settle_unvisited(self) -> None:
        """After the workers are gone: every node without an outcome is skipped or not started."""
        outcomes = self.result.outcomes
        for node in self.nodes:
            if node not in outcomes:
                outcome = unvisited_outcome(self.graph, node, outcomes)
                outcomes[node] = outcome
                self._emit(WalkEvent(node, outcome))
        self.result.outcomes = {node: outcomes[node] for node in self.nodes}  # topological order, as in-order walks
        self.result.interrupted = any(o.status is Status.NOT_STARTED for o in outcomes.values())

    def _emit(self, event: WalkEvent[N]) -> None:
        """Report progress; a failing hook stops the walk like a fatal visit. Never called with the lock held."""
        if self.on_event is None:
            return
        try:
            with self.event_lock:
                self.on_event(event)
        except BaseException as error:
            with self.condition:
                self.aborted = True
                if self.fatal is None:
                    self.fatal = error
