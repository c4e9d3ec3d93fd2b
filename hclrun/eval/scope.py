"""Evaluation scopes: what names and functions an expression can see.

A root ``Scope`` holds plain variables (``{"var": ..., "local": ...}``), the
function table and optional *resolvers*: callables that produce the value for
a reference whose root is a given name (``var``, ``local``, ``module``...).
The configuration layer plugs resolvers in to produce Terraform's own
diagnostics for undeclared things; names with neither a variable nor a
resolver go to the ``fallback`` resolver, which by default reports HCL's
"Unknown variable".

Child scopes (one per ``for`` iteration or splat item) hold only the names
they bind and point at their parent, so creating one costs a single small
object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.syntax.ast import AnonSymbolExpr, Traverser, TraverseRoot
from hclrun.values.value import DYNAMIC_UNKNOWN, Value

if TYPE_CHECKING:
    from hclrun.functions.spec import Function

Traversal = tuple[Traverser, ...]

# A resolver receives the whole absolute traversal (starting with its
# TraverseRoot) and returns the value it stands for, how many traversal steps
# (counting the root) that value covers, and any diagnostics. The evaluator
# applies the remaining steps itself. On errors the value is ignored.
Resolver = Callable[[Traversal], tuple[Value, int, Diagnostics]]


def levenshtein(a: str, b: str) -> int:
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def name_suggestion(given: str, candidates: Iterable[str]) -> str:
    """The candidate closest to ``given`` within an edit distance of 2, or ``""``."""
    best = ""
    best_distance = 3
    for candidate in sorted(candidates):
        distance = levenshtein(given, candidate)
        if distance < best_distance:
            best, best_distance = candidate, distance
    return best


def did_you_mean(given: str, candidates: Iterable[str]) -> str:
    """``' Did you mean "x"?'`` for the closest candidate, or ``""``."""
    suggestion = name_suggestion(given, candidates)
    return f' Did you mean "{suggestion}"?' if suggestion else ""


class Scope:
    """Names, resolvers and functions visible to an expression."""

    __slots__ = ("allows_variables", "anon", "fallback", "functions", "parent", "resolvers", "variables")

    def __init__(
        self,
        variables: Mapping[str, Value] | None = None,
        functions: Mapping[str, Function] | None = None,
        resolvers: Mapping[str, Resolver] | None = None,
        fallback: Resolver | None = None,
        parent: Scope | None = None,
    ) -> None:
        # No variables, resolvers or fallback at all: references are not allowed here.
        self.allows_variables = variables is not None or bool(resolvers) or fallback is not None
        self.variables: Mapping[str, Value] = variables if variables is not None else {}
        self.functions = functions
        self.resolvers: Mapping[str, Resolver] = resolvers if resolvers is not None else {}
        self.fallback = fallback
        self.parent = parent
        self.anon: tuple[AnonSymbolExpr, Value] | None = None

    def child(self, variables: Mapping[str, Value]) -> Scope:
        """A scope binding ``variables`` on top of this one (``for`` iterators).

        Built field by field: one is made per iteration, and everything but the
        variables and the parent is this scope's."""
        scope = Scope.__new__(Scope)
        scope.allows_variables = True
        scope.variables = variables
        scope.functions = self.functions
        scope.resolvers = self.resolvers
        scope.fallback = self.fallback
        scope.parent = self
        scope.anon = None
        return scope

    def with_symbol(self, symbol: AnonSymbolExpr, value: Value) -> Scope:
        """A scope binding a splat's item symbol to ``value``."""
        scope = Scope({}, self.functions, self.resolvers, self.fallback, self)
        scope.anon = (symbol, value)
        return scope

    def symbol_value(self, symbol: AnonSymbolExpr) -> Value:
        scope: Scope | None = self
        while scope is not None:
            if scope.anon is not None and scope.anon[0] is symbol:
                return scope.anon[1]
            scope = scope.parent
        return DYNAMIC_UNKNOWN

    def lookup(self, name: str) -> Value | None:
        """The value of a plain variable ``name`` in this scope or an enclosing one."""
        scope: Scope | None = self
        while scope is not None:
            value = scope.variables.get(name)
            if value is not None:
                return value
            scope = scope.parent
        return None

    def names(self) -> set[str]:
        """Every name visible here: variables and resolver roots."""
        found: set[str] = set()
        scope: Scope | None = self
        while scope is not None:
            found.update(scope.variables)
            found.update(scope.resolvers)
            scope = scope.parent
        return found

    def resolve(self, traversal: Traversal) -> tuple[Value, int, Diagnostics]:
        """The value for the root of ``traversal`` and how many steps it covers."""
        root = traversal[0]
        assert isinstance(root, TraverseRoot)
        name = root.name
        scope: Scope | None = self
        while scope is not None:  # ``lookup``, inlined: this runs for every reference
            value = scope.variables.get(name)
            if value is not None:
                return value, 1, _NO_DIAGNOSTICS
            scope = scope.parent
        resolver = self.resolvers.get(name)
        if resolver is not None:
            return resolver(traversal)
        if self.fallback is not None:
            return self.fallback(traversal)
        return self._unknown_variable(root)

    def _root(self) -> Scope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope

    def _unknown_variable(self, root: TraverseRoot) -> tuple[Value, int, Diagnostics]:
        names = self.names()
        if not self._root().allows_variables and not names:
            diag = Diagnostic.error("Variables not allowed", "Variables may not be used here.", root.range)
        else:
            diag = Diagnostic.error(
                "Unknown variable",
                f'There is no variable named "{root.name}".{did_you_mean(root.name, names)}',
                root.range,
            )
        return DYNAMIC_UNKNOWN, 1, Diagnostics([diag])


_NO_DIAGNOSTICS = Diagnostics()
