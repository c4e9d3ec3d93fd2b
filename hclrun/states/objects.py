"""Resource instance objects: one remote object as state records it.

Attributes are kept in their decoded-JSON form (see ``jsondata``) so that a
state can be loaded and saved without building ``Value`` trees for objects
nobody looks at; ``attributes_value()`` decodes on demand and
``ResourceInstanceObject.from_value`` records a new value, moving its
sensitive marks into ``sensitive_attributes`` paths as Terraform does.
"""

from __future__ import annotations

import base64
import enum
from dataclasses import field, replace
from typing import Any

from hclrun.addrs import ConfigResource
from hclrun.records import record
from hclrun.states import jsondata
from hclrun.states.deptext import compact_list
from hclrun.values.convert import convert
from hclrun.values.json import from_json, to_json
from hclrun.values.types import ListType, MapType, ObjectType, SetType, TupleType, Type
from hclrun.values.value import SENSITIVE, Value


class ObjectStatus(enum.Enum):
    READY = "ready"
    TAINTED = "tainted"


@record(slots=True)
class ResourceInstanceObject:
    """One object (current or deposed) of a resource instance; immutable."""

    attributes: Any = field(default_factory=dict)  # decoded JSON data
    status: ObjectStatus = ObjectStatus.READY
    schema_version: int = 0
    # Paths as state files write them: [[{"type": "get_attr", "value": "x"}], ...]
    sensitive_attributes: Any = field(default_factory=list)
    private: bytes | None = None
    dependencies: tuple[ConfigResource, ...] = ()
    create_before_destroy: bool = False

    @staticmethod
    def from_value(
        value: Value,
        *,
        status: ObjectStatus = ObjectStatus.READY,
        schema_version: int = 0,
        private: bytes | None = None,
        dependencies: tuple[ConfigResource, ...] = (),
        create_before_destroy: bool = False,
    ) -> ResourceInstanceObject:
        """Record a wholly known value; sensitive marks become ``sensitive_attributes``."""
        paths: list[Any] = []
        _collect_sensitive(value, [], paths)
        return ResourceInstanceObject(
            attributes=value_to_data(value),
            status=status,
            schema_version=schema_version,
            sensitive_attributes=paths,
            private=private,
            dependencies=dependencies,
            create_before_destroy=create_before_destroy,
        )

    def attributes_value(self, schema_type: Type | None = None) -> Value:
        """The attributes as a value (of ``schema_type`` when given), with sensitive marks applied."""
        value = data_to_value(self.attributes, schema_type)
        for path in self.sensitive_attributes:
            value = _mark_path(value, path)
        return value

    def tainted(self) -> ResourceInstanceObject:
        return _replace(self, status=ObjectStatus.TAINTED)

    def to_data(self) -> dict[str, Any]:
        """A compact, self-describing form for journal records."""
        data: dict[str, Any] = {"attributes": self.attributes, "schema_version": self.schema_version}
        if self.status is ObjectStatus.TAINTED:
            data["status"] = "tainted"
        if self.sensitive_attributes:
            data["sensitive_attributes"] = self.sensitive_attributes
        if self.private:
            data["private"] = base64.b64encode(self.private).decode("ascii")
        if self.dependencies:
            data["dependencies"] = compact_list(self.dependencies)
        if self.create_before_destroy:
            data["create_before_destroy"] = True
        return data


def _replace(obj: ResourceInstanceObject, **changes: Any) -> ResourceInstanceObject:
    return replace(obj, **changes)


def value_to_data(value: Value) -> Any:
    plain, _ = value.unmark_deep()
    return jsondata.loads(to_json(plain))


def data_to_value(data: Any, want: Type | None = None) -> Value:
    value = from_json(jsondata.dumps_compact(data))
    return value if want is None else convert(value, want)


# ----------------------------------------------------------------------------- sensitive paths


def _collect_sensitive(value: Value, path: list[Any], out: list[Any]) -> None:
    if SENSITIVE in value.marks:
        out.append(list(path))
    raw = value.raw
    if not value.is_known or raw is None:
        return
    t = value.type
    if isinstance(t, ObjectType):
        for name, attr in raw.items():
            _collect_sensitive(attr, [*path, {"type": "get_attr", "value": name}], out)
    elif isinstance(t, MapType):
        for key, elem in raw.items():
            _collect_sensitive(elem, [*path, {"type": "index", "value": {"value": key, "type": "string"}}], out)
    elif isinstance(t, ListType | TupleType):
        for i, elem in enumerate(raw):
            _collect_sensitive(elem, [*path, {"type": "index", "value": {"value": i, "type": "number"}}], out)
    elif isinstance(t, SetType):
        for elem in raw:
            if elem.contains_marked():
                # cty cannot address a set element by position; mark the whole set.
                out.append(list(path))
                return


def _mark_path(value: Value, path: list[Any]) -> Value:
    if not path:
        return value.mark(SENSITIVE)
    raw = value.raw
    if not value.is_known or raw is None:
        return value
    step, rest = path[0], path[1:]
    kind, key = step.get("type"), step.get("value")
    if kind == "get_attr" and isinstance(value.type, ObjectType) and key in raw:
        attrs = dict(raw)
        attrs[key] = _mark_path(attrs[key], rest)
        return Value(value.type, attrs, value.marks)
    if kind == "index" and isinstance(key, dict):
        k = key.get("value")
        if isinstance(raw, dict) and isinstance(k, str) and k in raw:
            items = dict(raw)
            items[k] = _mark_path(items[k], rest)
            return Value(value.type, items, value.marks)
        if isinstance(raw, tuple) and isinstance(k, int) and 0 <= k < len(raw) and not isinstance(value.type, SetType):
            elems = list(raw)
            elems[k] = _mark_path(elems[k], rest)
            return Value(value.type, tuple(elems), value.marks)
    return value
