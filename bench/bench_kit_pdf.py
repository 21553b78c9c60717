"""Where the kit PDF's time goes, and whole against in pieces.

Table 1, in CPU seconds of this process: our part (building the kit, writing its HTML) against WeasyPrint's
(parsing the HTML and CSS, laying out pages, writing the PDF; `chart%`: the part of writing spent drawing
the org chart when it is embedded as one SVG image, as the web's print HTML still does) — then the kit's
own PDF pipeline (kit/render/pdf.py: the chart's own PDF pages spliced in, pages numbered by an overlay).

Table 2, in wall seconds: the PDF laid out whole in this process against in pieces on 2 processes (what a
worker does with DOUYIN_TEAM_PDF_PROCESSES=2), with the page count and whether the text is the same.

Prints tables; asserts nothing. Usage: python bench/bench_kit_pdf.py [--sizes 4,60,150,300] [--runs 2]
[--parallel 300] [--processes 2]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from douyin_team.chart.render import render  # noqa: E402
from douyin_team.checking import check_team  # noqa: E402
from douyin_team.jobs.kinds import team_of  # noqa: E402
from douyin_team.kit import KitOptions, build_kit  # noqa: E402
from douyin_team.kit.render.html import render_html  # noqa: E402
from douyin_team.kit.render.pdf import kit_pdf  # noqa: E402
from douyin_team.knowledge import load_knowledge  # noqa: E402
from samples import big_team  # noqa: E402


def chart_drawing(document: object) -> float:
    """The share of write_pdf spent drawing the embedded chart SVG (WeasyPrint's svg module), by cProfile."""
    import cProfile
    import pstats

    profile = cProfile.Profile(time.process_time)
    profile.enable()
    document.write_pdf()  # type: ignore[attr-defined]
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    svg = max((v[3] for k, v in stats.items() if k[0].endswith("svg/__init__.py") and k[2] == "draw"), default=0.0)
    whole = max(v[3] for k, v in stats.items() if k[2] == "write_pdf")
    return svg / whole


def measure(size: int) -> dict[str, float]:
    """CPU seconds per stage for one kit PDF of a `size`-person team (process time: the machine may be
    shared), with its pages, HTML size and the chart's share of writing."""
    import weasyprint

    kb = load_knowledge()
    t0 = time.process_time()
    team = team_of(big_team(size), kb)
    stage = check_team(team, kb).diagnosis.stage
    kit = build_kit(team, kb, stage, "zh", KitOptions(date="2026-12-01"))
    t1 = time.process_time()
    html = render_html(kit, print_version=True)
    t2 = time.process_time()
    parsed = weasyprint.HTML(string=html)
    t3 = time.process_time()
    document = parsed.render()
    t4 = time.process_time()
    pdf = document.write_pdf()
    t5 = time.process_time()
    svg = chart_drawing(document)
    t6 = time.process_time()
    kit_pdf(kit, 1)
    t7 = time.process_time()
    return {"svg": svg, "kit_pdf": t7 - t6, "build": t1 - t0, "html": t2 - t1, "parse": t3 - t2, "layout": t4 - t3, "write": t5 - t4,
            "total": t5 - t0, "pages": len(document.pages), "html_kb": len(html.encode()) / 1024,
            "pdf_kb": len(pdf) / 1024}


def whole_and_pieces(size: int, processes: int, runs: int) -> None:
    """Wall seconds of the kit PDF whole and in pieces (best of `runs`), and whether both say the same."""
    import io

    from pypdf import PdfReader

    kb = load_knowledge()
    team = team_of(big_team(size), kb)
    kit = build_kit(team, kb, check_team(team, kb).diagnosis.stage, "zh", KitOptions(date="2026-12-01"))
    results = {}
    for n in (1, processes):
        times = []
        for _ in range(runs):
            t0 = time.monotonic()
            pdf = kit_pdf(kit, n)
            times.append(time.monotonic() - t0)
        reader = PdfReader(io.BytesIO(pdf))
        results[n] = (min(times), len(reader.pages), [p.extract_text() for p in reader.pages], len(pdf) / 1024)
    same = results[1][1:3] == results[processes][1:3]
    cpu = pieces_cpu(kit, processes)
    print(f"{'people':>6} {'way':>12} {'pages':>5} {'PDF kB':>7} {'wall s':>7} {'CPU s, longest piece':>21}")
    for n, (wall, pages, _, kb_size) in results.items():
        way = "whole" if n == 1 else f"{n} processes"
        print(f"{size:>6} {way:>12} {pages:>5} {kb_size:>7.0f} {wall:>7.2f} {cpu[n]:>21.2f}")
    print(f"same pages and text: {'yes' if same else 'NO'}; wall speed-up {results[1][0] / results[processes][0]:.2f}x; "
          f"CPU of the longest piece {cpu[processes] / cpu[1] * 100:.0f}% of the whole (the speed-up on free cores)")


def pieces_cpu(kit: object, processes: int) -> dict[int, float]:
    """CPU seconds of laying out and writing the whole print page, and of the longest of the `processes`
    pieces, each in this process: the wall time the pool would take on free cores, whatever else runs."""
    from douyin_team.kit.render.html import part_count
    from douyin_team.kit.render.pdf import _page_count, _write, shares

    chart = render(kit.chart, "pdf")  # type: ignore[attr-defined]
    slots = _page_count(chart)
    parts = part_count(kit)  # type: ignore[arg-type]
    groups = {1: [list(range(parts))],
              processes: shares([len(render_html(kit, True, [k], chart_slots=slots)) for k in range(parts)],  # type: ignore[arg-type]
                                processes)}
    out = {}
    for n, pieces in groups.items():
        times = []
        for group in pieces:
            t0 = time.process_time()
            _write(render_html(kit, True, group, chart_slots=slots))  # type: ignore[arg-type]
            times.append(time.process_time() - t0)
        out[n] = max(times)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="4,60,150,300")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--parallel", type=int, default=300, help="team size of table 2 (0: skip it)")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    measure(4)  # warm-up: imports, fonts, the knowledge base
    print(f"{'people':>6} {'pages':>5} {'HTML kB':>8} {'PDF kB':>7} | {'build':>6} {'html':>6} | "
          f"{'parse':>6} {'layout':>7} {'write':>6} {'chart%':>6} | {'total':>6} {'ours %':>6} | {'kit_pdf':>7}")
    for size in (int(s) for s in args.sizes.split(",") if s):
        best = min((measure(size) for _ in range(args.runs)), key=lambda r: r["total"])
        ours = (best["build"] + best["html"]) / best["total"] * 100
        print(f"{size:>6} {best['pages']:>5.0f} {best['html_kb']:>8.0f} {best['pdf_kb']:>7.0f} | "
              f"{best['build']:>6.2f} {best['html']:>6.2f} | {best['parse']:>6.2f} {best['layout']:>7.2f} "
              f"{best['write']:>6.2f} {best['svg'] * 100:>5.0f}% | {best['total']:>6.2f} {ours:>5.0f}% | "
              f"{best['kit_pdf']:>7.2f}")
    if args.parallel:
        print()
        whole_and_pieces(args.parallel, args.processes, args.runs)


if __name__ == "__main__":  # the pool's processes import this file again: only the parent runs it
    main()
