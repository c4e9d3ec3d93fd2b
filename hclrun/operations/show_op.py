"""What ``show`` shows: the selected workspace's state, a saved plan file
(with the configuration JSON built from the working directory), or a state file."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from hclrun.diagnostics import Diagnostics
from hclrun.operations.workdir import ProviderSchemas, WorkingDir
from hclrun.plans.model import Plan
from hclrun.plans.planfile import read_plan_file
from hclrun.records import record
from hclrun.states import State, read_state_file


@record(frozen=False)
class ShowTarget:
    state: State | None = None
    plan: Plan | None = None
    configuration_json: dict[str, Any] | None = None
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    sources: dict[str, bytes] = field(default_factory=dict)
    schemas: ProviderSchemas = field(default_factory=ProviderSchemas)


def show_target(wd: WorkingDir, path: str | None) -> ShowTarget:
    target = ShowTarget()
    if path is None:
        file, diags = wd.backend().get_state(wd.workspace())
        target.diagnostics.extend(diags)
        target.state = file.state if file is not None else None
        return target
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as err:
        target.diagnostics.error(
            "Failed to read the given file as a state or plan file",
            f"State read error: Error loading statefile: open {path}: {(err.strerror or '').lower()}\n\n"
            f"Plan read error: open {path}: {(err.strerror or '').lower()}",
        )
        return target
    if data.startswith(b"PK"):
        saved, diags = read_plan_file(data, path)
        target.diagnostics.extend(diags)
        if saved is not None:
            target.plan = saved.plan
            target.configuration_json = configuration_json_for(wd)
        return target
    file, diags = read_state_file(data, path)
    target.diagnostics.extend(diags)
    target.state = file.state if file is not None else None
    return target


def configuration_json_for(wd: WorkingDir) -> dict[str, Any] | None:
    from hclrun.operations.configjson import configuration_json

    config = wd.load_configuration(validate=False)
    if config.tree is None:
        return None
    return configuration_json(config.tree)
