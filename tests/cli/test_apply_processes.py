"""``hclrun`` as real processes: the approval prompt answered on stdin, stale
saved plans, two processes contending for the state lock, a corrupt state
file, Ctrl-C during a slow apply, and kill -9 in the middle of a large apply
followed by recovery from the journal."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.cli.recorded_cases import load_case, ours, paragraphs

HCLRUN = [sys.executable, "-m", "hclrun"]
ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def hclrun(work: Path, *args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*HCLRUN, *args], cwd=work, input=stdin, capture_output=True, text=True, timeout=timeout, env=ENV
    )


def start(work: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*HCLRUN, *args], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV
    )


def wait_for_line(proc: subprocess.Popen[str], needle: str, timeout: float = 60) -> list[str]:
    """Lines read from ``proc``'s stdout up to and including the first containing ``needle``."""
    assert proc.stdout is not None
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        if needle in line:
            return seen
    raise AssertionError(f"{needle!r} never appeared in: {''.join(seen)}")


def state_addresses(work: Path) -> list[str]:
    doc = json.loads((work / "terraform.tfstate").read_text())
    return sorted(
        f'{r["type"]}.{r["name"]}' + (f'[{i["index_key"]}]' if "index_key" in i else "")
        for r in doc["resources"]
        for i in r["instances"]
    )


SIMPLE = 'resource "terraform_data" "x" {\n  input = "a"\n}\n\noutput "o" {\n  value = terraform_data.x.output\n}\n'


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "main.tf").write_text(SIMPLE)
    return tmp_path


@pytest.mark.parametrize(
    ("answer", "exit_code", "applied"),
    [("yes\n", 0, True), ("no\n", 1, False), ("\n", 1, False), ("YES\n", 1, False)],
)
def test_prompt_answered_on_stdin(work: Path, answer: str, exit_code: int, applied: bool) -> None:
    result = hclrun(work, "apply", "-no-color", stdin=answer)
    assert result.returncode == exit_code, result.stderr
    assert "Do you want to perform these actions?" in result.stdout
    assert "Only 'yes' will be accepted to approve." in result.stdout
    assert ("Apply complete! Resources: 1 added, 0 changed, 0 destroyed." in result.stdout) == applied
    assert ("Apply cancelled." in result.stdout) == (not applied)
    assert (work / "terraform.tfstate").exists() == applied


def test_destroy_prompt_wording(work: Path) -> None:
    assert hclrun(work, "apply", "-auto-approve", "-no-color").returncode == 0
    result = hclrun(work, "destroy", "-no-color", stdin="no\n")
    assert result.returncode == 1
    assert "Do you really want to destroy all resources?" in result.stdout
    assert "Destroy cancelled." in result.stdout
    done = hclrun(work, "destroy", "-no-color", stdin="yes\n")
    assert "Destroy complete! Resources: 1 destroyed." in done.stdout
    assert state_addresses(work) == []


def test_detailed_exitcode(work: Path) -> None:
    assert hclrun(work, "plan", "-detailed-exitcode").returncode == 2
    assert hclrun(work, "apply", "-auto-approve").returncode == 0
    assert hclrun(work, "plan", "-detailed-exitcode").returncode == 0
    (work / "main.tf").write_text(SIMPLE + "resource \"terraform_data\" \"bad\" {\n  input = var.nope\n}\n")
    assert hclrun(work, "plan", "-detailed-exitcode").returncode == 1


def test_stale_plan_is_refused(work: Path) -> None:
    assert hclrun(work, "plan", "-out=old.tfplan").returncode == 0
    assert hclrun(work, "apply", "-auto-approve").returncode == 0
    result = hclrun(work, "apply", "-no-color", "old.tfplan")
    assert result.returncode == 1
    assert "Error: Saved plan is stale" in result.stderr
    assert "can no longer be applied because the state was changed by another" in " ".join(result.stderr.split())


def test_saved_plan_applies_once(work: Path) -> None:
    assert hclrun(work, "plan", "-out=tfplan").returncode == 0
    first = hclrun(work, "apply", "-no-color", "tfplan")
    assert first.returncode == 0, first.stderr
    assert "Do you want" not in first.stdout
    assert state_addresses(work) == ["terraform_data.x"]
    assert "Saved plan is stale" in hclrun(work, "apply", "tfplan").stderr


SLOW = 'resource "time_sleep" "wait" {\n  create_duration = "%s"\n}\n\nresource "terraform_data" "after" {\n  input = time_sleep.wait.id\n}\n'


