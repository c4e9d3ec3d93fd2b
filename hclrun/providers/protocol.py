"""The provider protocol: what the engine asks a provider and what it answers.

Modelled on Terraform's plugin protocol (v5/v6). Every call takes one request
dataclass and returns one response dataclass; responses carry a list of
``Diagnostic``s (errors stop the operation, warnings are shown). A provider
reports a problem with one attribute through ``attribute_path`` on the
diagnostic (see ``paths.attribute_error``); the engine maps it to the source
range of that attribute.

The contract the engine relies on:

* **Values.** Every value is an ``hclrun.values.Value`` whose type is the
  implied object type of the schema block (``Block.implied_type``); a
  ``dynamic`` attribute holds a value of its own concrete type. Values handed
  to a provider carry **no marks**: the engine strips them (sensitivity) and
  puts them back afterwards, from the schema's ``sensitive`` flags and the
  paths that were marked in the configuration. Providers may return unmarked
  values; any marks they return are ignored.
* **Unknowns.** Configuration may contain unknowns during validate and plan
  (a reference to something known only after apply) and never during apply.
  ``PlanResourceChange.planned_state`` uses unknowns for "known after apply";
  ``ApplyResourceChange.new_state`` and every read/import result must be
  wholly known.
* **Plan consistency.** In ``planned_state`` every attribute that is set in
  the configuration (non-computed or optional+computed with a non-null config
  value) must equal its configuration value; only computed attributes may
  differ. ``apply``'s ``new_state`` must equal every known value of the
  planned state; it may only fill in the unknowns.
* **Replacement.** ``requires_replace`` lists the attribute paths whose change
  forces the engine to destroy and re-create the instance; the engine then
  calls ``plan_resource_change`` again with a null prior state for the
  replacement's create.
* **Create, update, delete.** The engine signals them by nulls: a null prior
  state is a create, a null proposed/planned state is a delete (the provider
  returns the null unchanged as ``planned_state``/``new_state``).
* **Private data.** ``private`` bytes are opaque to the engine; it stores what
  the provider returns and hands it back unchanged on the next call.
* **Drift.** ``read_resource`` returning a null ``new_state`` means the object
  is gone; the engine removes it from state and plans to create it again.
"""

from __future__ import annotations

from dataclasses import field

from hclrun.diagnostics import Diagnostic
from hclrun.providers.schema import ProviderSchema
from hclrun.records import record
from hclrun.values.value import NULL, Value

AttributePath = tuple[str | int, ...]


@record(slots=True)
class GetSchemaResponse:
    schema: ProviderSchema
    diagnostics: list[Diagnostic] = field(default_factory=list)


@record(slots=True)
class ValidateProviderConfigRequest:
    config: Value  # may contain unknowns


@record(slots=True)
class ValidateProviderConfigResponse:
    diagnostics: list[Diagnostic] = field(default_factory=list)


@record(slots=True)
class ValidateResourceConfigRequest:
    type_name: str
    config: Value  # may contain unknowns


@record(slots=True)
class ValidateResourceConfigResponse:
    diagnostics: list[Diagnostic] = field(default_factory=list)


@record(slots=True)
class ValidateDataResourceConfigRequest:
    type_name: str
    config: Value  # may contain unknowns


@record(slots=True)
class ValidateDataResourceConfigResponse:
    diagnostics: list[Diagnostic] = field(default_factory=list)


@record(slots=True)
class ConfigureProviderRequest:
    config: Value  # wholly known: the engine defers configuring until it is
    terraform_version: str = "1.11.4"


@record(slots=True)
class ConfigureProviderResponse:
    diagnostics: list[Diagnostic] = field(default_factory=list)


@record(slots=True)
class PlanResourceChangeRequest:
    """``prior_state``: the current object (null for a create). ``proposed_new_state``:
    the configuration merged with the prior state's computed values (null for a
    delete; see ``objchange.proposed_new``). ``config``: the configuration alone."""

    type_name: str
    prior_state: Value
    proposed_new_state: Value
    config: Value
    prior_private: bytes = b""


@record(slots=True)
class PlanResourceChangeResponse:
    planned_state: Value
    requires_replace: list[AttributePath] = field(default_factory=list)
    planned_private: bytes = b""
    diagnostics: list[Diagnostic] = field(default_factory=list)


