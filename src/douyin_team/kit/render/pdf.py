"""The kit as PDF: the print version of the HTML page laid out by WeasyPrint (Pango shapes the Chinese
text with the installed Noto CJK font; each part starts a new A4 page). bench/bench_kit.py measures this
against LibreOffice and Chromium, bench/bench_kit_pdf.py where its time goes.

WeasyPrint tells its progress on the `weasyprint.progress` logger ("Step 5 - Creating layout - Page 12");
while a kit is laid out those lines become `progress.report` calls (the page count is known only at the end)."""

from __future__ import annotations

import logging
import re

from ... import progress
from ..build import Kit
from .html import render_html

LAYOUT_PAGE = re.compile(r"Creating layout - Page (\d+)")


class _PageCounter(logging.Handler):
    """Turns WeasyPrint's "laying out page N" log lines into progress reports (total 0: not known yet)."""

    def emit(self, record: logging.LogRecord) -> None:
        found = LAYOUT_PAGE.search(record.getMessage())
        if found:
            progress.report(int(found.group(1)), 0, progress.PAGES)


def render_pdf(kit: Kit) -> bytes:
    """The kit as PDF bytes."""
    import weasyprint

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting is chatty at INFO
    html = render_html(kit, print_version=True)
    logger, counter = logging.getLogger("weasyprint.progress"), _PageCounter()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(counter)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # our listener hears it; the root logger's handlers do not print it
    try:
        document = weasyprint.HTML(string=html).render()
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
        logger.propagate = propagate
    pages = len(document.pages)
    pdf: bytes = document.write_pdf()
    progress.report(pages, pages, progress.PAGES)
    return pdf
