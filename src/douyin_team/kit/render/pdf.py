"""The kit as PDF: the print version of the HTML page laid out by WeasyPrint (Pango shapes the Chinese
text with the installed Noto CJK font; each part starts a new A4 page). bench/bench_kit.py measures this
against LibreOffice and Chromium."""

from __future__ import annotations

from ..build import Kit
from .html import render_html


def render_pdf(kit: Kit) -> bytes:
    """The kit as PDF bytes."""
    import logging

    import weasyprint

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting is chatty at INFO
    pdf: bytes = weasyprint.HTML(string=render_html(kit, print_version=True)).write_pdf()
    return pdf
