"""draw.io (diagrams.net): an mxGraph file with our layout, colours and dashed vacancies, editable there."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from ..model import Chart, Edge


def render_drawio(chart: Chart) -> str:
    """The chart as a `.drawio` XML document (uncompressed mxGraphModel, plain-text labels)."""
    cells = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>']
    cells.append(_vertex("title", f"{chart.title}\n{chart.subtitle}", 16, 8, 600, 48,
                         "text;html=0;align=left;verticalAlign=top;fontSize=14;fontStyle=1;"))
    for f in chart.frames:
        style = (f"rounded=1;arcSize=4;html=0;fillColor={f.color};opacity=15;strokeColor={f.color};"
                 "verticalAlign=top;align=left;spacingLeft=8;fontStyle=1;")
        cells.append(_vertex(f"frame-{f.group}", f.name, f.x, f.y, f.w, f.h, style))
    for c in chart.cards:
        fill = chart.theme.vacancy_fill if c.vacancy else chart.theme.background
        dashed = "dashed=1;" if c.vacancy else ""
        style = (f"rounded=1;whiteSpace=wrap;html=0;align=left;spacingLeft=10;fillColor={fill};"
                 f"strokeColor={c.color};strokeWidth=1.5;{dashed}")
        cells.append(_vertex(c.id, "\n".join(t.text for t in c.lines), c.x, c.y, c.w, c.h, style))
    frames = {f"frame-{f.group}" for f in chart.frames}
    for k, e in enumerate(chart.edges):
        cells.append(_edge(f"e{k}", e, chart.theme.line, frames))
    w, h = int(chart.width) + 1, int(chart.height) + 1
    return ("<mxfile host=\"douyin-team\">\n"
            f"<diagram id=\"team\" name={quoteattr(chart.title)}>"
            f"<mxGraphModel grid=\"0\" page=\"1\" pageWidth=\"{w}\" pageHeight=\"{h}\" math=\"0\" shadow=\"0\">"
            "<root>\n" + "\n".join(cells) + "\n</root></mxGraphModel></diagram>\n</mxfile>\n")


def _vertex(cell_id: str, value: str, x: float, y: float, w: float, h: float, style: str) -> str:
    return (f'<mxCell id={quoteattr(cell_id)} value={quoteattr(value, {chr(10): "&#xa;"})} style={quoteattr(style)} '
            f'vertex="1" parent="1"><mxGeometry x="{x}" y="{y}" width="{w}" height="{h}" as="geometry"/></mxCell>')


def _edge(cell_id: str, e: Edge, color: str, frames: set[str]) -> str:
    """A reporting line through its bends, or a dashed line to the frame (else the point) of a group served."""
    style = f"edgeStyle=none;rounded=0;html=0;endArrow=none;strokeColor={color};"
    if e.kind == "report":
        points = "".join(f'<mxPoint x="{x}" y="{y}"/>' for x, y in e.points[1:-1])
        return (f'<mxCell id="{cell_id}" style="{style}" edge="1" parent="1" source="{e.source}" target="{e.target}">'
                f'<mxGeometry relative="1" as="geometry"><Array as="points">{points}</Array></mxGeometry></mxCell>')
    frame = "frame-" + e.target.removeprefix("group:")
    target = f' target="{frame}"' if frame in frames else ""
    (x, y) = e.points[-1]
    return (f'<mxCell id="{cell_id}" style="{style}dashed=1;" edge="1" parent="1" source="{e.source}"{target}>'
            f'<mxGeometry relative="1" as="geometry"><mxPoint x="{x}" y="{y}" as="targetPoint"/></mxGeometry></mxCell>')
