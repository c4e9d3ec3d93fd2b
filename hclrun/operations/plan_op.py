"""``plan``: lock the state, refresh and plan against it, optionally save the
plan to a file; the state itself is never written."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import field, replace

from hclrun.backends import StateSession, open_session, release_lock
from hclrun.config.inputvars import root_variable_subjects
from hclrun.config.model import Module
from hclrun.config.varfinal import checked_in_walk
from hclrun.diagnostics import Diagnostics
from hclrun.engine import Hooks, PlanOptions, ProviderSet, plan
from hclrun.operations.messages import forgotten_objects, no_configuration
from hclrun.operations.variables import AskVariable, VariableArg, root_variables, variable_file_sources
from hclrun.operations.workdir import Configuration, ProviderSchemas, WorkingDir
from hclrun.plans.actions import Action, PlanMode
from hclrun.plans.model import Plan
from hclrun.plans.planfile import PlanFile, config_snapshot, write_plan_file
from hclrun.records import record
from hclrun.source import Range
from hclrun.states import StateFile
from hclrun.validation.background import GatedHooks
from hclrun.values.value import Value


@record(frozen=False)
class PlanRequest:
    mode: PlanMode = PlanMode.NORMAL
    refresh: bool = True
    targets: tuple[str, ...] = ()
    replace: tuple[str, ...] = ()
    # -var and -var-file arguments in command-line order.
    variable_args: Sequence[VariableArg] = ()
    # Values given directly (library API); they win over variable_args.
    variables: Mapping[str, Value] = field(default_factory=dict)
    out: str | None = None
    lock: bool = True
    lock_timeout: float = 0.0
    parallelism: int = 10
    input: bool = True
    # Asks the user for a required variable nothing sets (used only when ``input`` is true).
    ask_variable: AskVariable | None = None
    hooks: Hooks = field(default_factory=Hooks)
    providers: ProviderSet | None = None


@record(frozen=False)
class PlanResult:
    plan: Plan | None
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    sources: dict[str, bytes] = field(default_factory=dict)
    schemas: ProviderSchemas = field(default_factory=ProviderSchemas)
    configuration: Configuration | None = None

    @property
    def ok(self) -> bool:
        return self.plan is not None and not self.diagnostics.has_errors()

    @property
    def has_changes(self) -> bool:
        return self.plan is not None and self.plan.applyable


def load_for_plan(
    wd: WorkingDir, mode: PlanMode, diags: Diagnostics, operation: str, background: bool = False
) -> Configuration:
    """The configuration to plan with (not ``ok`` when it has errors); an empty
    directory is an error except for destroy. With ``background`` its validation
    may still be ``pending`` (see :meth:`WorkingDir.load_configuration`)."""
    config = wd.load_configuration(background=background)
    diags.extend(config.diagnostics)
    if config.empty:
        if mode is not PlanMode.DESTROY:
            diags.add(no_configuration(operation))
            return config
        from hclrun.config.tree import load_tree

        tree, tree_diags = load_tree(wd.path)
        diags.extend(tree_diags)
        config.tree = tree
        config.empty = False
    return config


def plan_in_session(
    wd: WorkingDir,
    session: StateSession,
    config: Configuration,
    request: PlanRequest,
    diags: Diagnostics,
    keep_errored: bool = False,
) -> Plan | None:
    """Plan against the state the session holds (already locked and loaded); None on errors,
    or with ``keep_errored`` the plan as far as it got when planning itself failed (``errored``)."""
    assert config.tree is not None
    given, var_diags = root_variables(
        config.tree.module,
        request.variable_args,
        cwd=wd.path,
        environ=dict(os.environ),
        ask=request.ask_variable if request.input else None,
        preset=request.variables,
    )
    diags.extend(var_diags)
    config.sources.update(variable_file_sources(var_diags, wd.path, config.sources))
    if var_diags.has_errors():
        return None
    options = PlanOptions(
        mode=request.mode,
        refresh=request.refresh,
        targets=tuple(request.targets),
        replace=tuple(request.replace),
        workspace=session.workspace,
        hooks=request.hooks,
        variable_subjects=_checked_in_walk_subjects(wd, config.tree.module, request),
    )
    providers = request.providers or ProviderSet()
    state = session.sync.snapshot()
    result, plan_diags = plan(config.tree, state, given, providers, options)
    diags.extend(plan_diags)
    if options.variable_subjects:
        config.sources.update(variable_file_sources(plan_diags, wd.path, config.sources))
    file = session.file
    # A state never stored has no lineage yet: a plan made against it is stale, not foreign, once one exists.
    result.state_lineage = "" if fresh_state_file(session) else file.lineage
    result.state_serial = file.serial
    result.prior_state_terraform_version = file.terraform_version
    if plan_diags.has_errors():
        return result if keep_errored else None
    forgotten = [
        str(c.addr) + (f" (deposed object {c.deposed})" if c.deposed else "")
        for c in result.changes
        if c.action in (Action.FORGET, Action.CREATE_THEN_FORGET)
    ]
    if forgotten:
        diags.add(forgotten_objects(forgotten))
    return result


def _checked_in_walk_subjects(wd: WorkingDir, module: Module, request: PlanRequest) -> dict[str, Range]:
    """Where the values were written of the root variables whose validation rules the walk
    checks (those that refer to more than variables): only those need it."""
    names = {
        name
        for name, variable in module.variables.items()
        if name not in request.variables and checked_in_walk(variable)
    }
    if not names:
        return {}
    found = root_variable_subjects(
        module, cli_vars=list(request.variable_args), environ=dict(os.environ), cwd=wd.path
    )
    return {name: subject for name, subject in found.items() if name in names}


def save_plan(path: str, result: Plan, config: Configuration, diags: Diagnostics) -> None:
    data = write_plan_file(PlanFile(result, config_snapshot(config.sources)))
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as err:
        diags.error("Failed to write plan file", f"The plan file could not be written: {err.strerror}.")


def run_plan(wd: WorkingDir, request: PlanRequest) -> PlanResult:
    diags = Diagnostics()
    config = load_for_plan(wd, request.mode, diags, "Plan", background=True)
    if config.pending is None:
        planned = _plan_loaded(wd, request, config, diags)
    else:
        beside = _plan_beside_validation(wd, request, config, diags)
        if beside is None:
            return PlanResult(None, Diagnostics(config.diagnostics), config.sources)
        planned = beside
    if planned.plan is not None and request.out:  # an errored plan too: it can be shown, not applied
        save_plan(request.out, planned.plan, config, planned.diagnostics)
    return planned


def _plan_beside_validation(
    wd: WorkingDir, request: PlanRequest, config: Configuration, diags: Diagnostics
) -> PlanResult | None:
    """The plan made while the configuration is validated beside it; None when the
    validation found errors (the plan, whatever it found, is then dropped)."""
    request = replace(request, hooks=GatedHooks(request.hooks, config.settle))
    if request.input and request.ask_variable is not None and sys.stdin.isatty() and not config.settle():
        return None  # never ask for a variable of an invalid configuration
    try:
        planned = _plan_loaded(wd, request, config, diags)
    except Exception:
        # Planning an invalid configuration may fail in ways a valid one cannot.
        if not config.settle():
            return None
        raise
    except BaseException:  # an interrupt: the copy is not waited for
        if config.pending is not None:
            config.pending.cancel()
        raise
    return planned if config.settle() else None


def _plan_loaded(wd: WorkingDir, request: PlanRequest, config: Configuration, diags: Diagnostics) -> PlanResult:
    sources = config.sources
    if not config.ok:
        return PlanResult(None, diags, sources)
    session, open_diags = open_session(
        wd.backend(),
        wd.workspace(),
        operation="OperationTypePlan",
        lock=request.lock,
        lock_timeout=request.lock_timeout,
        journal=False,
        working_dir=wd.path,
    )
    diags.extend(open_diags)
    if session is None:
        return PlanResult(None, diags, sources, configuration=config)
    try:
        result = plan_in_session(wd, session, config, request, diags, keep_errored=True)
    finally:
        release_session(session, diags)
    return PlanResult(result, diags, sources, configuration=config)


def release_session(session: StateSession, diags: Diagnostics) -> None:
    """End a session that changed nothing: unlock without writing the state."""
    session.finished = True
    if session.journal is not None:
        session.journal.close(remove=True)
    if session.lock_id is not None:
        diags.extend(release_lock(session.backend, session.workspace, session.lock_id))


def fresh_state_file(session: StateSession) -> bool:
    """Whether the session's state has never been stored (no file yet)."""
    file: StateFile = session.file
    return file.serial == 0 and file.state.is_empty
