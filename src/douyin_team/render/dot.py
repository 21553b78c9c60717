"""Graphviz DOT: the same people, posts, reporting lines and groups (clusters), with our positions as `pos`."""

from __future__ import annotations

from ..chartmodel import Chart


def quote(text: str) -> str:
    """A DOT double-quoted string; backslashes are doubled so Graphviz escapes like \\N stay literal text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def render_dot(chart: Chart) -> str:
    """The chart as DOT text (`dot -Tsvg` re-lays it out; `neato -n2` keeps our positions)."""
    font = quote(chart.font_family)
    rankdir = "TB" if chart.orientation == "vertical" else "LR"
    out = ["digraph team {",
           f"  graph [rankdir={rankdir}, fontname={font}, label={quote(chart.title + ' · ' + chart.subtitle)}, labelloc=t];",
           f"  node [shape=box, style=\"rounded,filled\", fontname={font}, fontsize=11];",
           "  edge [arrowhead=none, color=\"#8f959e\"];"]
    names = {f.group: f.name for f in chart.frames}
    for group, name in names.items():
        members = [c.id for c in chart.cards if c.group == group]
        out.append(f"  subgraph cluster_{group} {{ label={quote(name)}; color={quote(_color(chart, group))}; "
                   + " ".join(members) + "; }")
    for c in chart.cards:
        text = "\n".join(t.text for t in c.lines)
        fill = chart.theme.vacancy_fill if c.vacancy else chart.theme.background
        style = ', style="rounded,filled,dashed"' if c.vacancy else ""
        pos = f"{c.x + c.w / 2:.1f},{chart.height - c.y - c.h / 2:.1f}!"
        out.append(f"  {c.id} [label={quote(text)}, color={quote(c.color)}, fillcolor={quote(fill)}, "
                   f"pos={quote(pos)}{style}];")
    for e in chart.edges:
        if e.kind == "report":
            out.append(f"  {e.source} -> {e.target};")
    out.append("}")
    return "\n".join(out) + "\n"


def _color(chart: Chart, group: str) -> str:
    return next((f.color for f in chart.frames if f.group == group), chart.theme.line)
