"""The kit as PDF: the print version of the HTML page laid out by WeasyPrint (Pango shapes the Chinese
text with the installed Noto CJK font; each part starts a new A4 page), with the org chart's own PDF pages
(vector, tiled over as many pages as a big chart needs to stay readable) in the place of the chart.

Two ways to the same file (same pages, same text):
- whole, in this process: one WeasyPrint document, with empty pages held for the chart;
- in pieces, on several processes (`processes` > 1, for big kits when the workers allow it): each part of
  the kit (it starts a new page anyway) laid out on its own, all at once.
Either way the pieces and the chart's pages are joined with pypdf, and then every page gets its number,
"12 / 51", from an overlay of empty numbered pages (so no piece needs to know where it starts, nor the
total, before it is laid out: one layout each). bench/bench_kit_pdf.py measures both ways.

Progress, either way, in two phases. Laying out (WeasyPrint's `render()`, two thirds of the time): the pages laid
out so far, from its "laying out page N" log lines (in pieces: summed over the pool's processes), against an
estimate of the total made from the print HTML's size before layout starts ("排版中：第12页，约共70页").
Drawing (`write_pdf()`): every page is laid out, so the total is exact — "第12页，共70页", counted as each page
is painted; the last report is "第70页，共70页" once the pages are joined and numbered.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Any

from ... import progress
from ...chart.render import render as render_chart
from ...text import Text
from ..build import Kit
from .html import part_count, render_html

Laid = tuple[bytes, dict[str, int]]  # a piece's PDF bytes and the page index of each of its anchors
LAYOUT_PAGE = re.compile(r"Creating layout - Page (\d+)")
SLOT = "chartslot0"  # the id of the first page held for the chart
# The overlay's pages: the kit's margins and footer (html.PAGE_NUMBERS), one empty block a page.
PAGE_STYLE = ("@page { margin: 14mm 12mm; @bottom-center { content: counter(page) \" / \" counter(pages); "
              "font-size: 9px; font-family: \"Noto Sans CJK SC\", sans-serif; } } "
              "div.n { break-before: page; height: 1px; } div.n:first-child { break-before: auto; }")


# The pages of a kit's PDF before it is laid out: the chart's pages, plus ESTIMATE_BASE pages and ESTIMATE_PER_KB
# a kilobyte of print HTML. Our estimate: a least-squares fit to 11 real kits (examples/my-team.yaml and
# plan-growth.yaml, planned teams of 30k–30M a month, samples.big_team of 10–200 people; 16–76 pages), each
# within ±12% of its real page count (measured 2026-12-02, WeasyPrint 70). Shown as "约" (about) while laying out.
ESTIMATE_BASE = 7.4
ESTIMATE_PER_KB = 0.144
Tell = Callable[[int, int], None]  # pages drawn so far, of the total


def estimated_pages(html: str, slots: int) -> int:
    """About how many pages the print HTML `html` lays out into, with `slots` pages held for the chart."""
    return slots + round(ESTIMATE_BASE + ESTIMATE_PER_KB * len(html.encode("utf-8")) / 1000)


class _PageCounter(logging.Handler):
    """Turns WeasyPrint's "laying out page N" log lines into progress reports against the estimated total."""

    def __init__(self, estimate: int) -> None:
        super().__init__()
        self.estimate = estimate

    def emit(self, record: logging.LogRecord) -> None:
        found = LAYOUT_PAGE.search(record.getMessage())
        if found:
            laid = int(found.group(1))
            progress.report(laid, self.estimate if self.estimate > laid else 0, progress.LAYOUT)


@contextmanager
def _counting_pages(estimate: int) -> Iterator[None]:
    """WeasyPrint's page log lines as progress reports while laying out (its other logging unchanged)."""
    logger, counter = logging.getLogger("weasyprint.progress"), _PageCounter(estimate)
    level, propagate = logger.level, logger.propagate
    logger.addHandler(counter)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # our listener hears it; the root logger's handlers do not print it
    try:
        yield
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
        logger.propagate = propagate


def render_pdf(kit: Kit) -> bytes:
    """The kit as PDF bytes, laid out whole in this process."""
    return kit_pdf(kit, processes=1)