def test_lock_contention_between_processes(work: Path) -> None:
    # The hold is long enough for the other processes to start on a busy machine.
    (work / "main.tf").write_text(SLOW % "12s")
    holder = start(work, "apply", "-auto-approve", "-no-color")
    try:
        wait_for_line(holder, "time_sleep.wait: Creating...")
        refused = hclrun(work, "plan", "-no-color", "-lock-timeout=0s")
        assert refused.returncode == 1
        assert "Error: Error acquiring the state lock" in refused.stderr
        assert "Lock Info:" in refused.stderr
        waited = hclrun(work, "plan", "-no-color", "-lock-timeout=30s")
        assert waited.returncode == 0, waited.stderr
        assert "No changes." in waited.stdout
    finally:
        holder.wait(timeout=60)
    assert holder.returncode == 0


def test_corrupt_state_is_reported_and_left_alone(work: Path) -> None:
    corrupt = '{"version": 4, "serial": 3, "lineage": "x", "resources": [}'
    (work / "terraform.tfstate").write_text(corrupt)
    for args in (["plan", "-no-color"], ["apply", "-auto-approve", "-no-color"], ["state", "list"]):
        result = hclrun(work, *args)
        assert result.returncode == 1, args
        assert "Traceback" not in result.stderr
        assert "Error" in result.stderr
    assert (work / "terraform.tfstate").read_text() == corrupt


def test_interrupt_stops_gracefully_and_saves_state(work: Path) -> None:
    (work / "main.tf").write_text(
        'resource "terraform_data" "first" {}\n\n' + SLOW % "4s" + '\nresource "terraform_data" "later" {\n  input = terraform_data.after.id\n}\n'
    )
    proc = start(work, "apply", "-auto-approve", "-no-color")
    wait_for_line(proc, "time_sleep.wait: Creating...")
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "Interrupt received." in out
    assert "Gracefully shutting down..." in out
    assert "Apply complete!" not in out
    saved = state_addresses(work)
    assert "terraform_data.first" in saved
    assert "terraform_data.later" not in saved
    assert not (work / "terraform.tfstate.journal").exists()
    follow = hclrun(work, "plan", "-no-color")
    assert follow.returncode == 0
    assert "terraform_data.later will be created" in follow.stdout


def test_kill_during_large_apply_recovers_from_journal(work: Path) -> None:
    (work / "main.tf").write_text('resource "terraform_data" "n" {\n  count = 300\n  input = count.index\n}\n')
    proc = start(work, "apply", "-auto-approve", "-no-color")
    lines = wait_for_line(proc, "Creation complete", timeout=120)
    time.sleep(random.uniform(0.0, 1.0))
    proc.kill()
    rest, _ = proc.communicate(timeout=30)
    printed = "".join(lines) + rest
    completed = sorted(
        line.split(":", 1)[0] for line in printed.splitlines() if ": Creation complete after" in line
    )
    assert completed, printed
    listed = hclrun(work, "state", "list")
    assert listed.returncode == 0, listed.stderr
    recovered = sorted(listed.stdout.split())
    assert set(completed) <= set(recovered)
    assert not (work / "terraform.tfstate.journal").exists()
    finish = hclrun(work, "apply", "-auto-approve", "-no-color", timeout=300)
    assert finish.returncode == 0, finish.stderr
    assert f"{300 - len(recovered)} added" in finish.stdout
    assert len(state_addresses(work)) == 300


def test_saved_plan_applies_its_own_configuration(work: Path) -> None:
    assert hclrun(work, "plan", "-out=tfplan").returncode == 0
    (work / "main.tf").write_text(SIMPLE.replace('"a"', '"edited"') + 'resource "terraform_data" "extra" {}\n')
    applied = hclrun(work, "apply", "-no-color", "tfplan")
    assert applied.returncode == 0, applied.stderr
    assert "Resources: 1 added, 0 changed, 0 destroyed." in applied.stdout
    assert 'o = "a"' in applied.stdout
    assert state_addresses(work) == ["terraform_data.x"]
    follow = hclrun(work, "plan", "-no-color")
    assert "Plan: 1 to add, 1 to change, 0 to destroy." in follow.stdout


def _recorded(group: str, name: str) -> tuple[Path, list[dict[str, object]]]:
    case, _, recorded = load_case(group, name)
    return case, recorded


def _instances(work: Path) -> dict[str, str]:
    doc = json.loads((work / "terraform.tfstate").read_text())
    return {
        f'{r["type"]}.{r["name"]}' + (f'[{i["index_key"]}]' if "index_key" in i else ""): i.get("status", "")
        for r in doc["resources"]
        for i in r["instances"]
    }


