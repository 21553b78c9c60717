"""Kit renderers in one registry keyed by format: each turns a Kit into `str` or `bytes`; the caller writes files."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from ...errors import UnsupportedFormat
from ...text import Text
from ..build import Kit

__all__ = ["PARTS", "RENDERERS", "SUFFIXES", "format_of", "print_html", "render_kit", "render_kit_pdf", "verify_format"]

# format → (module, function); modules are imported only when their format is asked for.
RENDERERS: dict[str, tuple[str, str]] = {
    "xlsx": ("xlsx", "render_xlsx"),
    "md": ("markdown", "render_markdown"),
    "html": ("html", "render_html"),
    "pdf": ("pdf", "render_pdf"),
}
SUFFIXES = {".xlsx": "xlsx", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}

# The kit's parts, in order: (key, name).
PARTS = {
    "org": Text(zh="架构", en="Organisation"),
    "jobs": Text(zh="岗位说明书", en="Job descriptions"),
    "kpis": Text(zh="考核表", en="Scorecards"),
    "sop": Text(zh="直播SOP", en="Live SOP"),
    "review": Text(zh="复盘", en="Review"),
    "shifts": Text(zh="排班", en="Shifts"),
    "budget": Text(zh="预算", en="Budget"),
}


def verify_format(fmt: str) -> str:
    """Return `fmt` if a kit renderer exists for it, else an error listing the formats there are."""
    if fmt not in RENDERERS:
        raise UnsupportedFormat(f"no kit renderer for '{fmt}'", field="--format", hint=f"use one of: {', '.join(RENDERERS)}")
    return fmt


def format_of(path: str | None, given: str | None) -> str:
    """The kit format: as given, else from the output file's suffix (.xlsx .md .html .pdf)."""
    if given:
        return verify_format(given)
    suffix = Path(path).suffix.lower() if path else ""
    if suffix not in SUFFIXES:
        if not path:
            raise UnsupportedFormat("no output format", field="-o", hint="write to a file: -o kit.xlsx, kit.md, kit.html or kit.pdf")
        raise UnsupportedFormat(f"cannot tell the kit format of '{path}'", field="-o",
                                hint="end the name in .xlsx .md .html or .pdf, or give --format")
    return SUFFIXES[suffix]


def render_kit(kit: Kit, fmt: str) -> str | bytes:
    """Render the kit in one format."""
    module, name = RENDERERS[verify_format(fmt)]
    fn: Callable[[Kit], str | bytes] = getattr(import_module(f".{module}", __name__), name)
    return fn(kit)


def render_kit_pdf(kit: Kit, processes: int = 1) -> bytes:
    """The kit's PDF, its parts laid out at once on `processes` processes when more than one (the same file)."""
    pdf: bytes = import_module(".pdf", __name__).kit_pdf(kit, processes)
    return pdf


def print_html(kit: Kit) -> str:
    """The kit's print HTML, which the PDF is laid out from (the web app lays it out in a child process)."""
    html: str = import_module(".html", __name__).render_html(kit, print_version=True)  # as render_kit imports
    return html
