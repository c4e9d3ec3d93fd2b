"""Loading the console goldens recorded from ``terraform console`` and comparing results with them."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CONSOLE = ROOT / "fixtures" / "console"
GOLDENS = CONSOLE / "goldens"
FILES = CONSOLE / "files"
CONFIGS = CONSOLE / "configs"
DIVERGENCES = Path(__file__).resolve().parent / "known_divergences.txt"


@dataclass(frozen=True)
class Case:
    family: str
    expr: str
    golden: dict[str, Any]

    @property
    def key(self) -> str:
        return f"{self.family}:{self.expr}"

    @property
    def config_dir(self) -> Path | None:
        if self.family.startswith("config-"):
            return CONFIGS / self.family.removeprefix("config-")
        return None


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(GOLDENS.glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            cases.append(Case(path.stem, record["expr"], record))
    return cases


def load_divergences() -> dict[str, str]:
    """Case key -> reason, from ``known_divergences.txt`` (``KEY<TAB>reason`` lines)."""
    known: dict[str, str] = {}
    if not DIVERGENCES.exists():
        return known
    for line in DIVERGENCES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, reason = line.partition("\t")
        known[key] = reason.strip()
    return known


def write_divergences(found: dict[str, str]) -> None:
    header = (
        "# Console goldens hclrun does not match yet: one case key (family:expression), a tab, the reason.\n"
        "# Regenerate with: HCLRUN_WRITE_DIVERGENCES=1 .venv/bin/pytest tests/conformance\n"
    )
    lines = [f"{key}\t{reason}" for key, reason in sorted(found.items())]
    DIVERGENCES.write_text(header + "".join(line + "\n" for line in lines), encoding="utf-8")


def prepare_workdir(case: Case, tmp_root: Path) -> Path:
    """A directory like the one the case was recorded in: the fixture files plus any configuration."""
    work = tmp_root / case.family
    if not work.exists():
        shutil.copytree(FILES, work)
        if case.config_dir is not None:
            for tf in case.config_dir.glob("*.tf"):
                shutil.copy(tf, work / tf.name)
    return work


def _short(text: str, limit: int = 70) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _squash(text: str) -> str:
    return " ".join(text.split())


def mismatch(golden: dict[str, Any], output: str | None, errors: list[tuple[str, str]]) -> str | None:
    """Why hclrun's result differs from the golden, or None when it matches."""
    if golden["ok"]:
        if output is None:
            summary = errors[0][0] if errors else "no diagnostics"
            return f"fails with {summary!r}"
        if output + "\n" != golden["output"]:
            return f"output differs: got {_short(output)}, want {_short(golden['output'].removesuffix(chr(10)))}"
        return None
    want = golden.get("error")
    if output is not None or not errors:
        return "succeeds where terraform fails" if want is None else f"expected error {want['summary']!r}"
    if want is None:
        return None
    summary, detail = errors[0]
    if summary != want["summary"]:
        return f"summary {summary!r}, want {want['summary']!r}"
    if _squash(detail) != _squash(want["detail"]):
        return f"detail differs: got {_short(_squash(detail))}, want {_short(_squash(want['detail']))}"
    return None
