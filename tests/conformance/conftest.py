"""Counts console-conformance results and prints a summary line at the end of the run."""

from __future__ import annotations

import os
from typing import Any

import pytest

from .goldens import write_divergences

RESULTS: dict[str, int] = {"match": 0, "total": 0}
FOUND: dict[str, str] = {}
WRITE_MODE = bool(os.environ.get("HCLRUN_WRITE_DIVERGENCES"))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "test_console_golden" not in report.nodeid or report.when != "call":
        return
    RESULTS["total"] += 1
    if report.passed and not hasattr(report, "wasxfail"):
        RESULTS["match"] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if RESULTS["total"]:
        terminalreporter.write_line(f"console conformance: {RESULTS['match']}/{RESULTS['total']} match")
    if WRITE_MODE and RESULTS["total"]:
        write_divergences(FOUND)
        terminalreporter.write_line(f"wrote {len(FOUND)} known divergences")
