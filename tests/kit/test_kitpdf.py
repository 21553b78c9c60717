"""The kit PDF pipeline (kit/render/pdf.py): the same file whole or laid out in pieces on several processes
(same pages, same text, every page numbered "k / N"), the org chart's own readable pages in it (not one
clipped image), progress laying out against an estimate and drawing against the page total, and the pieces
shared out evenly."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from douyin_team import progress
from douyin_team.chart.render import render
from douyin_team.checking import check_team
from douyin_team.jobs.kinds import team_of
from douyin_team.kit import Kit, KitOptions, build_kit
from douyin_team.kit.render.pdf import kit_pdf, shares
from samples import big_team


@pytest.fixture(scope="module")
def kit(kb) -> Kit:  # type: ignore[no-untyped-def]
    team = team_of(big_team(40, span=3), kb)  # three reports each: a chart too wide for one page
    return build_kit(team, kb, check_team(team, kb).diagnosis.stage, "zh", KitOptions(date="2026-12-01"))


class Made:
    """The kit's PDF laid out whole and in pieces on 2 processes, with the progress each reported."""

    def __init__(self, kit: Kit) -> None:
        self.pdf: dict[int, bytes] = {}
        self.progress: dict[int, list[str]] = {}
        for processes in (1, 2):
            seen: list[str] = []
            with progress.listening(lambda d, t, w, seen=seen: seen.append(progress.describe(d, t, w))):
                self.pdf[processes] = kit_pdf(kit, processes)
            self.progress[processes] = seen


@pytest.fixture(scope="module")
def made(kit: Kit) -> Made:
    return Made(kit)


def page_texts(pdf: bytes, tmp_path: Path, name: str) -> list[str]:
    """Each page's text as Poppler reads it, without spaces (line breaks fall where they like). Noto CJK
    draws U+00B7 and U+2022 with one glyph, and a PDF maps a glyph back to one character: whichever the
    document used first, so the two are read as one."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    read = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    assert "Error" not in read.stderr, read.stderr  # Poppler reads every operator (a 1e-14 is no PDF number)
    text = read.stdout
    return ["".join(page.replace("\u2022", "\u00b7").split()) for page in text.split("\f")[:-1]]


def test_whole_and_in_pieces_make_the_same_pages_and_text(kit: Kit, made: Made, tmp_path: Path) -> None:
    whole, pieces = made.pdf[1], made.pdf[2]
    a, b = page_texts(whole, tmp_path, "whole"), page_texts(pieces, tmp_path, "pieces")
    assert len(a) == len(PdfReader(io.BytesIO(pieces)).pages) == len(b) > 10
    assert a == b
    assert all(text.endswith(f"{k}/{len(a)}") or f"{k}/{len(a)}" in text for k, text in enumerate(a, 1))
    assert kit_pdf(kit, 2) == pieces  # laid out again (a retried job): the same bytes


def test_the_org_chart_is_its_own_readable_pages_in_the_kit(kit: Kit, made: Made, tmp_path: Path) -> None:
    chart = render(kit.chart, "pdf")
    assert isinstance(chart, bytes)
    chart_pages = len(PdfReader(io.BytesIO(chart)).pages)
    assert chart_pages > 1  # 40 people three to a manager: tiled over several pages to stay readable
    texts = page_texts(made.pdf[1], tmp_path, "kit")
    title = "".join(kit.chart.title.split())
    on = [k for k, text in enumerate(texts) if title in text]
    assert len(on) == chart_pages and on == list(range(on[0], on[0] + chart_pages))  # together, in the org part
    assert "架构" in texts[0] and all(p.name in "".join(texts[k] for k in on) for p in kit.org[:40])


def test_progress_lays_out_against_an_estimate_then_draws_against_the_total_either_way(made: Made) -> None:
    for processes in (1, 2):
        seen = made.progress[processes]
        pages = len(PdfReader(io.BytesIO(made.pdf[processes])).pages)
        assert seen[-1] == f"第{pages}页，共{pages}页"
        # Laying out: the pages laid out so far (in pieces: summed over both processes) of an estimate said to be
        # one; then drawing, every page laid out: "第k页，共N页" with the exact total.
        laying = [x for x in seen if x.startswith("排版中")]
        drawing = seen[len(laying):]
        assert seen[:len(laying)] == laying and laying and drawing, (processes, seen)
        about = int(re.search(r"约共(\d+)页", laying[0]).group(1))  # type: ignore[union-attr]
        assert 0.75 * pages <= about <= 1.25 * pages, (about, pages)
        counted = [int(m.group(1)) for x in laying if (m := re.search(r"第(\d+)页", x))]
        assert counted == sorted(counted) and len(counted) >= 3 and counted[-1] <= pages, (processes, seen)
        drawn = [re.fullmatch(r"第(\d+)页，共(\d+)页", x) for x in drawing]
        assert all(m and int(m.group(2)) == pages for m in drawn), (processes, drawing)
        numbers = [int(m.group(1)) for m in drawn if m]
        assert numbers == sorted(numbers) and numbers[-1] == pages
    assert len(made.progress[1]) - len([x for x in made.progress[1] if x.startswith("排版中")]) >= pages  # each page


@pytest.mark.parametrize(("lengths", "n"), [([5, 1, 1, 1, 9, 2, 3], 2), ([4, 4, 4], 5), ([1], 2), ([3, 3, 2, 2, 2], 3)])
def test_shares_cover_every_part_once_in_even_groups(lengths: list[int], n: int) -> None:
    groups = shares(lengths, n)
    assert sorted(k for g in groups for k in g) == list(range(len(lengths)))
    assert all(g == sorted(g) and g for g in groups) and len(groups) == min(n, len(lengths))
    sums = [sum(lengths[k] for k in g) for g in groups]
    assert max(sums) - min(sums) <= max(lengths)  # longest first, each to the lightest group
