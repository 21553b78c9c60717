"""Stage diagnosis from monthly sales, a given stage, or the headcount."""

from __future__ import annotations

from pathlib import Path

import pytest

from douyin_team.errors import InvalidValue
from douyin_team.knowledge import load_knowledge
from douyin_team.planning import diagnose


@pytest.mark.parametrize("sales, stage", [
    (0, "novice"), (9_999, "novice"), (99_999, "novice"), (100_000, "growth"),
    (999_999, "growth"), (1_000_000, "mature"), (80_000_000, "mature"),
])
def test_sales_bounds(kb, sales: float, stage: str) -> None:  # type: ignore[no-untyped-def]
    assert diagnose(kb, monthly_sales=sales).stage == stage


def test_reason_and_distance_to_next_stage(kb) -> None:  # type: ignore[no-untyped-def]
    d = diagnose(kb, monthly_sales=300_000)
    assert d.basis == "sales" and d.next_stage == "mature" and d.sales_to_next == 700_000
    assert "30万元" in d.reason.zh and "300,000" in d.reason.en
    assert d.sources and all(s in kb.source for s in d.sources)
    assert diagnose(kb, monthly_sales=5_000_000).next_stage is None


def test_given_stage_wins_and_a_mismatch_is_said(kb) -> None:  # type: ignore[no-untyped-def]
    d = diagnose(kb, monthly_sales=300_000, stage="mature")
    assert d.stage == "mature" and d.basis == "given" and "成长" in d.reason.zh
    assert diagnose(kb, monthly_sales=300_000, stage="growth").basis == "sales"


def test_headcount_fallback(kb) -> None:  # type: ignore[no-untyped-def]
    assert diagnose(kb, headcount=2).stage == "novice"
    assert diagnose(kb, headcount=5).stage == "growth"
    assert diagnose(kb, headcount=40).stage == "mature"


def test_nothing_to_go_on(kb) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidValue, match="cannot tell the stage"):
        diagnose(kb)
    with pytest.raises(InvalidValue, match="unknown stage"):
        diagnose(kb, stage="huge")


def test_threshold_is_configurable(tmp_path: Path) -> None:
    """The seed's other reading: a newcomer has not reached 10k a month."""
    playbook = tmp_path / "p.yaml"
    playbook.write_text("stages:\n  - {id: novice, sales_max: 10000}\n  - {id: growth, sales_min: 10000}\n")
    kb = load_knowledge(playbook)
    assert diagnose(kb, monthly_sales=50_000).stage == "growth"
    assert diagnose(kb, monthly_sales=9_000).stage == "novice"
