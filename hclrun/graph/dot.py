"""DOT output in the two shapes ``terraform graph`` prints.

* ``resources_dot`` — the default view: resources only, one cluster per
  module, nodes sorted by module and then by the caller's sort key, each
  node followed by its edges in that same order. The caller projects the
  full graph onto its resources and reduces it first
  (``graph.project(is_resource).transitive_reduction()``), as Terraform does.
* ``operation_dot`` — the ``-type=plan|apply|…`` view: every node is
  ``"[root] NAME"``; only nodes given attributes are declared (sorted by
  name); every edge is listed, the lines sorted as text; with cycles given,
  consecutive members of each cycle are joined by red edges
  (``-draw-cycles``), as the reference draws them.

Strings are quoted the way Go's ``%q`` quotes them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from hclrun.graph.dag import Graph
from hclrun.records import record

N = TypeVar("N", bound=Hashable)

_SHORT_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}
_CYCLE_EDGE_ATTRS = ' [color = "red", penwidth = "2.0"]'


def go_quote(text: str) -> str:
    """``text`` in double quotes with Go's escapes (printable characters stay as they are)."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch.isprintable():
            out.append(ch)
        elif ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif ch < " " or ch == "\x7f":
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


@record
class ClusteredNode:
    """How a node appears in the resources-only view.

    ``address`` is its full address (the DOT id), ``module`` the module path
    ("" for the root module, which has no cluster), ``label`` its address
    within the module, and ``sort_key`` its order within the module
    (Terraform: data resources first, then by type, then by name).
    """

    address: str
    module: str
    label: str
    sort_key: tuple[Any, ...] = ()


def resources_dot(graph: Graph[N], describe: Callable[[N], ClusteredNode]) -> str:
    """The default ``terraform graph`` output for a graph of resources."""
    described = {node: describe(node) for node in graph}
    order = sorted(graph, key=lambda n: (described[n].module, described[n].sort_key, described[n].address))
    lines = ["digraph G {", '  rankdir = "RL";', '  node [shape = rect, fontname = "sans-serif"];']
    if not order:
        lines.append("  /* This configuration does not contain any resources.         */")
        lines.append("  /* For a more detailed graph, try: terraform graph -type=plan */")
    current_module = ""
    for node in order:
        info = described[node]
        if info.module != current_module:
            if current_module:
                lines.append("  }")
            current_module = info.module
            lines.append(f"  subgraph {go_quote('cluster_' + current_module)} {{")
            lines.append(f"    label = {go_quote(current_module)}")
            lines.append('    fontname = "sans-serif"')
        indent = "    " if current_module else "  "
        lines.append(f"{indent}{go_quote(info.address)} [label={go_quote(info.label)}];")
    if current_module:
        lines.append("  }")
    position = {node: i for i, node in enumerate(order)}
    for node in order:
        for dep in sorted(graph.dependencies(node), key=position.__getitem__):
            lines.append(f"  {go_quote(described[node].address)} -> {go_quote(described[dep].address)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def operation_dot(
    graph: Graph[N],
    name: Callable[[N], str] = str,
    attributes: Callable[[N], Mapping[str, str] | None] = lambda node: None,
    cycles: Iterable[Sequence[N]] = (),
) -> str:
    """The ``terraform graph -type=…`` output.

    ``name`` gives each node's (unique) name; ``attributes`` gives the
    attributes of nodes that are declared (e.g. ``{"label": …, "shape": "box"}``)
    or None for nodes that only appear in edges. ``cycles`` lists the member
    sequences to draw in red (pass the members of ``find_cycles`` for
    ``-draw-cycles``).
    """
    escaped = {node: go_quote(name(node))[1:-1] for node in graph}
    declared = {node: attrs for node in graph if (attrs := attributes(node)) is not None}

    def vertex(node: N) -> str:
        return f'"[root] {escaped[node]}"'

    body: list[str] = []
    for node in sorted(declared, key=escaped.__getitem__):
        body.append(vertex(node) + _attribute_list(declared[node]))
    edge_lines: dict[tuple[str, str], str] = {}
    for members in cycles:
        if len(members) < 2:
            continue
        for i, source in enumerate(members):
            target = members[(i + 1) % len(members)]
            if source in declared and target in declared:
                edge_lines[(escaped[source], escaped[target])] = (
                    f"{vertex(source)} -> {vertex(target)}{_CYCLE_EDGE_ATTRS}"
                )
    for source, target in graph.edges():
        edge_lines.setdefault((escaped[source], escaped[target]), f"{vertex(source)} -> {vertex(target)}")
    body.extend(sorted(edge_lines.values()))
    lines = ["digraph {", '\tcompound = "true"', '\tnewrank = "true"', '\tsubgraph "root" {']
    lines.extend("\t\t" + line for line in body)
    lines.extend(["\t}", "}"])
    return "\n".join(lines) + "\n"


def _attribute_list(attrs: Mapping[str, str]) -> str:
    if not attrs:
        return ""
    return " [" + ", ".join(sorted(f"{k} = {go_quote(v)}" for k, v in attrs.items())) + "]"
