"""The English kit is English: every part in every format (Markdown, HTML with its chart picture, the workbook,
the PDF, `kit --lang en`) holds no Chinese character or Chinese punctuation except the names the user typed, and
every KPI formula of the knowledge base reads in English (issue #15: 'Σ（揽收时间 − 付款时间）÷ 订单数' in an
English kit)."""

from __future__ import annotations

import base64
import io
import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from douyin_team.cli import main
from douyin_team.kit import KitOptions, build_kit, render_kit
from douyin_team.planning import plan_team
from douyin_team.team import Profile, Team, read_team

ROOT = Path(__file__).resolve().parents[2]
# Han characters, CJK punctuation (、。「」（）…), full-width forms (：；，) and the ideographic space
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")
SVG = re.compile(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")


def chinese_left(text: str, typed: list[str]) -> list[str]:
    """The runs of Chinese in the text once the names the user typed are taken out, each with its context."""
    for name in sorted(typed, key=len, reverse=True):
        text = text.replace(name, "")
    return sorted({text[max(0, m.start() - 30):m.end() + 10] for m in CJK.finditer(text)})


def english_parts(team: Team, kb, pdf: bool = False) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The English kit's text per format (the HTML's chart picture decoded and added; the workbook's cells)."""
    kit = build_kit(team, kb, team.stage or "growth", "en", KitOptions(start="20:00", date="2026-11-25"))
    html = str(render_kit(kit, "html"))
    pictures = [base64.b64decode(m.group(1)).decode() for m in SVG.finditer(html)]
    book = load_workbook(io.BytesIO(bytes(render_kit(kit, "xlsx"))))
    cells = [ws.title for ws in book] + [str(c.value) for ws in book for row in ws.iter_rows() for c in row
                                         if c.value is not None]
    parts = {"md": str(render_kit(kit, "md")), "html": html, "chart": "\n".join(pictures), "xlsx": "\n".join(cells)}
    if pdf:
        parts["pdf"] = subprocess.run(["pdftotext", "-", "-"], input=bytes(render_kit(kit, "pdf")),
                                      capture_output=True, check=True).stdout.decode()
    return parts


def test_every_kpi_formula_has_an_english_form(kb) -> None:  # type: ignore[no-untyped-def]
    with_formula = [m for m in kb.metrics if m.formula.zh]
    assert len(with_formula) >= 40
    missing = [m.id for m in with_formula if not m.formula.en or CJK.search(m.formula.en)]
    assert not missing, missing
    assert kb.metric["pickup_hours"].formula.en == "Σ (courier pickup time − payment time) ÷ orders"
    assert all(not m.formula.en for m in kb.metrics if not m.formula.zh)  # none made up where the platform has none


@pytest.mark.parametrize("sales, hours", [(30_000, 3), (600_000, 8), (50_000_000, 16)])
def test_an_english_plans_kit_has_no_chinese(kb, sales: int, hours: int) -> None:  # type: ignore[no-untyped-def]
    team = plan_team(Profile(monthly_sales=sales, live_hours=hours), kb, "en")
    for fmt, text in english_parts(team, kb, pdf=sales == 600_000).items():
        assert "KPI" in text or fmt == "chart"
        assert not chinese_left(text, []), (fmt, chinese_left(text, [])[:10])


def test_a_chinese_teams_english_kit_keeps_only_the_names_it_was_given(kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(ROOT / "examples" / "my-team.yaml", kb)  # 山野茶铺: 老周, 小雅, 阿杰, 小敏
    typed = [team.merchant or "", *(p.name for p in team.people)]
    parts = english_parts(team, kb, pdf=True)
    assert "Shelf GMV" in parts["md"] or "Pay ROI" in parts["md"] or "Live GMV" in parts["md"]
    for fmt, text in parts.items():
        assert not chinese_left(text, typed), (fmt, chinese_left(text, typed)[:10])
    assert "Reports to: 老周 (Team lead, Live ops) · Manages: —" in parts["md"]  # not 老周（…）　Manages


def test_the_kit_command_in_english(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["kit", str(ROOT / "examples" / "my-team.yaml"), "--format", "md", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "= actual sales ÷ target sales" in out or "÷" in out
    assert not chinese_left(out, ["山野茶铺", "老周", "小雅", "阿杰", "小敏"]), chinese_left(out, [])[:10]


def test_a_chinese_plans_english_kit_names_its_seats_in_english(kb) -> None:  # type: ignore[no-untyped-def]
    team = plan_team(Profile(monthly_sales=3_000_000, live_hours=8), kb, "zh")  # 主播A, 场控B … as the planner named them
    parts = english_parts(team, kb)
    for fmt, text in parts.items():
        assert not chinese_left(text, []), (fmt, chinese_left(text, [])[:10])
    assert "Host A" in parts["md"] and "Host A" in parts["chart"]
