"""Plan and apply scenarios with the real terraform_data provider and a recording double."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from hclrun.engine import ApplyOptions, Hooks, PlanOptions, ProviderSet
from hclrun.plans.actions import Action, PlanMode
from hclrun.states import State
from tests.engine.double import SOURCE, RecordingProvider
from tests.engine.scenario import run_apply, run_plan


def write(tmp: Path, text: str, name: str = "main.tf") -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / name).write_text(text)
    return tmp


def actions(result: object) -> dict[str, str]:
    return {str(c.addr) + (" deposed" if c.deposed else ""): c.action.value for c in result.changes}  # type: ignore[attr-defined]


def converge(stage: Path, state: State, providers: ProviderSet | None = None) -> State:
    tree, result, diags = run_plan(stage, state, providers=providers)
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags]
    new_state, apply_diags, _ = run_apply(stage, tree, result, state, providers=providers)
    assert not apply_diags.has_errors(), [(d.summary, d.detail) for d in apply_diags]
    return new_state


def double() -> tuple[RecordingProvider, ProviderSet]:
    provider = RecordingProvider()
    return provider, ProviderSet(instances={SOURCE: provider})


CHAIN = """
resource "terraform_data" "a" { input = "a" }
resource "terraform_data" "b" { input = "b-${terraform_data.a.output}" }
resource "terraform_data" "c" { input = "c-${terraform_data.b.output}" }
resource "terraform_data" "d" { input = "d" }
"""


# ---------------------------------------------------------------- convergence tables

STEPS = [
    pytest.param(
        ['resource "terraform_data" "x" { input = "a" }', 'resource "terraform_data" "x" { input = "b" }'],
        {"terraform_data.x": "update"},
        id="update-in-place",
    ),
    pytest.param(
        [
            'resource "terraform_data" "x" { triggers_replace = 1 }',
            'resource "terraform_data" "x" { triggers_replace = 2 }',
        ],
        {"terraform_data.x": "delete-then-create"},
        id="replace-triggers",
    ),
    pytest.param(
        [
            'resource "terraform_data" "c" {\n  count = 3\n  input = count.index\n}',
            'resource "terraform_data" "c" {\n  count = 1\n  input = count.index\n}',
        ],
        {"terraform_data.c[0]": "no-op", "terraform_data.c[1]": "delete", "terraform_data.c[2]": "delete"},
        id="count-shrink",
    ),
    pytest.param(
        [
            'resource "terraform_data" "c" {\n  count = 1\n  input = "x"\n}',
            'resource "terraform_data" "c" {\n  count = 2\n  input = "x"\n}',
        ],
        {"terraform_data.c[0]": "no-op", "terraform_data.c[1]": "create"},
        id="count-grow",
    ),
    pytest.param(
        [
            'resource "terraform_data" "e" {\n  for_each = toset(["a", "b"])\n  input = each.key\n}',
            'resource "terraform_data" "e" {\n  for_each = {b = 1, c = 2}\n  input = each.key\n}',
        ],
        {'terraform_data.e["a"]': "delete", 'terraform_data.e["b"]': "no-op", 'terraform_data.e["c"]': "create"},
        id="for-each-add-remove",
    ),
    pytest.param(
        [
            'resource "terraform_data" "r" {\n  count = 2\n  input = "v${count.index}"\n}',
            'resource "terraform_data" "r" {\n  for_each = toset(["0", "1"])\n  input = "v${each.key}"\n}\n'
            'moved {\n  from = terraform_data.r[0]\n  to = terraform_data.r["0"]\n}\n'
            'moved {\n  from = terraform_data.r[1]\n  to = terraform_data.r["1"]\n}',
        ],
        {'terraform_data.r["0"]': "no-op", 'terraform_data.r["1"]': "no-op"},
        id="count-to-for-each-moved",
    ),
    pytest.param(
        [
            'resource "terraform_data" "x" {\n  input = "a"\n  lifecycle {\n    ignore_changes = [input]\n  }\n}',
            'resource "terraform_data" "x" {\n  input = "b"\n  lifecycle {\n    ignore_changes = [input]\n  }\n}',
        ],
        {"terraform_data.x": "no-op"},
        id="ignore-changes",
    ),
    pytest.param(
        [
            'resource "terraform_data" "x" { input = "a" }\nresource "terraform_data" "y" { input = "y" }',
            'resource "terraform_data" "y" { input = "y" }',
        ],
        {"terraform_data.x": "delete", "terraform_data.y": "no-op"},
        id="resource-removed",
    ),
    pytest.param(
        [
            'resource "terraform_data" "x" { input = "a" }',
            'resource "terraform_data" "x" { input = "a" }\nresource "terraform_data" "t" {\n'
            "  input = 1\n  lifecycle {\n    replace_triggered_by = [terraform_data.x]\n  }\n}",
        ],
        {"terraform_data.x": "no-op", "terraform_data.t": "create"},
        id="replace-triggered-by-no-change",
    ),
]


@pytest.mark.parametrize(("stages", "expected"), STEPS)
def test_second_stage_actions(tmp_path: Path, stages: list[str], expected: dict[str, str]) -> None:
    state = State()
    for i, text in enumerate(stages[:-1]):
        state = converge(write(tmp_path / f"v{i}", text), state)
    final = write(tmp_path / "final", stages[-1])
    _, result, diags = run_plan(final, state)
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags]
    assert actions(result) == expected
    state = converge(final, state)
    _, again, _ = run_plan(final, state)
    assert not again.has_changes, actions(again)


def test_create_then_no_op(tmp_path: Path) -> None:
    stage = write(tmp_path, CHAIN + 'output "c" { value = terraform_data.c.output }')
    state = converge(stage, State())
    assert state.outputs["c"].value.raw.startswith("c-b-a")
    _, result, _ = run_plan(stage, state)
    assert set(actions(result).values()) == {"no-op"}
    assert not result.has_changes


def test_module_added_and_removed(tmp_path: Path) -> None:
    write(tmp_path / "mod", 'variable "n" {}\nresource "terraform_data" "m" { input = var.n }\noutput "o" { value = terraform_data.m.output }')
    with_module = write(tmp_path, 'module "k" {\n  source = "./mod"\n  for_each = toset(["a", "b"])\n  n = each.key\n}\n'
                        'output "all" { value = { for k, m in module.k : k => m.o } }')
    state = converge(with_module, State())
    assert state.outputs["all"].value.as_python() == {"a": "a", "b": "b"}
    (tmp_path / "main.tf").write_text('module "k" {\n  source = "./mod"\n  for_each = toset(["a"])\n  n = each.key\n}')
    _, result, _ = run_plan(tmp_path, state)
    assert actions(result) == {'module.k["a"].terraform_data.m': "no-op", 'module.k["b"].terraform_data.m': "delete"}
    assert result.changes[-1].reason.value == "delete_because_no_module"


def test_create_before_destroy_creates_first(tmp_path: Path) -> None:
    provider, providers = double()
    cbd = 'resource "terraform_data" "x" {\n  triggers_replace = "{v}"\n  input = "{v}"\n  lifecycle {\n    create_before_destroy = true\n  }\n}'
    state = converge(write(tmp_path / "v1", cbd.replace("{v}", "one")), State(), providers)
    provider.calls.clear()
    state = converge(write(tmp_path / "v2", cbd.replace("{v}", "two")), state, providers)
    applied = [c for c in provider.calls if c[0] in ("apply", "delete")]
    assert applied == [("apply", "two"), ("delete", "one")]
    inst = state.resource_instance(state.resource_instance_addrs()[0])
    assert inst is not None and not inst.deposed


def test_destroy_runs_in_reverse_dependency_order(tmp_path: Path) -> None:
    provider, providers = double()
    stage = write(tmp_path, CHAIN)
    state = converge(stage, State(), providers)
    provider.calls.clear()
    tree, result, _ = run_plan(stage, state, PlanOptions(mode=PlanMode.DESTROY), providers=providers)
    assert set(actions(result).values()) == {"delete"}
    new_state, diags, _ = run_apply(stage, tree, result, state, providers, ApplyOptions(parallelism=1))
    assert not diags.has_errors()
    order = [text for call, text in provider.calls if call == "delete"]
    assert order.index("c-b-a") < order.index("b-a") < order.index("a")
    assert new_state.resource_instance_addrs() == []


def test_failure_half_way_keeps_completed_work(tmp_path: Path) -> None:
    provider, providers = double()
    provider.fail_inputs = {"b-a"}
    stage = write(tmp_path, CHAIN)
    tree, result, _ = run_plan(stage, State(), providers=providers)
    new_state, diags, _sync = run_apply(stage, tree, result, State(), providers)
    assert [d.summary for d in diags if d.is_error] == ["Creation failed"]
    assert sorted(map(str, new_state.resource_instance_addrs())) == ["terraform_data.a", "terraform_data.d"]
    assert ("apply", "c-b-a") not in provider.calls


def test_interruption_starts_nothing_new(tmp_path: Path) -> None:
    provider, providers = double()
    stop = threading.Event()
    provider.before_apply = lambda text: stop.set()
    stage = write(tmp_path, CHAIN)
    tree, result, _ = run_plan(stage, State(), providers=providers)
    new_state, diags, _ = run_apply(stage, tree, result, State(), providers, ApplyOptions(parallelism=1, stop_event=stop))
    assert "execution halted" in [d.summary for d in diags]
    assert len(new_state.resource_instance_addrs()) == 1


def test_refresh_only_records_drift(tmp_path: Path) -> None:
    from hclrun.values.value import Value

    provider, providers = double()
    stage = write(tmp_path, 'resource "terraform_data" "x" { input = "a" }')
    state = converge(stage, State(), providers)
    provider.drift = {"a": Value.string("changed")}
    _, result, _ = run_plan(stage, state, PlanOptions(mode=PlanMode.REFRESH_ONLY), providers=providers)
    assert result.changes == []
    assert [(str(c.addr), c.action) for c in result.drift] == [("terraform_data.x", Action.UPDATE)]
    _, normal, _ = run_plan(stage, state, providers=providers)
    assert actions(normal) == {"terraform_data.x": "update"}


def test_replace_by_request_and_target(tmp_path: Path) -> None:
    stage = write(tmp_path, 'resource "terraform_data" "x" { input = "a" }\nresource "terraform_data" "y" { input = "b" }')
    state = converge(stage, State())
    _, result, _ = run_plan(stage, state, PlanOptions(replace=("terraform_data.x",)))
    assert actions(result) == {"terraform_data.x": "delete-then-create", "terraform_data.y": "no-op"}
    assert result.changes[0].reason.value == "replace_by_request"
    (tmp_path / "main.tf").write_text('resource "terraform_data" "x" { input = "c" }\nresource "terraform_data" "y" { input = "d" }')
    _, targeted, diags = run_plan(stage, state, PlanOptions(targets=("terraform_data.y",)))
    assert actions(targeted) == {"terraform_data.y": "update"}
    assert [d.summary for d in diags] == ["Resource targeting is in effect"]


DIAGNOSTIC_CASES = [
    pytest.param('resource "terraform_data" "x" { count = -1 }', "Invalid count argument", id="negative-count"),
    pytest.param('resource "terraform_data" "x" { count = 1.5 }', "Invalid count argument", id="fractional-count"),
    pytest.param(
        'resource "terraform_data" "a" {}\nresource "terraform_data" "x" { count = length(terraform_data.a.id) }',
        "Invalid count argument",
        id="unknown-count",
    ),
    pytest.param('resource "terraform_data" "x" { for_each = ["a"] }', "Invalid for_each argument", id="for-each-list"),
    pytest.param(
        'resource "terraform_data" "x" { for_each = sensitive(toset(["a"])) }', "Invalid for_each argument", id="sensitive"
    ),
    pytest.param(
        'resource "terraform_data" "a" {}\nresource "terraform_data" "x" { for_each = toset([terraform_data.a.id]) }',
        "Invalid for_each argument",
        id="unknown-for-each-key",
    ),
    pytest.param('output "o" { value = sensitive("s") }', "Output refers to sensitive values", id="sensitive-output"),
    pytest.param(
        'locals {\n  on = false\n}\nresource "terraform_data" "x" {\n  lifecycle {\n    precondition {\n'
        '      condition = local.on\n'
        '      error_message = "nope"\n    }\n  }\n}',
        "Resource precondition failed",
        id="precondition",
    ),
    pytest.param(
        'locals {\n  a = local.b\n  b = local.a\n}\noutput "o" { value = local.a }', "Cycle", id="cycle"
    ),
    pytest.param('variable "v" {}', "No value for required variable", id="missing-variable"),
]


@pytest.mark.parametrize(("text", "summary"), DIAGNOSTIC_CASES)
def test_plan_errors(tmp_path: Path, text: str, summary: str) -> None:
    _, result, diags = run_plan(write(tmp_path, text), State())
    summaries = [d.summary.split(":")[0] for d in diags if d.is_error]
    assert summary in summaries, [(d.summary, d.detail) for d in diags]
    assert result.errored


def test_check_failure_is_a_warning(tmp_path: Path) -> None:
    text = 'locals {\n  one = 1\n}\ncheck "c" {\n  assert {\n    condition = local.one == 2\n    error_message = "one is not two"\n  }\n}'
    _, result, diags = run_plan(write(tmp_path, text), State())
    assert [(d.severity.value, d.summary, d.detail) for d in diags] == [
        ("warning", "Check block assertion failed", "one is not two")
    ]
    assert not result.errored


def test_prevent_destroy(tmp_path: Path) -> None:
    guarded = 'resource "terraform_data" "x" {\n  triggers_replace = "{v}"\n  lifecycle {\n    prevent_destroy = true\n  }\n}'
    state = converge(write(tmp_path / "v1", guarded.replace("{v}", "1")), State())
    _, _, diags = run_plan(write(tmp_path / "v2", guarded.replace("{v}", "2")), state)
    assert [d.summary for d in diags] == ["Instance cannot be destroyed"]


def test_state_records_indirect_dependencies(tmp_path: Path) -> None:
    stage = write(tmp_path, CHAIN + 'locals { x = terraform_data.c.id }\nresource "terraform_data" "e" {\n  input = local.x\n  depends_on = [terraform_data.d]\n}')
    state = converge(stage, State())
    addr = next(a for a in state.resource_instance_addrs() if str(a) == "terraform_data.e")
    obj = state.current_object(addr)
    assert obj is not None
    assert [str(d) for d in obj.dependencies] == [
        "terraform_data.a",
        "terraform_data.b",
        "terraform_data.c",
        "terraform_data.d",
    ]


def test_hooks_report_progress(tmp_path: Path) -> None:
    events: list[tuple[str, str, str]] = []

    class Recorder(Hooks):
        def pre_apply(self, addr, action):  # type: ignore[no-untyped-def]
            events.append(("pre", str(addr), action.value))

        def post_apply(self, addr, action, elapsed, id, error):  # type: ignore[no-untyped-def]
            events.append(("post", str(addr), "ok" if error is None and id else "bad"))

    stage = write(tmp_path, 'resource "terraform_data" "x" { input = "a" }')
    tree, result, _ = run_plan(stage, State())
    run_apply(stage, tree, result, State(), options=ApplyOptions(hooks=Recorder()))
    assert events == [("pre", "terraform_data.x", "create"), ("post", "terraform_data.x", "ok")]


def test_local_exec_provisioner_output(tmp_path: Path) -> None:
    lines: list[str] = []

    class Recorder(Hooks):
        def provisioner_output(self, addr, provisioner, line):  # type: ignore[no-untyped-def]
            lines.append(line)

    text = 'resource "terraform_data" "x" {\n  input = "hi"\n  provisioner "local-exec" {\n    command = "echo ${self.input}"\n  }\n}'
    stage = write(tmp_path, text)
    tree, result, _ = run_plan(stage, State())
    _state, diags, _ = run_apply(stage, tree, result, State(), options=ApplyOptions(hooks=Recorder()))
    assert not diags.has_errors()
    assert "hi" in lines
