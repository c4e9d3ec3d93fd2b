"""The validate goldens recorded from terraform, and comparing diagnostics with them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "validate"
GOLDENS = FIXTURES / "goldens"


def case_names(kind: str) -> list[str]:
    return sorted(p.stem for p in (GOLDENS / kind).glob("*.json"))


def golden(kind: str, name: str) -> dict[str, Any]:
    return json.loads((GOLDENS / kind / f"{name}.json").read_text(encoding="utf-8"))


def _cycle(summary: str) -> str:
    """Cycle members come in random order; compare them sorted."""
    if summary.startswith("Cycle: "):
        return "Cycle: " + ", ".join(sorted(summary.removeprefix("Cycle: ").split(", ")))
    return summary


def comparable(diagnostics: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    """Severity, summary, detail and range of each diagnostic, in a stable order."""
    rows = []
    for d in diagnostics:
        r = d.get("range")
        where = (
            f"{r['filename']}:{r['start']['line']},{r['start']['column']}-{r['end']['line']},{r['end']['column']}"
            if r
            else ""
        )
        rows.append((d["severity"], _cycle(d["summary"]), d["detail"], where))
    return sorted(rows)
