"""Which backend a command uses, and whether ``init`` must run first.

Commands other than ``init`` use the backend ``init`` recorded; when the
configuration's ``backend`` block is new, changed or removed since then they
stop with Terraform's "Backend initialization required" error."""

from __future__ import annotations

from hclrun.backends.settings import BackendSettings, decode_block, unsupported_type
from hclrun.config.model import Backend as BackendBlock
from hclrun.diagnostics import Diagnostics

INIT_REQUIRED_DETAIL = (
    "Reason: {reason}\n\n"
    'The "backend" is the interface that hclrun uses to store state,\n'
    "perform operations, etc. If this message is showing up, it means that the\n"
    "hclrun configuration you're using is using a custom configuration for\n"
    "the hclrun backend.\n\n"
    "Changes to backend configurations require reinitialization. This allows\n"
    "hclrun to set up the new configuration, copy existing state, etc. Please run\n"
    '"hclrun init" with either the "-reconfigure" or "-migrate-state" flags to\n'
    "use the current configuration.\n\n"
    "If the change reason above is incorrect, please verify your configuration\n"
    "hasn't changed and try again. At this point, no changes to your existing\n"
    "configuration or state have been made."
)
INIT_REQUIRED = 'Backend initialization required, please run "hclrun init"'
INIT_REQUIRED_CHANGED = 'Backend initialization required: please run "hclrun init"'


def backend_in_use(block: BackendBlock | None, saved: BackendSettings | None) -> tuple[BackendSettings | None, Diagnostics]:
    """The settings to store state with (``None``: the default local backend), or the reason ``init`` must run."""
    diags = Diagnostics()
    if block is not None:
        type_diags = unsupported_type(block, "Invalid backend type")
        if type_diags.has_errors():
            return None, type_diags
    if block is None and saved is None:
        return None, diags
    if block is None:
        assert saved is not None
        reason = f'Unsetting the previously set backend "{saved.type}"'
        diags.error(INIT_REQUIRED, INIT_REQUIRED_DETAIL.format(reason=reason))
        return None, diags
    if saved is None:
        reason = f'Initial configuration of the requested backend "{block.type}"'
        diags.error(INIT_REQUIRED, INIT_REQUIRED_DETAIL.format(reason=reason))
        return None, diags
    current, decode_diags = decode_block(block)
    if current is None:
        return None, decode_diags
    if current.type != saved.type or current.hash != saved.hash:
        reason = "Backend configuration block has changed"
        if current.type != saved.type:
            reason = f'Backend type changed from "{saved.type}" to "{current.type}"'
        diags.error(INIT_REQUIRED_CHANGED, INIT_REQUIRED_DETAIL.format(reason=reason))
        return None, diags
    return saved, diags
