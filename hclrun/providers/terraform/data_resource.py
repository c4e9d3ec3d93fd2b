"""``terraform_data``: stores ``input`` as ``output`` and replaces itself when
``triggers_replace`` changes. Planning and applying run for every instance of
large configurations, so both avoid all work beyond a few comparisons."""

from __future__ import annotations

import os

from hclrun.diagnostics import Diagnostic
from hclrun.providers.objects import same
from hclrun.providers.paths import attribute_error
from hclrun.providers.protocol import (
    ApplyResourceChangeRequest,
    ApplyResourceChangeResponse,
    AttributePath,
    PlanResourceChangeRequest,
    PlanResourceChangeResponse,
)
from hclrun.values.types import STRING, ObjectType
from hclrun.values.unknowns import NOT_NULL
from hclrun.values.value import Unknown, Value

UNKNOWN_ID = Value(STRING, NOT_NULL)
_REPLACE_PATHS: list[AttributePath] = [("triggers_replace",)]


def new_uuid() -> str:
    """A random 128-bit id formatted 8-4-4-4-12 (hashicorp/go-uuid: no version bits)."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _planned(attrs: dict[str, Value]) -> Value:
    return Value(ObjectType({k: v.type for k, v in attrs.items()}), attrs)


def _unknown_like(v: Value) -> Value:
    return Value(v.type, Unknown())


def validate(config: Value) -> list[Diagnostic]:
    if config.is_null or not config.is_known:
        return []
    return [
        attribute_error((name,), "Invalid configuration", f'"{name}" attribute is read-only')
        for name in ("id", "output")
        if not config.raw[name].is_null
    ]


def plan(req: PlanResourceChangeRequest) -> PlanResourceChangeResponse:
    proposed = req.proposed_new_state
    if proposed.raw is None:
        return PlanResourceChangeResponse(proposed)
    attrs: dict[str, Value] = proposed.raw
    input_ = attrs["input"]
    prior = req.prior_state
    if prior.raw is None:
        output = input_ if input_.raw is None else _unknown_like(input_)
        new = {
            "id": UNKNOWN_ID,
            "input": input_,
            "output": output,
            "triggers_replace": attrs["triggers_replace"],
        }
        return PlanResourceChangeResponse(_planned(new), [], req.prior_private)
    prior_attrs: dict[str, Value] = prior.raw
    if not same(prior_attrs["triggers_replace"], attrs["triggers_replace"]):
        output = input_ if input_.raw is None else _unknown_like(input_)
        new = {
            "id": UNKNOWN_ID,
            "input": input_,
            "output": output,
            "triggers_replace": attrs["triggers_replace"],
        }
        return PlanResourceChangeResponse(_planned(new), _REPLACE_PATHS, req.prior_private)
    if not same(prior_attrs["input"], input_):
        new = dict(attrs)
        new["output"] = _unknown_like(input_)
        return PlanResourceChangeResponse(_planned(new), [], req.prior_private)
    return PlanResourceChangeResponse(proposed, [], req.prior_private)


def apply(req: ApplyResourceChangeRequest) -> ApplyResourceChangeResponse:
    planned = req.planned_state
    if planned.raw is None:
        return ApplyResourceChangeResponse(planned)
    attrs: dict[str, Value] = planned.raw
    output = attrs["output"]
    id_ = attrs["id"]
    output_unknown = isinstance(output.raw, Unknown)
    id_unknown = isinstance(id_.raw, Unknown)
    if not output_unknown and not id_unknown:
        return ApplyResourceChangeResponse(planned, req.planned_private)
    new = {
        "id": Value(STRING, new_uuid()) if id_unknown else id_,
        "input": attrs["input"],
        "output": attrs["input"] if output_unknown else output,
        "triggers_replace": attrs["triggers_replace"],
    }
    return ApplyResourceChangeResponse(_planned(new), req.planned_private)
