"""What ``init`` does with the backend: decode the configuration's block,
merge ``-backend-config`` values over it, and record the result in
``.terraform/terraform.tfstate`` when it is new (or ``-reconfigure`` says to
replace it). A recorded backend whose settings changed is refused, as
Terraform refuses it without ``-migrate-state`` or ``-reconfigure``."""

from __future__ import annotations

import os

from hclrun.backends.overrides import apply_overrides
from hclrun.backends.settings import BACKEND_STATE_FILE, decode_block, read_saved, write_saved
from hclrun.config.model import Backend as BackendBlock
from hclrun.diagnostics import Diagnostics
from hclrun.records import record

CHANGED_DETAIL = (
    "A change in the backend configuration has been detected, which may require migrating existing state.\n\n"
    'If you wish to attempt automatic migration of the state, use "hclrun init -migrate-state".\n'
    'If you wish to store the current configuration with no changes to the state, use "hclrun init -reconfigure".'
)
NO_BLOCK_DETAIL = (
    '-backend-config was used without a "backend" block in the configuration.\n\n'
    "If you intended to override the default local backend configuration,\n"
    "no action is required, but you may add an explicit backend block to your\n"
    "configuration to clear this warning:\n\n"
    'terraform {\n  backend "local" {}\n}\n\n'
    "However, if you intended to override a defined backend, please verify that\n"
    "the backend configuration is present and valid."
)
MIGRATION_DETAIL = (
    "hclrun does not copy states between backends. Copy the state files yourself (for the local backend, "
    'the files at the old "path" and under the old "workspace_dir"), then run "hclrun init -reconfigure".'
)


@record(frozen=False)
class BackendInit:
    """What happened: ``configured`` names the backend type newly recorded."""

    diagnostics: Diagnostics
    configured: str | None = None


def configure_backend(
    data_dir: str,
    block: BackendBlock | None,
    overrides: list[str],
    *,
    reconfigure: bool = False,
    migrate: bool = False,
) -> BackendInit:
    diags = Diagnostics()
    saved = read_saved(data_dir)
    if block is None:
        if overrides:
            diags.warning("Missing backend configuration", NO_BLOCK_DETAIL)
        if saved is not None:
            if not reconfigure:
                diags.error("Backend configuration changed", CHANGED_DETAIL)
                return BackendInit(diags)
            try:
                os.unlink(os.path.join(data_dir, BACKEND_STATE_FILE))
            except OSError:
                pass
        return BackendInit(diags)
    current, decode_diags = decode_block(block)
    diags.extend(decode_diags)
    if current is None:
        return BackendInit(diags)
    current, override_diags = apply_overrides(current, overrides)
    diags.extend(override_diags)
    if diags.has_errors():
        return BackendInit(diags)
    if saved is not None and not reconfigure:
        unchanged = saved.type == current.type and saved.hash == current.hash
        if unchanged and (not overrides or saved.config == current.config):
            return BackendInit(diags)
        if migrate:
            diags.error("State migration is not supported", MIGRATION_DETAIL)
        else:
            diags.error("Backend configuration changed", CHANGED_DETAIL)
        return BackendInit(diags)
    write_saved(data_dir, current)
    return BackendInit(diags, configured=current.type)
