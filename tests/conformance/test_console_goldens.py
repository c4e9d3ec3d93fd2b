"""Every recorded ``terraform console`` golden, evaluated through hclrun's console session.

Successful results must match Terraform's output exactly; failures must
produce the same first error summary and detail (compared without regard to
line wrapping). Cases hclrun cannot match yet are listed, with a reason, in
``known_divergences.txt`` and run as strict expected failures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import FOUND, WRITE_MODE
from .goldens import Case, load_cases, load_divergences, mismatch, prepare_workdir

CASES = load_cases()
KNOWN = load_divergences()


def _param(case: Case) -> object:
    marks = []
    if case.key in KNOWN and not WRITE_MODE:
        marks.append(pytest.mark.xfail(reason=KNOWN[case.key], strict=True))
    return pytest.param(case, id=case.key, marks=marks)


_SESSIONS: dict[str, object] = {}


@pytest.fixture(scope="session")
def work_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("console")


def _run(
    case: Case, work_root: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[str | None, list[tuple[str, str]], str]:
    from hclrun.console_session import ConsoleSession

    work = prepare_workdir(case, work_root)
    monkeypatch.chdir(work)
    session = _SESSIONS.get(case.family)
    if session is None:
        session = _SESSIONS[case.family] = ConsoleSession(".")
    assert isinstance(session, ConsoleSession)
    startup = [(d.summary, d.detail) for d in session.startup_diagnostics.errors()]
    if startup:
        return None, startup, session.render(session.startup_diagnostics)
    output, diags = session.evaluate(case.expr)
    return output, [(d.summary, d.detail) for d in diags.errors()], session.render(diags)


def test_cases_were_recorded() -> None:
    assert len(CASES) > 800
    assert all(key in {c.key for c in CASES} for key in KNOWN), "stale keys in known_divergences.txt"


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_console_golden(case: Case, work_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        output, errors, stderr = _run(case, work_root, monkeypatch)
    except Exception as exc:  # a crash is a divergence too; record it with its type
        FOUND[case.key] = f"crash: {type(exc).__name__}: {str(exc)[:80]}"
        raise
    problem = mismatch(case.golden, output, errors)
    if problem is None and not case.golden["ok"] and stderr != case.golden.get("stderr", stderr):
        problem = "rendered diagnostics differ from terraform's stderr"
    if problem is not None:
        FOUND[case.key] = problem
    assert problem is None, f"{problem}\n--- hclrun:\n{output}\n{errors}\n--- terraform:\n{case.golden}"
