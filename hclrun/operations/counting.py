"""Hooks that count completed changes for the apply summary and pass every call on."""

from __future__ import annotations

import threading

from hclrun.addrs import AbsResourceInstance
from hclrun.engine import Hooks
from hclrun.plans.actions import Action


class CountingHooks(Hooks):
    def __init__(self, inner: Hooks) -> None:
        self.inner = inner
        self.added = 0
        self.changed = 0
        self.destroyed = 0
        self.imported = 0
        self._lock = threading.Lock()

    def pre_refresh(self, addr: AbsResourceInstance) -> None:
        self.inner.pre_refresh(addr)

    def post_refresh(self, addr: AbsResourceInstance, id: str) -> None:
        self.inner.post_refresh(addr, id)

    def pre_apply(self, addr: AbsResourceInstance, action: Action) -> None:
        self.inner.pre_apply(addr, action)

    def post_apply(
        self, addr: AbsResourceInstance, action: Action, elapsed: float, id: str, error: str | None
    ) -> None:
        if error is None:
            with self._lock:
                if action is Action.CREATE:
                    self.added += 1
                elif action is Action.UPDATE:
                    self.changed += 1
                elif action is Action.DELETE:
                    self.destroyed += 1
                elif action in (Action.DELETE_THEN_CREATE, Action.CREATE_THEN_DELETE):
                    # The destroy half of a replacement reports itself as a separate DELETE.
                    self.added += 1
        self.inner.post_apply(addr, action, elapsed, id, error)

    def provisioner_output(self, addr: AbsResourceInstance, provisioner: str, line: str) -> None:
        self.inner.provisioner_output(addr, provisioner, line)

    def pre_provision(self, addr: AbsResourceInstance, provisioner: str) -> None:
        self.inner.pre_provision(addr, provisioner)

    def post_provision(self, addr: AbsResourceInstance, provisioner: str, failed: bool) -> None:
        self.inner.post_provision(addr, provisioner, failed)
