"""The null, random, local, time and external providers through the protocol."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hclrun.providers.framework import SchemaProvider
from hclrun.providers.objects import make_object, proposed_new
from hclrun.providers.protocol import (
    ApplyResourceChangeRequest,
    ImportResourceStateRequest,
    PlanResourceChangeRequest,
    Provider,
    ReadDataSourceRequest,
    ReadResourceRequest,
    ValidateResourceConfigRequest,
)
from hclrun.providers.random.charset import LOWER, NUMERIC, SPECIAL, UPPER, StringRules, generate
from hclrun.providers.registry import BUILTINS, ProviderRegistry
from hclrun.providers.schema import validate_schema_data
from hclrun.values.types import STRING
from hclrun.values.value import Value

REGISTRY = ProviderRegistry()


def provider(name: str) -> SchemaProvider:
    p, diags = REGISTRY.new_provider(f"hashicorp/{name}")
    assert diags == [] and isinstance(p, SchemaProvider)
    return p


def plan_apply(
    p: Provider, type_name: str, attrs: dict[str, Value], prior: Value | None = None
) -> tuple[Value, Value, list]:
    block = p.get_schema().schema.resource_schemas[type_name].block
    config = make_object(block, attrs)
    prior = prior if prior is not None else Value.null(block.implied_type)
    plan = p.plan_resource_change(
        PlanResourceChangeRequest(type_name, prior, proposed_new(block, prior, config), config)
    )
    assert not any(d.is_error for d in plan.diagnostics)
    applied = p.apply_resource_change(
        ApplyResourceChangeRequest(type_name, prior, plan.planned_state, config)
    )
    assert not any(d.is_error for d in applied.diagnostics)
    return plan.planned_state, applied.new_state, plan.requires_replace


@pytest.mark.parametrize("module", sorted(BUILTINS.values()))
def test_shipped_schemas_satisfy_the_meta_schema(module: str) -> None:
    import importlib.resources

    data = json.loads(importlib.resources.files(module).joinpath("schema.json").read_text())
    assert validate_schema_data(data) == []


def test_meta_schema_rejects_bad_schemas() -> None:
    assert validate_schema_data(
        {"resource_schemas": {"x": {"block": {"attributes": {"a": {"type": "strng", "optional": True}}}}}}
    )
    assert validate_schema_data(
        {"resource_schemas": {"x": {"block": {"attributes": {"a": {"type": "string"}}}}}}
    )


@pytest.mark.parametrize(
    ("source", "ok"),
    [
        ("hashicorp/null", True),
        ("registry.terraform.io/hashicorp/random", True),
        ("terraform.io/builtin/terraform", True),
        ("acme/widgets", False),
        ("a/b/c/d", False),
    ],
)
def test_registry_resolves_sources(source: str, ok: bool) -> None:
    p, diags = REGISTRY.new_provider(source)
    assert (p is not None) is ok
    if source == "acme/widgets":
        assert 'entry point named "widgets"' in diags[0].detail


@pytest.mark.parametrize(
    ("type_name", "attrs", "unknown"),
    [
        ("random_string", {"length": Value.number(12)}, {"id", "result"}),
        ("random_password", {"length": Value.number(12)}, {"id", "result", "bcrypt_hash"}),
        ("random_id", {"byte_length": Value.number(4)}, {"id", "b64_url", "b64_std", "hex", "dec"}),
        ("random_integer", {"min": Value.number(1), "max": Value.number(3)}, {"id", "result"}),
        ("random_pet", {}, {"id"}),
        ("random_uuid", {}, {"id", "result"}),
        ("random_shuffle", {"input": Value.list([Value.string("a"), Value.string("b")])}, {"id", "result"}),
    ],
)
def test_random_create_noop_and_keepers(type_name: str, attrs: dict[str, Value], unknown: set[str]) -> None:
    p = provider("random")
    planned, state, _ = plan_apply(p, type_name, attrs)
    assert {k for k, v in planned.raw.items() if not v.is_known} == unknown
    assert state.is_wholly_known
    again, same_state, replace = plan_apply(p, type_name, attrs, state)
    assert replace == [] and again == state and same_state == state
    keepers = Value.map({"k": Value.string("v")}, STRING)
    _, _, replace = plan_apply(p, type_name, {**attrs, "keepers": keepers}, state)
    assert replace == [("keepers",)]


@given(
    length=st.integers(1, 40),
    mins=st.tuples(*[st.integers(0, 5)] * 4),
    flags=st.tuples(*[st.booleans()] * 4).filter(any),
)
@settings(max_examples=60, deadline=None)
def test_random_string_rules(
    length: int, mins: tuple[int, int, int, int], flags: tuple[bool, bool, bool, bool]
) -> None:
    if sum(mins) > length:
        length = sum(mins)
    rules = StringRules(length, *flags, *mins)
    s = generate(rules)
    assert len(s) == length
    for chars, minimum in zip((UPPER, LOWER, NUMERIC, SPECIAL), mins, strict=True):
        assert sum(c in chars for c in s) >= minimum
    allowed = (
        rules.alphabet
        + UPPER * (mins[0] > 0)
        + LOWER * (mins[1] > 0)
        + NUMERIC * (mins[2] > 0)
        + SPECIAL * (mins[3] > 0)
    )
    assert set(s) <= set(allowed)


@pytest.mark.parametrize(
    ("attrs", "path"),
    [
        ({"length": Value.number(0)}, ("length",)),
        ({"length": Value.number(2), "min_upper": Value.number(3)}, ("length",)),
        (
            {
                "length": Value.number(2),
                "special": Value.bool(False),
                "upper": Value.bool(False),
                "lower": Value.bool(False),
                "numeric": Value.bool(False),
            },
            ("numeric",),
        ),
    ],
)
def test_random_string_validation(attrs: dict[str, Value], path: tuple[str]) -> None:
    p = provider("random")
    block = p.schema.resource_schemas["random_string"].block
    diags = p.validate_resource_config(
        ValidateResourceConfigRequest("random_string", make_object(block, attrs))
    ).diagnostics
    assert [d.attribute_path for d in diags] == [path]


def test_random_imports() -> None:
    p = provider("random")
    got = (
        p.import_resource_state(ImportResourceStateRequest("random_integer", "5,1,10"))
        .imported_resources[0]
        .state
    )
    assert got.raw["result"].as_python() == 5
    assert p.import_resource_state(ImportResourceStateRequest("random_integer", "x")).diagnostics


def test_null_resource_triggers_replace() -> None:
    p = provider("null")
    trig = {"triggers": Value.map({"a": Value.string("1")}, STRING)}
    _, state, _ = plan_apply(p, "null_resource", trig)
    assert state.raw["id"].raw.isdigit()
    _, _, replace = plan_apply(
        p, "null_resource", {"triggers": Value.map({"a": Value.string("2")}, STRING)}, state
    )
    assert replace == [("triggers",)]


def test_local_file_lifecycle(tmp_path: Path) -> None:
    p = provider("local")
    path = tmp_path / "sub" / "f.txt"
    attrs = {"filename": Value.string(str(path)), "content": Value.string("hi")}
    _, state, _ = plan_apply(p, "local_file", attrs)
    assert path.read_text() == "hi"
    assert state.raw["id"].raw == "c22b5f9178342609428d6f51b2c5af4c0bde6a42"
    assert p.read_resource(ReadResourceRequest("local_file", state)).new_state == state
    path.write_text("changed")
    assert p.read_resource(ReadResourceRequest("local_file", state)).new_state.is_null
    block = p.schema.resource_schemas["local_file"].block
    both = make_object(block, {**attrs, "content_base64": Value.string("aGk=")})
    assert p.validate_resource_config(ValidateResourceConfigRequest("local_file", both)).diagnostics
    data = p.read_data_source(
        ReadDataSourceRequest(
            "local_file",
            make_object(
                p.schema.data_source_schemas["local_file"].block, {"filename": Value.string(str(path))}
            ),
        )
    )
    assert data.state.raw["content"].raw == "changed"


def test_time_static_and_sleep() -> None:
    p = provider("time")
    _, state, _ = plan_apply(p, "time_static", {"rfc3339": Value.string("2020-02-12T06:36:13Z")})
    assert state.raw["unix"].as_python() == 1581489373 and state.raw["id"].raw == "2020-02-12T06:36:13Z"
    _, state, _ = plan_apply(p, "time_sleep", {"create_duration": Value.string("10ms")})
    assert state.raw["id"].is_known
    block = p.schema.resource_schemas["time_sleep"].block
    bad = make_object(block, {"create_duration": Value.string("soon")})
    assert p.validate_resource_config(ValidateResourceConfigRequest("time_sleep", bad)).diagnostics


def test_time_rotating_expired_is_removed() -> None:
    p = provider("time")
    _, state, _ = plan_apply(
        p,
        "time_rotating",
        {"rfc3339": Value.string("2000-01-31T00:00:00Z"), "rotation_months": Value.number(1)},
    )
    assert state.raw["rotation_rfc3339"].raw == "2000-03-02T00:00:00Z"
    assert p.read_resource(ReadResourceRequest("time_rotating", state)).new_state.is_null


def _external(program: list[str], query: dict[str, str]) -> tuple[Value, list]:
    p = provider("external")
    block = p.schema.data_source_schemas["external"].block
    config = make_object(
        block,
        {
            "program": Value.list([Value.string(s) for s in program]),
            "query": Value.map({k: Value.string(v) for k, v in query.items()}, STRING),
        },
    )
    resp = p.read_data_source(ReadDataSourceRequest("external", config))
    return resp.state, resp.diagnostics


def test_external_program_round_trip_and_errors() -> None:
    state, diags = _external(
        [
            sys.executable,
            "-c",
            "import json,sys; q=json.load(sys.stdin); print(json.dumps({'x': q['a'] + '!'}))",
        ],
        {"a": "hi"},
    )
    assert diags == [] and state.raw["result"].raw["x"].raw == "hi!" and state.raw["id"].raw == "-"
    _, diags = _external([sys.executable, "-c", "import sys; sys.stderr.write('boom'); sys.exit(3)"], {})
    assert (
        diags[0].summary == "External Program Execution Failed"
        and "Error Message: boom" in diags[0].detail
        and "State: exit status 3" in diags[0].detail
    )
    _, diags = _external([sys.executable, "-c", "print('[1]')"], {})
    assert diags[0].summary == "Unexpected External Program Results"
    _, diags = _external(["no-such-program-here"], {})
    assert diags[0].summary == "External Program Lookup Failed"
