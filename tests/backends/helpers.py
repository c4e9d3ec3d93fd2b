"""Shared builders for backend tests."""

from __future__ import annotations

from hclrun.addrs import (
    ROOT_MODULE_INSTANCE,
    AbsProviderConfig,
    AbsResource,
    Resource,
    ResourceMode,
    builtin_provider,
)
from hclrun.states import ResourceInstanceObject, StateFile
from hclrun.values.value import Value

PROVIDER = AbsProviderConfig(builtin_provider("terraform"))
RES = AbsResource(ROOT_MODULE_INSTANCE, Resource(ResourceMode.MANAGED, "terraform_data", "x"))


def obj(n: int) -> ResourceInstanceObject:
    return ResourceInstanceObject.from_value(Value.object({"id": Value.string(f"id-{n}"), "n": Value.number(n)}))


def state_with(count: int, lineage: str | None = None) -> StateFile:
    file = StateFile() if lineage is None else StateFile(lineage=lineage)
    for i in range(count):
        file.state.set_current(RES.instance(i), obj(i), PROVIDER)
    return file
