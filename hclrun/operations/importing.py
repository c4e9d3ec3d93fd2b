"""``import ADDR ID``: ask the resource's provider to import an existing object,
read it, and record it in the state under ``ADDR`` (which must be declared)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field

from hclrun.addrs import parse_abs_resource_instance
from hclrun.backends import open_session
from hclrun.diagnostics import Diagnostics
from hclrun.engine import ProviderSet
from hclrun.engine.providers import resolve_provider
from hclrun.engine.stateobjects import new_object
from hclrun.operations.plan_op import release_session
from hclrun.operations.workdir import WorkingDir
from hclrun.providers.protocol import ImportResourceStateRequest, ReadResourceRequest
from hclrun.records import record


@record(frozen=False)
class ImportResult:
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    sources: dict[str, bytes] = field(default_factory=dict)
    imported_id: str = ""
    ok: bool = False


def run_import(
    wd: WorkingDir,
    address: str,
    import_id: str,
    *,
    lock: bool = True,
    lock_timeout: float = 0.0,
    progress: Callable[[str], None] = lambda line: None,
    providers: ProviderSet | None = None,
) -> ImportResult:
    result = ImportResult()
    diags = result.diagnostics
    config = wd.load_configuration()
    result.sources = config.sources
    diags.extend(config.diagnostics)
    addr, addr_diags = parse_abs_resource_instance(address)
    diags.extend(addr_diags)
    if config.tree is None or addr is None or diags.has_errors():
        return result
    nodes = {node.path: node for node in config.tree.walk()}
    path = tuple(step.name for step in addr.module.steps)
    resource = addr.resource.resource
    node = nodes.get(path)
    decl = None if node is None else node.module.resources.get((resource.mode.value, resource.type, resource.name))
    if node is None or decl is None:
        diags.error(
            "Configuration for import target does not exist",
            f"The configuration for the given import target {addr} does not exist. All target instances must "
            "have an associated configuration to be imported.",
        )
        return result
    resolved = resolve_provider(nodes, path, decl)
    providers = providers or ProviderSet()
    impl, provider_diags = providers.instance(resolved.addr)
    diags.extend(provider_diags)
    schema = providers.resource_schema(resolved.addr, "managed", resource.type)
    if impl is None or schema is None:
        return result
    session, open_diags = open_session(
        wd.backend(), wd.workspace(), operation="OperationTypeApply", lock=lock, lock_timeout=lock_timeout,
        journal=False, working_dir=wd.path,
    )
    diags.extend(open_diags)
    if session is None:
        return result
    try:
        if session.sync.resource_instance(addr) is not None:
            diags.error(
                "Resource already managed by hclrun",
                f'hclrun is already managing a remote object for {addr}. To import to this address you must first '
                'remove the existing object from the state.',
            )
            return result
        progress(f'{addr}: Importing from ID "{import_id}"...')
        response = impl.import_resource_state(ImportResourceStateRequest(resource.type, import_id))
        diags.extend(response.diagnostics)
        if diags.has_errors() or not response.imported_resources:
            return result
        imported = response.imported_resources[0]
        progress(f"{addr}: Import prepared!\n  Prepared {resource.type} for import")
        read = impl.read_resource(ReadResourceRequest(resource.type, imported.state, imported.private))
        diags.extend(read.diagnostics)
        if diags.has_errors():
            return result
        if read.new_state.is_null:
            diags.error(
                "Cannot import non-existent remote object",
                f'While attempting to import an existing object to "{addr}", the provider detected that no object '
                "exists with the given id. Only pre-existing objects can be imported; check that the id is correct "
                'and that it is associated with the provider\'s configured region or endpoint, or use "hclrun '
                'apply" to create a new remote object for this resource.',
            )
            return result
        progress(f"{addr}: Refreshing state... [id={import_id}]")
        obj = new_object(read.new_state, schema.block.implied_type, schema_version=schema.version, private=read.private or None)
        session.sync.set_current(addr, obj, resolved.addr)
        diags.extend(session.finish())
        result.imported_id = import_id
        result.ok = not diags.has_errors()
        return result
    finally:
        if not session.finished:
            release_session(session, diags)
