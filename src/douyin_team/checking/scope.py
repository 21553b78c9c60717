"""What a team file describes and what it leaves unsaid: the scope that picks the rules (company, live-room
crew, department), the implicit owner, the facts the rules need and the assumptions made when they are not
stated, and the graded size of a team against its stage."""

from __future__ import annotations

import msgspec

from ..knowledge import KnowledgeBase, Rule
from ..team import Team
from ..text import Text

SMALL_TEAM = 5  # up to this many people, a team without a 负责人 is taken to be led by its owner


def in_scope(kb: KnowledgeBase, team: Team, rule: Rule) -> bool:
    """Whether the rule judges a team of this scope (a crew is not judged by company-wide rules)."""
    scope = next((s for s in kb.scopes if s.id == (team.scope or "company")), None)
    return scope is None or rule.id not in scope.rules_off


def owner_implicit(team: Team) -> bool:
    """The owner leads without being listed: the file says so, or (unsaid) nobody holds 负责人 in a small team
    or in a list where nobody reports to anybody."""
    if team.owner_implicit is not None:
        return team.owner_implicit
    if any("team_lead" in p.posts for p in team.people):
        return False
    return len(team.people) <= SMALL_TEAM or not any(p.reports_to for p in team.people)


def not_needed(team: Team) -> set[str]:
    """Posts the team's stated facts make unnecessary: the lead when the owner is implicit, fulfilment with a
    cloud warehouse (or no stock), service when it is outsourced."""
    skip = {"team_lead"} if owner_implicit(team) else set()
    if team.fulfilment in ("cloud", "none"):
        skip.add("fulfillment")
    if team.service == "outsourced":
        skip.add("customer_service")
    return skip


class Assumption(msgspec.Struct, frozen=True):
    """A fact the check assumed, said two ways: for a team file (the key to write) and for the web app (the
    question of the merchant's answers, or the roster, where it is said)."""

    file: Text
    web: Text


def assumptions(kb: KnowledgeBase, team: Team, stage: str) -> list[Assumption]:
    """What the check assumed because the file did not say it, each with where to say it."""
    out: list[Assumption] = []
    if team.ads is None:
        said = ("没有说明是否投放付费流量（千川/随心推）：按投放规划，但不据此提示投手；",
                "the file does not say whether you buy paid traffic (Qianchuan/boosts): planned as if you do, "
                "but nothing is flagged for it; ")
        out.append(Assumption(
            Text(zh=said[0] + "不投放请写 ads: false，确定投放写 ads: true 才检查有没有投手（检查表格时加 --no-ads 或 --ads）",
                 en=said[1] + "say `ads: false` if not, `ads: true` to have the ad buyer checked "
                              "(for a spreadsheet, add --no-ads or --ads to check)"),
            Text(zh=said[0] + "在商家信息的“付费流量”里说明投不投放，才按实际检查有没有投手",
                 en=said[1] + "answer Paid traffic in the merchant's answers to have the ad buyer checked")))
    hosts = [p for p in team.people if {"anchor", "assistant_anchor"} & set(p.posts)]
    if team.live_hours is None and hosts:
        hours, name = kb.stage[stage].live_hours_default, kb.stage[stage].name
        said = (f"没有写每天开播几小时：按{name.zh}常见的{hours:g}小时估算，不据此检查主播人数；",
                f"the file does not give live hours a day: {hours:g} (usual for {name.en}) is assumed "
                "and hosts are not checked against it; ")
        out.append(Assumption(Text(zh=said[0] + "写 live_hours（检查表格时加 --live-hours）即可按实际检查",
                                   en=said[1] + "give `live_hours` (for a spreadsheet, --live-hours) to check them"),
                              Text(zh=said[0] + "在商家信息里填“每天开播时长”即可按实际检查",
                                   en=said[1] + "give Live hours a day in the merchant's answers to check them")))
    if team.fulfilment is None and stage == "mature":
        said = ("没有说明发货方式：按自己打包发货（需要仓储配送团队）处理；",
                "the file does not say how orders ship: taken as packed and shipped in-house (a fulfilment team); ")
        out.append(Assumption(
            Text(zh=said[0] + "用云仓、代发或厂家发货请写 fulfilment: cloud（检查表格时加 --fulfilment cloud）",
                 en=said[1] + "say `fulfilment: cloud` for a cloud warehouse, drop-shipping or supplier shipping "
                              "(for a spreadsheet, --fulfilment cloud)"),
            Text(zh=said[0] + "用云仓、代发或厂家发货，请在商家信息的“发货方式”里选“云仓/代发”",
                 en=said[1] + "choose Cloud warehouse / drop-ship under Fulfilment in the merchant's answers")))
    if (team.scope or "company") == "company" and team.owner_implicit is None and owner_implicit(team) \
            and not any("team_lead" in p.posts for p in team.people):
        said = ("名单里没有负责人：按老板本人统筹处理，不算缺岗；",
                "nobody in the list is the team lead: the owner is taken to lead, so it is not a missing post; ")
        out.append(Assumption(
            Text(zh=said[0] + "如果确实没人统筹，写 owner_implicit: false（表格里可加一行负责人，标为待招聘）",
                 en=said[1] + "say `owner_implicit: false` if nobody does (in a spreadsheet, add a Team lead row, "
                              "an open post if need be)"),
            Text(zh=said[0] + "如果确实没人统筹，就在人员表里加一个负责人（可标为待招聘）",
                 en=said[1] + "if nobody does, add a Team lead to the roster (an open post if need be)")))
    return out


def size_excess(kb: KnowledgeBase, team: Team, stage: str, far: float) -> str | None:
    """'far' when the team is far past its stage's usual size (over `far` times the maximum), 'modest' when
    above it but within that, None when not above or when far past it but sized by its own work (a plan's
    workload, when the team carries one: its reasons say the team follows the work; that is no lavish team)."""
    top = kb.stage[stage].team_max
    count = team.headcount()
    if top is None or count <= top:
        return None
    if count <= top * far:
        return "modest"
    work = sum(line.people for line in team.workload or [])
    return "far" if count > work * far else None
