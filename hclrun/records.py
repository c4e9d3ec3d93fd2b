"""Data classes that cost little to define.

``dataclasses.dataclass(frozen=True)`` compiles six methods per class with
``exec`` (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``) and inspects every field, and the syntax
tree, configuration model, diagnostics, schemas and provider protocol define
about a hundred such classes, which made defining them most of the start-up
time. A :func:`record` is the same dataclass (``fields``, ``replace``,
``astuple``, pattern matching and pickling work as before) made in two steps:

* when the class is defined, only what needs no compiling: equality, hashing
  and ``repr`` are closures over the field names with dataclass's exact
  semantics, ``__match_args__``, and ``__slots__`` when asked for;
* on its first instance, or when something first asks for its dataclass
  fields, ``dataclasses`` itself works out the fields and compiles
  ``__init__``. Classes a run never builds never pay for that.

Immutability is checked by mypy (``record`` is a ``dataclass_transform``
that is frozen by default) rather than by a ``__setattr__`` run on every
assignment, which also makes building an instance cheaper.
"""

from __future__ import annotations

import dataclasses
from _thread import RLock, get_ident
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


_FIELDS = "__dataclass_fields__"
_TEMPLATE = "__record_template__"
_finishing = RLock()


def _finish(cls: type) -> None:
    """Let ``dataclasses`` work out ``cls``'s fields and ``__init__`` (once; threads may race here).

    A slotted record keeps its class as written (with the defaults its slots replaced) as a
    template: that is what ``dataclasses`` reads, and the results are copied over.
    """
    with _finishing:
        if isinstance(cls.__dict__.get(_FIELDS), dict):
            return
        template = cls.__dict__.get(_TEMPLATE, cls)
        delattr(cls, _FIELDS)
        delattr(cls, "__init__")
        dataclasses.dataclass(template, repr=False, eq=False)
        if template is not cls:
            for name in ("__init__", _FIELDS):
                setattr(cls, name, template.__dict__[name])


class _Fields:
    """Stands for ``__dataclass_fields__`` until first read, which finishes the class."""

    def __get__(self, instance: object, owner: type) -> Any:
        _finish(owner)
        return owner.__dict__[_FIELDS]


def _lazy_init(cls: type) -> Callable[..., None]:
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        _finish(cls)
        cls.__dict__["__init__"](self, *args, **kwargs)

    return __init__


_NOT_FIELDS = ("ClassVar", "InitVar")
_PLAIN: dataclasses.Field[Any] = dataclasses.field()  # the options of a field declared without ``field()``


def _with_slots(cls: type, names: tuple[str, ...]) -> type:
    """``cls`` made again with ``__slots__`` for ``names`` (and without their defaults)."""
    namespace = {k: v for k, v in cls.__dict__.items() if k not in names and k not in ("__dict__", "__weakref__")}
    namespace["__slots__"] = names
    made = type(cls)(cls.__name__, cls.__bases__, namespace)
    setattr(made, _TEMPLATE, cls)
    return made


def _complete(cls: _C, slots: bool, frozen: bool, eq: bool) -> _C:
    own = dict(cls.__dict__)
    annotations: dict[str, Any] = own.get("__annotations__", {})
    if any(str(a).startswith(_NOT_FIELDS) for a in annotations.values()) or "__init__" in own:
        raise TypeError(f"{cls.__qualname__}: a record has neither class variables nor its own __init__")
    options = {name: own.get(name) for name in annotations}
    fields = {name: f if isinstance(f, dataclasses.Field) else _PLAIN for name, f in options.items()}
    if not cls.__doc__:  # dataclass would work one out with inspect.signature, which is slow
        cls.__doc__ = f"{cls.__name__}({', '.join(annotations)})"
    made: Any = _with_slots(cls, tuple(annotations)) if slots else cls
    made.__match_args__ = tuple(name for name, f in fields.items() if f.init)  # type: ignore[misc]
    setattr(made, _FIELDS, _Fields())
    _install(made, "__init__", _lazy_init(made))
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if "__repr__" not in own:
        _install(made, "__repr__", _repr(tuple(name for name, f in fields.items() if f.repr)))
    if not eq:  # compared and hashed by identity
        return cast(_C, made)
    if "__eq__" not in own:
        _install(made, "__eq__", _eq(_key(tuple(name for name, f in fields.items() if f.compare))))
    if not explicit_hash:
        if frozen:
            hashed = tuple(name for name, f in fields.items() if (f.compare if f.hash is None else f.hash))
            _install(made, "__hash__", _hash(_key(hashed)))
        else:
            made.__hash__ = None  # mutable and compared by value, as dataclass does
    return cast(_C, made)


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
