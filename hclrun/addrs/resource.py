"""Resource addresses: ``Resource`` (``aws_instance.web``, ``data.x.y``),
``ResourceInstance`` (with a key), their absolute forms under a module
instance, ``ConfigResource`` (under a static module path, as dependencies are
recorded) and output value addresses."""

from __future__ import annotations

import enum

from hclrun.addrs.keys import InstanceKey, key_order, key_suffix
from hclrun.addrs.module import ROOT_MODULE, ROOT_MODULE_INSTANCE, Module, ModuleInstance
from hclrun.records import record


class ResourceMode(enum.Enum):
    MANAGED = "managed"
    DATA = "data"
    EPHEMERAL = "ephemeral"


_MODE_ORDER = {ResourceMode.DATA: 0, ResourceMode.MANAGED: 1, ResourceMode.EPHEMERAL: 2}
_MODE_PREFIX = {ResourceMode.MANAGED: "", ResourceMode.DATA: "data.", ResourceMode.EPHEMERAL: "ephemeral."}


@record(slots=True)
class Resource:
    mode: ResourceMode
    type: str
    name: str

    def __str__(self) -> str:
        return f"{_MODE_PREFIX[self.mode]}{self.type}.{self.name}"

    def instance(self, key: InstanceKey = None) -> ResourceInstance:
        return ResourceInstance(self, key)

    def absolute(self, module: ModuleInstance = ROOT_MODULE_INSTANCE) -> AbsResource:
        return AbsResource(module, self)

    def sort_key(self) -> tuple[int, str, str]:
        """Data resources sort before managed ones, then by type and name."""
        return (_MODE_ORDER[self.mode], self.type, self.name)


@record(slots=True)
class ResourceInstance:
    resource: Resource
    key: InstanceKey = None

    def __str__(self) -> str:
        return f"{self.resource}{key_suffix(self.key)}"

    def absolute(self, module: ModuleInstance = ROOT_MODULE_INSTANCE) -> AbsResourceInstance:
        return AbsResourceInstance(module, self)


@record(slots=True)
class AbsResource:
    module: ModuleInstance
    resource: Resource

    def __str__(self) -> str:
        if self.module.is_root:
            return str(self.resource)
        return f"{self.module}.{self.resource}"

    def instance(self, key: InstanceKey = None) -> AbsResourceInstance:
        return AbsResourceInstance(self.module, ResourceInstance(self.resource, key))

    def config(self) -> ConfigResource:
        return ConfigResource(self.module.module(), self.resource)

    def sort_key(self) -> tuple[object, ...]:
        return (self.module.sort_key(), self.resource.sort_key())


@record(slots=True)
class AbsResourceInstance:
    module: ModuleInstance
    resource: ResourceInstance

    def __str__(self) -> str:
        if self.module.is_root:
            return str(self.resource)
        return f"{self.module}.{self.resource}"

    def containing_resource(self) -> AbsResource:
        return AbsResource(self.module, self.resource.resource)

    def sort_key(self) -> tuple[object, ...]:
        """Terraform's order (as ``state list`` prints): module, then resource, then key."""
        return (self.module.sort_key(), self.resource.resource.sort_key(), key_order(self.resource.key))


@record(slots=True)
class ConfigResource:
    """A resource in a static module path: how dependencies are written in state."""

    module: Module
    resource: Resource

    def __str__(self) -> str:
        if self.module.is_root:
            return str(self.resource)
        return f"{self.module}.{self.resource}"

    def absolute(self) -> AbsResource:
        return AbsResource(self.module.unkeyed_instance(), self.resource)


@record(slots=True)
class AbsOutputValue:
    module: ModuleInstance
    name: str

    def __str__(self) -> str:
        if self.module.is_root:
            return f"output.{self.name}"
        return f"{self.module}.output.{self.name}"


def root_output(name: str) -> AbsOutputValue:
    return AbsOutputValue(ROOT_MODULE_INSTANCE, name)


__all__ = [
    "ROOT_MODULE",
    "AbsOutputValue",
    "AbsResource",
    "AbsResourceInstance",
    "ConfigResource",
    "Resource",
    "ResourceInstance",
    "ResourceMode",
    "root_output",
]
