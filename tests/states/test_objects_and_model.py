"""Resource instance objects (values in and out, sensitive paths) and the
mutable state model."""

from __future__ import annotations

import pytest

from hclrun.addrs import (
    ROOT_MODULE_INSTANCE,
    AbsProviderConfig,
    AbsResource,
    Resource,
    ResourceMode,
    builtin_provider,
)
from hclrun.states import (
    ObjectStatus,
    OutputValue,
    ResourceInstanceObject,
    State,
    StateFile,
    read_state_file,
    write_state_file,
)
from hclrun.states.objects import data_to_value
from hclrun.values.json import JSONEncodeError
from hclrun.values.types import NUMBER, STRING, ListType, MapType, ObjectType, SetType
from hclrun.values.value import Value

PROVIDER = AbsProviderConfig(builtin_provider("terraform"))
RES = AbsResource(ROOT_MODULE_INSTANCE, Resource(ResourceMode.MANAGED, "terraform_data", "x"))

S = Value.string
N = Value.number

VALUES = [
    ("plain", Value.object({"id": S("a"), "n": N(1)}), {"id": "a", "n": 1}, []),
    ("null attribute", Value.object({"id": S("a"), "v": Value.null(STRING)}), {"id": "a", "v": None}, []),
    ("sensitive attribute", Value.object({"id": S("a"), "pw": S("s").mark("sensitive")}), {"id": "a", "pw": "s"}, [[{"type": "get_attr", "value": "pw"}]]),
    (
        "sensitive map element",
        Value.object({"m": Value.map({"k": S("v").mark("sensitive")})}),
        {"m": {"k": "v"}},
        [[{"type": "get_attr", "value": "m"}, {"type": "index", "value": {"value": "k", "type": "string"}}]],
    ),
    (
        "sensitive list element",
        Value.object({"l": Value.list([S("a"), S("b").mark("sensitive")])}),
        {"l": ["a", "b"]},
        [[{"type": "get_attr", "value": "l"}, {"type": "index", "value": {"value": 1, "type": "number"}}]],
    ),
    ("exact numbers", Value.object({"f": N("0.1"), "big": N("123456789012345678901234567890")}), {"f": "0.1", "big": 123456789012345678901234567890}, []),
    ("html characters", Value.object({"s": S("<a&b>")}), {"s": "<a&b>"}, []),
]


@pytest.mark.parametrize(("name", "value", "data", "paths"), VALUES, ids=[r[0] for r in VALUES])
def test_from_value_and_back(name: str, value: Value, data: object, paths: list[object]) -> None:
    obj = ResourceInstanceObject.from_value(value)
    assert obj.attributes == data
    assert obj.sensitive_attributes == paths
    back = obj.attributes_value(value.type)
    assert back.raw_equals(value) or back == value
    assert back.contains_marked() == bool(paths)


def test_unknown_values_cannot_be_recorded() -> None:
    with pytest.raises(JSONEncodeError):
        ResourceInstanceObject.from_value(Value.object({"id": Value.unknown(STRING)}))


def test_decoding_with_a_schema_type() -> None:
    want = ObjectType({"tags": MapType(STRING), "ids": SetType(NUMBER), "l": ListType(STRING)})
    value = data_to_value({"tags": {"b": "1", "a": "2"}, "ids": [3, 1], "l": []}, want)
    assert value.type == want
    assert [e.raw for e in value.raw["ids"].raw] == [1, 3]
    assert data_to_value(None).is_null


def test_set_remove_and_prune() -> None:
    state = State()
    obj = ResourceInstanceObject.from_value(Value.object({"id": S("1")}))
    inner = AbsResource(ROOT_MODULE_INSTANCE.child("m", 0), RES.resource)
    state.set_current(RES.instance(0), obj, PROVIDER)
    state.set_current(inner.instance(), obj, PROVIDER)
    assert [str(a) for a in state.resource_instance_addrs()] == ["terraform_data.x[0]", "module.m[0].terraform_data.x"]
    key = state.depose_current(RES.instance(0), PROVIDER)
    assert key is not None and len(key) == 8
    assert state.current_object(RES.instance(0)) is None
    assert state.resource_instance(RES.instance(0)).deposed[key] is obj  # type: ignore[union-attr]
    state.set_deposed(RES.instance(0), key, None, PROVIDER)
    assert state.resource(RES) is None
    state.set_current(inner.instance(), None, PROVIDER)
    assert inner.module not in state.modules
    assert state.is_empty


def test_outputs_and_copies() -> None:
    state = State()
    state.set_output("a", OutputValue(S("x"), sensitive=True))
    copy = state.deep_copy()
    state.set_output("a", None)
    assert "a" in copy.outputs and "a" not in state.outputs


OUTPUTS = [
    ("string", S("x"), '"value": "x",\n      "type": "string"'),
    ("null is typed", Value.null(STRING), '"value": null,\n      "type": "string"'),
    ("sensitive value keeps its type", S("pw").mark("sensitive"), '"value": "pw"'),
    ("set of numbers", Value.set([N(2), N(1)]), '"type": [\n        "set",\n        "number"\n      ]'),
]


@pytest.mark.parametrize(("name", "value", "fragment"), OUTPUTS, ids=[r[0] for r in OUTPUTS])
def test_output_encoding(name: str, value: Value, fragment: str) -> None:
    file = StateFile()
    file.state.set_output("o", OutputValue(value, sensitive=value.is_sensitive))
    text = write_state_file(file)
    assert fragment in text
    again, diags = read_state_file(text)
    assert again is not None and not diags
    assert again.state.outputs["o"].value.type == value.type
    assert write_state_file(again) == text


def test_tainted_copy() -> None:
    obj = ResourceInstanceObject.from_value(Value.object({"id": S("1")}), create_before_destroy=True)
    tainted = obj.tainted()
    assert tainted.status is ObjectStatus.TAINTED and obj.status is ObjectStatus.READY
    assert tainted.create_before_destroy