def test_interrupt_matches_terraform(tmp_path: Path) -> None:
    case, recorded = _recorded("interrupts", "once")
    shutil.copytree(case / "v1", tmp_path, dirs_exist_ok=True)
    proc = start(tmp_path, "apply", "-auto-approve", "-input=false", "-no-color")
    seen = wait_for_line(proc, "Executing:")
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    want = recorded[0]
    assert proc.returncode == want["exit_code"] == 1
    tail = str(want["stdout"])[str(want["stdout"]).index("\nInterrupt received.") :]
    assert ("".join(seen) + out).endswith(ours(tail))
    assert 'Executing: ["/bin/sh" "-c" "sleep 4"]' in "".join(seen)
    assert "Error running command 'sleep 4': signal: killed. Output:" in err
    assert "Error: execution halted" in err
    # terraform reports "execution halted" twice, both before the provisioner error; hclrun once.
    assert err.index("Error: execution halted") < err.index("Error: local-exec")
    assert paragraphs(err.split("Error: local-exec")[1]) == paragraphs(str(want["stderr"]).split("Error: local-exec")[1])
    assert _instances(tmp_path) == {"terraform_data.first": "", "terraform_data.slow": "tainted"}
    follow = hclrun(tmp_path, "plan", "-no-color")
    assert "terraform_data.slow is tainted, so must be replaced" in follow.stdout
    assert "Plan: 2 to add, 0 to change, 1 to destroy." in follow.stdout


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def comparable_state(doc: dict[str, object]) -> dict[str, object]:
    """A state's outputs and resources with every generated id replaced by the
    address of the object it identifies (ids flow into other attributes)."""
    text = json.dumps({"outputs": doc["outputs"], "resources": doc["resources"]}, sort_keys=True)
    for resource in doc["resources"]:  # type: ignore[attr-defined]
        prefix = f'{resource["module"]}.' if "module" in resource else ""
        for inst in resource["instances"]:
            key = inst.get("index_key")
            suffix = "" if key is None else f"[{json.dumps(key)}]"
            name = f'{prefix}{resource["type"]}.{resource["name"]}{suffix}'
            text = text.replace(inst["attributes"]["id"], f"<id of {name}>".replace('"', "'"))
    assert not UUID.search(text), text
    return json.loads(text)  # type: ignore[no-any-return]


def _replay_apply(tmp_path: Path, name: str) -> tuple[subprocess.CompletedProcess[str], dict[str, object], Path]:
    case, recorded = _recorded("faults", name)
    shutil.copytree(case / "v1", tmp_path, dirs_exist_ok=True)
    result = hclrun(tmp_path, "apply", "-auto-approve", "-input=false", "-no-color")
    return result, recorded[0], case


def _error_blocks(stderr: str) -> list[str]:
    """Each diagnostic, whitespace-collapsed, sorted (terraform reports them in no fixed order)."""
    return sorted(paragraphs(block) for block in stderr.split("\nError: ") if block.strip())


def test_failing_provisioner_among_many_matches_terraform(tmp_path: Path) -> None:
    result, want, case = _replay_apply(tmp_path, "provisioner_fails")
    assert result.returncode == want["exit_code"] == 1
    assert result.stderr == want["stderr"]
    assert paragraphs(result.stderr) == paragraphs(str(want["stderr"]))
    got = _instances(tmp_path)
    assert got["terraform_data.after_good"] == ""
    assert "terraform_data.after_bad" not in got
    assert got["terraform_data.many[2]"] == "tainted"
    terraform_state = json.loads((case / "final.tfstate").read_text())
    assert comparable_state(json.loads((tmp_path / "terraform.tfstate").read_text())) == comparable_state(terraform_state)
    follow = hclrun(tmp_path, "plan", "-no-color")
    assert "terraform_data.many[2] is tainted, so must be replaced" in follow.stdout


def test_dependent_of_a_succeeding_instance_is_applied(tmp_path: Path) -> None:
    """Only what names a failed instance, or its resource as a whole, is skipped:
    ``many[1]``, ``many.0``, ``depends_on = [many[0]]``, a local, a module
    argument and an output naming a good instance go ahead; ``many[*]``,
    ``many[count.index]``, ``many[var.pick]`` and ``length(many)`` do not."""
    result, want, case = _replay_apply(tmp_path, "instance_failures")
    assert result.returncode == want["exit_code"] == 1
    assert _error_blocks(result.stderr) == _error_blocks(str(want["stderr"]))
    terraform_state = json.loads((case / "final.tfstate").read_text())
    assert comparable_state(json.loads((tmp_path / "terraform.tfstate").read_text())) == comparable_state(terraform_state)
