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
h1, h2, h3, h4, p, li { overflow-wrap: break-word; }
div.table-box { margin: 8px 0 16px; }
table { border-collapse: collapse; width: 100%; margin: 0; }
th, td { border: 1px solid #d0d3d6; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eef3ff; }
td.num { text-align: right; white-space: nowrap; }
th, td.short { white-space: nowrap; }
img.chart { max-width: 100%; }
nav a { margin-right: 12px; }
@media screen { div.table-box { overflow-x: auto; } }  /* a table wider than the window scrolls in its box */
@media screen and (max-width: 760px) {  /* a phone: nothing makes the page scroll sideways, links are a tap high */
  body { margin: 12px; }
  h1, h2, h3, h4, p, li { overflow-wrap: anywhere; }
  nav a { display: inline-block; min-width: 44px; min-height: 44px; line-height: 44px; text-align: center; }
  div.table-box { overscroll-behavior-x: contain; }
  /* separate borders: Chromium paints the cells under a frozen one through it when borders collapse */
  div.table-box table { border-collapse: separate; border-spacing: 0; border: solid #d0d3d6; border-width: 1px 0 0 1px; }
  div.table-box th, div.table-box td { border-width: 0 1px 1px 0; }
  div.table-box td { min-width: 12em; }
  div.table-box .key { min-width: 6em; max-width: 38vw; overflow-wrap: anywhere; }
  div.table-box td.num, div.table-box td.short { min-width: 0; }
  .key { position: sticky; left: 0; z-index: 1; background: #fff; box-shadow: inset -1px 0 #9aa0a8, 4px 0 4px -2px rgba(31, 35, 41, .25); }
  th.key { background: #eef3ff; }
  div.cards table, div.cards tbody, div.cards tr, div.cards td { display: block; }
  div.cards table { border: 0; }
  div.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  div.cards tr { border: 1px solid #d0d3d6; border-radius: 6px; margin-bottom: 8px; padding: 4px 8px; }
  div.cards td { border: 0; padding: 2px 0; display: grid; grid-template-columns: minmax(5em, 38%) 1fr; gap: 8px;
                 text-align: left; white-space: normal; min-width: 0; overflow-wrap: anywhere; }
  div.cards td::before { content: attr(data-label); color: #646a73; }
  div.cards td:empty { display: none; }
}
"""
SHORT = 6  # cells this short never wrap (a post name, a person, a phase)
CARDS = 5  # on a phone, a table of at most this many columns is a card a row (label: value); wider ones scroll
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
div.table-box { overflow: visible; }
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
        return _table(block)
    assert isinstance(block, Picture)
    svg = str(render(kit.chart, "svg")).encode("utf-8")
    data = base64.b64encode(svg).decode("ascii")
    return f'<img class="chart" alt="{escape(kit.chart.title)}" src="data:image/svg+xml;base64,{data}">'


def _table(table: Table) -> str:
    """A table in its box: on a phone the box scrolls with the row's name column kept in sight, or, for a
    narrow table, each row is a card of label: value lines (print and desktop lay out the plain table)."""
    cards = len(table.headers) <= CARDS
    head = "".join(f'<th class="key">{escape(h)}</th>' if k == table.key and not cards else f"<th>{escape(h)}</th>"
                   for k, h in enumerate(table.headers))
    labels = table.headers if cards else [""] * len(table.headers)
    rows = "".join("<tr>" + "".join(_cell(c, labels[k], k == table.key and not cards) for k, c in enumerate(row))
                   + "</tr>" for row in table.rows)
    return (f'<div class="table-box{" cards" if cards else ""}"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")


def _cell(text: str, label: str, key: bool) -> str:
    numeric = text.replace(",", "").replace("%", "").replace(".", "").replace("-", "").isdigit()
    kinds = ["num" if numeric else "short" if len(text) <= SHORT else "", "key" if key else ""]
    kind = " ".join(k for k in kinds if k)
    attrs = (f' class="{kind}"' if kind else "") + (f' data-label="{escape(label)}"' if label else "")
    return f"<td{attrs}>{escape(text)}</td>"
