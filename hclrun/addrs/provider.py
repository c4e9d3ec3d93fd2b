"""Provider addresses: ``Provider`` (a fully qualified source address such as
``registry.terraform.io/hashicorp/null``) and ``AbsProviderConfig``
(``provider["registry.terraform.io/hashicorp/null"].alias``, inside modules
``module.a.provider[...]``), as state files write them."""

from __future__ import annotations

from hclrun.addrs.module import ROOT_MODULE, Module
from hclrun.records import record

DEFAULT_REGISTRY_HOST = "registry.terraform.io"
BUILTIN_HOST = "terraform.io"
LEGACY_NAMESPACE = "-"


@record(slots=True)
class Provider:
    hostname: str
    namespace: str
    type: str

    def __str__(self) -> str:
        return f"{self.hostname}/{self.namespace}/{self.type}"

    def for_display(self) -> str:
        """Without the hostname when it is the default registry, as Terraform shows providers."""
        if self.hostname == DEFAULT_REGISTRY_HOST:
            return f"{self.namespace}/{self.type}"
        return str(self)

    @property
    def is_builtin(self) -> bool:
        return self.hostname == BUILTIN_HOST and self.namespace == "builtin"


def parse_provider_source(text: str) -> Provider | None:
    """``[hostname/]namespace/type`` or a bare ``type`` (namespace ``hashicorp``);
    names are lower-cased. ``None`` when the text is not a provider source."""
    parts = text.split("/")
    if not 1 <= len(parts) <= 3 or any(not p for p in parts):
        return None
    parts = [p.lower() for p in parts]
    if len(parts) == 1:
        return Provider(DEFAULT_REGISTRY_HOST, "hashicorp", parts[0])
    if len(parts) == 2:
        return Provider(DEFAULT_REGISTRY_HOST, parts[0], parts[1])
    return Provider(parts[0], parts[1], parts[2])


def builtin_provider(type_name: str) -> Provider:
    return Provider(BUILTIN_HOST, "builtin", type_name)


@record(slots=True)
class AbsProviderConfig:
    provider: Provider
    module: Module = ROOT_MODULE
    alias: str = ""

    def __str__(self) -> str:
        text = f'provider["{self.provider}"]'
        if self.alias:
            text = f"{text}.{self.alias}"
        if self.module.is_root:
            return text
        return f"{self.module}.{text}"


__all__ = [
    "DEFAULT_REGISTRY_HOST",
    "AbsProviderConfig",
    "Provider",
    "builtin_provider",
    "parse_provider_source",
]
