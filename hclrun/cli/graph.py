"""``hclrun graph``: parse the options, load the configuration and print the
DOT text ``engine.graph_view`` draws (or the problems found)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

import click

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.diagrender import render_diagnostics
from hclrun.engine.graph_view import GRAPH_TYPES, graph_dot


@click.command()
@click.option("--type", "graph_type", metavar="TYPE", help="Type of operation graph: plan, plan-refresh-only, plan-destroy or apply.")
@click.option("--draw-cycles", "draw_cycles", is_flag=True, help="Highlight any cycles in the graph with colored edges.")
@click.option("--plan", "plan_path", metavar="FILE", help="Render the graph for applying this saved plan.")
@click.option("--module-depth", "module_depth", hidden=True)
@click.option("--no-color", "no_color", is_flag=True, help="If specified, output won't contain any color.")
def graph(graph_type: str | None, draw_cycles: bool, plan_path: str | None, module_depth: str | None, no_color: bool) -> None:
    """Generate a Graphviz graph of the steps in an operation."""
    from hclrun.config.tree import load_tree
    from hclrun.engine import build_graph

    color = not no_color
    diags = Diagnostics()
    sources: dict[str, bytes] = {}
    if graph_type is not None and graph_type not in GRAPH_TYPES:
        diags.add(
            Diagnostic.error(
                "Unsupported graph type",
                'The -type=... argument must be either "plan", "plan-refresh-only", "plan-destroy", or "apply".',
            )
        )
    if plan_path is not None and not diags:
        diags.extend(_read_plan(plan_path))
        graph_type = "apply"
    if not diags.has_errors():
        tree, load_diags = load_tree(".")
        for node in tree.walk():
            sources.update(node.module.sources)
        diags.extend(load_diags)
    if diags.has_errors():
        _fail(diags, sources, color)
    cg, _ = build_graph(tree)
    text, graph_diags = graph_dot(cg, graph_type, draw_cycles)
    if text is None:
        _fail(graph_diags, sources, color)
    click.echo(text, nl=False)


def _read_plan(path: str) -> Diagnostics:
    from hclrun.plans.planfile import read_plan_file

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        detail = f"Cannot read the plan file {path}: {exc.strerror}."
        return Diagnostics([Diagnostic.error("Failed to read plan from plan file", detail)])
    _, diags = read_plan_file(data, path)
    return diags


def _fail(diags: Diagnostics, sources: Mapping[str, bytes], color: bool) -> None:
    click.echo(render_diagnostics(diags, sources, color=color), err=True, nl=False, color=color)
    sys.exit(1)
