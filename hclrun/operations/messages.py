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
