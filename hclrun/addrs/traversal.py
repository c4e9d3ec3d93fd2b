"""Addresses from configuration traversals (``moved`` blocks, ``depends_on``),
which the syntax layer has already parsed with their source ranges."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from hclrun.addrs.scan import Step
from hclrun.syntax.ast import TraverseAttr, TraverseIndex, Traverser, TraverseRoot


def steps_from_traversal(traversal: tuple[Traverser, ...]) -> tuple[Step, ...]:
    steps: list[Step] = []
    for t in traversal:
        if isinstance(t, TraverseRoot):
            steps.append(Step("root", name=t.name, range=t.range))
        elif isinstance(t, TraverseAttr):
            steps.append(Step("attr", name=t.name, range=t.range))
        elif isinstance(t, TraverseIndex):
            key: str | int | Decimal
            if isinstance(t.key, str):
                key = t.key
            else:
                try:
                    key = Decimal(t.key.text)
                except InvalidOperation:
                    key = Decimal("NaN")
            steps.append(Step("index", key=key, range=t.range))
    return tuple(steps)
