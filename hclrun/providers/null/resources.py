"""``null_resource`` (replaced whenever ``triggers`` change) and the deprecated
``null_data_source`` (copies ``inputs`` to ``outputs``)."""

from __future__ import annotations

import secrets

from hclrun.diagnostics import Diagnostic
from hclrun.providers.framework import DataSourceType, ResourceType
from hclrun.providers.objects import with_attrs
from hclrun.values.types import STRING, MapType
from hclrun.values.value import Value


def random_decimal_id() -> str:
    """A random non-negative 63-bit integer in decimal, as Go's ``rand.Int()`` gives."""
    return str(secrets.randbits(63))


class NullResource(ResourceType):
    name = "null_resource"
    replace_on_change = ("triggers",)

    def create(self, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        return with_attrs(planned, {"id": Value.string(random_decimal_id())}), []


class NullDataSource(DataSourceType):
    name = "null_data_source"

    def read(self, config: Value) -> tuple[Value, list[Diagnostic]]:
        inputs = config.raw["inputs"]
        outputs = inputs if not inputs.is_null else Value.null(MapType(STRING))
        default = config.raw["has_computed_default"]
        changes = {
            "outputs": outputs,
            "random": Value.string(random_decimal_id()),
            "has_computed_default": default if not default.is_null else Value.string("default"),
            "id": Value.string("static"),
        }
        return with_attrs(config, changes), []
