"""The walker: dependency order, failures and skips, parallelism, events and interruption."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hclrun.diagnostics import Diagnostic
from hclrun.graph import CycleError, Graph, Status, WalkEvent, WalkResult, walk
from tests.graph.graphs import build, dags

ERROR = Diagnostic.error("Broken", "It broke.")
WARNING = Diagnostic.warning("Careful", "Mind this.")


def scripted(behaviour: dict[str, str]) -> Callable[[str], Iterable[Diagnostic] | None]:
    """A visit that does what ``behaviour`` says per node: "error", "warning", "raise" or (default) nothing."""

    def visit(node: str) -> Iterable[Diagnostic] | None:
        action = behaviour.get(node)
        if action == "raise":
            raise RuntimeError(f"boom in {node}")
        if action == "error":
            return [WARNING, ERROR]
        if action == "warning":
            return iter([WARNING])  # any iterable will do
        return None

    return visit


OUTCOMES = [
    # (name, graph spec, behaviour, expected {node: status or (SKIPPED, blocked_by)})
    ("all succeed", "c>b>a", {}, {"a": Status.OK, "b": Status.OK, "c": Status.OK}),
    (
        "failure skips dependents only",
        "d>b>a d>c>a e",
        {"b": "error"},
        {"a": Status.OK, "b": Status.FAILED, "c": Status.OK, "d": (Status.SKIPPED, ("b",)), "e": Status.OK},
    ),
    (
        "exception is a failure",
        "b>a",
        {"a": "raise"},
        {"a": Status.FAILED, "b": (Status.SKIPPED, ("a",))},
    ),
    ("warnings alone succeed", "b>a", {"a": "warning"}, {"a": Status.OK, "b": Status.OK}),
    (
        "skips name the root cause",
        "d>c>b>a",
        {"b": "error"},
        {"a": Status.OK, "b": Status.FAILED, "c": (Status.SKIPPED, ("b",)), "d": (Status.SKIPPED, ("b",))},
    ),
    (
        "several failed dependencies",
        "z>x z>y w>z",
        {"x": "error", "y": "raise"},
        {
            "x": Status.FAILED,
            "y": Status.FAILED,
            "z": (Status.SKIPPED, ("x", "y")),
            "w": (Status.SKIPPED, ("x", "y")),
        },
    ),
    (
        "failed and succeeded dependencies",
        "z>x z>y",
        {"y": "error"},
        {"x": Status.OK, "y": Status.FAILED, "z": (Status.SKIPPED, ("y",))},
    ),
    ("empty graph", "", {}, {}),
]


def statuses(result: WalkResult[str]) -> dict[str, object]:
    return {
        node: (o.status, o.blocked_by) if o.status is Status.SKIPPED else o.status
        for node, o in result.outcomes.items()
    }


@pytest.mark.parametrize("parallelism", [1, 4])
@pytest.mark.parametrize(("name", "spec", "behaviour", "expected"), OUTCOMES, ids=[r[0] for r in OUTCOMES])
def test_outcomes(name: str, spec: str, behaviour: dict[str, str], expected: dict[str, object], parallelism: int) -> None:
    result = walk(build(spec), scripted(behaviour), parallelism=parallelism)
    assert statuses(result) == expected
    assert not result.interrupted
    assert result.ok == all(s is Status.OK for s in expected.values())
    assert sorted(result.finished_order) == sorted(n for n, s in expected.items() if not isinstance(s, tuple))


def test_outcome_details() -> None:
    result = walk(build("c>b>a d"), scripted({"a": "warning", "b": "error", "d": "raise"}), parallelism=1)
    assert result.outcomes["a"].diagnostics == (WARNING,)
    assert result.outcomes["b"].diagnostics == (WARNING, ERROR) and result.outcomes["b"].error is None
    error = result.outcomes["d"].error
    assert isinstance(error, RuntimeError) and str(error) == "boom in d"
    assert result.nodes_with(Status.FAILED) == ["b", "d"]
    assert result.diagnostics() == [WARNING, WARNING, ERROR]
    assert result.diagnostics(order=["b", "a", "c"]) == [WARNING, ERROR, WARNING]


def test_sequential_walk_is_in_topological_order() -> None:
    graph = build("z>m a>m q b>q")
    seen: list[str] = []
    walk(graph, seen.append, parallelism=1)
    assert seen == graph.topological_order() == ["m", "a", "q", "b", "z"]


def test_sequential_walk_runs_in_the_calling_thread() -> None:
    threads: set[int] = set()
    walk(build("b>a c"), lambda node: threads.add(threading.get_ident()), parallelism=1)
    assert threads == {threading.get_ident()}


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="parallelism"):
        walk(build("a"), scripted({}), parallelism=0)
    with pytest.raises(CycleError):
        walk(build("a>b>a"), scripted({}))


@pytest.mark.parametrize("parallelism", [1, 3])
def test_events(parallelism: int) -> None:
    events: list[WalkEvent[str]] = []
    walk(build("d>b>a d>c>a e>b"), scripted({"c": "error"}), parallelism=parallelism, on_event=events.append)
    starts = [e.node for e in events if e.outcome is None]
    finishes = {e.node: i for i, e in enumerate(events) if e.outcome is not None}
    assert sorted(starts) == ["a", "b", "c", "e"]
    assert sorted(finishes) == ["a", "b", "c", "d", "e"]  # one outcome event per node, skipped ones too
    skip = events[finishes["d"]].outcome
    assert skip is not None and skip.status is Status.SKIPPED
    for node in starts:
        start = next(i for i, e in enumerate(events) if e.node == node and e.outcome is None)
        assert start < finishes[node]
        for dep in build("d>b>a d>c>a e>b").dependencies(node):
            assert finishes[dep] < start  # a dependency's outcome is reported before its dependent starts


# -- properties over random graphs ----------------------------------------------------------------


class Recorder:
    """A visit that checks ordering and concurrency as it goes and fails the chosen nodes."""

    def __init__(self, graph: Graph[int], failing: set[int]) -> None:
        self.graph = graph
        self.failing = failing
        self.lock = threading.Lock()
        self.finished: set[int] = set()
        self.visits: list[int] = []
        self.running = 0
        self.peak = 0
        self.problems: list[str] = []

    def __call__(self, node: int) -> list[Diagnostic] | None:
        with self.lock:
            self.visits.append(node)
            self.running += 1
            self.peak = max(self.peak, self.running)
            missing = set(self.graph.dependencies(node)) - self.finished
            if missing:
                self.problems.append(f"{node} started before {missing}")
        with self.lock:
            self.running -= 1
            self.finished.add(node)
        return [ERROR] if node in self.failing else None


@settings(deadline=None, max_examples=150)
@given(dags(max_nodes=25), st.integers(1, 5), st.data())
def test_walk_properties(graph: Graph[int], parallelism: int, data: st.DataObject) -> None:
    failing = data.draw(st.sets(st.sampled_from(sorted(graph)))) if len(graph) else set()
    recorder = Recorder(graph, failing)
    result = walk(graph, recorder, parallelism=parallelism)
    assert recorder.problems == []
    assert len(recorder.visits) == len(set(recorder.visits))  # nobody visited twice
    assert recorder.peak <= parallelism
    assert set(result.outcomes) == set(graph)
    failed = set(result.nodes_with(Status.FAILED))
    assert failed == failing & set(recorder.visits)
    expected_skips = set().union(*(graph.descendants(n) for n in failed)) if failed else set()
    assert set(result.nodes_with(Status.SKIPPED)) == expected_skips
    assert set(recorder.visits) == set(graph) - expected_skips
    for node in expected_skips:
        assert set(result.outcomes[node].blocked_by) == graph.ancestors(node) & failed
    assert result.nodes_with(Status.NOT_STARTED) == [] and not result.interrupted


@settings(deadline=None, max_examples=50)
@given(dags(max_nodes=25), st.sets(st.integers(0, 24)))
def test_sequential_and_parallel_agree(graph: Graph[int], failing: set[int]) -> None:
    sequential = walk(graph, Recorder(graph, failing), parallelism=1)
    parallel = walk(graph, Recorder(graph, failing), parallelism=4)
    assert sequential.outcomes.keys() == parallel.outcomes.keys()
    for node, outcome in sequential.outcomes.items():
        assert (outcome.status, outcome.blocked_by) == (parallel.outcomes[node].status, parallel.outcomes[node].blocked_by)


def test_parallelism_is_reached() -> None:
    """Independent nodes really run at the same time: four visits meet at a barrier."""
    barrier = threading.Barrier(4, timeout=10)

    def visit(node: int) -> None:
        barrier.wait()

    result = walk(Graph(range(8)), visit, parallelism=4)
    assert result.ok


# -- interruption ---------------------------------------------------------------------------------


def test_stop_before_the_walk_starts_nothing() -> None:
    stop = threading.Event()
    stop.set()
    calls: list[str] = []
    for parallelism in (1, 4):
        result = walk(build("b>a c"), calls.append, parallelism=parallelism, stop_event=stop)
        assert calls == []
        assert set(result.nodes_with(Status.NOT_STARTED)) == {"a", "b", "c"} and result.interrupted


@pytest.mark.parametrize("parallelism", [1, 4])
def test_stop_during_a_visit_lets_it_finish(parallelism: int) -> None:
    stop = threading.Event()

    def visit(node: str) -> None:
        if node == "a":
            stop.set()  # Ctrl-C arrives while "a" is being applied

    result = walk(build("c>b>a"), visit, parallelism=parallelism, stop_event=stop)
    assert statuses(result) == {"a": Status.OK, "b": Status.NOT_STARTED, "c": Status.NOT_STARTED}
    assert result.finished_order == ["a"] and result.interrupted


def test_stop_with_a_failure_reports_skips_and_not_started() -> None:
    stop = threading.Event()

    def visit(node: str) -> list[Diagnostic] | None:
        if node == "f":
            stop.set()
            return [ERROR]
        return None

    # d depends on a failed node and on a node that never started: it is skipped because of the failure.
    result = walk(build("d>f d>n e>n"), visit, parallelism=1, stop_event=stop)
    assert statuses(result) == {
        "d": (Status.SKIPPED, ("f",)),
        "f": Status.FAILED,
        "n": Status.NOT_STARTED,
        "e": Status.NOT_STARTED,
    }


def test_interrupting_a_parallel_walk_from_another_thread() -> None:
    """Running visits finish, nothing new starts, the rest is reported as not started."""
    graph: Graph[int] = Graph(range(20))
    for i in range(10, 20):
        graph.add_edge(i, i - 10)
    stop = threading.Event()
    release = threading.Event()
    started = threading.Semaphore(0)
    visited: list[int] = []
    lock = threading.Lock()

    def visit(node: int) -> None:
        with lock:
            visited.append(node)
        started.release()
        assert release.wait(timeout=10)

    results: list[WalkResult[int]] = []
    walker = threading.Thread(target=lambda: results.append(walk(graph, visit, parallelism=3, stop_event=stop)))
    walker.start()
    for _ in range(3):
        assert started.acquire(timeout=10)  # three visits are running
    stop.set()
    release.set()
    walker.join(timeout=10)
    assert not walker.is_alive()
    result = results[0]
    assert sorted(visited) == sorted(result.nodes_with(Status.OK))
    assert len(visited) == 3
    assert set(result.nodes_with(Status.NOT_STARTED)) == set(graph) - set(visited)
    assert result.interrupted


def test_a_fatal_exception_stops_the_walk_and_is_raised_after_running_visits() -> None:
    barrier = threading.Barrier(2, timeout=10)
    finished: list[int] = []

    def visit(node: int) -> None:
        if node in (0, 1):
            barrier.wait()  # both are running
            if node == 0:
                raise SystemExit(3)
            finished.append(node)

    with pytest.raises(SystemExit):
        walk(Graph(range(10)), visit, parallelism=2, key=int)
    assert finished == [1]


def test_ctrl_c_while_waiting_lets_running_visits_finish_then_raises() -> None:
    """Without a handler setting ``stop_event``, Ctrl-C still never abandons a running visit."""
    finished: list[int] = []
    started: list[int] = []

    def visit(node: int) -> None:
        started.append(node)
        if node == 0:
            os.kill(os.getpid(), signal.SIGINT)  # delivered to the main thread, waiting in walk()
            time.sleep(0.3)
        finished.append(node)

    graph: Graph[int] = Graph(edges=[(1, 0), (2, 1)])
    with pytest.raises(KeyboardInterrupt):
        walk(graph, visit, parallelism=2, key=int)
    assert started == [0] and finished == [0]


@pytest.mark.parametrize("parallelism", [1, 4])
def test_outcomes_are_listed_in_topological_order(parallelism: int) -> None:
    graph = build("d>b>a d>c>a e>c")
    result = walk(graph, scripted({"c": "error"}), parallelism=parallelism)
    assert list(result.outcomes) == graph.topological_order()


@pytest.mark.parametrize("parallelism", [1, 3])
def test_a_failing_event_hook_is_raised_without_hanging(parallelism: int) -> None:
    def hook(event: WalkEvent[str]) -> None:
        if event.node == "b" and event.outcome is not None:
            raise LookupError("hook broke")

    visited: list[str] = []
    with pytest.raises(LookupError, match="hook broke"):
        walk(build("c>b>a d"), visited.append, parallelism=parallelism, on_event=hook)
    assert "c" not in visited
