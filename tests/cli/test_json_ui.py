"""The ``-json`` streaming UI of plan, apply, refresh, destroy and validate,
compared message by message with terraform's recorded streams
(fixtures/cli/json_ui/, by scripts/record_cli_goldens). Timestamps, generated
ids, elapsed times and version strings are set aside, and "Terraform"
becomes "hclrun" where terraform names itself. Messages about different
resources come in the order work finishes, so a stream is compared as the
version message followed by the sorted rest."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.cli.recorded_cases import case_names, load_case, ours, run_step

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ELAPSED = re.compile(r"after \d+s")
VOLATILE = {"@timestamp", "elapsed_seconds", "terraform", "ui"}


def normalised(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: normalised(v) for k, v in data.items() if k not in VOLATILE}
    if isinstance(data, list):
        return [normalised(v) for v in data]
    if isinstance(data, str):
        return ELAPSED.sub("after <n>s", UUID.sub("<id>", ours(data)))
    return data


def stream(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def comparable(text: str) -> list[str]:
    messages = [normalised(m) for m in stream(text)]
    if messages and messages[0].get("type") == "version":
        messages[0]["@message"] = "<version>"
        return [json.dumps(messages[0], sort_keys=True), *sorted(json.dumps(m, sort_keys=True) for m in messages[1:])]
    return [json.dumps(m, sort_keys=True) for m in messages]


def _steps() -> list[tuple[str, int, str]]:
    found = []
    for name in case_names("json_ui"):
        _, steps, _ = load_case("json_ui", name)
        found.extend((name, i, " ".join(s["args"])) for i, s in enumerate(steps) if "-json" in s["args"])
    return found


@pytest.mark.parametrize(("name", "index", "args"), _steps())
def test_json_stream_matches_terraform(name: str, index: int, args: str, tmp_path: Path) -> None:
    case, steps, recorded = load_case("json_ui", name)
    for step in steps[:index]:
        run_step(step, tmp_path, case)
    got = run_step(steps[index], tmp_path, case)
    want = recorded[index]
    assert got.returncode == want["exit_code"], got.stderr
    if steps[index]["args"][0] == "validate":
        assert normalised(json.loads(got.stdout)) == normalised(json.loads(want["stdout"]))
        return
    assert all(set(m) >= {"@level", "@message", "@module", "@timestamp", "type"} for m in stream(got.stdout))
    assert comparable(got.stdout) == comparable(want["stdout"])
