"""State: the model (modules, resources, instances, objects, outputs), the
version 4 file format, lineage and serial rules, the thread-safe wrapper a
parallel apply writes through, and the change journal that makes every
completed change durable without rewriting the whole state."""

from hclrun.states.lineage import new_lineage
from hclrun.states.model import (
    CheckObjectResult,
    CheckResult,
    ModuleState,
    OutputValue,
    ResourceInstanceState,
    ResourceState,
    State,
    new_deposed_key,
)
from hclrun.states.objects import ObjectStatus, ResourceInstanceObject
from hclrun.states.push import check_push
from hclrun.states.statefile import StateFile, read_state_file, write_state_file

__all__ = [
    "CheckObjectResult",
    "CheckResult",
    "ModuleState",
    "ObjectStatus",
    "OutputValue",
    "ResourceInstanceObject",
    "ResourceInstanceState",
    "ResourceState",
    "State",
    "StateFile",
    "check_push",
    "new_deposed_key",
    "new_lineage",
    "read_state_file",
    "write_state_file",
]
