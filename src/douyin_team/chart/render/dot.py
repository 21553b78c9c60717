"""Graphviz DOT: the same people, posts, reporting lines and groups (clusters), with our positions as `pos`."""

from __future__ import annotations

from ..fonts import face_at
from ..linebreak import wrap
from ..model import Chart

LABEL_SIZE = 12.0  # a frame's label, as the chart draws it


def quote(text: str) -> str:
    """A DOT double-quoted string; backslashes are doubled so Graphviz escapes like \\N stay literal text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def render_dot(chart: Chart) -> str:
    """The chart as DOT text (`dot -Tsvg` re-lays it out; `neato -n2` keeps our positions)."""
    font = quote(chart.font_family)
    rankdir = "TB" if chart.orientation == "vertical" else "LR"
    heading = "\n".join(t.text for t in chart.title_lines + chart.subtitle_lines)  # as the chart wraps them
    out = ["digraph team {",
           f"  graph [rankdir={rankdir}, fontname={font}, label={quote(heading)}, labelloc=t];",
           f"  node [shape=box, style=\"rounded,filled\", fontname={font}, fontsize=11];",
           "  edge [arrowhead=none, color=\"#8f959e\"];"]
    face = face_at(*chart.fonts["bold"])
    for f in chart.frames:
        # An empty group (served by someone, nobody sits in it) gets a node of its own, so the cluster shows.
        members = [f"g_{f.group}"] if f.empty else [c.id for c in chart.cards if c.group == f.group]
        name = quote("\n".join(wrap(face, f.name, LABEL_SIZE, f.w - 20) if f.label else [f.name]))  # a long one on lines
        out.append(f"  subgraph cluster_{f.group} {{ label={name}; color={quote(f.color)}; "
                   + " ".join(members) + ("; }" if members else "}"))
        if f.empty:
            pos = f"{f.x + f.w / 2:.1f},{chart.height - f.y - f.h / 2:.1f}!"
            out.append(f"  g_{f.group} [label={name}, color={quote(f.color)}, style=\"rounded,dashed\", "
                       f"pos={quote(pos)}];")
    for c in chart.cards:
        text = "\n".join(t.text for t in c.lines)
        fill = chart.theme.vacancy_fill if c.vacancy else chart.theme.background
        style = ', style="rounded,filled,dashed"' if c.vacancy else ""
        pos = f"{c.x + c.w / 2:.1f},{chart.height - c.y - c.h / 2:.1f}!"
        out.append(f"  {c.id} [label={quote(text)}, color={quote(c.color)}, fillcolor={quote(fill)}, "
                   f"pos={quote(pos)}{style}];")
    empty = {f"group:{f.group}" for f in chart.frames if f.empty}
    for e in chart.edges:
        if e.kind == "report":
            out.append(f"  {e.source} -> {e.target};")
        elif e.target in empty:  # the dashed line to an empty group's node
            out.append(f"  {e.source} -> g_{e.target.removeprefix('group:')} [style=dashed];")
    out.append("}")
    return "\n".join(out) + "\n"

