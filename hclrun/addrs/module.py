"""Module addresses: ``ModuleInstance`` (``module.a["k"].module.b``, with keys)
and ``Module`` (the static path ``module.a.module.b``, as in configuration and
in provider configuration addresses)."""

from __future__ import annotations

from hclrun.addrs.keys import InstanceKey, key_order, key_suffix
from hclrun.records import record


@record(slots=True)
class ModuleInstanceStep:
    name: str
    key: InstanceKey = None

    def __str__(self) -> str:
        return f"module.{self.name}{key_suffix(self.key)}"


@record(slots=True)
class ModuleInstance:
    """A path of module calls with their instance keys; the root module is empty."""

    steps: tuple[ModuleInstanceStep, ...] = ()

    def __str__(self) -> str:
        return ".".join(str(s) for s in self.steps)

    @property
    def is_root(self) -> bool:
        return not self.steps

    def child(self, name: str, key: InstanceKey = None) -> ModuleInstance:
        return ModuleInstance((*self.steps, ModuleInstanceStep(name, key)))

    def parent(self) -> ModuleInstance:
        return ModuleInstance(self.steps[:-1])

    def module(self) -> Module:
        """The static module path, without instance keys."""
        return Module(tuple(s.name for s in self.steps))

    def sort_key(self) -> tuple[int, tuple[tuple[str, tuple[int, int, bytes]], ...]]:
        """Shorter paths first, then step by step: name, then instance key."""
        return (len(self.steps), tuple((s.name, key_order(s.key)) for s in self.steps))


ROOT_MODULE_INSTANCE = ModuleInstance()


@record(slots=True)
class Module:
    """A static module path (names only); the root module is empty."""

    names: tuple[str, ...] = ()

    def __str__(self) -> str:
        return ".".join(f"module.{n}" for n in self.names)

    @property
    def is_root(self) -> bool:
        return not self.names

    def child(self, name: str) -> Module:
        return Module((*self.names, name))

    def unkeyed_instance(self) -> ModuleInstance:
        return ModuleInstance(tuple(ModuleInstanceStep(n) for n in self.names))


ROOT_MODULE = Module()
