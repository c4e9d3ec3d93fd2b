"""The human plan output of ``plan`` and ``show PLANFILE``, as text.

``render_plan`` renders a ``Plan``; ``render_plan_document`` renders the
parts of a JSON plan (resource changes, output changes, drift), which is how
the plan is rendered in both cases, as Terraform renders from its JSON plan.
``render_plan_next_step`` is the note ``plan`` ends with. Nothing here
prints; colour codes are written only when ``color`` is set. Sentences that
name the product name ``product_name`` (see ``render_text.product``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hclrun.addrs import Provider, ResourceMode, parse_provider_source
from hclrun.gcpause import without_cyclic_gc
from hclrun.plans.actions import Action, PlanMode
from hclrun.plans.jsonplan import (
    drift_changes,
    output_changes_data,
    path_data,
    resource_change_data,
    sorted_changes,
)
from hclrun.plans.model import Plan, ResourceInstanceChange
from hclrun.plans.render_change import ALWAYS, Change, PathMatcher
from hclrun.plans.render_differ import compute_block, compute_output
from hclrun.plans.render_nodes import SYMBOLS, Diff, Opts
from hclrun.plans.render_text import PRODUCT_NAME, Colorize, horizontal_rule, product, word_wrap
from hclrun.plans.schemas import SchemaLookup, require_schema
from hclrun.values.strings import go_quote

_DESCRIPTIONS = {
    Action.CREATE: "  [green]+[reset] create",
    Action.UPDATE: "  [yellow]~[reset] update in-place",
    Action.DELETE: "  [red]-[reset] destroy",
    Action.DELETE_THEN_CREATE: "[red]-[reset]/[green]+[reset] destroy and then create replacement",
    Action.CREATE_THEN_DELETE: "[green]+[reset]/[red]-[reset] create replacement and then destroy",
    Action.READ: " [cyan]<=[reset] read (data resources)",
}


def _no_unshown_changes() -> list[dict[str, Any]]:
    return []


@dataclass
class PlanDocument:
    """The parts of a JSON plan the renderer reads.

    ``unshown_changes`` gives resource changes left out of
    ``resource_changes`` because they are never shown (no-ops neither moved
    nor imported); they matter only when drift is shown, so a large
    unchanged plan never encodes them."""

    resource_changes: list[dict[str, Any]] = field(default_factory=list)
    output_changes: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    resource_drift: list[dict[str, Any]] = field(default_factory=list)
    relevant_attributes: list[dict[str, Any]] = field(default_factory=list)
    unshown_changes: Callable[[], list[dict[str, Any]]] = _no_unshown_changes


def plan_document(plan: Plan, schemas: SchemaLookup) -> PlanDocument:
    shown: list[ResourceInstanceChange] = []
    unshown: list[ResourceInstanceChange] = []
    for c in sorted_changes(plan.changes):
        if c.mode is ResourceMode.DATA and c.action is Action.DELETE:
            continue
        (unshown if _never_shown(c) else shown).append(c)
    return PlanDocument(
        resource_changes=[resource_change_data(c, schemas) for c in shown],
        output_changes=output_changes_data(plan.output_changes),
        resource_drift=[resource_change_data(c, schemas) for c in sorted_changes(drift_changes(plan))],
        relevant_attributes=[
            {"resource": str(ra.resource), "attribute": path_data(ra.path)} for ra in plan.relevant_attributes
        ],
        unshown_changes=lambda: [resource_change_data(c, schemas) for c in unshown],
    )


def _never_shown(change: ResourceInstanceChange) -> bool:
    """A no-op the renderer skips: not moved (no ``previous_address``) and not imported."""
    moved = change.prev_run_addr is not None and change.prev_run_addr != change.addr
    return change.action is Action.NO_OP and not moved and change.importing is None


@without_cyclic_gc
def render_plan(
    plan: Plan, schemas: SchemaLookup, *, color: bool = False, product_name: str = PRODUCT_NAME, width: int = 78
) -> str:
    return render_plan_document(
        plan_document(plan, schemas),
        schemas,
        mode=plan.mode,
        errored=plan.errored,
        no_changes=not plan.errored and not plan.applyable,
        color=color,
        product_name=product_name,
        width=width,
    )


def render_plan_next_step(
    plan_path: str = "",
    *,
    color: bool = False,
    product_name: str = PRODUCT_NAME,
    command_name: str | None = None,
    width: int = 78,
) -> str:
    """The rule and note ``plan`` ends with: the saved plan file, or a warning that there is none.

    ``command_name`` is the program the note tells the user to run (the
    product name in lower case unless given)."""
    command = command_name if command_name is not None else product_name.lower()
    colorize = Colorize(disable=not color)
    out = horizontal_rule(colorize, width) + "\n"
    if not plan_path:
        note = product(
            "Note: You didn't use the -out option to save this plan, so Terraform can't guarantee to take "
            "exactly these actions if you run",
            product_name,
        ) + f' "{command} apply" now.'
    else:
        note = (
            f"Saved the plan to: {plan_path}\n\nTo perform exactly these actions, run the following command to "
            f"apply:\n    {command} apply {go_quote(plan_path)}"
        )
    return out + word_wrap("\n" + note, width) + "\n"


class _Rendered:
    """A resource change and its diff, computed on first use: most unchanged
    objects of a large plan are never shown, so their diffs are never needed."""

    __slots__ = ("change", "action", "_block", "_relevant", "_diff")

    def __init__(self, change: dict[str, Any], block: Any, relevant: PathMatcher = ALWAYS) -> None:
        self.change = change
        self.action = Action.from_json_actions(change["change"]["actions"])
        self._block = block
        self._relevant = relevant
        self._diff: Diff | None = None

    @property
    def diff(self) -> Diff:
        if self._diff is None:
            self._diff = compute_block(Change.from_json(self.change["change"], self._relevant), self._block)
        return self._diff

    @property
    def moved(self) -> bool:
        prev = self.change.get("previous_address", "")
        return bool(prev) and prev != self.change["address"]

    @property
    def importing(self) -> bool:
        return "importing" in self.change["change"]


class _SchemaBlocks:
    """The schema block of each resource change, looked up once per provider, mode and type."""

    __slots__ = ("_schemas", "_found")

    def __init__(self, schemas: SchemaLookup) -> None:
        self._schemas = schemas
        self._found: dict[tuple[str, str, str], Any] = {}

    def __call__(self, change: dict[str, Any]) -> Any:
        key = (change["provider_name"], change["mode"], change["type"])
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = _schema_block(change, self._schemas)
        return found


def _schema_block(change: dict[str, Any], schemas: SchemaLookup) -> Any:
    provider = parse_provider_source(change["provider_name"]) or Provider("", "", change["provider_name"])
    mode = ResourceMode.DATA if change["mode"] == "data" else ResourceMode.MANAGED
    return require_schema(schemas, provider, mode, change["type"]).block


@without_cyclic_gc
def render_plan_document(
    doc: PlanDocument,
    schemas: SchemaLookup,
    *,
    mode: PlanMode = PlanMode.NORMAL,
    errored: bool = False,
    no_changes: bool = False,
    color: bool = False,
    product_name: str = PRODUCT_NAME,
    width: int = 78,
) -> str:
    colorize = Colorize(disable=not color)
    c = colorize.color
    out: list[str] = []

    def say(text: str) -> str:
        return product(text, product_name)

    blocks = _SchemaBlocks(schemas)
    drift = _drift_diffs(doc, blocks, mode)
    changes = [_Rendered(rc, blocks(rc)) for rc in doc.resource_changes]
    outputs = {name: compute_output(Change.from_json(body)) for name, body in doc.output_changes.items()}

    def empty() -> bool:
        unshown = [_Rendered(rc, blocks(rc)) for rc in doc.unshown_changes()]
        return all(r.diff.action is Action.NO_OP and not r.moved for r in (*changes, *unshown)) and all(
            o.action is Action.NO_OP for o in outputs.values()
        )

    have_refresh = _render_drift(out, drift, mode, empty, colorize, say, width)

    shown: list[_Rendered] = []
    counts: dict[Action, int] = {}
    importing = 0
    for r in changes:
        action = r.action
        if action is Action.NO_OP and not r.moved and not r.importing:
            continue
        if action is Action.DELETE and r.change["mode"] != "managed":
            continue
        shown.append(r)
        if r.importing:
            importing += 1
        if action is not Action.NO_OP:
            counts[action] = counts.get(action, 0) + 1
    outputs_text = _render_outputs(outputs, colorize)

    if not shown and not outputs_text:
        rule = horizontal_rule(colorize, width)
        if errored:
            if have_refresh:
                out.append(rule + "\n")
            out.append(c(say("\n[reset][bold][red]Planning failed.[reset][bold] Terraform encountered an error "
                             "while generating this plan.[reset]\n\n")))
        elif mode is PlanMode.REFRESH_ONLY:
            if have_refresh:
                return "".join(out)
            out.append(c("\n[reset][bold][green]No changes.[reset][bold] Your infrastructure still matches the "
                         "configuration.[reset]\n\n"))
            out.append(word_wrap(say("Terraform has checked that the real remote objects still match the result of "
                                     "your most recent changes, and found no differences."), width) + "\n")
        elif mode is PlanMode.DESTROY:
            if have_refresh:
                out.append(rule + "\n")
            out.append(c("\n[reset][bold][green]No changes.[reset][bold] No objects need to be destroyed.[reset]\n\n"))
            out.append(word_wrap(say("Either you have not created any objects yet or the existing objects were "
                                     "already deleted outside of Terraform."), width) + "\n")
        else:
            if have_refresh:
                out.append(rule + "\n")
            out.append(c("\n[reset][bold][green]No changes.[reset][bold] Your infrastructure matches the "
                         "configuration.[reset]\n\n"))
            if have_refresh:
                if not no_changes:
                    text = ("Your configuration already matches the changes detected above, so applying this plan "
                            "will only update the state to include the changes detected above and won't change any "
                            "real infrastructure.")
                else:
                    text = ("Your configuration already matches the changes detected above. If you'd like to update "
                            "the Terraform state to match, create and apply a refresh-only plan:\n  terraform apply "
                            "-refresh-only")
                out.append(word_wrap(say(text), width) + "\n")
                return "".join(out)
            out.append(word_wrap(say("Terraform has compared your real infrastructure against your configuration and "
                                     "found no differences, so no changes are needed."), width) + "\n")

    if have_refresh:
        out.append(horizontal_rule(colorize, width) + "\n")
    if counts:
        out.append(word_wrap(say("\nTerraform used the selected providers to generate the following execution plan. "
                                 "Resource actions are indicated with the following symbols:"), width) + "\n")
        for action, text in _DESCRIPTIONS.items():
            if counts.get(action):
                out.append(c(text) + "\n")
    if shown:
        if errored:
            out.append(say("\nTerraform planned the following actions, but then encountered a problem:\n"))
        else:
            out.append(say("\nTerraform will perform the following actions:\n"))
        for r in shown:
            out.append("\n" + _render_change(r, "change", colorize, say) + "\n")
        adds = sum(counts.get(a, 0) for a in (Action.CREATE, Action.DELETE_THEN_CREATE, Action.CREATE_THEN_DELETE))
        destroys = sum(counts.get(a, 0) for a in (Action.DELETE, Action.DELETE_THEN_CREATE, Action.CREATE_THEN_DELETE))
        changed = counts.get(Action.UPDATE, 0)
        if importing:
            out.append(c(f"\n[bold]Plan:[reset] {importing} to import, {adds} to add, {changed} to change, "
                         f"{destroys} to destroy.\n"))
        else:
            out.append(c(f"\n[bold]Plan:[reset] {adds} to add, {changed} to change, {destroys} to destroy.\n"))
    if outputs_text:
        out.append("\nChanges to Outputs:\n" + outputs_text + "\n")
        if not counts:
            out.append(word_wrap(say("\nYou can apply this plan to save these new output values to the Terraform "
                                     "state, without changing any real infrastructure."), width) + "\n")
    return "".join(out)


def _drift_diffs(doc: PlanDocument, blocks: _SchemaBlocks, mode: PlanMode) -> list[_Rendered]:
    out = []
    for drift in doc.resource_drift:
        relevant: PathMatcher | None
        if mode is PlanMode.REFRESH_ONLY:
            relevant = ALWAYS
        else:
            paths = [list(ra["attribute"]) for ra in doc.relevant_attributes
                     if not ra["resource"] or ra["resource"] == drift["address"]]
            relevant = PathMatcher(paths, propagate=True) if paths else None
        if relevant is None:
            continue
        out.append(_Rendered(drift, blocks(drift), relevant))
    return out


def _render_drift(
    out: list[str],
    drift: list[_Rendered],
    mode: PlanMode,
    empty: Callable[[], bool],
    colorize: Colorize,
    say: Any,
    width: int,
) -> bool:
    shown = drift if mode is PlanMode.REFRESH_ONLY else [d for d in drift if d.diff.action is not Action.NO_OP]
    if not shown or (mode is not PlanMode.REFRESH_ONLY and empty()):
        return False
    out.append(colorize.color(say("\n[bold][cyan]Note:[reset][bold] Objects have changed outside of Terraform\n")))
    out.append("\n")
    out.append(word_wrap(say('Terraform detected the following changes made outside of Terraform since the last '
                             '"terraform apply" which may have affected this plan:\n'), width))
    for d in shown:
        text = _render_change(d, "drift", colorize, say)
        if text:
            out.append("\n" + text + "\n")
    if mode is PlanMode.REFRESH_ONLY:
        tail = ("\n\nThis is a refresh-only plan, so Terraform will not take any actions to undo these. If you were "
                "expecting these changes then you can apply this plan to record the updated values in the Terraform "
                "state without changing any remote objects.")
    else:
        tail = ("\n\nUnless you have made equivalent changes to your configuration, or ignored the relevant "
                "attributes using ignore_changes, the following plan may include actions to undo or respond to "
                "these changes.")
    out.append(word_wrap(say(tail), width) + "\n")
    return True


def _render_outputs(outputs: dict[str, Diff], colorize: Colorize) -> str:
    keys = sorted(outputs, key=lambda k: k.encode("utf-8", "surrogatepass"))
    from hclrun.plans.render_collections import pad, width_of
    from hclrun.plans.render_nodes import attribute_name

    escaped = {k: attribute_name(k) for k in keys}
    width = width_of(list(escaped.values()))
    lines = []
    for key in keys:
        diff = outputs[key]
        if diff.action is Action.NO_OP:
            continue
        lines.append(f"{colorize.color(SYMBOLS[diff.action])} {pad(escaped[key], width)} = "
                     f"{diff.render(0, Opts(colorize))}")
    return "\n".join(lines)


def _render_change(r: _Rendered, cause: str, colorize: Colorize, say: Any) -> str:
    action = r.action
    if action is Action.NO_OP and not r.moved and not r.importing:
        return ""
    opts = Opts(colorize, show_unchanged_children=r.importing)
    change = r.change
    kind = "resource" if change["mode"] == "managed" else "data"
    header = f'{kind} "{change["type"]}" "{change["name"]}"'
    comment = colorize.color(say(_comment(change, action, cause)))
    return f"{comment}{colorize.color(SYMBOLS.get(action, '  ?'))} {header} {r.diff.render(0, opts)}"


def _comment(rc: dict[str, Any], action: Action, cause: str) -> str:
    from hclrun.plans.render_comments import resource_change_comment

    return resource_change_comment(rc, action, cause)


__all__ = ["PlanDocument", "plan_document", "render_plan", "render_plan_document", "render_plan_next_step"]
