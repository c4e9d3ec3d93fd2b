"""The public library API: run plans and applies on a working directory from Python.

    import hclrun

    ws = hclrun.Workspace("path/to/config")
    plan = ws.plan(variables={"name": "demo"})
    print(plan.render())
    result = plan.apply()
    print(ws.outputs())

Problems raise ``hclrun.DiagnosticsError`` with the diagnostics attached.
Operations run with the configuration directory as the current directory
(relative paths in the configuration resolve against it), one at a time.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import field
from typing import Any

from hclrun.diagnostics import Diagnostics, DiagnosticsError
from hclrun.records import record
from hclrun.values.value import Value

_CWD_LOCK = threading.RLock()


@contextmanager
def _inside(path: str) -> Iterator[None]:
    with _CWD_LOCK:
        before = os.getcwd()
        os.chdir(path)
        try:
            yield
        finally:
            os.chdir(before)


def _check(diags: Diagnostics) -> None:
    if diags.has_errors():
        raise DiagnosticsError(diags)


def to_value(data: Any) -> Value:
    """A Python value (str, int, float, bool, None, list, tuple, dict, or a ``Value``) as a ``Value``."""
    if isinstance(data, Value):
        return data
    from hclrun.states.jsondata import dumps_compact
    from hclrun.values.json import from_json

    return from_json(dumps_compact(_plain(data)))


def _plain(data: Any) -> Any:
    if isinstance(data, bool) or data is None or isinstance(data, str):
        return data
    if isinstance(data, int | float):
        from hclrun.states.jsondata import JSONNumber

        return JSONNumber(repr(data))
    if isinstance(data, Mapping):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list | tuple | set | frozenset):
        return [_plain(v) for v in data]
    raise TypeError(f"cannot use {type(data).__name__} as an hclrun value")


def to_python(value: Value) -> Any:
    """A wholly known ``Value`` as plain Python data (numbers as int or float); marks are dropped."""
    from hclrun.plans.jsonvalues import value_data
    from hclrun.states.jsondata import JSONNumber, dumps_compact, loads

    plain, _ = value.unmark_deep()
    data = value_data(plain)
    return _numbers(loads(dumps_compact(data))) if not isinstance(data, JSONNumber) else _number(data)


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        return float(text)


def _numbers(data: Any) -> Any:
    from hclrun.states.jsondata import JSONNumber

    if isinstance(data, JSONNumber):
        return _number(data)
    if isinstance(data, dict):
        return {k: _numbers(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_numbers(v) for v in data]
    return data


@record(frozen=False)
class ResourceChange:
    address: str
    action: str  # Terraform's JSON action names, joined: "create", "update", "delete-then-create" ...
    reason: str = ""


@record(frozen=False)
class ApplyResult:
    added: int
    changed: int
    destroyed: int
    outputs: dict[str, Any] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


class Plan:
    """A plan made by ``Workspace.plan``; apply it with ``apply()`` (refused once the state has moved on)."""

    def __init__(self, workspace: Workspace, result: Any) -> None:
        self._workspace = workspace
        self._result = result
        self.diagnostics: Diagnostics = result.diagnostics

    @property
    def model(self) -> Any:
        """The underlying ``hclrun.plans.Plan``."""
        return self._result.plan

    @property
    def changes(self) -> list[ResourceChange]:
        """Resource instance changes other than no-ops."""
        return [
            ResourceChange(str(c.addr), c.action.value, c.reason.value)
            for c in self.model.changes
            if c.action.value != "no-op"
        ]

    @property
    def has_changes(self) -> bool:
        return bool(self.model.applyable)

    def render(self, *, color: bool = False) -> str:
        """The plan as ``hclrun plan`` prints it."""
        from hclrun.plans.render_human import render_plan

        return render_plan(self.model, self._result.schemas.lookup(), color=color)

    def to_json(self) -> str:
        """Terraform's JSON plan format (``show -json PLANFILE``)."""
        from hclrun.operations.configjson import configuration_json
        from hclrun.plans.jsonplan import encode_plan_json

        config = self._result.configuration
        configuration = configuration_json(config.tree) if config is not None and config.tree is not None else None
        return encode_plan_json(self.model, self._result.schemas.lookup(), configuration)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the plan as a plan file ``hclrun apply PATH`` accepts."""
        from hclrun.operations.plan_op import save_plan

        diags = Diagnostics()
        save_plan(os.path.abspath(path), self.model, self._result.configuration, diags)
        _check(diags)

    def apply(self, *, parallelism: int = 10) -> ApplyResult:
        """Apply exactly this plan."""
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            planfile = os.path.join(tmp, "plan")
            self.save(planfile)
            return self._workspace._apply(plan_file=planfile, parallelism=parallelism)


class Workspace:
    """A configuration directory and one of its workspaces (``default`` unless named)."""

    def __init__(self, path: str | os.PathLike[str] = ".", workspace: str = "default") -> None:
        self.path = os.path.abspath(path)
        self.workspace = workspace

    def _wd(self) -> Any:
        from hclrun.operations import WorkingDir

        return WorkingDir(".", workspace_name=self.workspace)

    def init(self) -> None:
        """What ``hclrun init`` does: check the configuration and install its modules."""
        from hclrun.config.initialize import InitOptions, initialize

        with _inside(self.path):
            result = initialize(".", InitOptions(), progress=lambda line: None)
        _check(result.diagnostics)

    def validate(self) -> Diagnostics:
        """The problems ``hclrun validate`` reports (warnings included); raises on errors."""
        from hclrun.validation import validate_tree

        with _inside(self.path):
            result = validate_tree(".")
        _check(result.diagnostics)
        return result.diagnostics

    def plan(
        self,
        variables: Mapping[str, Any] | None = None,
        *,
        destroy: bool = False,
        refresh_only: bool = False,
        targets: Sequence[str] = (),
        replace: Sequence[str] = (),
        refresh: bool = True,
    ) -> Plan:
        from hclrun.operations import PlanRequest, run_plan
        from hclrun.plans.actions import PlanMode

        mode = PlanMode.DESTROY if destroy else PlanMode.REFRESH_ONLY if refresh_only else PlanMode.NORMAL
        request = PlanRequest(
            mode=mode,
            refresh=refresh,
            targets=tuple(targets),
            replace=tuple(replace),
            variables={k: to_value(v) for k, v in (variables or {}).items()},
        )
        with _inside(self.path):
            result = run_plan(self._wd(), request)
        _check(result.diagnostics)
        return Plan(self, result)

    def apply(self, variables: Mapping[str, Any] | None = None, *, destroy: bool = False, parallelism: int = 10) -> ApplyResult:
        """Plan and apply in one step, without review (``apply -auto-approve``)."""
        return self._apply(variables=variables, destroy=destroy, parallelism=parallelism)

    def destroy(self, variables: Mapping[str, Any] | None = None) -> ApplyResult:
        return self._apply(variables=variables, destroy=True)

    def _apply(
        self,
        *,
        variables: Mapping[str, Any] | None = None,
        destroy: bool = False,
        plan_file: str | None = None,
        parallelism: int = 10,
    ) -> ApplyResult:
        from hclrun.operations import ApplyRequest, run_apply
        from hclrun.plans.actions import PlanMode

        request = ApplyRequest(
            mode=PlanMode.DESTROY if destroy else PlanMode.NORMAL,
            variables={k: to_value(v) for k, v in (variables or {}).items()},
            plan_file=plan_file,
            parallelism=parallelism,
        )
        with _inside(self.path):
            result = run_apply(self._wd(), request)
        _check(result.diagnostics)
        outputs = {}
        if result.state is not None:
            outputs = {k: to_python(v.value) for k, v in sorted(result.state.outputs.items())}
        return ApplyResult(result.added, result.changed, result.destroyed, outputs, result.diagnostics)

    def state(self) -> Any:
        """The stored ``hclrun.states.State`` (empty when there is none)."""
        from hclrun.operations.state_ops import read_state
        from hclrun.states import State

        with _inside(self.path):
            file, diags = read_state(self._wd())
        _check(diags)
        return file.state if file is not None else State()

    def outputs(self) -> dict[str, Any]:
        """Root output values from the state, as Python data (sensitive ones included)."""
        return {k: to_python(v.value) for k, v in sorted(self.state().outputs.items()) if not v.value.is_null}


def evaluate(expression_text: str, variables: Mapping[str, Any] | None = None, base_dir: str = ".") -> Any:
    """Evaluate one expression with Terraform's functions (``var.NAME`` reads ``variables``).

    Returns plain Python data for wholly known values, otherwise the ``Value``.
    """
    from hclrun.eval.evaluator import evaluate_text
    from hclrun.eval.scope import Scope
    from hclrun.eval.templating import default_functions

    given = {k: to_value(v) for k, v in (variables or {}).items()}
    scope = Scope(functions=default_functions(base_dir), variables={"var": Value.object(given)} if given else {})
    value, diags = evaluate_text(expression_text, scope)
    _check(diags)
    if value.is_wholly_known:
        return to_python(value)
    return value


__all__ = ["ApplyResult", "Plan", "ResourceChange", "Workspace", "evaluate", "to_python", "to_value"]
