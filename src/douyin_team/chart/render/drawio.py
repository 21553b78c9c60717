"""draw.io (diagrams.net): an mxGraph file with our layout, colours and dashed vacancies, editable there."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from ..model import Chart, Edge


def render_drawio(chart: Chart) -> str:
    """The chart as a `.drawio` XML document (uncompressed mxGraphModel, plain-text labels)."""
    cells = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>']
    cells += _header(chart)
    for f in chart.frames:
        style = (f"rounded=1;arcSize=4;html=0;fillColor={f.color};opacity=15;strokeColor={f.color};"
                 "verticalAlign=top;align=left;spacingLeft=8;fontStyle=1;")
        cells.append(_vertex(f"frame-{f.group}", f.label or f.name, f.x, f.y, f.w, f.h, style,
                             f.name if f.label else ""))
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


def _header(chart: Chart) -> list[str]:
    """The title and the subtitle as two text cells, in the lines the chart wraps them to; a title cut with …
    shows the whole of it as its tooltip."""
    tooltip = chart.title if chart.short_title != chart.title else ""
    out = []
    for cell_id, lines, style in (("title", chart.title_lines, "fontStyle=1;"),
                                  ("subtitle", chart.subtitle_lines, f"fontColor={chart.theme.muted};")):
        size = lines[0].size
        value = "\n".join(t.text for t in lines)
        top, height = lines[0].y - size - 2, lines[-1].y - lines[0].y + size * 1.4  # a line box around each baseline
        out.append(_vertex(cell_id, value, 16, round(top, 2), round(chart.width - 32, 2), round(height, 2),
                           f"text;html=0;align=left;verticalAlign=top;fontSize={size:g};{style}",
                           tooltip if cell_id == "title" else ""))
    return out


def _vertex(cell_id: str, value: str, x: float, y: float, w: float, h: float, style: str, tooltip: str = "") -> str:
    """A cell with a plain-text label; one with a tooltip is a UserObject, as draw.io writes it."""
    geometry = f'<mxGeometry x="{x}" y="{y}" width="{w}" height="{h}" as="geometry"/>'
    if tooltip:
        return (f'<UserObject id={quoteattr(cell_id)} label={quoteattr(value)} tooltip={quoteattr(tooltip)}>'
                f'<mxCell style={quoteattr(style)} vertex="1" parent="1">{geometry}</mxCell></UserObject>')
    # quoteattr writes a line break as &#10;: a bare one in an attribute would be read as a space.
    return (f'<mxCell id={quoteattr(cell_id)} value={quoteattr(value)} style={quoteattr(style)} vertex="1" '
            f'parent="1">{geometry}</mxCell>')


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
