"""Mermaid (`flowchart TB`): nodes with names and posts, reporting arrows, groups as subgraphs."""

from __future__ import annotations

from ..fonts import face_at
from ..linebreak import wrap
from ..model import Chart, Frame

SAFE = set("-_.·、，（）()/ ")


def label(text: str) -> str:
    """Text for a quoted Mermaid label: anything that could end or change the label becomes #code;."""
    return "".join(ch if ch.isalnum() or ch in SAFE else f"#{ord(ch)};" for ch in text)


def plain(text: str) -> str:
    """Text for Mermaid's title and accTitle, which it shows as written (no #code; there) after reading them
    as HTML: & < > would show as &amp; or be dropped as a tag, so they become their full-width forms."""
    return text.translate(PLAIN)


PLAIN = str.maketrans({"&": "＆", "<": "＜", ">": "＞"})


def _lines(chart: Chart, frame: Frame) -> str:
    """A frame's name as a label, on lines as wide as the frame when it is too long for one."""
    if not frame.label:
        return label(frame.name)
    return "<br/>".join(label(x) for x in wrap(face_at(*chart.fonts["bold"]), frame.name, 12.0, frame.w - 20))


def _inside(inner: Frame, outer: Frame) -> bool:
    return (outer.x <= inner.x and inner.x + inner.w <= outer.x + outer.w
            and outer.y <= inner.y and inner.y + inner.h <= outer.y + outer.h)


def render_mermaid(chart: Chart) -> str:
    """The chart as Mermaid flowchart text."""
    direction = "TB" if chart.orientation == "vertical" else "LR"
    # Mermaid draws its title on one line (a line break there shows as text): the title as the chart shows
    # it, a YAML double-quoted string; a cut one keeps its whole text as the SVG's accessible title.
    title = plain(chart.short_title).replace("\\", "\\\\").replace('"', '\\"')
    out = [f'---\ntitle: "{title}"\n---', f"flowchart {direction}"]
    if chart.short_title != chart.title:
        out.append(f"  accTitle: {plain(chart.title)}")
    names = {f.group: _lines(chart, f) for f in chart.frames}
    groups: dict[str, list[str]] = {}
    for card in chart.cards:
        groups.setdefault(card.group, []).append(card.id)
    for card in chart.cards:
        lines = [t.text for t in card.lines]
        out.append(f'  {card.id}["{"<br/>".join(label(x) for x in lines)}"]')
    # A frame around other groups' frames (内容创作部 around 短视频组) nests their subgraphs.
    outer = {f.group: [g for g in chart.frames if g.group in groups and g is not f and _inside(g, f)]
             for f in chart.frames if f.group not in groups and not f.empty}
    nested = {g.group for inner in outer.values() for g in inner}

    def subgraph(group: str, indent: str) -> list[str]:
        return [f'{indent}subgraph g_{group}["{names[group]}"]', *(f"{indent}  {i}" for i in groups[group]),
                f"{indent}end"]

    for parent, inner in outer.items():
        if inner:
            out.append(f'  subgraph g_{parent}["{names[parent]}"]')
            for g in inner:
                out += subgraph(g.group, "    ")
            out.append("  end")
    for group in groups:
        if group in names and group not in nested:
            out += subgraph(group, "  ")
    for f in chart.frames:
        if f.empty:  # a group served by someone but nobody sits in: Mermaid draws an empty subgraph as a box
            out += [f'  subgraph g_{f.group}["{names[f.group]}"]', "  end"]
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