def kit_pdf(kit: Kit, processes: int = 1) -> bytes:
    """The kit as PDF bytes: whole, or its parts shared out over `processes` processes (the same file)."""
    with progress.listening(lambda done, total, what: None):  # the chart's own pages are not the kit's
        chart = render_chart(kit.chart, "pdf")
    assert isinstance(chart, bytes)
    slots = _page_count(chart)
    parts = part_count(kit)
    if processes <= 1 or parts < 2:
        html = render_html(kit, print_version=True, chart_slots=slots)
        estimate = estimated_pages(html, slots)
        progress.report(0, estimate, progress.LAYOUT)
        with _counting_pages(estimate):
            document = _document(html)
        pieces = [_written(document, lambda drawn, total: progress.report(drawn, total, progress.PAGES))]
    else:
        pieces = _in_pieces(kit, slots, processes)
    pdf = _numbered(_join(pieces, parts, chart, slots))
    pages = _page_count(pdf)
    progress.report(pages, pages, progress.PAGES)
    return pdf


def _in_pieces(kit: Kit, slots: int, processes: int) -> list[Laid]:
    """The parts shared out into `processes` pieces of about equal length, laid out at once on a pool of
    processes; progress: the pages laid out over all pieces against the estimate, then, once every piece is
    laid out, the pages drawn over all pieces against their exact total."""
    groups = shares([len(render_html(kit, True, [k], chart_slots=slots)) for k in range(part_count(kit))], processes)
    htmls = [render_html(kit, True, group, chart_slots=slots) for group in groups]
    pieces = _PiecesProgress(len(htmls), estimated_pages(render_html(kit, True, chart_slots=slots), slots))
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing of this one's threads
    told: Any = context.Queue()  # (piece, "laid" | "total" | "drawn", pages)
    with ProcessPoolExecutor(len(htmls), mp_context=context, initializer=_report_to, initargs=(told, os.getpid())) as pool:
        pending = {pool.submit(_write_piece, k, html) for k, html in enumerate(htmls)}
        futures = list(pending)
        while pending:
            _, pending = wait(pending, timeout=0.25)
            pieces.hear(told)
        made = [f.result() for f in futures]
    pieces.hear(told)
    return [laid_out for _, laid_out in sorted(made, key=lambda m: m[0])]


_pages_queue: Any = None  # in a pool's process: where its piece's pages laid out are told


def _report_to(queue: Any, parent: int) -> None:
    """In a pool's process: where to tell its pages; and it ends if the process laying out the kit is killed."""
    from ...lifeline import exit_with_parent

    global _pages_queue
    _pages_queue = queue
    exit_with_parent(parent)


def _write_piece(k: int, html: str) -> tuple[int, Laid]:
    """In a pool's process: piece `k` laid out and written, telling the parent its pages as they are laid
    out, its total, and its pages as they are drawn."""
    def tell(done: int, total: int, what: Text) -> None:
        _pages_queue.put((k, "laid", done))

    with progress.listening(tell), _counting_pages(0):
        document = _document(html)
    _pages_queue.put((k, "total", len(document.pages)))
    return k, _written(document, lambda drawn, total: _pages_queue.put((k, "drawn", drawn)))


class _PiecesProgress:
    """What the pieces told so far, reported as the whole kit's progress."""

    def __init__(self, pieces: int, estimate: int) -> None:
        self.estimate = estimate
        self.laid, self.drawn = [0] * pieces, [0] * pieces
        self.totals: list[int | None] = [None] * pieces

    def hear(self, queue: Any) -> None:
        """Take what the pieces told since last time and report it: laying out (against the estimate) until
        every piece's total is known, then drawing (against the exact total)."""
        import queue as queues

        news = False
        while True:
            try:
                k, what, pages = queue.get_nowait()
            except queues.Empty:
                break
            news = True
            if what == "laid":
                self.laid[k] = max(self.laid[k], pages)
            elif what == "total":
                self.totals[k] = self.laid[k] = pages
            else:
                self.drawn[k] = max(self.drawn[k], pages)
        if not news:
            return
        totals = [t for t in self.totals if t is not None]
        if len(totals) == len(self.totals):
            progress.report(sum(self.drawn), sum(totals), progress.PAGES)
        else:
            laid = sum(self.laid)
            progress.report(laid, self.estimate if self.estimate > laid else 0, progress.LAYOUT)


