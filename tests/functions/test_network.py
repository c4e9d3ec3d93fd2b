"""Network functions against goldens recorded from terraform console, plus direct checks."""

from __future__ import annotations

from typing import Any

import pytest
from golden_function_cases import (
    case_id,
    expected,
    load_goldens,
    metadata_signatures,
    run_case,
    signature_mismatches,
)

from hclrun.functions.network import Network, format_address, parse_cidr
from hclrun.functions.registry import build_function_table

NAMES = ["cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets"]
GOLDENS = load_goldens("network")


@pytest.mark.parametrize("record", GOLDENS, ids=case_id)
def test_network_golden(record: dict[str, Any]) -> None:
    assert run_case(record["case"]) == expected(record)


@pytest.mark.parametrize("name", NAMES)
def test_network_signatures_match_metadata(name: str) -> None:
    table = build_function_table()
    assert name in table and f"core::{name}" in table
    assert signature_mismatches(table[name], metadata_signatures([name])[name]) == []


@pytest.mark.parametrize(
    ("text", "network"),
    [
        ("10.0.0.0/8", Network(0x0A000000, 32, 8)),
        ("10.1.2.3/24", Network(0x0A010200, 32, 24)),
        ("010.001.0.0/16", Network(0x0A010000, 32, 16)),
        ("fd00::1/64", Network(0xFD00 << 112, 128, 64)),
        ("::ffff:10.0.0.1/104", Network((0xFFFF << 32) | 0x0A000000, 128, 104)),
    ],
)
def test_parse_cidr(text: str, network: Network) -> None:
    assert parse_cidr(text) == network


@pytest.mark.parametrize("text", ["10.0.0.0", "10.0.0/8", "10.0.0.256/8", "10.0.0.0/33", "fe80::1%eth0/64", "::/129", "a/b"])
def test_parse_cidr_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=f"invalid CIDR address: {text}"):
        parse_cidr(text)


@pytest.mark.parametrize(
    ("address", "bits", "text"),
    [
        (0x0A000001, 32, "10.0.0.1"),
        ((0xFFFF << 32) | 0x0A000001, 128, "10.0.0.1"),
        (1, 128, "::1"),
        ((1 << 112) | 1, 128, "1::1"),
        ((1 << 96) | (0xFFFF << 32) | 0x0A000000, 128, "0:1::ffff:a00:0"),
    ],
)
def test_format_address(address: int, bits: int, text: str) -> None:
    assert format_address(address, bits) == text
