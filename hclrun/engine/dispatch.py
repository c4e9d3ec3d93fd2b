"""Routing a configuration node to the visit method for its kind.

Plan and apply visit variables, locals, module expansions, outputs,
providers and checks the same way (``NodeEvaluator``); each adds or
overrides the handlers it needs (resources during plan, a root output's
storage during apply). The table is built once per walk, so a visit costs
one dictionary lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from hclrun.diagnostics import Diagnostics
from hclrun.engine.nodes import Node

NodeVisit = Callable[[Node], Diagnostics]


class KindDispatch:
    """Calls the handler registered for ``node.kind``."""

    __slots__ = ("_handlers",)

    def __init__(self, handlers: Mapping[str, NodeVisit]) -> None:
        self._handlers = dict(handlers)

    def __call__(self, node: Node) -> Diagnostics:
        handler = self._handlers.get(node.kind)
        if handler is None:
            raise AssertionError(f"no visit for node kind {node.kind!r} ({node})")
        return handler(node)

