"""Reading a state shares dependency address strings without changing what is read."""

from __future__ import annotations

import json

from hclrun.states import read_state_file, write_state_file
from hclrun.states.jsondata import JSONNumber


def _instance(deps: list[str], attributes: dict[str, object]) -> dict[str, object]:
    return {"schema_version": 0, "attributes": attributes, "sensitive_attributes": [], "dependencies": deps}


def _state(instances: list[dict[str, object]]) -> str:
    resources = [
        {
            "mode": "managed",
            "type": "terraform_data",
            "name": f"r{i}",
            "provider": 'provider["terraform.io/builtin/terraform"]',
            "instances": [inst],
        }
        for i, inst in enumerate(instances)
    ]
    return json.dumps({"version": 4, "terraform_version": "1.11.4", "serial": 1, "lineage": "l", "outputs": {}, "resources": resources})


def test_dependency_lists_read_and_written_back_unchanged() -> None:
    text = _state(
        [
            _instance([], {"id": "a"}),
            _instance(["terraform_data.r0"], {"id": "b"}),
            _instance(["terraform_data.r0", "terraform_data.r1"], {"id": "c", "dependencies": [1.5, "x"]}),
        ]
    )
    file, diags = read_state_file(text)
    assert file is not None and not diags
    objs = [file.state.current_object(rs.addr.instance(None)) for rs in file.state.iter_resources()]
    assert [[str(d) for d in o.dependencies] for o in objs if o is not None] == [
        [],
        ["terraform_data.r0"],
        ["terraform_data.r0", "terraform_data.r1"],
    ]
    # An attribute that happens to be called "dependencies" keeps its exact numbers.
    last = objs[2]
    assert last is not None
    assert last.attributes["dependencies"] == [JSONNumber("1.5"), "x"]
    assert isinstance(last.attributes["dependencies"][0], JSONNumber)
    again, _ = read_state_file(write_state_file(file))
    assert again is not None and write_state_file(again) == write_state_file(file)


def test_equal_addresses_become_one_address_object() -> None:
    text = _state([_instance(["terraform_data.r0"], {"id": "a"}), _instance(["terraform_data.r0"], {"id": "b"})])
    file, _ = read_state_file(text)
    assert file is not None
    objs = [file.state.current_object(rs.addr.instance(None)) for rs in file.state.iter_resources()]
    assert objs[0] is not None and objs[1] is not None
    assert objs[0].dependencies[0] is objs[1].dependencies[0]
