"""Two teams side by side: headcount, posts covered, combinations, cost and findings."""

from __future__ import annotations

import msgspec

from ..checking import check_team
from ..dump import dump_data
from ..knowledge import KnowledgeBase
from ..money import labour_cost
from ..team import Team
from ..text import Lang


class Side(msgspec.Struct, frozen=True):
    """What one team looks like at a glance."""

    name: str
    stage: str
    headcount: int
    vacancies: int
    posts: list[str]
    covered: list[str]  # posts someone in the team holds (not only an open post)
    combinations: list[list[str]]
    monthly_cost: float | None
    cost_share: float | None
    cost_flag: str | None
    errors: list[str]
    warnings: list[str]


def side(name: str, team: Team, kb: KnowledgeBase) -> Side:
    """Summarise one team (its stage diagnosed as `check` does)."""
    result = check_team(team, kb)
    costs = [p.monthly_cost for p in team.people if p.monthly_cost is not None]
    posts = {r for p in team.people for r in p.posts}
    held = {r for p in team.people if not p.vacancy for r in p.posts}
    cost = labour_cost(team, kb, result.diagnosis.stage)
    return Side(
        name=name, stage=result.diagnosis.stage, headcount=len(team.people),
        vacancies=sum(p.vacancy for p in team.people), posts=[r for r in kb.role if r in posts],
        covered=[r for r in kb.role if r in held],
        combinations=[p.posts for p in team.people if len(p.posts) > 1],
        monthly_cost=sum(costs) if costs else None, cost_share=cost.share if costs else None,
        cost_flag=cost.flag if costs else None,
        errors=[f.rule for f in result.findings if f.severity == "error"],
        warnings=[f.rule for f in result.findings if f.severity == "warning"],
    )


def render_comparison(a: Side, b: Side, kb: KnowledgeBase, lang: Lang, fmt: str) -> str:
    """A Markdown table (also for text) or JSON of the two sides, with what one has and the other lacks."""
    if fmt in ("json", "yaml"):
        return dump_data({"a": a, "b": b}, fmt)
    zh = lang == "zh"

    def names(roles: list[str]) -> str:
        return ("、" if zh else ", ").join(kb.role[r].name.get(lang) for r in roles) or "—"

    def combos(s: Side) -> str:
        return ("；" if zh else "; ").join(names(c) for c in s.combinations) or "—"

    def money(v: float | None) -> str:
        return "—" if v is None else f"{v:,.0f}"

    def share(s: Side) -> str:
        flag = {"low": "（偏低）" if zh else " (low)", "high": "（偏高）" if zh else " (high)"}.get(s.cost_flag or "", "")
        return "—" if s.cost_share is None else f"{s.cost_share:.1%}{flag}"

    rows = [
        ("阶段" if zh else "Stage", kb.stage[a.stage].name.get(lang), kb.stage[b.stage].name.get(lang)),
        ("人数" if zh else "Headcount", str(a.headcount), str(b.headcount)),
        ("待招聘" if zh else "To hire", str(a.vacancies), str(b.vacancies)),
        ("岗位数" if zh else "Posts", str(len(a.posts)), str(len(b.posts))),
        ("有人在岗的岗位" if zh else "Posts covered", f"{len(a.covered)}/{len(a.posts)}", f"{len(b.covered)}/{len(b.posts)}"),
        ("待招聘的岗位" if zh else "Posts open", names([r for r in a.posts if r not in a.covered]),
         names([r for r in b.posts if r not in b.covered])),
        ("只在这边的岗位" if zh else "Posts only here", names([r for r in a.posts if r not in b.posts]),
         names([r for r in b.posts if r not in a.posts])),
        ("兼任" if zh else "Combined posts", combos(a), combos(b)),
        ("月人力成本" if zh else "Monthly cost", money(a.monthly_cost), money(b.monthly_cost)),
        ("人力成本占月销" if zh else "Labour cost share", share(a), share(b)),
        ("错误" if zh else "Errors", ", ".join(a.errors) or "0", ", ".join(b.errors) or "0"),
        ("警告" if zh else "Warnings", ", ".join(a.warnings) or "0", ", ".join(b.warnings) or "0"),
    ]
    head = f"| {'项目' if zh else 'Item'} | {_cell(a.name)} | {_cell(b.name)} |"
    lines = [f"# {'团队对比' if zh else 'Team comparison'}", "", head, "|---|---|---|"]
    lines += [f"| {k} | {_cell(x)} | {_cell(y)} |" for k, x, y in rows]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return out.replace("[", "\\[").replace("]", "\\]")  # no live links from user text
