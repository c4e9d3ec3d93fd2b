"""``terraform_remote_state``: root outputs of another configuration's state.

Reads state format v4 through the ``local`` backend (``config = { path, workspace_dir }``,
``workspace`` selecting ``terraform.tfstate.d/<workspace>/terraform.tfstate``).
"""

from __future__ import annotations

import json
from pathlib import Path

from hclrun.diagnostics import Diagnostic
from hclrun.providers.paths import attribute_error
from hclrun.providers.statejson import StateJSONError, conform
from hclrun.values.errors import ConversionError
from hclrun.values.json import JSONDecodeError, TypeJSONError, from_json, to_json, type_from_json
from hclrun.values.types import DYNAMIC
from hclrun.values.value import Value

LOCAL_CONFIG_ATTRIBUTES = ("path", "workspace_dir")
_LOCAL_NAMES = ("local", "_local")
# Backends Terraform has that this engine cannot read remote state through.
_OTHER_BACKENDS = (
    "azurerm",
    "consul",
    "cos",
    "gcs",
    "http",
    "kubernetes",
    "oss",
    "pg",
    "remote",
    "s3",
    "cloud",
)


def _is_object_like(v: Value) -> bool:
    t = v.type
    return t is DYNAMIC or t.is_object or t.is_map


def validate(config: Value) -> list[Diagnostic]:
    if config.is_null or not config.is_known:
        return []
    diags: list[Diagnostic] = []
    cfg = config.raw["config"]
    backend = config.raw["backend"]
    if cfg.is_wholly_known and backend.is_known and not backend.is_null:
        diags.extend(_local_settings(backend.raw, cfg)[1])
    elif not _is_object_like(cfg):
        diags.append(
            attribute_error(
                ("config",), "Invalid backend configuration", "The configuration must be an object value."
            )
        )
    if not _is_object_like(config.raw["defaults"]):
        diags.append(
            attribute_error(
                ("defaults",), "Invalid default values", "Defaults must be given in an object value."
            )
        )
    return diags


def _local_settings(backend: str, cfg: Value) -> tuple[dict[str, str], list[Diagnostic]]:
    if backend not in _LOCAL_NAMES:
        if backend in _OTHER_BACKENDS:
            detail = (
                f'The backend type {backend!r} is not available in this engine; only "local" can be read.'
            )
        else:
            detail = f"There is no backend type named {json.dumps(backend)}."
        return {}, [attribute_error(("backend",), "Invalid backend configuration", detail)]
    if not _is_object_like(cfg):
        return {}, [
            attribute_error(
                ("config",), "Invalid backend configuration", "The configuration must be an object value."
            )
        ]
    settings: dict[str, str] = {}
    if cfg.is_null:
        return settings, []
    for key, v in cfg.raw.items():
        if key not in LOCAL_CONFIG_ATTRIBUTES:
            detail = (
                f'The given configuration is not valid for backend "local": unsupported attribute "{key}".'
            )
            return {}, [attribute_error(("config",), "Invalid backend configuration", detail)]
        if v.is_null:
            continue
        if not v.type.is_primitive:
            detail = f'The given configuration is not valid for backend "local": .{key}: string required.'
            return {}, [attribute_error(("config",), "Invalid backend configuration", detail)]
        settings[key] = v.raw if isinstance(v.raw, str) else str(v.as_python()).lower()
    return settings, []


def state_path(settings: dict[str, str], workspace: str) -> Path:
    if workspace == "default":
        return Path(settings.get("path", "terraform.tfstate"))
    return Path(settings.get("workspace_dir", "terraform.tfstate.d")) / workspace / "terraform.tfstate"


def read(config: Value) -> tuple[Value, list[Diagnostic]]:
    raw = config.raw
    settings, diags = _local_settings(raw["backend"].raw, raw["config"])
    if diags:
        return config, diags
    workspace_v = raw["workspace"]
    workspace = "default" if workspace_v.is_null else workspace_v.raw
    new = dict(raw)
    outputs: dict[str, Value] = {}
    defaults = raw["defaults"]
    if not defaults.is_null:
        outputs.update(defaults.raw)
    else:
        new["defaults"] = Value.null(DYNAMIC)
    stored, problem = _read_outputs(state_path(settings, workspace))
    if problem is not None:
        return config, [problem]
    if stored is None:
        new["outputs"] = Value.object({})
        return Value.object(new), [
            attribute_error(
                ("workspace",),
                "Unable to find remote state",
                "No stored state was found for the given workspace in the given backend.",
            )
        ]
    outputs.update(stored)
    new["outputs"] = Value.object(outputs)
    return Value.object(new), []


def _read_outputs(path: Path) -> tuple[dict[str, Value] | None, Diagnostic | None]:
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return None, None
    except OSError as err:
        return None, attribute_error(
            ("backend",), "Error loading state error", f"error loading the remote state: {err.strerror}"
        )
    if not text.strip():
        return None, None
    try:
        doc = from_json(text)
        if not doc.type.is_object or doc.raw.get("version", Value.null()).as_python() != 4:
            raise StateJSONError("unsupported state format version")
        outputs: dict[str, Value] = {}
        stored = doc.raw.get("outputs")
        for name, out in stored.raw.items() if stored is not None and not stored.is_null else ():
            out_type = type_from_json(to_json(out.raw["type"]))
            outputs[name] = conform(out.raw["value"], out_type)
        return outputs, None
    except (ConversionError, JSONDecodeError, TypeJSONError, KeyError, AttributeError, StateJSONError) as err:
        return None, attribute_error(
            ("backend",), "Error loading state error", f"error loading the remote state: {err}"
        )
