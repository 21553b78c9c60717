"""The kit as one Markdown document: a part per `##` heading; the org chart as a Mermaid block."""

from __future__ import annotations

from ...chart.render import render
from ..build import Kit
from ..sop import cell as table_cell
from .blocks import Block, Heading, Items, Para, Picture, Table, kit_parts


def render_markdown(kit: Kit) -> str:
    """Every part of the kit in Markdown (GitHub and most editors draw the Mermaid chart)."""
    lines = [f"# {cell(kit.title)}", ""]
    for name, blocks in kit_parts(kit):
        lines += [f"## {name}", ""]
        for block in blocks:
            lines += _block(block, kit)
    return "\n".join(lines).rstrip() + "\n"


def cell(text: str) -> str:
    """User text safe in Markdown: as in a table cell (pipes, HTML), and no link syntax — `[x](javascript:…)`
    in a name must stay text, never a live link."""
    escaped = table_cell(text.replace("\\", "\\\\"))
    return escaped.replace("[", "\\[").replace("]", "\\]")


def _block(block: Block, kit: Kit) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + f" {cell(block.text)}", ""]
    if isinstance(block, Para):
        return [cell(block.text), ""]
    if isinstance(block, Items):
        return [f"**{block.label}**", "", *(f"- {cell(x)}" for x in block.items or ["—"]), ""]
    if isinstance(block, Table):
        return ["| " + " | ".join(block.headers) + " |", "|" + "---|" * len(block.headers),
                *("| " + " | ".join(cell(c) for c in row) + " |" for row in block.rows), ""]
    assert isinstance(block, Picture)
    return ["```mermaid", str(render(kit.chart, "mmd")).rstrip(), "```", ""]
