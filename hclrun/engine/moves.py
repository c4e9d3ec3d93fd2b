"""``moved`` blocks, implied moves and ``removed`` blocks, applied to a state before planning.

Moves rewrite state addresses (whole modules, whole resources or single
instances); a chain of moves (a → b, b → c) ends at its last address, and
a move whose destination is already occupied is skipped. Implied moves
follow Terraform: an instance ``[0]`` becomes the unkeyed instance when
``count`` was removed, and the other way round when ``count`` was added.
The result maps each new address to the one the previous run used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from hclrun.addrs import (
    AbsResource,
    AbsResourceInstance,
    ModuleInstance,
    parse_abs_resource_instance,
    parse_module_instance,
)
from hclrun.config.model import ResourceDecl
from hclrun.config.tree import ModuleNode
from hclrun.eval.references import traversal_string
from hclrun.states.model import ResourceInstanceState, State
from hclrun.syntax import ast

Moves = dict[AbsResourceInstance, AbsResourceInstance]


@dataclass(frozen=True)
class MoveStatement:
    kind: str  # "module", "resource" or "instance"
    from_text: str
    to_text: str


@dataclass(frozen=True)
class RemovedStatement:
    module_path: tuple[str, ...]
    target: str  # "terraform_data.x" or "module.m", relative to module_path
    destroy: bool


def _expr_text(expr: ast.Expression) -> tuple[str, bool]:
    """The address text of a ``from``/``to`` expression and whether it ends in an instance key."""
    if isinstance(expr, ast.ScopeTraversalExpr):
        return traversal_string(expr.traversal), isinstance(expr.traversal[-1], ast.TraverseIndex)
    return "", False


def _prefix(path: tuple[str, ...]) -> str:
    return "".join(f"module.{m}." for m in path)


def move_statements(tree: ModuleNode) -> list[MoveStatement]:
    found: list[MoveStatement] = []
    for node in tree.walk():
        for moved in node.module.moved:
            from_text, from_keyed = _expr_text(moved.from_expr)
            to_text, _ = _expr_text(moved.to_expr)
            if not from_text or not to_text:
                continue
            parts = re.sub(r"\[[^\]]*\]", "", from_text).split(".")
            is_module = len(parts) >= 2 and parts[-2] == "module"
            kind = "module" if is_module else ("instance" if from_keyed else "resource")
            prefix = _prefix(node.path)
            found.append(MoveStatement(kind, prefix + from_text, prefix + to_text))
    return found


def removed_statements(tree: ModuleNode) -> list[RemovedStatement]:
    found: list[RemovedStatement] = []
    for node in tree.walk():
        for removed in node.module.removed:
            text, _ = _expr_text(removed.from_expr)
            if text:
                found.append(RemovedStatement(node.path, text, removed.destroy))
    return found


def _move_instance(state: State, old: AbsResourceInstance, new: AbsResourceInstance, moves: Moves) -> bool:
    inst = state.resource_instance(old)
    if inst is None or state.resource_instance(new) is not None:
        return False
    rs = state.resource(old.containing_resource())
    assert rs is not None
    provider = rs.provider
    if inst.current is not None:
        state.set_current(new, inst.current, provider)
        state.set_current(old, None, provider)
    for key, obj in list(inst.deposed.items()):
        state.set_deposed(new, key, obj, provider)
        state.set_deposed(old, key, None, provider)
    moves[new] = moves.pop(old, old)
    return True


def _apply_statement(state: State, stmt: MoveStatement, moves: Moves) -> bool:
    changed = False
    if stmt.kind == "instance":
        old, _ = parse_abs_resource_instance(stmt.from_text)
        new, _ = parse_abs_resource_instance(stmt.to_text)
        if old is not None and new is not None:
            changed = _move_instance(state, old, new, moves)
        return changed
    if stmt.kind == "resource":
        old, _ = parse_abs_resource_instance(stmt.from_text)
        new, _ = parse_abs_resource_instance(stmt.to_text)
        if old is None or new is None:
            return False
        old_res, new_res = old.containing_resource(), new.containing_resource()
        rs = state.resource(old_res)
        if rs is None or state.resource(new_res) is not None:
            return False
        for key in list(rs.instances):
            changed |= _move_instance(state, old_res.instance(key), new_res.instance(key), moves)
        return changed
    old_mod, _ = parse_module_instance(stmt.from_text)
    new_mod, _ = parse_module_instance(stmt.to_text)
    if old_mod is None or new_mod is None:
        return False
    n = len(old_mod.steps)
    for ms in list(state.modules.values()):
        if ms.addr.steps[:n] != old_mod.steps:
            continue
        target = ModuleInstance(new_mod.steps + ms.addr.steps[n:])
        for rs in list(ms.resources.values()):
            new_res = AbsResource(target, rs.addr.resource)
            for key in list(rs.instances):
                changed |= _move_instance(state, rs.addr.instance(key), new_res.instance(key), moves)
    return changed


def _implied_moves(state: State, modules: Mapping[tuple[str, ...], ModuleNode], moves: Moves) -> None:
    for ms in list(state.modules.values()):
        node = modules.get(ms.addr.module().names)
        if node is None:
            continue
        for rs in list(ms.resources.values()):
            r = rs.addr.resource
            mode = {"managed": "managed", "data": "data"}.get(r.mode.value, "")
            decl: ResourceDecl | None = node.module.resources.get((mode, r.type, r.name))
            if decl is None or decl.for_each is not None:
                continue
            keys = rs.instances
            if decl.count is None and 0 in keys and None not in keys:
                _move_instance(state, rs.addr.instance(0), rs.addr.instance(None), moves)
            elif decl.count is not None and None in keys and 0 not in keys:
                _move_instance(state, rs.addr.instance(None), rs.addr.instance(0), moves)


def apply_moves(state: State, tree: ModuleNode, modules: Mapping[tuple[str, ...], ModuleNode]) -> Moves:
    """Rewrite ``state`` by every move; returns new address -> address in the previous run."""
    moves: Moves = {}
    statements = move_statements(tree)
    pending = list(statements)
    for _ in range(len(statements) + 1):
        progressed = [s for s in pending if _apply_statement(state, s, moves)]
        if not progressed:
            break
        pending = [s for s in pending if s not in progressed]
    _implied_moves(state, modules, moves)
    return {new: old for new, old in moves.items() if new != old}


def removed_for(statements: list[RemovedStatement], addr: AbsResourceInstance) -> RemovedStatement | None:
    """The ``removed`` block that covers an instance with no configuration, if any."""
    static = addr.module.module().names
    for stmt in statements:
        n = len(stmt.module_path)
        if static[:n] != stmt.module_path:
            continue
        rest = static[n:]
        text = _prefix(rest) + str(addr.resource.resource)
        if text == stmt.target or text.startswith(stmt.target + ".") or _prefix(rest).startswith(stmt.target + "."):
            return stmt
    return None


__all__ = ["Moves", "ResourceInstanceState", "apply_moves", "removed_for", "removed_statements"]
