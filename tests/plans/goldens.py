"""The recorded plan scenarios (fixtures/plans/<name>/, written by
scripts/record_plan_goldens) and a reader that turns a recorded JSON plan
into a ``Plan``, so that the encoders can be compared with terraform's output."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from hclrun.addrs import (
    AbsProviderConfig,
    Provider,
    parse_abs_resource_instance,
    parse_provider_source,
    root_output,
)
from hclrun.plans import (
    Action,
    ActionReason,
    Importing,
    OutputChange,
    Plan,
    PlanMode,
    RelevantAttribute,
    ResourceInstanceChange,
)
from hclrun.plans.schemas import SchemaLookup, schema_lookup
from hclrun.providers.schema import load_provider_schema_resource
from hclrun.states import State, read_state_file
from hclrun.states.jsondata import JSONNumber
from hclrun.values.types import BOOL, DYNAMIC, EMPTY_OBJECT, EMPTY_TUPLE, NUMBER, STRING, ObjectType, Type
from hclrun.values.value import SENSITIVE, Value

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "plans"
SCENARIOS = sorted(p.name for p in ROOT.iterdir() if (p / "steps.json").exists())
TERRAFORM_PROVIDER = Provider("terraform.io", "builtin", "terraform")


@cache
def schemas() -> SchemaLookup:
    return schema_lookup({TERRAFORM_PROVIDER: load_provider_schema_resource("hclrun.providers.terraform")})


def load_json(text: str) -> Any:
    """JSON with every number kept as its text (as the plan encoders produce it)."""
    return json.loads(text, parse_int=JSONNumber, parse_float=JSONNumber)


@dataclass
class Scenario:
    name: str

    def path(self, filename: str) -> Path:
        return ROOT / self.name / filename

    def text(self, filename: str) -> str:
        return self.path(filename).read_text()

    @property
    def steps(self) -> dict[str, Any]:
        return json.loads(self.text("steps.json"))

    @property
    def plan_args(self) -> list[str]:
        return self.steps["plan"]

    def plan_document(self) -> Any:
        return load_json(self.text("plan.json"))

    def prior_tfstate(self) -> State:
        """The state file the plan started from, as terraform wrote it."""
        if not self.path("prior.tfstate").exists():
            return State()
        file, diags = read_state_file(self.text("prior.tfstate"))
        assert file is not None, diags
        return file.state

    def prior_state(self) -> State:
        """The plan's prior state (refreshed, moves applied, outputs planned), from its JSON."""
        return state_from_document(self.plan_document().get("prior_state"))

    def mode(self) -> PlanMode:
        if "-destroy" in self.plan_args:
            return PlanMode.DESTROY
        if "-refresh-only" in self.plan_args:
            return PlanMode.REFRESH_ONLY
        return PlanMode.NORMAL


# ----------------------------------------------------------------------------- JSON plan → Plan


def decode_value(data: Any, t: Type, unknown: Any = False, sensitive: Any = False) -> Value:
    """A value of type ``t`` from its JSON data and its unknown and sensitive trees."""
    if unknown is True:
        ut = t
        if t is DYNAMIC:
            ut = EMPTY_OBJECT if isinstance(sensitive, dict) else EMPTY_TUPLE if isinstance(sensitive, list) else DYNAMIC
        value = Value.unknown(ut)
    elif data is None:
        value = Value.null(t)
    elif t is DYNAMIC:
        return decode_value(data, _implied_type(data), unknown, sensitive)
    elif t in (STRING, NUMBER, BOOL):
        value = Value.string(data) if t is STRING else Value.number(str(data)) if t is NUMBER else Value.bool(data)
    elif isinstance(t, ObjectType):
        value = Value.object(
            {k: decode_value(data.get(k), at, _child(unknown, k), _child(sensitive, k)) for k, at in t.attributes.items()}
        )
    elif t.is_tuple:
        value = Value.tuple(
            decode_value(d, et, _child(unknown, i), _child(sensitive, i)) for i, (d, et) in enumerate(zip(data, t.elements))  # type: ignore[attr-defined]
        )
    else:
        raise AssertionError(f"unexpected type {t!r}")
    if sensitive is True:
        value = value.mark(SENSITIVE)
    return value


def _child(tree: Any, key: str | int) -> Any:
    if isinstance(tree, dict) and isinstance(key, str):
        return tree.get(key, False)
    if isinstance(tree, list) and isinstance(key, int) and key < len(tree):
        return tree[key]
    return False


def _implied_type(data: Any) -> Type:
    if isinstance(data, JSONNumber):
        return NUMBER
    if isinstance(data, bool):
        return BOOL
    if isinstance(data, str):
        return STRING
    if isinstance(data, dict):
        return ObjectType({k: _implied_type(v) if v is not None else DYNAMIC for k, v in data.items()})
    from hclrun.values.types import TupleType

    return TupleType(_implied_type(v) if v is not None else DYNAMIC for v in data)


def _padded(data: Any, unknown: Any) -> Any:
    """``data`` with unknown attributes present (as null), so decoding visits them."""
    if isinstance(unknown, dict) and (unknown or isinstance(data, dict)):
        base = dict(data) if isinstance(data, dict) else {}
        for k, u in unknown.items():
            base[k] = _padded(base.get(k), u)
        return base
    if isinstance(unknown, list) and isinstance(data, list):
        return [_padded(d, u) for d, u in zip(data, unknown)]
    return data


def change_value(body: dict[str, Any], side: str, t: Type) -> Value:
    if side == "before":
        return decode_value(body.get("before"), t, False, body.get("before_sensitive", False))
    unknown = body.get("after_unknown", False)
    data = _padded(body.get("after"), unknown)
    if t is DYNAMIC and unknown is not True:
        t = _implied_type(data) if data is not None else DYNAMIC
    return decode_value(data, t, unknown, body.get("after_sensitive", False))


