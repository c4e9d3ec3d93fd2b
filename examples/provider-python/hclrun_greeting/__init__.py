"""An example provider: ``greeting_message`` composes a greeting for ``name``."""

from __future__ import annotations

from hclrun.diagnostics import Diagnostic
from hclrun.providers.framework import ResourceType, SchemaProvider
from hclrun.providers.objects import with_attrs
from hclrun.providers.paths import attribute_error
from hclrun.providers.protocol import ConfigureProviderRequest, ConfigureProviderResponse
from hclrun.providers.schema import load_provider_schema_resource
from hclrun.values.value import Value


class GreetingMessage(ResourceType):
    name = "greeting_message"
    replace_on_change = ("name", "keepers")

    def __init__(self) -> None:
        self.punctuation = "!"

    def validate(self, config: Value) -> list[Diagnostic]:
        name = config.raw["name"]
        if name.is_known and not name.is_null and not name.raw.strip():
            return [attribute_error(("name",), "Invalid name", "The name must not be blank.")]
        return []

    def create(self, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        text = f"Hello, {planned.raw['name'].raw}{self.punctuation}"
        return with_attrs(
            planned, {"text": Value.string(text), "id": Value.string(planned.raw["name"].raw)}
        ), []


class GreetingProvider(SchemaProvider):
    def __init__(self) -> None:
        self.message = GreetingMessage()
        super().__init__(load_provider_schema_resource(__name__), [self.message])

    def configure_provider(self, req: ConfigureProviderRequest) -> ConfigureProviderResponse:
        punctuation = req.config.raw["punctuation"]
        if not punctuation.is_null:
            self.message.punctuation = punctuation.raw
        return ConfigureProviderResponse()


def new_provider() -> GreetingProvider:
    return GreetingProvider()
