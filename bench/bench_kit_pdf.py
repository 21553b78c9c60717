"""Where the kit PDF's time goes: our part (building the kit, writing its HTML) against WeasyPrint's
(parsing the HTML and CSS, laying out pages, writing the PDF; `chart`: the part of writing spent drawing
the embedded org-chart SVG, as a share of writing), for teams of several sizes, in CPU seconds of this process.

Prints a table; asserts nothing. Usage: python bench/bench_kit_pdf.py [--sizes 4,60,150,300] [--runs 2]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from douyin_team.checking import check_team  # noqa: E402
from douyin_team.jobs.kinds import team_of  # noqa: E402
from douyin_team.kit import KitOptions, build_kit  # noqa: E402
from douyin_team.kit.render.html import render_html  # noqa: E402
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
    return {"svg": svg, "build": t1 - t0, "html": t2 - t1, "parse": t3 - t2, "layout": t4 - t3, "write": t5 - t4,
            "total": t5 - t0, "pages": len(document.pages), "html_kb": len(html.encode()) / 1024,
            "pdf_kb": len(pdf) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="4,60,150,300")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    measure(4)  # warm-up: imports, fonts, the knowledge base
    print(f"{'people':>6} {'pages':>5} {'HTML kB':>8} {'PDF kB':>7} | {'build':>6} {'html':>6} | "
          f"{'parse':>6} {'layout':>7} {'write':>6} {'chart%':>6} | {'total':>6} {'ours %':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        best = min((measure(size) for _ in range(args.runs)), key=lambda r: r["total"])
        ours = (best["build"] + best["html"]) / best["total"] * 100
        print(f"{size:>6} {best['pages']:>5.0f} {best['html_kb']:>8.0f} {best['pdf_kb']:>7.0f} | "
              f"{best['build']:>6.2f} {best['html']:>6.2f} | {best['parse']:>6.2f} {best['layout']:>7.2f} "
              f"{best['write']:>6.2f} {best['svg'] * 100:>5.0f}% | {best['total']:>6.2f} {ours:>5.0f}%")


if __name__ == "__main__":
    main()