def path_from_data(steps: list[Any]) -> tuple[str | int, ...]:
    return tuple(int(s) if isinstance(s, JSONNumber) else s for s in steps)


def resource_change_from_data(data: dict[str, Any]) -> ResourceInstanceChange:
    addr, _ = parse_abs_resource_instance(data["address"])
    assert addr is not None
    prev = None
    if "previous_address" in data:
        prev, _ = parse_abs_resource_instance(data["previous_address"])
    provider = parse_provider_source(data["provider_name"])
    assert provider is not None
    schema = schemas()(provider, addr.resource.resource.mode, data["type"])
    assert schema is not None
    t = schema.block.implied_type
    body = data["change"]
    importing = None
    if "importing" in body:
        importing = Importing(body["importing"].get("id", ""), body["importing"].get("unknown", False))
    return ResourceInstanceChange(
        addr=addr,
        provider=AbsProviderConfig(provider),
        action=Action.from_json_actions(body["actions"]),
        before=change_value(body, "before", t),
        after=change_value(body, "after", t),
        prev_run_addr=prev,
        deposed=data.get("deposed", ""),
        reason=ActionReason(data.get("action_reason", "")),
        replace_paths=tuple(path_from_data(p) for p in body.get("replace_paths", [])),
        importing=importing,
        generated_config=body.get("generated_config", ""),
    )


def output_change_from_data(name: str, body: dict[str, Any]) -> OutputChange:
    before = decode_value(body.get("before"), DYNAMIC)
    after = change_value(body, "after", DYNAMIC)
    if body["after_sensitive"]:
        before, after = before.mark(SENSITIVE), after.mark(SENSITIVE)
    return OutputChange(root_output(name), Action.from_json_actions(body["actions"]), before, after, body["after_sensitive"])


def plan_from_document(doc: dict[str, Any], prior: State, mode: PlanMode = PlanMode.NORMAL) -> Plan:
    plan = Plan(mode=mode, prior_state=prior, prev_run_state=prior)
    plan.changes = [resource_change_from_data(d) for d in doc.get("resource_changes", [])]
    plan.drift = [resource_change_from_data(d) for d in doc.get("resource_drift", [])]
    plan.output_changes = [output_change_from_data(k, v) for k, v in doc.get("output_changes", {}).items()]
    plan.variables = {k: decode_value(v["value"], DYNAMIC) for k, v in doc.get("variables", {}).items()}
    for ra in doc.get("relevant_attributes", []):
        addr, _ = parse_abs_resource_instance(ra["resource"])
        assert addr is not None
        plan.relevant_attributes.append(RelevantAttribute(addr, path_from_data(ra["attribute"])))
    plan.timestamp = dt.datetime.strptime(doc["timestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    plan.applyable = doc["applyable"]
    plan.complete = doc["complete"]
    plan.errored = doc["errored"]
    return plan


# ----------------------------------------------------------------------------- JSON state → State


def state_from_document(doc: dict[str, Any] | None) -> State:
    """A ``State`` from terraform's JSON state format (``prior_state`` of a plan)."""
    from dataclasses import replace

    from hclrun.providers.statejson import value_to_state_json
    from hclrun.states import OutputValue, ResourceInstanceObject
    from hclrun.states.jsondata import loads
    from hclrun.states.objects import ObjectStatus
    from hclrun.values.json import type_from_json

    state = State()
    if not doc or "values" not in doc:
        return state
    values = doc["values"]
    for name, out in values.get("outputs", {}).items():
        t = type_from_json(json.dumps(out["type"]))
        state.set_output(name, OutputValue(decode_value(out["value"], t), out["sensitive"]))

    def visit(module: dict[str, Any]) -> None:
        for res in module.get("resources", []):
            addr, _ = parse_abs_resource_instance(res["address"])
            assert addr is not None
            provider = parse_provider_source(res["provider_name"])
            assert provider is not None
            schema = schemas()(provider, addr.resource.resource.mode, res["type"])
            assert schema is not None
            t = schema.block.implied_type
            data = res.get("values")
            if t.has_dynamic_types() and data is not None:
                t = _implied_type_over(t, data)
            value = decode_value(data, t, False, res.get("sensitive_values", False))
            obj = ResourceInstanceObject.from_value(
                value,
                schema_version=res["schema_version"],
                status=ObjectStatus.TAINTED if res.get("tainted") else ObjectStatus.READY,
                dependencies=tuple(_config_resource(d) for d in res.get("depends_on", [])),
            )
            plain, _ = value.unmark_deep()
            obj = replace(obj, attributes=loads(value_to_state_json(plain, schema.block.implied_type)))
            config = AbsProviderConfig(provider, addr.module.module())
            if res.get("deposed_key"):
                state.set_deposed(addr, res["deposed_key"], obj, config)
            else:
                state.set_current(addr, obj, config)
        for child in module.get("child_modules", []):
            visit(child)

    visit(values.get("root_module", {}))
    return state


def _implied_type_over(t: Type, data: Any) -> Type:
    """The schema's object type with its ``dynamic`` attributes replaced by the data's implied types."""
    assert isinstance(t, ObjectType)
    return ObjectType(
        {
            k: (_implied_type(data[k]) if at is DYNAMIC and data.get(k) is not None else at)
            for k, at in t.attributes.items()
        }
    )


def _config_resource(text: str) -> Any:
    from hclrun.addrs import parse_abs_resource

    addr, _ = parse_abs_resource(text)
    assert addr is not None
    return addr.config()
