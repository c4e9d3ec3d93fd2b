"""``SyncState``: one state shared by the workers of a parallel apply.

Every change is applied under a lock and, when a journal is attached,
appended to it in the same order; the call returns only after the change is
durable (the fsync happens outside the state lock, so concurrent workers
share it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from hclrun.addrs import AbsProviderConfig, AbsResourceInstance
from hclrun.states.changes import Change, object_change, output_change
from hclrun.states.journal import Journal
from hclrun.states.model import OutputValue, ResourceInstanceState, State, new_deposed_key
from hclrun.states.objects import ResourceInstanceObject

T = TypeVar("T")


class SyncState:
    def __init__(self, state: State, journal: Journal | None = None) -> None:
        self._state = state
        self._lock = threading.RLock()
        self.journal = journal

    def _commit(self, mutate: Callable[[State], list[Change]]) -> None:
        with self._lock:
            changes = mutate(self._state)
            seq = self.journal.append(changes) if self.journal is not None and changes else 0
        if seq:
            assert self.journal is not None
            self.journal.sync(seq)

    # ---------------------------------------------------------------- changes

    def set_current(self, addr: AbsResourceInstance, obj: ResourceInstanceObject | None, provider: AbsProviderConfig) -> None:
        def mutate(state: State) -> list[Change]:
            state.set_current(addr, obj, provider)
            return [object_change(addr, "", obj, provider)]

        self._commit(mutate)

    def set_deposed(
        self, addr: AbsResourceInstance, key: str, obj: ResourceInstanceObject | None, provider: AbsProviderConfig
    ) -> None:
        def mutate(state: State) -> list[Change]:
            state.set_deposed(addr, key, obj, provider)
            return [object_change(addr, key, obj, provider)]

        self._commit(mutate)

    def depose_current(self, addr: AbsResourceInstance, provider: AbsProviderConfig) -> str | None:
        """Move the current object aside under a new deposed key (one durable change)."""
        result: list[str | None] = [None]

        def mutate(state: State) -> list[Change]:
            inst = state.resource_instance(addr)
            if inst is None or inst.current is None:
                return []
            obj = inst.current
            key = new_deposed_key()
            while key in inst.deposed:
                key = new_deposed_key()
            state.set_current(addr, None, provider)
            state.set_deposed(addr, key, obj, provider)
            result[0] = key
            return [object_change(addr, "", None, provider), object_change(addr, key, obj, provider)]

        self._commit(mutate)
        return result[0]

    def set_output(self, name: str, output: OutputValue | None) -> None:
        def mutate(state: State) -> list[Change]:
            state.set_output(name, output)
            return [output_change(name, output)]

        self._commit(mutate)

    # ---------------------------------------------------------------- reading

    def resource_instance(self, addr: AbsResourceInstance) -> ResourceInstanceState | None:
        with self._lock:
            inst = self._state.resource_instance(addr)
            return None if inst is None else ResourceInstanceState(inst.current, dict(inst.deposed))

    def read(self, fn: Callable[[State], T]) -> T:
        """Run ``fn`` on the state while no change can happen."""
        with self._lock:
            return fn(self._state)

    @contextmanager
    def locked(self) -> Iterator[State]:
        """Direct access to the state for bulk work (no journal records are made)."""
        with self._lock:
            yield self._state

    def snapshot(self) -> State:
        with self._lock:
            return self._state.deep_copy()
