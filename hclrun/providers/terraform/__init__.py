"""The built-in ``terraform.io/builtin/terraform`` provider: ``terraform_data`` and
``terraform_remote_state``."""

from __future__ import annotations

from hclrun.providers.terraform.provider import TerraformProvider

__all__ = ["TerraformProvider", "new_provider"]


def new_provider() -> TerraformProvider:
    return TerraformProvider()
