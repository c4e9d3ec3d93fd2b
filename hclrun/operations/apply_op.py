"""``apply`` (and ``destroy``, ``refresh``): plan under the state lock (or read a
saved plan and refuse it when stale), let the caller review it, apply it
through the engine with every completed change journaled, and write the full
state once at the end (``errored.tfstate`` when that fails)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from hclrun.backends import StateSession, open_session
from hclrun.diagnostics import Diagnostics
from hclrun.engine import ApplyOptions, ProviderSet, apply
from hclrun.operations.counting import CountingHooks
from hclrun.operations.plan_op import (
    PlanRequest,
    PlanResult,
    fresh_state_file,
    load_for_plan,
    plan_in_session,
    release_session,
)
from hclrun.operations.snapshot import load_snapshot
from hclrun.operations.workdir import Configuration, ProviderSchemas, WorkingDir
from hclrun.plans.model import Plan
from hclrun.plans.planfile import read_plan_file, stale_plan_diagnostics
from hclrun.records import record
from hclrun.states import State
from hclrun.states.sync import SyncState


@dataclass
class ApplyRequest(PlanRequest):
    # A saved plan to apply instead of planning now.
    plan_file: str | None = None
    # Shown the plan before anything changes; returning False cancels (None approves).
    review: Callable[[PlanResult], bool] | None = None
    # Set to stop starting new changes (the first Ctrl-C); running ones finish.
    stop_event: threading.Event | None = None
    # Called once the plan is settled, right before the engine starts changing things,
    # with the state being written (to look up deposed objects as they appear).
    before_apply: Callable[[Plan, SyncState], None] | None = None


@record(frozen=False)
class ApplyResult:
    plan_result: PlanResult
    state: State | None = None
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    added: int = 0
    changed: int = 0
    destroyed: int = 0
    cancelled: bool = False
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.cancelled and not self.diagnostics.has_errors()

    @property
    def sources(self) -> dict[str, bytes]:
        return self.plan_result.sources

    @property
    def schemas(self) -> ProviderSchemas:
        return self.plan_result.schemas


def run_apply(wd: WorkingDir, request: ApplyRequest) -> ApplyResult:
    if request.plan_file:
        return _apply_saved(wd, request)
    diags = Diagnostics()
    config = load_for_plan(wd, request.mode, diags, "Apply")
    if not config.ok:
        return ApplyResult(PlanResult(None, diags, config.sources), diagnostics=diags)
    session, open_diags = _open(wd, request)
    diags.extend(open_diags)
    if session is None:
        return ApplyResult(PlanResult(None, diags, config.sources, configuration=config), diagnostics=diags)
    try:
        planned = plan_in_session(wd, session, config, request, diags)
        plan_result = PlanResult(planned, diags, config.sources, configuration=config)
        if planned is None:
            release_session(session, diags)
            return ApplyResult(plan_result, diagnostics=diags)
        if request.review is not None and not request.review(plan_result):
            release_session(session, diags)
            return ApplyResult(plan_result, diagnostics=diags, cancelled=True)
        return _apply_plan(session, planned, config, request, plan_result, diags)
    finally:
        if not session.finished:
            release_session(session, diags)


def _open(wd: WorkingDir, request: PlanRequest) -> tuple[StateSession | None, Diagnostics]:
    return open_session(
        wd.backend(),
        wd.workspace(),
        operation="OperationTypeApply",
        lock=request.lock,
        lock_timeout=request.lock_timeout,
        journal=True,
        working_dir=wd.path,
    )


def _apply_plan(
    session: StateSession,
    planned: Plan,
    config: Configuration,
    request: ApplyRequest,
    plan_result: PlanResult,
    diags: Diagnostics,
) -> ApplyResult:
    assert config.tree is not None
    hooks = CountingHooks(request.hooks)
    options = ApplyOptions(
        parallelism=request.parallelism,
        stop_event=request.stop_event,
        workspace=session.workspace,
        hooks=hooks,
    )
    providers = request.providers or ProviderSet()
    if request.before_apply is not None:
        request.before_apply(planned, session.sync)
    try:
        _, apply_diags = apply(planned, config.tree, session.sync, providers, options)
    finally:
        providers.stop_all()
    diags.extend(apply_diags)
    diags.extend(session.finish())
    return ApplyResult(
        plan_result,
        state=session.file.state,
        diagnostics=diags,
        added=hooks.added,
        changed=hooks.changed,
        destroyed=hooks.destroyed,
        applied=True,
    )


def _apply_saved(wd: WorkingDir, request: ApplyRequest) -> ApplyResult:
    diags = Diagnostics()
    path = request.plan_file or ""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as err:
        diags.error(f'Failed to load "{path}" as a plan file', f"Error: stat {path}: {(err.strerror or str(err)).lower()}")
        return ApplyResult(PlanResult(None, diags), diagnostics=diags)
    saved, read_diags = read_plan_file(data, path)
    diags.extend(read_diags)
    if saved is None:
        return ApplyResult(PlanResult(None, diags), diagnostics=diags)
    if saved.plan.errored:
        diags.error(
            "Cannot apply incomplete plan",
            "hclrun encountered an error when generating this plan, so it cannot be applied.",
        )
        return ApplyResult(PlanResult(None, diags), diagnostics=diags)
    config = load_snapshot(saved.config_files, wd.path)
    diags.extend(config.diagnostics)
    plan_result = PlanResult(saved.plan, diags, config.sources, configuration=config)
    if config.diagnostics.has_errors():
        return ApplyResult(plan_result, diagnostics=diags)
    session, open_diags = _open(wd, request)
    diags.extend(open_diags)
    if session is None:
        return ApplyResult(plan_result, diagnostics=diags)
    try:
        planned = saved.plan
        if not (fresh_state_file(session) and planned.state_serial == 0):
            stale = stale_plan_diagnostics(planned, session.file.lineage, session.file.serial)
            diags.extend(stale)
            if stale.has_errors():
                return ApplyResult(plan_result, diagnostics=diags)
        return _apply_plan(session, planned, config, request, plan_result, diags)
    finally:
        if not session.finished:
            release_session(session, diags)
