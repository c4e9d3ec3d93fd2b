"""Terraform's wording for problems the operations themselves report."""

from __future__ import annotations

from hclrun.diagnostics import Diagnostic

_NO_CONFIG_DETAIL = {
    "Plan": (
        "Plan requires configuration to be present. Planning without a configuration would mark everything for "
        "destruction, which is normally not what is desired. If you would like to destroy everything, run plan "
        "with the -destroy option. Otherwise, create a hclrun configuration file (.tf file) and try again."
    ),
    "Apply": (
        "Apply requires configuration to be present. Applying without a configuration would mark everything for "
        "destruction, which is normally not what is desired. If you would like to destroy everything, run "
        "'hclrun destroy' instead."
    ),
}


def no_configuration(operation: str) -> Diagnostic:
    return Diagnostic.error("No configuration files", _NO_CONFIG_DETAIL.get(operation, _NO_CONFIG_DETAIL["Plan"]))


def apply_cancelled(destroy: bool) -> Diagnostic:
    return Diagnostic.error("Destroy cancelled." if destroy else "Apply cancelled.")


INTERRUPTED = "Interrupt received.\nPlease wait for hclrun to exit or data loss may occur.\nGracefully shutting down...\n"
INTERRUPTED_TWICE = "Two interrupts received. Exiting immediately. Note that data loss may have occurred.\n"


def forgotten_objects(addresses: list[str]) -> Diagnostic:
    listing = "".join(f"\n - {a}" for a in addresses)
    return Diagnostic.warning(
        "Some objects will no longer be managed by hclrun",
        "If you apply this plan, hclrun will discard its tracking information for the following objects, but it "
        f"will not delete them:{listing}\n\nAfter applying this plan, hclrun will no longer manage these objects. "
        "You will need to import them into hclrun to manage them again.",
    )
