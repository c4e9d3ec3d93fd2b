"""The state model: root outputs, and per module instance the resources with
their instances, each holding a current object and any deposed objects.

``State`` is a plain mutable container for one thread; use ``SyncState``
(``states.sync``) to share one between the workers of a parallel apply.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import field

from hclrun.addrs import (
    AbsProviderConfig,
    AbsResource,
    AbsResourceInstance,
    InstanceKey,
    ModuleInstance,
    Resource,
    key_order,
)
from hclrun.records import record
from hclrun.states.objects import ResourceInstanceObject
from hclrun.values.value import Value


@record(slots=True)
class OutputValue:
    value: Value
    sensitive: bool = False


@record(slots=True, frozen=False)
class ResourceInstanceState:
    current: ResourceInstanceObject | None = None
    deposed: dict[str, ResourceInstanceObject] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return self.current is None and not self.deposed


@record(slots=True, frozen=False)
class ResourceState:
    addr: AbsResource
    provider: AbsProviderConfig
    instances: dict[InstanceKey, ResourceInstanceState] = field(default_factory=dict)
    # "list" (count), "map" (for_each) or "" — read from older files, never written.
    each_mode: str = ""


@record(slots=True, frozen=False)
class ModuleState:
    addr: ModuleInstance
    resources: dict[Resource, ResourceState] = field(default_factory=dict)


@record(slots=True)
class CheckObjectResult:
    object_addr: str
    status: str
    failure_messages: tuple[str, ...] | None = None


@record(slots=True)
class CheckResult:
    object_kind: str  # "resource", "output", "check" or "var"
    config_addr: str
    status: str  # "pass", "fail", "error" or "unknown"
    objects: tuple[CheckObjectResult, ...] | None = None


def new_deposed_key() -> str:
    """Eight hex digits, as Terraform names deposed objects."""
    return secrets.token_hex(4)


class State:
    def __init__(self) -> None:
        self.modules: dict[ModuleInstance, ModuleState] = {}
        self.outputs: dict[str, OutputValue] = {}
        # None: the file had no check results (written as null).
        self.check_results: tuple[CheckResult, ...] | None = None

    # ---------------------------------------------------------------- reading

    def module(self, addr: ModuleInstance) -> ModuleState | None:
        return self.modules.get(addr)

    def resource(self, addr: AbsResource) -> ResourceState | None:
        ms = self.modules.get(addr.module)
        return None if ms is None else ms.resources.get(addr.resource)

    def resource_instance(self, addr: AbsResourceInstance) -> ResourceInstanceState | None:
        rs = self.resource(addr.containing_resource())
        return None if rs is None else rs.instances.get(addr.resource.key)

    def current_object(self, addr: AbsResourceInstance) -> ResourceInstanceObject | None:
        inst = self.resource_instance(addr)
        return None if inst is None else inst.current

    def resource_instance_addrs(self) -> list[AbsResourceInstance]:
        """Every instance with a current object, in Terraform's order (``state list``)."""
        found = [
            rs.addr.instance(key)
            for ms in self.modules.values()
            for rs in ms.resources.values()
            for key, inst in rs.instances.items()
            if inst.current is not None
        ]
        found.sort(key=AbsResourceInstance.sort_key)
        return found

    def iter_resources(self) -> Iterator[ResourceState]:
        for ms in self.modules.values():
            yield from ms.resources.values()

    @property
    def is_empty(self) -> bool:
        """No outputs and no resource objects (Terraform's "empty" for workspace deletion)."""
        return not self.outputs and all(not ms.resources for ms in self.modules.values())

    def instance_count(self) -> int:
        return sum(len(rs.instances) for rs in self.iter_resources())

    # ---------------------------------------------------------------- changes

    def _ensure_resource(self, addr: AbsResource, provider: AbsProviderConfig) -> ResourceState:
        ms = self.modules.get(addr.module)
        if ms is None:
            ms = self.modules[addr.module] = ModuleState(addr.module)
        rs = ms.resources.get(addr.resource)
        if rs is None:
            rs = ms.resources[addr.resource] = ResourceState(addr, provider)
        else:
            rs.provider = provider
        return rs

    def set_resource_provider(self, addr: AbsResource, provider: AbsProviderConfig) -> ResourceState:
        return self._ensure_resource(addr, provider)

    def set_current(
        self, addr: AbsResourceInstance, obj: ResourceInstanceObject | None, provider: AbsProviderConfig
    ) -> None:
        """Set (or with ``None`` remove) the current object; empty containers are pruned."""
        self._set_object(addr, None, obj, provider)

    def set_deposed(
        self, addr: AbsResourceInstance, key: str, obj: ResourceInstanceObject | None, provider: AbsProviderConfig
    ) -> None:
        self._set_object(addr, key, obj, provider)

    def depose_current(self, addr: AbsResourceInstance, provider: AbsProviderConfig, key: str | None = None) -> str | None:
        """Move the current object to a new deposed key, returned (``None`` if there was none)."""
        inst = self.resource_instance(addr)
        if inst is None or inst.current is None:
            return None
        key = key or new_deposed_key()
        while key in inst.deposed:
            key = new_deposed_key()
        obj = inst.current
        self._set_object(addr, None, None, provider)
        self._set_object(addr, key, obj, provider)
        return key

    def _set_object(
        self,
        addr: AbsResourceInstance,
        deposed: str | None,
        obj: ResourceInstanceObject | None,
        provider: AbsProviderConfig,
    ) -> None:
        raddr = addr.containing_resource()
        key = addr.resource.key
        if obj is None:
            rs = self.resource(raddr)
            if rs is None:
                return
            inst = rs.instances.get(key)
            if inst is None:
                return
            if deposed is None:
                inst.current = None
            else:
                inst.deposed.pop(deposed, None)
            if inst.is_empty:
                del rs.instances[key]
            if not rs.instances:
                self.remove_resource(raddr)
            return
        rs = self._ensure_resource(raddr, provider)
        inst = rs.instances.get(key)
        if inst is None:
            inst = rs.instances[key] = ResourceInstanceState()
        if deposed is None:
            inst.current = obj
        else:
            inst.deposed[deposed] = obj

    def remove_resource(self, addr: AbsResource) -> None:
        ms = self.modules.get(addr.module)
        if ms is None:
            return
        ms.resources.pop(addr.resource, None)
        if not ms.resources and not addr.module.is_root:
            del self.modules[addr.module]

    def set_output(self, name: str, output: OutputValue | None) -> None:
        if output is None:
            self.outputs.pop(name, None)
        else:
            self.outputs[name] = output

    # ---------------------------------------------------------------- copies

    def deep_copy(self) -> State:
        """A copy whose containers are independent (objects are immutable and shared)."""
        out = State()
        out.outputs = dict(self.outputs)
        out.check_results = self.check_results
        for maddr, ms in self.modules.items():
            nms = out.modules[maddr] = ModuleState(maddr)
            for raddr, rs in ms.resources.items():
                nrs = nms.resources[raddr] = ResourceState(rs.addr, rs.provider, each_mode=rs.each_mode)
                for key, inst in rs.instances.items():
                    nrs.instances[key] = ResourceInstanceState(inst.current, dict(inst.deposed))
        return out


def instance_sort_key(key: InstanceKey) -> tuple[int, int, bytes]:
    return key_order(key)
