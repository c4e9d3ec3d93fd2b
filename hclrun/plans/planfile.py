"""Saved plan files (``plan -out=FILE``): a zip archive holding everything
``apply FILE`` needs without evaluating the configuration again.

Members: ``hclrun-plan.json`` (format name and version, the plan model with
exact values), ``prior.tfstate`` and ``prev-run.tfstate`` (state files, with
the lineage and serial the plan was made against) and ``config/...`` (a
snapshot of the configuration files, so apply uses the configuration as it
was planned). ``read_plan_file`` rejects anything else with a diagnostic.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field

from hclrun.diagnostics import Diagnostics
from hclrun.gcpause import without_cyclic_gc
from hclrun.plans.model import Plan
from hclrun.plans.planfile_model import plan_data, plan_from_data
from hclrun.states import State, StateFile, read_state_file, write_state_file

FORMAT_NAME = "hclrun-plan"
FORMAT_VERSION = 2
MANIFEST = "hclrun-plan.json"
PRIOR_STATE = "prior.tfstate"
PREV_RUN_STATE = "prev-run.tfstate"
CONFIG_PREFIX = "config/"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# The fastest deflate level: a plan file is read back soon and once; at the
# default level compressing a large plan takes three times as long for a file
# a third smaller.
_COMPRESS_LEVEL = 1


@dataclass
class PlanFile:
    plan: Plan
    # Configuration files by path relative to the working directory ("main.tf", "modules/app/main.tf").
    config_files: dict[str, bytes] = field(default_factory=dict)


@without_cyclic_gc
def write_plan_file(plan_file: PlanFile) -> bytes:
    plan = plan_file.plan
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        manifest = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "plan": plan_data(plan)}
        _add(archive, MANIFEST, json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        for name, state in ((PRIOR_STATE, plan.prior_state), (PREV_RUN_STATE, plan.prev_run_state)):
            file = StateFile(state, plan.state_serial, plan.state_lineage or "", plan.prior_state_terraform_version)
            _add(archive, name, write_state_file(file).encode("utf-8"))
        for path in sorted(plan_file.config_files):
            _add(archive, CONFIG_PREFIX + _clean_path(path), plan_file.config_files[path])
    return buf.getvalue()


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data, compresslevel=_COMPRESS_LEVEL)


def _clean_path(path: str) -> str:
    parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise ValueError(f"configuration path {path!r} leaves the working directory")
    return "/".join(parts)


@without_cyclic_gc
def read_plan_file(data: bytes, filename: str = "tfplan") -> tuple[PlanFile | None, Diagnostics]:
    diags = Diagnostics()

    def fail(problem: str) -> tuple[None, Diagnostics]:
        diags.error(
            f'Failed to load "{filename}" as a plan file',
            f"Error: couldn't load the provided path as a plan file ({problem}).",
        )
        return None, diags

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return fail("zip: not a valid zip file")
    with archive:
        try:
            names = set(archive.namelist())
            if MANIFEST not in names:
                return fail(f"the file has no {MANIFEST}, so it was not written by hclrun")
            manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
                return fail("the file is not an hclrun plan")
            version = manifest.get("format_version")
            if version != FORMAT_VERSION:
                return fail(
                    f"the plan file format version is {version!r}, but this version of hclrun reads only "
                    f"version {FORMAT_VERSION}; create the plan again with this version"
                )
            plan = plan_from_data(manifest["plan"])
            plan.prior_state = _read_state(archive, PRIOR_STATE, names, diags)
            plan.prev_run_state = _read_state(archive, PREV_RUN_STATE, names, diags)
            config = {
                name[len(CONFIG_PREFIX) :]: archive.read(name)
                for name in sorted(names)
                if name.startswith(CONFIG_PREFIX) and not name.endswith("/")
            }
        except (zipfile.BadZipFile, KeyError, TypeError, ValueError, UnicodeDecodeError, OSError) as err:
            return fail(f"the plan file is corrupt: {_describe(err)}")
    if diags.has_errors():
        return None, diags
    return PlanFile(plan, config), diags


def _describe(err: Exception) -> str:
    if isinstance(err, KeyError):
        return f"missing {err.args[0]!r}"
    return str(err) or type(err).__name__


def _read_state(archive: zipfile.ZipFile, name: str, names: set[str], diags: Diagnostics) -> State:
    if name not in names:
        raise ValueError(f"missing {name}")
    file, state_diags = read_state_file(archive.read(name), name)
    diags.extend(state_diags)
    return file.state if file is not None else State()


def stale_plan_diagnostics(plan: Plan, lineage: str, serial: int) -> Diagnostics:
    """Problems applying ``plan`` to the state with ``lineage`` and ``serial`` now."""
    diags = Diagnostics()
    if plan.state_lineage and lineage and plan.state_lineage != lineage:
        diags.error(
            "Saved plan does not match the given state",
            "The given plan file can not be applied because it was created from a different state lineage.",
        )
    elif serial != plan.state_serial:
        diags.error(
            "Saved plan is stale",
            "The given plan file can no longer be applied because the state was changed by another operation "
            "after the plan was created.",
        )
    return diags


def config_snapshot(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The configuration files to store, keyed by clean relative paths."""
    return {_clean_path(k): v for k, v in files.items()}



__all__ = [
    "FORMAT_VERSION",
    "PlanFile",
    "config_snapshot",
    "read_plan_file",
    "stale_plan_diagnostics",
    "write_plan_file",
]
