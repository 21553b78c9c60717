"""An agency's portfolio: every merchant with its stage, headcount, open posts, findings, labour share and
last change; searched, filtered and sorted (names in pinyin order, as Chinese readers expect)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import DouyinTeamError
from ..text import Lang
from .compute import Core
from .teamview import base_document

SORTS = ("name", "stage", "headcount", "open_posts", "errors", "warnings", "labour_share", "monthly_sales",
         "updated")


@dataclass(frozen=True)
class MerchantRow:
    """One line of the portfolio."""

    id: int
    name: str
    stage: str | None
    headcount: int
    open_posts: int
    errors: int
    warnings: int
    labour_share: float | None
    monthly_sales: float | None
    updated: Any
    updated_by: str
    pinyin: str
    archived: bool = False


def pinyin_key(name: str) -> str:
    """The name's sort key in pinyin (山野茶铺 → `shan ye cha pu`); other characters as they are."""
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(name)).lower()


def merchant_rows(core: Core, merchants: list[Any], latest: dict[int, Any], lang: Lang) -> list[MerchantRow]:
    """Each merchant's line, computed from its latest revision (checked, so findings are current)."""
    rows = []
    for m in merchants:
        revision = latest.get(m.id)
        team = None
        if revision is not None:
            try:
                team = core.checked_document(base_document(m, revision), lang)
            except DouyinTeamError:
                team = None  # a revision the knowledge base no longer accepts: shown without numbers
        people = team.people if team else []
        findings = team.findings or [] if team else []
        sales = m.profile.get("monthly_sales")
        labour = team.labour if team else None  # priced as the check prices it: own figures, then market pay
        rows.append(MerchantRow(
            id=m.id, name=m.name, stage=team.stage if team else None,
            headcount=sum(1 for p in people if not p.vacancy), open_posts=sum(1 for p in people if p.vacancy),
            errors=sum(1 for f in findings if f.severity == "error"),
            warnings=sum(1 for f in findings if f.severity == "warning"),
            labour_share=labour.share_of_sales if labour else None, monthly_sales=sales,
            updated=revision.created_at if revision else m.updated_at,
            updated_by=revision.author_name if revision else "", pinyin=pinyin_key(m.name),
            archived=m.archived_at is not None))
    return rows


def select_rows(rows: list[MerchantRow], query: str = "", stage: str = "", problems: bool = False,
                sort: str = "name", descending: bool = False) -> list[MerchantRow]:
    """The rows matching the search (name or its pinyin) and filters, sorted by one column (blanks last)."""
    q = query.strip().lower()
    out = [r for r in rows if (not q or q in r.name.lower() or q in r.pinyin.replace(" ", "") or q in r.pinyin)
           and (not stage or r.stage == stage) and (not problems or r.errors or r.warnings)]
    key = sort if sort in SORTS else "name"
    stage_order = {"novice": 0, "growth": 1, "mature": 2}

    def value(r: MerchantRow) -> Any:
        if key == "name":
            return r.pinyin
        if key == "stage":
            return stage_order.get(r.stage or "", None)
        return getattr(r, key)

    present = sorted((r for r in out if value(r) is not None), key=lambda r: (value(r), r.pinyin),
                     reverse=descending)
    return present + [r for r in out if value(r) is None]


def totals(rows: list[MerchantRow]) -> dict[str, Any]:
    """The workspace overview: merchants, people, open posts, errors and warnings, per stage (of the rows given:
    the page gives the active merchants only, so an archived one counts nowhere)."""
    stages: dict[str, int] = {}
    for r in rows:
        if r.stage:
            stages[r.stage] = stages.get(r.stage, 0) + 1
    return {"merchants": len(rows), "headcount": sum(r.headcount for r in rows),
            "open_posts": sum(r.open_posts for r in rows), "errors": sum(r.errors for r in rows),
            "warnings": sum(r.warnings for r in rows), "stages": stages}
