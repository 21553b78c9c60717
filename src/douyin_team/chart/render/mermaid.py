"""Mermaid (`flowchart TB`): nodes with names and posts, reporting arrows, groups as subgraphs."""

from __future__ import annotations

from ..model import Chart

SAFE = set("-_.·、，（）()/ ")


def label(text: str) -> str:
    """Text for a quoted Mermaid label: anything that could end or change the label becomes #code;."""
    return "".join(ch if ch.isalnum() or ch in SAFE else f"#{ord(ch)};" for ch in text)


def render_mermaid(chart: Chart) -> str:
    """The chart as Mermaid flowchart text."""
    direction = "TB" if chart.orientation == "vertical" else "LR"
    out = [f"---\ntitle: \"{label(chart.title)}\"\n---", f"flowchart {direction}"]
    names = {f.group: f.name for f in chart.frames}
    groups: dict[str, list[str]] = {}
    for card in chart.cards:
        groups.setdefault(card.group, []).append(card.id)
    for card in chart.cards:
        lines = [t.text for t in card.lines]
        out.append(f'  {card.id}["{"<br/>".join(label(x) for x in lines)}"]')
    for group, ids in groups.items():
        if group in names:
            out.append(f'  subgraph g_{group}["{label(names[group])}"]')
            out += [f"    {i}" for i in ids]
            out.append("  end")
    for f in chart.frames:
        if f.empty:  # a group served by someone but nobody sits in: Mermaid draws an empty subgraph as a box
            out += [f'  subgraph g_{f.group}["{label(f.name)}"]', "  end"]
    for edge in chart.edges:
        if edge.kind == "report":
            out.append(f"  {edge.source} --> {edge.target}")
        elif edge.target.removeprefix("group:") in names:
            out.append(f"  {edge.source} -.-> g_{edge.target.removeprefix('group:')}")
    out.append("  classDef vacancy stroke-dasharray: 4 3,fill:#fff7e6")
    vacancies = [c.id for c in chart.cards if c.vacancy]
    if vacancies:
        out.append(f"  class {','.join(vacancies)} vacancy")
    for card in chart.cards:
        out.append(f"  style {card.id} stroke:{card.color}")
    return "\n".join(out) + "\n"
