"""Saved plan files: exact round trips, configuration snapshots, rejection of
corrupt and foreign files, and the stale-plan guard."""

from __future__ import annotations

import io
import zipfile

import pytest

from hclrun.addrs import AbsProviderConfig, parse_abs_resource_instance
from hclrun.plans import Action, Plan, ResourceInstanceChange
from hclrun.plans.jsonplan import encode_plan_json
from hclrun.plans.planfile import PlanFile, read_plan_file, stale_plan_diagnostics, write_plan_file
from hclrun.plans.planfile_values import PlanValueError, decode_value, encode_value
from hclrun.values.errors import MapKey
from hclrun.values.types import DYNAMIC, NUMBER, STRING, ListType
from hclrun.values.unknowns import NOT_NULL
from hclrun.values.value import SENSITIVE, Unknown, Value
from tests.plans.goldens import SCENARIOS, TERRAFORM_PROVIDER, Scenario, plan_from_document, schemas

VALUES = [
    ("null", Value.null(STRING)),
    ("dynamic null", Value.null(DYNAMIC)),
    ("unknown", Value.unknown(STRING)),
    ("refined unknown", Value(STRING, Unknown(not_null=True, string_prefix="ab"))),
    ("bounded unknown", Value(NUMBER, Unknown(number_lower=(Value.number(1).raw, True), length_upper=None))),
    ("big number", Value.number("123456789012345678901234567890.000000000000000000001")),
    ("third", Value.number(1) if False else Value(NUMBER, Value.number(1).raw / 3)),
    ("negative zero", Value(NUMBER, -Value.number(0).raw)),
    ("sensitive string", Value.string("s").mark(SENSITIVE)),
    ("nested marks", Value.object({"a": Value.string("x").mark(SENSITIVE), "b": Value.list([Value.number(1)])})),
    ("unknown in list", Value.list([Value.string("a"), Value(STRING, NOT_NULL)])),
    ("set", Value.set([Value.string("b"), Value.string("a")])),
    ("empty list", Value.list([], STRING)),
    ("map", Value.map({"k": Value.string("v")})),
    ("tuple", Value.tuple([Value.bool(True), Value.unknown(DYNAMIC)])),
    ("unknown list", Value.unknown(ListType(STRING)).mark(SENSITIVE)),
]


@pytest.mark.parametrize(("name", "value"), VALUES, ids=[n for n, _ in VALUES])
def test_value_round_trip_is_exact(name: str, value: Value) -> None:
    back = decode_value(encode_value(value))
    assert back.raw_equals(value)
    assert back.type == value.type


