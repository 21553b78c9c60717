"""Which engine should print the team kit as PDF? WeasyPrint from our HTML (the one we ship) against the two
things a user would otherwise reach for: LibreOffice printing the kit workbook, and Chromium printing the
kit's HTML page. Same kits, same run: the 4-person example team and a planned mature team.

For each engine: time per PDF (a fresh process or browser each time, as a user runs it; best and worst of
--runs), pages, file size, whether the Chinese text is extractable, and whether every part starts on a
page of its own. Prints a table; asserts nothing. Usage: python bench/bench_kit.py [--runs 3]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from douyin_team.kit import Kit, KitOptions, build_kit
from douyin_team.kit.render import PARTS, render_kit
from douyin_team.knowledge import load_knowledge
from douyin_team.planning import plan_team
from douyin_team.team import Profile, read_team

ROOT = Path(__file__).resolve().parents[1]


def weasyprint_pdf(kit: Kit, tmp: Path) -> Path:
    """Ours: HTML → WeasyPrint, in a fresh Python process (import included, as the CLI runs it)."""
    html = tmp / "kit.html"
    html.write_text(str(render_kit(kit, "html")), encoding="utf-8")
    out = tmp / "weasy.pdf"
    code = ("import sys; from douyin_team.kit.render.html import render_html; import weasyprint, msgspec; "
            "from douyin_team.kit import Kit; import pathlib; "
            "kit = msgspec.json.decode(pathlib.Path(sys.argv[1]).read_bytes(), type=Kit); "
            "pathlib.Path(sys.argv[2]).write_bytes(weasyprint.HTML(string=render_html(kit, True)).write_pdf())")
    import msgspec

    data = tmp / "kit.json"
    data.write_bytes(msgspec.json.encode(kit))
    subprocess.run([sys.executable, "-c", code, str(data), str(out)], check=True)
    return out


def libreoffice_pdf(kit: Kit, tmp: Path) -> Path:
    """LibreOffice headless printing the kit workbook (its print set-up: A4, fit to width)."""
    src = tmp / "lo.xlsx"
    src.write_bytes(render_kit(kit, "xlsx"))  # type: ignore[arg-type]
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(src)], check=True, capture_output=True)
    return tmp / "lo.pdf"


def chromium_pdf(kit: Kit, tmp: Path) -> Path:
    """Chromium (Debian's, via Playwright) printing the kit's print HTML to A4."""
    from playwright.sync_api import sync_playwright

    from douyin_team.kit.render.html import render_html

    page_file = tmp / "print.html"
    page_file.write_text(render_html(kit, print_version=True), encoding="utf-8")
    out = tmp / "chromium.pdf"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        page.goto(page_file.as_uri())
        page.pdf(path=str(out), format="A4", prefer_css_page_size=True)
        browser.close()
    return out


def inspect(pdf: Path) -> tuple[int, bool, bool]:
    """(pages, Chinese text extractable, every part starts on a page after the previous part's start)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    first: dict[str, int] = {}
    chinese = False
    for k in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(k), "-l", str(k), "-layout", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        chinese = chinese or "岗位" in text
        lines = {line.strip() for line in text.splitlines()}
        # a sheet's title row: "<merchant> · 团队工具包 · 考核表（成长阶段）"
        lines |= {re.sub(r"（.*", "", line.strip().rsplit("· ", 1)[-1]) for line in text.splitlines()}
        for part in PARTS.values():
            if part.zh in lines:
                first.setdefault(part.zh, k)
    starts = [first.get(p.zh, 0) for p in PARTS.values()]
    return pages, chinese, all(starts) and starts == sorted(set(starts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    kb = load_knowledge()
    options = KitOptions(date="2026-11-25")
    small = read_team(ROOT / "examples" / "my-team.yaml", kb)
    mature = plan_team(Profile(monthly_sales=2_500_000, merchant="山野茶铺"), kb)
    kits = {f"example ({len(small.people)} people)": build_kit(small, kb, "growth", "zh", options),
            f"mature plan ({len(mature.people)} people)": build_kit(mature, kb, "mature", "zh", options)}
    engines: dict[str, Callable[[Kit, Path], Path]] = {
        "WeasyPrint (HTML, ours)": weasyprint_pdf, "LibreOffice (XLSX)": libreoffice_pdf,
        "Chromium (HTML)": chromium_pdf}
    print(f"| kit | engine | seconds (best–worst of {args.runs}) | pages | KB | Chinese text | part per page |")
    print("|---|---|---|---|---|---|---|")
    for kit_name, kit in kits.items():
        for engine_name, engine in engines.items():
            times = []
            for _ in range(args.runs):
                with tempfile.TemporaryDirectory() as folder:
                    start = time.perf_counter()
                    pdf = engine(kit, Path(folder))
                    times.append(time.perf_counter() - start)
                    pages, chinese, breaks = inspect(pdf)
                    size = pdf.stat().st_size / 1024
            print(f"| {kit_name} | {engine_name} | {min(times):.2f}–{max(times):.2f} | {pages} | {size:.0f} "
                  f"| {'yes' if chinese else 'no'} | {'yes' if breaks else 'no'} |")


if __name__ == "__main__":
    main()