def shares(lengths: list[int], n: int) -> list[list[int]]:
    """The indexes of `lengths` in at most `n` groups of about equal sum (longest first, each to the lightest
    group so far), each group in index order; no empty group."""
    groups: list[list[int]] = [[] for _ in range(min(n, len(lengths)))]
    sums = [0] * len(groups)
    for k in sorted(range(len(lengths)), key=lambda k: -lengths[k]):
        g = sums.index(min(sums))
        groups[g].append(k)
        sums[g] += lengths[k]
    return [sorted(g) for g in groups if g]


def _document(html: str) -> Any:
    import weasyprint

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting is chatty at INFO
    return weasyprint.HTML(string=html).render()


def _written(document: Any, tell: Tell) -> Laid:
    """A laid-out document as PDF bytes and the page index of each of its anchors; `tell` hears each page
    drawn ("k of N": every page is laid out now, so N is exact)."""
    anchors: dict[str, int] = {}
    for k, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, k)
    _counting_paints(document, tell)
    pdf: bytes = document.write_pdf()
    return pdf, anchors


def _counting_paints(document: Any, tell: Tell) -> None:
    """Make each page of the laid-out document tell `tell` once it is painted (write_pdf paints the pages in
    order and says nothing as it goes; the wrapper is the page's own attribute, the class is unchanged)."""
    total = len(document.pages)
    for k, page in enumerate(document.pages, 1):
        def painted(stream: Any, scale: float = 1, _paint: Any = page.paint, _k: int = k) -> None:
            _paint(stream, scale)
            tell(_k, total)

        page.paint = painted


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _join(pieces: list[Laid], parts: int, chart: bytes, slots: int) -> Any:
    """A PdfWriter holding the kit's parts in order (each from the piece that laid it out), the chart's pages
    in the place of the pages held for them, with the title and metadata of the first piece."""
    from pypdf import PdfReader, PdfWriter

    readers = [PdfReader(io.BytesIO(data)) for data, _ in pieces]
    where = {k: (r, anchors) for r, (_, anchors) in zip(readers, pieces, strict=True) for k in range(parts)
             if f"part{k}" in anchors}
    writer = PdfWriter()
    if readers[0].metadata:
        writer.add_metadata({key: str(value) for key, value in readers[0].metadata.items()})
    chart_pages = list(PdfReader(io.BytesIO(chart)).pages)
    for k in range(parts):
        reader, anchors = where[k]
        start = 0 if k == min(j for j in where if where[j][0] is reader) else anchors[f"part{k}"]
        later = [anchors[f"part{j}"] for j in range(k + 1, parts) if where[j][0] is reader]
        slot = anchors.get(SLOT)
        for n in range(start, later[0] if later else len(reader.pages)):
            if slot is not None and slot <= n < slot + slots:
                if n == slot:
                    for chart_page in chart_pages:
                        writer.add_page(chart_page)
                continue
            writer.add_page(reader.pages[n])
    return writer


def _own_resources(page: Any) -> None:
    """Give the page its own resource dictionaries (WeasyPrint's pages share one): merging the overlay adds
    to them, and a shared one would grow with every page merged."""
    from pypdf.generic import DictionaryObject, NameObject

    resources = DictionaryObject(page["/Resources"].get_object())
    for key, value in list(resources.items()):
        if isinstance(value.get_object(), DictionaryObject):
            resources[NameObject(key)] = DictionaryObject(value.get_object())
    page[NameObject("/Resources")] = resources


def _numbered(writer: Any) -> bytes:
    """The joined pages with "12 / 51" at the foot of each: an overlay of empty pages of the same sizes,
    numbered by WeasyPrint like the rest of the kit, merged onto them."""
    from pypdf import PdfReader

    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in writer.pages]
    kinds = list(dict.fromkeys(sizes))
    css = "".join(f"@page s{k} {{ size: {w:.3f}pt {h:.3f}pt; }} div.s{k} {{ page: s{k}; }}"
                  for k, (w, h) in enumerate(kinds))
    body = "".join(f'<div class="n s{kinds.index(size)}"></div>' for size in sizes)
    html = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>{PAGE_STYLE}{css}</style></head>"
            f"<body>{body}</body></html>")
    overlay = PdfReader(io.BytesIO(_document(html).write_pdf()))
    for page, numbers in zip(writer.pages, overlay.pages, strict=True):
        _own_resources(page)
        page.merge_page(numbers)
        page.compress_content_streams()  # the merged stream is written anew, uncompressed
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
