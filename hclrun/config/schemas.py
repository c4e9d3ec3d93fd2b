"""The shapes of configuration blocks: which arguments and nested blocks each accepts.

One table drives both syntaxes: native bodies are checked against it, and
JSON bodies are read with it (in JSON the schema decides whether a property
is an argument or a block).
"""

from __future__ import annotations

from dataclasses import field

from hclrun.records import record


@record
class BlockSchema:
    attributes: frozenset[str] = frozenset()
    required: tuple[str, ...] = ()
    # nested block type -> (label names, schema of its body)
    blocks: dict[str, tuple[tuple[str, ...], BlockSchema]] = field(default_factory=dict)
    # Any other argument is accepted (module inputs, resource bodies, provider settings).
    open_attributes: bool = False
    # Any other nested block is accepted (resource bodies before the provider schema is known).
    open_blocks: bool = False


def _schema(
    attributes: str = "",
    required: str = "",
    blocks: dict[str, tuple[tuple[str, ...], BlockSchema]] | None = None,
    *,
    open_attributes: bool = False,
    open_blocks: bool = False,
) -> BlockSchema:
    names = frozenset(attributes.split()) | frozenset(required.split())
    return BlockSchema(names, tuple(required.split()), blocks or {}, open_attributes, open_blocks)


ANY_BODY = _schema(open_attributes=True, open_blocks=True)
CONDITION = _schema(required="condition error_message")
VALIDATION = CONDITION
CONNECTION = _schema(open_attributes=True)
PROVISIONER = _schema(
    "when on_failure", blocks={"connection": ((), CONNECTION)}, open_attributes=True, open_blocks=True
)
MANAGED_LIFECYCLE = _schema(
    "create_before_destroy prevent_destroy ignore_changes replace_triggered_by",
    blocks={"precondition": ((), CONDITION), "postcondition": ((), CONDITION)},
)
DATA_LIFECYCLE = _schema(blocks={"precondition": ((), CONDITION), "postcondition": ((), CONDITION)})
EPHEMERAL_LIFECYCLE = DATA_LIFECYCLE
DYNAMIC = _schema("for_each iterator labels", blocks={"content": ((), ANY_BODY)})

# Meta-arguments and meta-blocks of resource blocks; the rest is the provider's.
RESOURCE_META = frozenset({"count", "for_each", "provider", "depends_on"})
MANAGED_RESOURCE = _schema(
    "count for_each provider depends_on",
    blocks={"lifecycle": ((), MANAGED_LIFECYCLE), "connection": ((), CONNECTION), "provisioner": (("type",), PROVISIONER)},
    open_attributes=True,
    open_blocks=True,
)
DATA_RESOURCE = _schema(
    "count for_each provider depends_on",
    blocks={"lifecycle": ((), DATA_LIFECYCLE)},
    open_attributes=True,
    open_blocks=True,
)
EPHEMERAL_RESOURCE = _schema(
    "count for_each provider depends_on",
    blocks={"lifecycle": ((), EPHEMERAL_LIFECYCLE)},
    open_attributes=True,
    open_blocks=True,
)
VARIABLE = _schema("description default type sensitive nullable ephemeral", blocks={"validation": ((), VALIDATION)})
OUTPUT = _schema("description sensitive ephemeral depends_on", "value", blocks={"precondition": ((), CONDITION)})
MODULE_CALL = _schema("version count for_each providers depends_on", "source", open_attributes=True)
PROVIDER = _schema("alias version", open_attributes=True, open_blocks=True)
REQUIRED_PROVIDERS = _schema(open_attributes=True)
TERRAFORM = _schema(
    "required_version experiments language",
    blocks={
        "required_providers": ((), REQUIRED_PROVIDERS),
        "backend": (("type",), ANY_BODY),
        "cloud": ((), ANY_BODY),
        "provider_meta": (("provider",), ANY_BODY),
    },
)
MOVED = _schema(required="from to")
IMPORT = _schema("provider for_each identity id", "to")
REMOVED_LIFECYCLE = _schema("destroy")
REMOVED = _schema(
    required="from",
    blocks={"lifecycle": ((), REMOVED_LIFECYCLE), "provisioner": (("type",), PROVISIONER), "connection": ((), CONNECTION)},
)
CHECK = _schema(blocks={"data": (("type", "name"), DATA_RESOURCE), "assert": ((), CONDITION)})
LOCALS = _schema(open_attributes=True)

FILE = _schema(
    blocks={
        "terraform": ((), TERRAFORM),
        "required_providers": ((), REQUIRED_PROVIDERS),
        "provider": (("name",), PROVIDER),
        "variable": (("name",), VARIABLE),
        "locals": ((), LOCALS),
        "output": (("name",), OUTPUT),
        "module": (("name",), MODULE_CALL),
        "resource": (("type", "name"), MANAGED_RESOURCE),
        "data": (("type", "name"), DATA_RESOURCE),
        "ephemeral": (("type", "name"), EPHEMERAL_RESOURCE),
        "moved": ((), MOVED),
        "import": ((), IMPORT),
        "check": (("name",), CHECK),
        "removed": ((), REMOVED),
    }
)
