"""The status of every custom condition a walk evaluates, summarised as state records it.

Checkable configuration objects are resources with pre- or postconditions,
outputs with preconditions, ``check`` blocks and input variables with
validation rules. Each starts with no known objects (status "unknown");
once the walk expands it, each of its objects starts with every rule
unknown, and rules are then reported one by one as they pass or fail.

An object's status is "error" if any rule errored, else "fail" if any
failed, else "unknown" if any is still unknown, else "pass"; a configuration
object summarises all rules of all its objects the same way, and one known
to have no objects passes. Failure messages are kept per failed rule and
listed in lexical order, as Terraform records them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from hclrun.config.tree import ModuleNode
from hclrun.states.model import CheckObjectResult, CheckResult

PASS = "pass"
FAIL = "fail"
ERROR = "error"
UNKNOWN = "unknown"

# Kinds of rules an object may have, as (kind, index) keys.
PRECONDITION = "precondition"
POSTCONDITION = "postcondition"
OUTPUT_PRECONDITION = "output"
ASSERT = "assert"
VALIDATION = "validation"

RuleKey = tuple[str, int]
# Reports the outcome of rule ``index`` of a list of conditions: (index, status, failure message).
RuleReport = Callable[[int, str, str], None]


@dataclass
class _ObjectChecks:
    statuses: dict[RuleKey, str] = field(default_factory=dict)
    messages: dict[RuleKey, str] = field(default_factory=dict)


@dataclass
class _ConfigChecks:
    kind: str
    rules: tuple[RuleKey, ...]
    objects: dict[str, _ObjectChecks] | None = None


def summarise(statuses: Iterable[str]) -> str:
    seen = set(statuses)
    for status in (ERROR, FAIL, UNKNOWN):
        if status in seen:
            return status
    return PASS


def _rules(kind: str, count: int) -> tuple[RuleKey, ...]:
    return tuple((kind, i) for i in range(count))


def _prefix(path: tuple[str, ...]) -> str:
    return "".join(f"module.{name}." for name in path)


class CheckResults:
    """Collects condition outcomes during one walk; safe to report to from worker threads."""

    def __init__(self, modules: dict[tuple[str, ...], ModuleNode]) -> None:
        self._configs: dict[str, _ConfigChecks] = {}
        self._lock = threading.Lock()
        for path, node in modules.items():
            self._collect(_prefix(path), node)

    def _collect(self, prefix: str, node: ModuleNode) -> None:
        module = node.module
        for decl in module.resources.values():
            lifecycle = decl.lifecycle
            if decl.mode != "ephemeral" and (lifecycle.preconditions or lifecycle.postconditions):
                rules = _rules(PRECONDITION, len(lifecycle.preconditions)) + _rules(
                    POSTCONDITION, len(lifecycle.postconditions)
                )
                self._configs[f"{prefix}{decl.address}"] = _ConfigChecks("resource", rules)
        for name, output in module.outputs.items():
            if output.preconditions:
                rules = _rules(OUTPUT_PRECONDITION, len(output.preconditions))
                self._configs[f"{prefix}output.{name}"] = _ConfigChecks("output", rules)
        for name, check in module.checks.items():
            self._configs[f"{prefix}check.{name}"] = _ConfigChecks("check", _rules(ASSERT, len(check.asserts)))
        for name, variable in module.variables.items():
            if variable.validations:
                rules = _rules(VALIDATION, len(variable.validations))
                self._configs[f"{prefix}var.{name}"] = _ConfigChecks("var", rules)

    def has(self, config_addr: str) -> bool:
        return config_addr in self._configs

    def report_objects(self, config_addr: str, object_addrs: Iterable[str], *, replace: bool = False) -> None:
        """The objects of a configuration object are known (added to those already reported unless ``replace``)."""
        config = self._configs.get(config_addr)
        if config is None:
            return
        with self._lock:
            if config.objects is None or replace:
                config.objects = {}
            for addr in object_addrs:
                if addr not in config.objects:
                    config.objects[addr] = _ObjectChecks(dict.fromkeys(config.rules, UNKNOWN))

    def reporter(self, config_addr: str, object_addr: str, kind: str) -> RuleReport | None:
        """A callback recording the outcomes of the ``kind`` rules of one object (None when it has none)."""
        config = self._configs.get(config_addr)
        if config is None:
            return None

        def report(index: int, status: str, message: str) -> None:
            with self._lock:
                if config.objects is None:
                    config.objects = {}
                found = config.objects.get(object_addr)
                if found is None:
                    found = config.objects[object_addr] = _ObjectChecks(dict.fromkeys(config.rules, UNKNOWN))
                key = (kind, index)
                found.statuses[key] = status
                if status == FAIL and message:
                    found.messages[key] = message
                else:
                    found.messages.pop(key, None)

        return report

    def results(self) -> tuple[CheckResult, ...] | None:
        """The summary state and plans record; None when the configuration has nothing to check."""
        if not self._configs:
            return None
        out: list[CheckResult] = []
        with self._lock:
            for config_addr in sorted(self._configs):
                config = self._configs[config_addr]
                if config.objects is None:
                    out.append(CheckResult(config.kind, config_addr, UNKNOWN))
                    continue
                objects = tuple(
                    CheckObjectResult(
                        addr,
                        summarise(checks.statuses.values()),
                        tuple(sorted(checks.messages.values())) or None,
                    )
                    for addr, checks in config.objects.items()
                )
                status = summarise(o.status for o in objects)
                out.append(CheckResult(config.kind, config_addr, status, objects or None))
        return tuple(out)

    def seed(self, previous: tuple[CheckResult, ...] | None) -> None:
        """Start from the objects an earlier walk (the plan) found, every rule unknown again."""
        for result in previous or ():
            if result.objects is not None or result.status != UNKNOWN:
                self.report_objects(result.config_addr, (o.object_addr for o in result.objects or ()), replace=True)
