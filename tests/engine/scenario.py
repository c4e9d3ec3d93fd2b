"""Running a recorded scenario through the engine: load a stage, plan against a state, apply."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hclrun.config.tree import ModuleNode, load_tree
from hclrun.engine import ApplyOptions, PlanOptions, ProviderSet, apply, plan
from hclrun.plans.actions import PlanMode
from hclrun.plans.model import Plan
from hclrun.states import State, read_state_file
from hclrun.states.sync import SyncState
from hclrun.values.value import Value


@contextmanager
def chdir(path: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def load_stage(directory: Path) -> ModuleNode:
    with chdir(directory):
        tree, diags = load_tree(".")
    assert not diags.has_errors(), [d.summary for d in diags]
    return tree


def read_state(path: Path) -> State:
    file, diags = read_state_file(path.read_text(), str(path))
    assert file is not None, [d.summary for d in diags]
    return file.state


def plan_options(args: list[str]) -> tuple[PlanOptions, dict[str, Value]]:
    options = PlanOptions()
    variables: dict[str, Value] = {}
    pending_var = False
    for arg in args:
        if pending_var:
            name, _, text = arg.partition("=")
            variables[name] = Value.string(text)
            pending_var = False
        elif arg == "-var":
            pending_var = True
        elif arg == "-destroy":
            options.mode = PlanMode.DESTROY
        elif arg == "-refresh-only":
            options.mode = PlanMode.REFRESH_ONLY
        elif arg.startswith("-replace="):
            options.replace += (arg.split("=", 1)[1],)
        elif arg.startswith("-target="):
            options.targets += (arg.split("=", 1)[1],)
        elif arg == "-refresh=false":
            options.refresh = False
    return options, variables


def run_plan(
    stage: Path,
    state: State,
    options: PlanOptions | None = None,
    variables: Mapping[str, Value] | None = None,
    providers: ProviderSet | None = None,
) -> tuple[ModuleNode, Plan, Any]:
    tree = load_stage(stage)
    with chdir(stage):
        result, diags = plan(tree, state, variables or {}, providers or ProviderSet(), options or PlanOptions())
    return tree, result, diags


def run_apply(
    stage: Path,
    tree: ModuleNode,
    result: Plan,
    state: State,
    providers: ProviderSet | None = None,
    options: ApplyOptions | None = None,
) -> tuple[State, Any, SyncState]:
    sync = SyncState(state.deep_copy())
    with chdir(stage):
        new_state, diags = apply(result, tree, sync, providers or ProviderSet(), options or ApplyOptions())
    return new_state, diags, sync


def change_rows(result: Plan) -> list[tuple[str, list[str], str, str]]:
    return sorted(
        (
            str(c.addr) + (f" (deposed {c.deposed})" if c.deposed else ""),
            c.action.json_actions,
            c.reason.value,
            str(c.prev_run_addr) if c.prev_run_addr is not None else "",
        )
        for c in result.changes
    )
