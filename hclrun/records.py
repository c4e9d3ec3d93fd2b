"""Data classes that cost little to define.

``dataclasses.dataclass(frozen=True)`` compiles six methods per class with
``exec`` (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``), and the syntax tree, configuration model,
diagnostics and schemas define dozens of such classes, which made defining
them most of the start-up time. :func:`record` makes the same dataclass
(``fields``, ``replace``, ``astuple``, pattern matching and pickling work as
before) with only ``__init__`` compiled: equality, hashing and ``repr`` are
closures over the field names with dataclass's exact semantics.

Immutability is checked by mypy (``record`` is a ``dataclass_transform``
that is frozen by default) rather than by a ``__setattr__`` run on every
assignment, which also makes building an instance cheaper.
"""

from __future__ import annotations

import dataclasses
from _thread import get_ident
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, cast, dataclass_transform, overload

_C = TypeVar("_C", bound=type)

Key = Callable[[Any], tuple[Any, ...]]


def _key(names: tuple[str, ...]) -> Key:
    """A function giving the tuple of ``names``' values, as dataclass methods compare and hash."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return lambda obj: ()


def _eq(key: Key) -> Callable[[Any, object], Any]:
    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _hash(key: Key) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))

    return __hash__


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    running: set[tuple[int, int]] = set()

    def __repr__(self: Any) -> str:
        guard = (id(self), get_ident())
        if guard in running:
            return "..."
        running.add(guard)
        try:
            shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
            return f"{self.__class__.__qualname__}({shown})"
        finally:
            running.discard(guard)

    return __repr__


def _install(cls: type, name: str, method: Callable[..., Any]) -> None:
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, method)


def _complete(cls: _C, slots: bool, frozen: bool, eq: bool) -> _C:
    own = set(cls.__dict__)
    if not cls.__doc__:  # dataclass would work one out with inspect.signature, which is slow
        cls.__doc__ = f"{cls.__name__}({', '.join(cls.__dict__.get('__annotations__', ()))})"
    explicit_hash = "__hash__" in own and not (cls.__dict__["__hash__"] is None and "__eq__" in own)
    made = cast(_C, dataclasses.dataclass(cls, repr=False, eq=False, slots=slots))
    fields = dataclasses.fields(made)
    if "__repr__" not in own:
        _install(made, "__repr__", _repr(tuple(f.name for f in fields if f.repr)))
    if not eq:  # compared and hashed by identity
        return made
    if "__eq__" not in own:
        _install(made, "__eq__", _eq(_key(tuple(f.name for f in fields if f.compare))))
    if not explicit_hash:
        if frozen:
            hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
            _install(made, "__hash__", _hash(_key(hashed)))
        else:
            made.__hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as dataclass does
    return made


@overload
@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: _C, /) -> _C: ...


@overload
def record(*, slots: bool = False, frozen: bool = True, eq: bool = True) -> Callable[[_C], _C]: ...


def record(
    cls: _C | None = None, /, *, slots: bool = False, frozen: bool = True, eq: bool = True
) -> _C | Callable[[_C], _C]:
    """Make ``cls`` a dataclass compared and hashed by value.

    As with ``dataclass``: ``frozen=False`` makes a mutable record, compared by value and
    unhashable; ``eq=False`` one compared and hashed by identity.
    """
    if cls is None:
        return lambda c: _complete(c, slots, frozen, eq)
    return _complete(cls, slots, frozen, eq)