BAD_VALUES = [
    ("type as data", {"type": ["list", "string"], "value": ["seq", []]}, "JSON text"),
    ("bad type text", {"type": "[\"list\"", "value": ["seq", []]}, "delimiter"),
    ("unknown type", {"type": "\"text\"", "value": ["s", "x"]}, "invalid primitive type name"),
    ("kind mismatch", {"type": "\"string\"", "value": ["n", "1"]}, "does not fit type string"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_VALUES, ids=[b[0] for b in BAD_VALUES])
def test_malformed_values_are_rejected(name: str, data: object, message: str) -> None:
    with pytest.raises(PlanValueError, match=message):
        decode_value(data)


@pytest.mark.parametrize("name", SCENARIOS)
def test_recorded_plans_round_trip(name: str) -> None:
    scenario = Scenario(name)
    doc = scenario.plan_document()
    plan = plan_from_document(doc, scenario.prior_state(), scenario.mode())
    plan.state_lineage, plan.state_serial = "0f3c2a1e-aaaa-bbbb-cccc-000000000000", 7
    config = {"main.tf": b'resource "terraform_data" "x" {}\n', "mod/main.tf": b"# module\n"}
    data = write_plan_file(PlanFile(plan, config))
    loaded, diags = read_plan_file(data)
    assert not diags and loaded is not None
    assert loaded.config_files == config
    back = loaded.plan
    assert (back.state_lineage, back.state_serial, back.mode) == (plan.state_lineage, 7, plan.mode)
    for got, want in zip(back.changes, plan.changes, strict=True):
        assert got.addr == want.addr and got.action is want.action and got.reason is want.reason
        assert got.before is not None and want.before is not None and got.before.raw_equals(want.before)
        assert got.after is not None and want.after is not None and got.after.raw_equals(want.after)
    want_json = encode_plan_json(plan, schemas(), configuration=doc["configuration"])
    assert encode_plan_json(back, schemas(), configuration=doc["configuration"]) == want_json


def test_plan_file_is_deterministic() -> None:
    plan = Plan()
    assert write_plan_file(PlanFile(plan)) == write_plan_file(PlanFile(plan))


def test_change_fields_round_trip() -> None:
    addr, _ = parse_abs_resource_instance('module.m["k"].terraform_data.x[2]')
    prev, _ = parse_abs_resource_instance("terraform_data.old")
    assert addr is not None and prev is not None
    change = ResourceInstanceChange(
        addr, AbsProviderConfig(TERRAFORM_PROVIDER), Action.CREATE_THEN_DELETE, None, Value.null(DYNAMIC),
        prev_run_addr=prev, deposed="00aa11bb", replace_paths=(("input", 0, MapKey("k")),), private=b"\x00\x01",
    )
    loaded, _ = read_plan_file(write_plan_file(PlanFile(Plan(changes=[change]))))
    assert loaded is not None
    got = loaded.plan.changes[0]
    assert (got.addr, got.prev_run_addr, got.deposed, got.private) == (addr, prev, "00aa11bb", b"\x00\x01")
    assert got.replace_paths == (("input", 0, MapKey("k")),)
    assert isinstance(got.replace_paths[0][2], MapKey)
    assert got.before is None


ADDRESSES = [
    "terraform_data.x",
    "terraform_data.x[0]",
    'terraform_data.x["a b\\"c/d"]',
    "data.terraform_remote_state.s",
    'module.a.module.b["k"].terraform_data.x["0"]',
    "module.a[3].data.terraform_remote_state.s[1]",
]


@pytest.mark.parametrize("text", ADDRESSES)
def test_addresses_round_trip(text: str) -> None:
    addr, _ = parse_abs_resource_instance(text)
    assert addr is not None
    changes = [
        ResourceInstanceChange(addr, AbsProviderConfig(TERRAFORM_PROVIDER), Action.NO_OP, None, None, prev_run_addr=addr),
        ResourceInstanceChange(addr, AbsProviderConfig(TERRAFORM_PROVIDER), Action.NO_OP, None, None, deposed="ab"),
    ]
    loaded, diags = read_plan_file(write_plan_file(PlanFile(Plan(changes=changes))))
    assert not diags and loaded is not None
    assert [(c.addr, c.prev_run_addr) for c in loaded.plan.changes] == [(addr, addr), (addr, None)]
    assert [str(c.addr) for c in loaded.plan.changes] == [text, text]
    assert loaded.plan.changes[0].addr.resource.key == addr.resource.key


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


BAD_FILES = [
    ("not a zip", b"garbage\n", "zip: not a valid zip file"),
    ("empty", b"", "zip: not a valid zip file"),
    ("foreign zip", _zip({"tfplan": b"x"}), "was not written by hclrun"),
    ("other format", _zip({"hclrun-plan.json": b'{"format": "other"}'}), "is not an hclrun plan"),
    ("newer version", _zip({"hclrun-plan.json": b'{"format": "hclrun-plan", "format_version": 99}'}),
     "format version is 99"),
    ("bad json", _zip({"hclrun-plan.json": b"{"}), "the plan file is corrupt"),
    ("older version", _zip({"hclrun-plan.json": b'{"format": "hclrun-plan", "format_version": 1}'}),
     "format version is 1, but this version of hclrun reads only version 2"),
    ("missing plan", _zip({"hclrun-plan.json": b'{"format": "hclrun-plan", "format_version": 2}'}),
     "the plan file is corrupt: missing 'plan'"),
]


@pytest.mark.parametrize(("name", "data", "detail"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_rejects_bad_files(name: str, data: bytes, detail: str) -> None:
    loaded, diags = read_plan_file(data, "p")
    assert loaded is None
    assert [d.summary for d in diags] == ['Failed to load "p" as a plan file']
    assert detail in diags[0].detail


def test_truncated_plan_file_is_rejected() -> None:
    data = write_plan_file(PlanFile(Plan()))
    loaded, diags = read_plan_file(data[: len(data) // 2])
    assert loaded is None and diags.has_errors()


STALE = [
    ("same", "L", 3, []),
    ("newer serial", "L", 4, ["Saved plan is stale"]),
    ("other lineage", "M", 3, ["Saved plan does not match the given state"]),
]


@pytest.mark.parametrize(("name", "lineage", "serial", "summaries"), STALE, ids=[s[0] for s in STALE])
def test_stale_plan_guard(name: str, lineage: str, serial: int, summaries: list[str]) -> None:
    plan = Plan(state_lineage="L", state_serial=3)
    assert [d.summary for d in stale_plan_diagnostics(plan, lineage, serial)] == summaries