@record(slots=True)
class ApplyResourceChangeRequest:
    """``planned_state`` is what plan returned, with configuration unknowns now known
    (provider-computed unknowns remain); null for a delete."""

    type_name: str
    prior_state: Value
    planned_state: Value
    config: Value
    planned_private: bytes = b""


@record(slots=True)
class ApplyResourceChangeResponse:
    """``new_state`` is wholly known; when apply fails part way the provider returns
    what now exists (or the prior state) together with the error."""

    new_state: Value
    private: bytes = b""
    diagnostics: list[Diagnostic] = field(default_factory=list)


@record(slots=True)
class ReadResourceRequest:
    type_name: str
    current_state: Value
    private: bytes = b""


@record(slots=True)
class ReadResourceResponse:
    new_state: Value  # null: the object no longer exists
    private: bytes = b""
    diagnostics: list[Diagnostic] = field(default_factory=list)


@record(slots=True)
class ImportResourceStateRequest:
    type_name: str
    id: str


@record(slots=True)
class ImportedResource:
    type_name: str
    state: Value
    private: bytes = b""


@record(slots=True)
class ImportResourceStateResponse:
    imported_resources: list[ImportedResource] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@record(slots=True)
class ReadDataSourceRequest:
    type_name: str
    config: Value  # wholly known


@record(slots=True)
class ReadDataSourceResponse:
    state: Value  # wholly known, the configuration plus computed attributes
    diagnostics: list[Diagnostic] = field(default_factory=list)


@record(slots=True)
class UpgradeResourceStateRequest:
    """``raw_state_json``: the instance's ``attributes`` object exactly as stored,
    written with schema ``version`` (possibly older than the current one)."""

    type_name: str
    version: int
    raw_state_json: str


@record(slots=True)
class UpgradeResourceStateResponse:
    upgraded_state: Value  # conforms to the current schema
    diagnostics: list[Diagnostic] = field(default_factory=list)


@record(slots=True)
class CallFunctionRequest:
    function_name: str
    arguments: tuple[Value, ...]  # already converted to the parameter types


@record(slots=True)
class CallFunctionResponse:
    result: Value = NULL
    # A failure: the message, and the index of the argument at fault (or None).
    error: str = ""
    error_argument: int | None = None


class Provider:
    """Base class of every provider. Subclasses override what they support;
    the defaults accept any configuration and report unsupported types."""

    def get_schema(self) -> GetSchemaResponse:
        raise NotImplementedError

    def get_functions(self) -> GetSchemaResponse:
        """The provider's function signatures (in ``schema.functions``)."""
        return self.get_schema()

    def validate_provider_config(self, req: ValidateProviderConfigRequest) -> ValidateProviderConfigResponse:
        return ValidateProviderConfigResponse()

    def validate_resource_config(self, req: ValidateResourceConfigRequest) -> ValidateResourceConfigResponse:
        return ValidateResourceConfigResponse()

    def validate_data_resource_config(
        self, req: ValidateDataResourceConfigRequest
    ) -> ValidateDataResourceConfigResponse:
        return ValidateDataResourceConfigResponse()

    def configure_provider(self, req: ConfigureProviderRequest) -> ConfigureProviderResponse:
        return ConfigureProviderResponse()

    def plan_resource_change(self, req: PlanResourceChangeRequest) -> PlanResourceChangeResponse:
        raise NotImplementedError

    def apply_resource_change(self, req: ApplyResourceChangeRequest) -> ApplyResourceChangeResponse:
        raise NotImplementedError

    def read_resource(self, req: ReadResourceRequest) -> ReadResourceResponse:
        return ReadResourceResponse(req.current_state, req.private)

    def import_resource_state(self, req: ImportResourceStateRequest) -> ImportResourceStateResponse:
        return ImportResourceStateResponse(
            diagnostics=[
                Diagnostic.error(
                    "Resource Import Not Implemented",
                    f"This resource does not support import. The resource type is {req.type_name}.",
                )
            ]
        )

    def read_data_source(self, req: ReadDataSourceRequest) -> ReadDataSourceResponse:
        raise NotImplementedError

    def upgrade_resource_state(self, req: UpgradeResourceStateRequest) -> UpgradeResourceStateResponse:
        raise NotImplementedError

    def call_function(self, req: CallFunctionRequest) -> CallFunctionResponse:
        return CallFunctionResponse(error=f"provider has no function named {req.function_name!r}")

    def stop(self) -> list[Diagnostic]:
        """Ask in-flight operations to halt (Ctrl-C); returns problems stopping."""
        return []
