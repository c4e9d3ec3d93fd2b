"""``providers`` and ``providers schema -json``: the providers the configuration
(and the state) use, and their schemas in Terraform's JSON document."""

from __future__ import annotations

from hclrun.addrs import Provider, parse_provider_source
from hclrun.diagnostics import Diagnostics
from hclrun.engine.providers import provider_source
from hclrun.operations.workdir import WorkingDir
from hclrun.providers.registry import resolve_source
from hclrun.providers.schema import ProviderSchema, providers_schema_json


def used_providers(wd: WorkingDir, diags: Diagnostics) -> list[Provider]:
    found: set[Provider] = set()
    config = wd.load_configuration(validate=False)
    diags.extend(config.diagnostics)
    if config.tree is not None:
        for node in config.tree.walk():
            module = node.module
            locals_ = {decl.provider[0] if decl.provider else decl.type.split("_", 1)[0] for decl in module.resources.values()}
            locals_.update(module.required_providers)
            for local in locals_:
                addr = parse_provider_source(provider_source(module, local))
                if addr is not None:
                    found.add(addr)
    file, state_diags = wd.backend().get_state(wd.workspace())
    diags.extend(d for d in state_diags if not d.is_error)
    if file is not None:
        found.update(rs.provider.provider for rs in file.state.iter_resources())
    return sorted(found, key=str)


def required_providers(wd: WorkingDir) -> list[str]:
    return [str(p) for p in used_providers(wd, Diagnostics())]


def provider_schemas_json(wd: WorkingDir) -> tuple[str, Diagnostics]:
    diags = Diagnostics()
    schemas: dict[str, ProviderSchema] = {}
    for provider in used_providers(wd, diags):
        impl, found_diags = resolve_source(str(provider))
        diags.extend(found_diags)
        if impl is not None:
            schemas[str(provider)] = impl.get_schema().schema
    return providers_schema_json(schemas), diags
