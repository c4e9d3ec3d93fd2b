"""The nodes of the configuration-level graph plan and apply walk.

A node stands for one declaration in one *static* module path (all of its
instances): the walk expands it when it is visited, because how many
instances there are is only known once its dependencies have been
evaluated. Nodes are small immutable objects with a precomputed name, which
doubles as the graph's deterministic sort key.
"""

from __future__ import annotations

from typing import Final

VARIABLE: Final = "var"
LOCAL: Final = "local"
OUTPUT: Final = "output"
MODULE: Final = "module"  # expansion of a module call
RESOURCE: Final = "resource"  # managed and data resources: "terraform_data.x", "data.t.n"
PROVIDER: Final = "provider"
CHECK: Final = "check"
# A variable's validation rules, checked once what they refer to is known; what
# refers to a variable with rules waits for them.
VALIDATION: Final = "validation"

KINDS = (VARIABLE, LOCAL, OUTPUT, MODULE, RESOURCE, PROVIDER, CHECK, VALIDATION)


class Node:
    """One configuration object in a static module path (``module`` is a tuple of call names)."""

    __slots__ = ("_hash", "_text", "kind", "module", "name")

    def __init__(self, kind: str, module: tuple[str, ...], name: str) -> None:
        self.kind = kind
        self.module = module
        self.name = name
        prefix = "".join(f"module.{m}." for m in module)
        if kind == RESOURCE or kind == PROVIDER:
            text = f"{prefix}{name}"
        elif kind == MODULE:
            text = f"{prefix}module.{name} (expand)"
        elif kind == VALIDATION:
            text = f"{prefix}var.{name} (validation)"
        else:
            text = f"{prefix}{kind}.{name}"
        self._text = text
        self._hash = hash((kind, module, name))

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"Node({self._text})"

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Node)
            and self._hash == other._hash
            and self.kind == other.kind
            and self.module == other.module
            and self.name == other.name
        )

    def __lt__(self, other: Node) -> bool:
        return self._text < other._text

    @property
    def call_path(self) -> tuple[str, ...]:
        """The static path of the module a module-expansion node creates."""
        return (*self.module, self.name)


def node_key(node: object) -> str:
    return str(node)
