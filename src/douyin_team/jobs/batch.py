"""Agency batch exports: the charts of many merchants as one PDF (a cover, an index with page numbers, one
page per merchant) or their kits as one zip — one job for all or selected merchants of a workspace.

Parameters: {what: charts|kits, fmt (kits), lang, date, workspace, merchants: [{name, revision, document, date}]}.
"""

from __future__ import annotations

import base64
import html
import io
import zipfile
from typing import Any

from .. import progress
from .kinds import Output, chart_bytes, kit_bytes

PAGE_CSS = """
@page { size: A4 landscape; margin: 14mm; @bottom-center { content: counter(page); font-size: 9pt; color: #646a73; } }
body { font-family: "Noto Sans CJK SC", sans-serif; color: #1f2329; }
.cover { page-break-after: always; padding-top: 50mm; text-align: center; }
.cover h1 { font-size: 28pt; margin: 0 0 6mm; }
.cover p { font-size: 13pt; color: #646a73; }
.index { page-break-after: always; }
.index ol { font-size: 11pt; line-height: 1.7; columns: 2; column-gap: 12mm; }
.index a { color: inherit; text-decoration: none; }
.index a::after { content: leader('.') target-counter(attr(href), page); }
.merchant { page-break-after: always; }
.merchant:last-child { page-break-after: auto; }
.merchant h2 { font-size: 14pt; margin: 0 0 4mm; }
.merchant img { display: block; max-width: 100%; max-height: 165mm; margin: 0 auto; }
"""
WORDS = {"zh": {"title": "团队架构图汇总", "index": "目录", "count": "共{n}个商家", "rev": "版本"},
         "en": {"title": "Org charts", "index": "Contents", "count": "{n} merchants", "rev": "revision"}}


def run_batch(p: dict[str, Any]) -> Output:
    """Kind `batch`: the charts (one PDF) or the kits (a zip) of several merchants."""
    if p["what"] == "charts":
        return Output(charts_pdf(p), "application/pdf", p["filename"])
    return Output(kits_zip(p), "application/zip", p["filename"])


def _quiet() -> Any:
    """A listener that drops the reports of one merchant's render (the batch counts merchants)."""
    return progress.listening(lambda _done, _total, _what: None)


def charts_pdf(p: dict[str, Any]) -> bytes:
    """One PDF: a cover, an index (each merchant with its page), then each merchant's chart on its own page."""
    import weasyprint

    words, merchants = WORDS[p["lang"]], p["merchants"]
    pages = []
    for n, m in enumerate(merchants, 1):
        with _quiet():
            svg = chart_bytes(m["document"], "svg", p["lang"], m["date"])
        src = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
        pages.append(f'<section class="merchant" id="m{n}"><h2>{html.escape(m["name"])} · {words["rev"]} '
                     f'{m["revision"]}</h2><img src="{src}" alt=""></section>')
        if n < len(merchants):  # the last one is reported once the PDF is written
            progress.report(n, len(merchants), progress.MERCHANTS)
    index = "".join(f'<li><a href="#m{n}">{html.escape(m["name"])}</a></li>' for n, m in enumerate(merchants, 1))
    title = html.escape(p["workspace"])
    document = (f'<!doctype html><html lang="{p["lang"]}"><head><meta charset="utf-8"><title>{title}</title>'
                f"<style>{PAGE_CSS}</style></head><body>"
                f'<section class="cover"><h1>{title}</h1><p>{words["title"]}</p>'
                f'<p>{words["count"].format(n=len(merchants))} · {html.escape(p["date"])}</p></section>'
                f'<section class="index"><h2>{words["index"]}</h2><ol>{index}</ol></section>{"".join(pages)}</body></html>')
    pdf: bytes = weasyprint.HTML(string=document).write_pdf()
    progress.report(len(merchants), len(merchants), progress.MERCHANTS)
    return pdf


def kits_zip(p: dict[str, Any]) -> bytes:
    """One zip holding each merchant's kit as `<merchant>-团队工具包-r<N>.<fmt>`; names made unique."""
    out = io.BytesIO()
    word = "团队工具包" if p["lang"] == "zh" else "team-kit"
    seen: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, m in enumerate(p["merchants"], 1):
            with _quiet():
                data = kit_bytes(m["document"], p["fmt"], p["lang"], m["date"])
            name = _unique(f"{_safe(m['name'])}-{word}-r{m['revision']}.{p['fmt']}", seen)
            # A fixed date: the same kits make the same zip, byte for byte (a retried job, one artefact).
            archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
            progress.report(n, len(p["merchants"]), progress.MERCHANTS)
    return out.getvalue()


def _safe(name: str) -> str:
    """A merchant name usable as a file name inside the zip (no folders, no control characters)."""
    cleaned = "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in name).strip(" .")
    return cleaned or "merchant"


def _unique(name: str, seen: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".")
    candidate, n = name, 2
    while candidate in seen:
        candidate, n = f"{stem}-{n}{dot}{suffix}", n + 1
    seen.add(candidate)
    return candidate
