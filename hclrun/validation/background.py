"""Checking a loaded module tree in a forked copy of the process while this one goes on planning.

``plan`` must report exactly what ``validate`` reports before anything else,
and plan nothing when the configuration is invalid. Checking takes a good
part of a plan's time, and the plan itself does not need its result, only
its verdict: so the check runs beside the plan, and the plan's outcome is
kept only if the check finds no errors. That is safe only when planning has
no effect outside this process until the verdict is in: no data source is
read (a data source may run programs or call services) and only built-in
providers, whose planning is pure computation, are involved. Whatever the
plan reports while it runs waits for the verdict (see :class:`GatedHooks`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from hclrun.config.model import Module
from hclrun.config.tree import ModuleNode
from hclrun.diagnostics import Diagnostics
from hclrun.engine.options import Hooks
from hclrun.forked import Forked, fork_call
from hclrun.validation.provider_schemas import builtin_schema, provider_source
from hclrun.validation.run import check_tree

# Below this much configuration source, a second process costs more than the check it takes over.
MIN_BACKGROUND_BYTES = 32_000


class BackgroundCheck:
    """``check_tree`` running in a forked copy; :meth:`diagnostics` waits for its result."""

    def __init__(self, copy: Forked[list[Any]], tree: ModuleNode, diags: Diagnostics, root: str) -> None:
        self._copy = copy
        self._tree = tree
        self._load_diags = Diagnostics(diags)
        self._root = root
        self._found: Diagnostics | None = None
        self._lock = threading.Lock()

    def diagnostics(self) -> Diagnostics:
        """What ``check_tree`` reports: the loading problems, then the checks' (done here if the copy failed)."""
        with self._lock:
            if self._found is None:
                added = self._copy.result()
                if added is None:
                    self._found = check_tree(self._tree, Diagnostics(self._load_diags), self._root).diagnostics
                else:
                    self._found = Diagnostics([*self._load_diags, *added])
            return self._found

    def cancel(self) -> None:
        self._copy.cancel()


def check_in_background(tree: ModuleNode, diags: Diagnostics, root: str) -> BackgroundCheck | None:
    """The check of ``tree`` started in a forked copy; None when that is not safe or not worth it
    (the caller then checks the tree itself)."""
    if diags.has_errors() or not planning_is_pure(tree) or _source_size(tree) < MIN_BACKGROUND_BYTES:
        return None
    loaded = len(diags)

    def check() -> list[Any]:
        return list(check_tree(tree, Diagnostics(diags), root).diagnostics[loaded:])

    copy = fork_call(check)
    return None if copy is None else BackgroundCheck(copy, tree, diags, root)


def planning_is_pure(tree: ModuleNode) -> bool:
    """No data source anywhere and only built-in providers: planning touches nothing outside the process."""
    for node in tree.walk():
        module = node.module
        if any(check.data for check in module.checks.values()):
            return False
        if not all(_builtin(module, name) for name in module.providers):
            return False
        for resource in module.resources.values():
            if resource.mode != "managed" or not _builtin(module, resource.provider_local_name):
                return False
    return True


def _builtin(module: Module, name: str) -> bool:
    return builtin_schema(provider_source(module, name.split(".")[0])) is not None


def _source_size(tree: ModuleNode) -> int:
    return sum(len(source) for node in tree.walk() for source in node.module.sources.values())


class GatedHooks(Hooks):
    """Progress reports held back until ``verdict`` says the configuration is valid, and dropped
    if it is not (the plan is then discarded). The verdict is asked for once, on the first report."""

    def __init__(self, inner: Hooks, verdict: Callable[[], bool]) -> None:
        self._inner = inner
        self._verdict = verdict
        self._open: bool | None = None
        self._lock = threading.Lock()

    def _passes(self) -> bool:
        with self._lock:
            if self._open is None:
                self._open = self._verdict()
            return self._open


def _gated(name: str) -> Callable[..., None]:
    def report(self: GatedHooks, *args: Any) -> None:
        if self._passes():
            getattr(self._inner, name)(*args)

    report.__name__ = name
    return report


for _name in [n for n, v in vars(Hooks).items() if callable(v) and not n.startswith("_")]:
    setattr(GatedHooks, _name, _gated(_name))
