"""The type system: primitive, collection and structural types, and ``any``.

Types are immutable and hashable. ``friendly_name`` gives the wording Terraform
uses in error messages ("list of string"); ``type_expr`` gives the type
constraint syntax (``list(string)``) used by ``type()`` in the console.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


class Type:
    __slots__ = ()

    # ---- kind predicates (cheap, no isinstance chains in callers)
    is_primitive = False
    is_dynamic = False
    is_list = False
    is_set = False
    is_map = False
    is_tuple = False
    is_object = False

    @property
    def is_collection(self) -> bool:
        return self.is_list or self.is_set or self.is_map

    @property
    def is_structural(self) -> bool:
        return self.is_tuple or self.is_object

    def friendly_name(self) -> str:
        """cty's FriendlyName: "string", "list of number", "list of dynamic", "object"."""
        raise NotImplementedError

    def friendly_name_for_constraint(self) -> str:
        """cty's FriendlyNameForConstraint: as ``friendly_name`` but ``any`` reads
        "any type" (top level) or "any single type" (collection element)."""
        return self.friendly_name()

    def type_expr(self) -> str:
        raise NotImplementedError

    def has_dynamic_types(self) -> bool:
        """True when ``any`` appears anywhere in this type."""
        return False

    def __repr__(self) -> str:
        return self.type_expr()


class PrimitiveType(Type):
    __slots__ = ("name",)
    is_primitive = True

    def __init__(self, name: str) -> None:
        self.name = name

    def friendly_name(self) -> str:
        return self.name

    def type_expr(self) -> str:
        return self.name

    # Each primitive type is one module constant: equality is identity, compared
    # and hashed in C (types are dictionary keys on every conversion lookup).
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def __reduce__(self) -> str:
        # The module constant of that name: a copy would equal nothing, as equality is identity.
        return self.name.upper()


class DynamicType(Type):
    """``any``: the type of a value whose type is not known yet (cty's DynamicPseudoType)."""

    __slots__ = ()
    is_dynamic = True

    def friendly_name(self) -> str:
        return "dynamic"

    def friendly_name_for_constraint(self) -> str:
        return "any type"

    def type_expr(self) -> str:
        return "any"

    def has_dynamic_types(self) -> bool:
        return True

    # The one instance is ``DYNAMIC``: equality is identity (see PrimitiveType).
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def __reduce__(self) -> str:
        return "DYNAMIC"


STRING = PrimitiveType("string")
NUMBER = PrimitiveType("number")
BOOL = PrimitiveType("bool")
DYNAMIC = DynamicType()


class _CollectionType(Type):
    __slots__ = ("element", "_hash")
    _kind = ""

    def __init__(self, element: Type) -> None:
        self.element = element
        self._hash = hash((self._kind, element))

    def friendly_name(self) -> str:
        return f"{self._kind} of {self.element.friendly_name()}"

    def friendly_name_for_constraint(self) -> str:
        if self.element.is_dynamic:
            return f"{self._kind} of any single type"
        return f"{self._kind} of {self.element.friendly_name_for_constraint()}"

    def type_expr(self) -> str:
        return f"{self._kind}({self.element.type_expr()})"

    def has_dynamic_types(self) -> bool:
        return self.element.has_dynamic_types()

    def __eq__(self, other: object) -> bool:
        return self is other or (type(other) is type(self) and self.element == other.element)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return self._hash


class ListType(_CollectionType):
    __slots__ = ()
    _kind = "list"
    is_list = True


class SetType(_CollectionType):
    __slots__ = ()
    _kind = "set"
    is_set = True


class MapType(_CollectionType):
    __slots__ = ()
    _kind = "map"
    is_map = True


class TupleType(Type):
    __slots__ = ("elements", "_hash")
    is_tuple = True

    def __init__(self, elements: Iterable[Type]) -> None:
        self.elements: tuple[Type, ...] = tuple(elements)
        self._hash = hash(("tuple", self.elements))

    @classmethod
    def of(cls, elements: tuple[Type, ...]) -> TupleType:
        """``TupleType(elements)``, shared by the tuple values built alike (see ``ObjectType.of_sorted``)."""
        t = _SHARED_TUPLE_TYPES.get(elements)
        if t is None:
            if len(_SHARED_TUPLE_TYPES) >= _SHARED_TYPES_LIMIT:
                _SHARED_TUPLE_TYPES.clear()
            t = _SHARED_TUPLE_TYPES[elements] = cls(elements)
        return t

    def friendly_name(self) -> str:
        return "tuple"

    def type_expr(self) -> str:
        return "tuple([" + ", ".join(t.type_expr() for t in self.elements) + "])"

    def has_dynamic_types(self) -> bool:
        return any(t.has_dynamic_types() for t in self.elements)

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, TupleType) and self.elements == other.elements)

    def __hash__(self) -> int:
        return self._hash


class ObjectType(Type):
    """An object type; ``optional`` names attributes declared with ``optional(...)``
    in a type constraint (only meaningful for conversion targets)."""

    __slots__ = ("attributes", "optional", "_hash")
    is_object = True

    def __init__(self, attributes: Mapping[str, Type], optional: Iterable[str] = ()) -> None:
        self.attributes: dict[str, Type] = {k: attributes[k] for k in sorted(attributes)}
        self.optional: frozenset[str] = frozenset(optional)
        self._hash = hash(("object", tuple(self.attributes.items()), self.optional))

    @classmethod
    def of_sorted(cls, items: tuple[tuple[str, Type], ...]) -> ObjectType:
        """The type with the attributes ``items`` (names in sorted order) and no optional
        attributes: equal to ``ObjectType(dict(items))``. The many values built alike
        (one per resource instance) share one instance, so comparing them is an
        identity check."""
        t = _SHARED_OBJECT_TYPES.get(items)
        if t is None:
            if len(_SHARED_OBJECT_TYPES) >= _SHARED_TYPES_LIMIT:
                _SHARED_OBJECT_TYPES.clear()
            t = cls.__new__(cls)
            t.attributes = dict(items)
            t.optional = _NO_OPTIONAL
            t._hash = hash(("object", items, _NO_OPTIONAL))
            _SHARED_OBJECT_TYPES[items] = t
        return t

    def friendly_name(self) -> str:
        return "object"

    def type_expr(self) -> str:
        parts = []
        for name, t in self.attributes.items():
            texpr = t.type_expr()
            if name in self.optional:
                texpr = f"optional({texpr})"
            parts.append(f"{name}={texpr}")
        return "object({" + ", ".join(parts) + "})"

    def has_dynamic_types(self) -> bool:
        return any(t.has_dynamic_types() for t in self.attributes.values())

    def __eq__(self, other: object) -> bool:
        return self is other or (
            isinstance(other, ObjectType)
            and self.attributes == other.attributes
            and self.optional == other.optional
        )

    def __hash__(self) -> int:
        return self._hash


_NO_OPTIONAL: frozenset[str] = frozenset()
_SHARED_OBJECT_TYPES: dict[tuple[tuple[str, Type], ...], ObjectType] = {}
_SHARED_TUPLE_TYPES: dict[tuple[Type, ...], TupleType] = {}
_SHARED_TYPES_LIMIT = 4096
EMPTY_OBJECT = ObjectType({})
EMPTY_TUPLE = TupleType(())
