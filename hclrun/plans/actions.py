"""Change actions, the reasons Terraform gives for them, and plan modes.

``Action`` values are Terraform's action names; ``json_actions`` is the list
the JSON plan format writes (a replacement is two actions, in order).
``ActionReason`` values are the JSON plan's ``action_reason`` strings.
"""

from __future__ import annotations

import enum


class Action(enum.Enum):
    NO_OP = "no-op"
    CREATE = "create"
    READ = "read"
    UPDATE = "update"
    DELETE_THEN_CREATE = "delete-then-create"
    CREATE_THEN_DELETE = "create-then-delete"
    DELETE = "delete"
    FORGET = "forget"
    CREATE_THEN_FORGET = "create-then-forget"

    # Members are singletons compared by identity, so identity hashing is
    # enough; Enum's own hash (of the name, in Python) is slow for tables keyed
    # by action that the plan renderer consults for every line it writes.
    __hash__ = object.__hash__

    @property
    def json_actions(self) -> list[str]:
        return list(_JSON_ACTIONS[self])

    @property
    def is_replace(self) -> bool:
        return self in (Action.DELETE_THEN_CREATE, Action.CREATE_THEN_DELETE, Action.CREATE_THEN_FORGET)

    @staticmethod
    def from_json_actions(actions: list[str] | tuple[str, ...]) -> Action:
        """The action a JSON plan's ``actions`` list stands for; ValueError when it is none."""
        found = _FROM_JSON.get(tuple(actions))
        if found is None:
            raise ValueError(f"unrecognized action list {list(actions)!r}")
        return found


_JSON_ACTIONS: dict[Action, tuple[str, ...]] = {
    Action.NO_OP: ("no-op",),
    Action.CREATE: ("create",),
    Action.READ: ("read",),
    Action.UPDATE: ("update",),
    Action.DELETE_THEN_CREATE: ("delete", "create"),
    Action.CREATE_THEN_DELETE: ("create", "delete"),
    Action.DELETE: ("delete",),
    Action.FORGET: ("forget",),
    Action.CREATE_THEN_FORGET: ("create", "forget"),
}
_FROM_JSON = {v: k for k, v in _JSON_ACTIONS.items()}


class ActionReason(enum.Enum):
    """Why a change has the action it has (``NONE`` when there is nothing to add)."""

    NONE = ""
    REPLACE_BECAUSE_CANNOT_UPDATE = "replace_because_cannot_update"
    REPLACE_BECAUSE_TAINTED = "replace_because_tainted"
    REPLACE_BY_REQUEST = "replace_by_request"
    REPLACE_BY_TRIGGERS = "replace_by_triggers"
    DELETE_BECAUSE_NO_RESOURCE_CONFIG = "delete_because_no_resource_config"
    DELETE_BECAUSE_WRONG_REPETITION = "delete_because_wrong_repetition"
    DELETE_BECAUSE_COUNT_INDEX = "delete_because_count_index"
    DELETE_BECAUSE_EACH_KEY = "delete_because_each_key"
    DELETE_BECAUSE_NO_MODULE = "delete_because_no_module"
    DELETE_BECAUSE_NO_MOVE_TARGET = "delete_because_no_move_target"
    READ_BECAUSE_CONFIG_UNKNOWN = "read_because_config_unknown"
    READ_BECAUSE_DEPENDENCY_PENDING = "read_because_dependency_pending"
    READ_BECAUSE_CHECK_NESTED = "read_because_check_nested"


class PlanMode(enum.Enum):
    NORMAL = "normal"
    DESTROY = "destroy"
    REFRESH_ONLY = "refresh-only"


__all__ = ["Action", "ActionReason", "PlanMode"]
