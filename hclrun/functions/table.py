"""A function table that imports each family's implementations on first use.

Every name the table will hold is known up front (from the registry's name
table), so a lookup of an unknown name, ``in``, ``len`` and iteration over
names import nothing; reading a Function loads the whole family it belongs
to. The table is a ``dict`` because callers and templates treat it as one:
anything beyond lookups and listing names (``items()``, ``values()``,
copying, comparing, changing it) loads every family first and then behaves
as a plain dict, in the same order a fully built table has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar, overload

from hclrun.functions.spec import Function

_T = TypeVar("_T")

# family name -> the functions it defines (whatever their names)
FamilyLoader = Callable[[str], Iterable[Function]]


class FunctionTable(dict[str, Function]):
    """Built-in functions by name; ``family_of`` maps every name to the family defining it.

    ``load_family(family)`` returns that family's functions; each is stored under
    the names in ``family_of`` that belong to the family and name it (a name
    ``core::x`` is filled from the function ``x``).
    """

    def __init__(self, family_of: Mapping[str, str], load_family: FamilyLoader) -> None:
        super().__init__()
        self._order: tuple[str, ...] = tuple(family_of)
        self._pending: dict[str, str] = dict(family_of)
        self._load_family = load_family
        self._loaded: set[str] = set()

    # ------------------------------------------------------------- loading

    def _load(self, family: str) -> None:
        by_name = {fn.name: fn for fn in self._load_family(family)}
        self._loaded.add(family)
        for name in [n for n, f in self._pending.items() if f == family]:
            fn = by_name.get(name.rpartition("::")[2])
            del self._pending[name]
            if fn is not None:
                dict.__setitem__(self, name, fn)
        if not self._pending:
            self._reorder()

    def _reorder(self) -> None:
        """Put entries in name-table order, whatever order the families loaded in."""
        entries = {name: dict.__getitem__(self, name) for name in self._order if dict.__contains__(self, name)}
        dict.clear(self)
        dict.update(self, entries)

    def load_all(self) -> None:
        """Import every family; afterwards the table is a complete plain dict."""
        while self._pending:
            self._load(next(iter(self._pending.values())))

    @property
    def loaded_families(self) -> frozenset[str]:
        """Families whose implementations have been imported into the table."""
        return frozenset(self._loaded)

    # ------------------------------------------------------- lazy reading

    def __missing__(self, key: str) -> Function:
        family = self._pending.get(key)
        if family is None:
            raise KeyError(key)
        self._load(family)
        return dict.__getitem__(self, key)

    @overload
    def get(self, key: str, default: None = None, /) -> Function | None: ...
    @overload
    def get(self, key: str, default: Function, /) -> Function: ...
    @overload
    def get(self, key: str, default: _T, /) -> Function | _T: ...
    def get(self, key: str, default: Any = None, /) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in self._pending

    def __iter__(self) -> Iterator[str]:
        if not self._pending:
            return dict.__iter__(self)
        return iter([name for name in self._order if name in self])

    def __len__(self) -> int:
        return dict.__len__(self) + len(self._pending)

    # ------------------------------------- everything else: load, then dict

    def keys(self) -> Any:
        self.load_all()
        return dict.keys(self)

    def values(self) -> Any:
        self.load_all()
        return dict.values(self)

    def items(self) -> Any:
        self.load_all()
        return dict.items(self)

    def copy(self) -> dict[str, Function]:
        self.load_all()
        return dict(dict.items(self))

    def __reversed__(self) -> Iterator[str]:
        self.load_all()
        return dict.__reversed__(self)

    def __eq__(self, other: object) -> bool:
        self.load_all()
        if isinstance(other, FunctionTable):
            other.load_all()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        self.load_all()
        return dict.__repr__(self)

    def __or__(self, other: Any) -> Any:
        self.load_all()
        return dict.__or__(self, other)

    def __ror__(self, other: Any) -> Any:
        self.load_all()
        return dict.__ror__(self, other)

    def __ior__(self, other: Any) -> Any:  # type: ignore[override]
        self.load_all()
        return dict.__ior__(self, other)

    def __setitem__(self, key: str, value: Function) -> None:
        self.load_all()
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        self.load_all()
        dict.__delitem__(self, key)

    def pop(self, *args: Any) -> Any:
        self.load_all()
        return dict.pop(self, *args)

    def popitem(self) -> tuple[str, Function]:
        self.load_all()
        return dict.popitem(self)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self.load_all()
        return dict.setdefault(self, key, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self.load_all()
        dict.update(self, *args, **kwargs)

    def clear(self) -> None:
        self._pending.clear()
        dict.clear(self)

    def __reduce__(self) -> Any:
        self.load_all()
        return (dict, (dict(dict.items(self)),))
