"""Built-in provider schemas as validate reads them: from the shipped file, without provider code."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from hclrun.providers.registry import BUILTINS
from hclrun.providers.schema import load_builtin_provider_schema
from hclrun.validation.provider_schemas import builtin_schema


@pytest.mark.parametrize("package", sorted(BUILTINS.values()))
def test_shipped_schema_is_the_one_the_provider_serves(package: str) -> None:
    served = importlib.import_module(package).new_provider().get_schema().schema
    assert load_builtin_provider_schema(package).to_json_data() == served.to_json_data()


@pytest.mark.parametrize(
    ("source", "resource"),
    [
        ("terraform.io/builtin/terraform", "terraform_data"),
        ("hashicorp/null", "null_resource"),
        ("registry.terraform.io/hashicorp/random", "random_id"),
    ],
)
def test_builtin_sources_have_schemas(source: str, resource: str) -> None:
    schema = builtin_schema(source)
    assert schema is not None and resource in schema.resource_schemas


@pytest.mark.parametrize("source", ["hashicorp/aws", "example.com/acme/widgets", "not a source//"])
def test_other_sources_have_none(source: str) -> None:
    assert builtin_schema(source) is None


def test_reading_a_schema_loads_no_provider_code() -> None:
    code = (
        "import sys\n"
        "from hclrun.validation.provider_schemas import builtin_schema\n"
        "assert builtin_schema('terraform.io/builtin/terraform') is not None\n"
        "print(sorted(m for m in sys.modules if m.startswith('hclrun.providers')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['hclrun.providers', 'hclrun.providers.registry', 'hclrun.providers.schema']"
