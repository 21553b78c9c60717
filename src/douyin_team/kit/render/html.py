"""The kit as one self-contained HTML page (styles inline, the org chart as an embedded SVG image).

The same page, with `print=True`, is what WeasyPrint lays out as the PDF: each part starts a new page.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from html import escape

from ...chart.render import render
from ..build import Kit
from .blocks import Block, Heading, Items, Para, Picture, Table, kit_parts

STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       font-size: 14px; color: #1f2329; margin: 24px auto; max-width: 1200px; line-height: 1.5; }
h1 { font-size: 24px; } h2 { font-size: 20px; border-bottom: 2px solid #3370ff; padding-bottom: 4px; }
h3 { font-size: 16px; margin-top: 20px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid #d0d3d6; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eef3ff; }
td.num { text-align: right; white-space: nowrap; }
th, td.short { white-space: nowrap; }
img.chart { max-width: 100%; }
nav a { margin-right: 12px; }
@media screen and (max-width: 760px) {  /* a phone: a wide table scrolls in its own box, links are a tap high */
  body { margin: 12px; }
  table { display: block; overflow-x: auto; }
  nav a { display: inline-block; min-width: 44px; min-height: 44px; line-height: 44px; text-align: center; }
}
"""
SHORT = 6  # cells this short never wrap (a post name, a person, a phase)
WIDE = 9  # a part with a table of more columns is printed on landscape pages
PRINT_STYLE = """
@page { size: A4; margin: 14mm 12mm; }
body { font-size: 9.5px; margin: 0; max-width: none; }
h1 { font-size: 18px; } h2 { font-size: 15px; } h3, h4 { font-size: 12px; break-after: avoid; }
section.part { break-before: page; }
@page wide { size: A4 landscape; }
section.wide { page: wide; }
section.part:first-of-type { break-before: auto; }
nav { display: none; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
div.chartslot { break-before: page; height: 1px; }
"""
PAGE_NUMBERS = """@page { @bottom-center { content: counter(page) " / " counter(pages); font-size: 9px; } }\n"""


def render_html(kit: Kit, print_version: bool = False, parts: Sequence[int] | None = None,
                chart_slots: int | None = None) -> str:
    """The kit as an HTML page with no outside references. For the PDF pipeline (kit/render/pdf.py):
    `parts` (indexes into `kit_parts`) keeps only those parts (the title heads part 0), and `chart_slots`
    makes the org chart that many empty pages (the PDF puts the chart's own pages there) and leaves the page
    numbers to the PDF, which stamps them on the joined pages."""
    every = kit_parts(kit)
    chosen = range(len(every)) if parts is None else parts
    numbers = PAGE_NUMBERS if print_version and chart_slots is None else ""
    style = STYLE + (PRINT_STYLE + numbers if print_version else "")
    nav = " ".join(f'<a href="#part{k}">{escape(name)}</a>' for k, (name, _) in enumerate(every))
    body = [f'<h1>{escape(kit.title)}</h1>', f"<nav>{nav}</nav>"] if 0 in chosen else []
    for k in chosen:
        name, blocks = every[k]
        wide = any(isinstance(b, Table) and len(b.headers) > WIDE for b in blocks)  # printed landscape
        body.append(f'<section class="part{" wide" if wide else ""}" id="part{k}"><h2>{escape(name)}</h2>')
        body += [_block(b, kit) if not isinstance(b, Picture) or chart_slots is None else _slots(chart_slots)
                 for b in blocks]
        body.append("</section>")
    lang = "zh-CN" if kit.lang == "zh" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(kit.title)}</title><style>{style}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def part_count(kit: Kit) -> int:
    """How many parts the kit has (the pieces a PDF can be laid out in)."""
    return len(kit_parts(kit))


def _slots(count: int) -> str:
    """Empty pages where the PDF puts the org chart's own pages (`#chartslot0` marks the first)."""
    return "".join(f'<div class="chartslot" id="chartslot{k}"></div>' for k in range(count))


def _block(block: Block, kit: Kit) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Items):
        items = "".join(f"<li>{escape(x)}</li>" for x in block.items or ["—"])
        return f"<p><strong>{escape(block.label)}</strong></p><ul>{items}</ul>"
    if isinstance(block, Table):
        head = "".join(f"<th>{escape(h)}</th>" for h in block.headers)
        rows = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in block.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    assert isinstance(block, Picture)
    svg = str(render(kit.chart, "svg")).encode("utf-8")
    data = base64.b64encode(svg).decode("ascii")
    return f'<img class="chart" alt="{escape(kit.chart.title)}" src="data:image/svg+xml;base64,{data}">'


def _cell(text: str) -> str:
    numeric = text.replace(",", "").replace("%", "").replace(".", "").replace("-", "").isdigit()
    kind = "num" if numeric else "short" if len(text) <= SHORT else ""
    return f'<td class="{kind}">{escape(text)}</td>' if kind else f"<td>{escape(text)}</td>"
