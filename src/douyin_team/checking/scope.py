"""What a team file describes and what it leaves unsaid: the scope that picks the rules (company, live-room
crew, department), the implicit owner, the facts the rules need and the assumptions made when they are not
stated, and the graded size of a team against its stage."""

from __future__ import annotations

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


def assumptions(kb: KnowledgeBase, team: Team, stage: str) -> list[Text]:
    """What the check assumed because the file did not say it, each with the field that would say it."""
    out: list[Text] = []
    if team.ads is None:
        out.append(Text(zh="没有说明是否投放付费流量（千川/随心推）：按投放规划，但不据此提示投手；不投放请写 ads: false，"
                           "确定投放写 ads: true 才检查有没有投手",
                        en="the file does not say whether you buy paid traffic (Qianchuan/boosts): planned as if you do, "
                           "but nothing is flagged for it; say `ads: false` if not, `ads: true` to have the ad buyer checked"))
    hosts = [p for p in team.people if {"anchor", "assistant_anchor"} & set(p.posts)]
    if team.live_hours is None and hosts:
        hours = kb.stage[stage].live_hours_default
        out.append(Text(zh=f"没有写每天开播几小时：按{kb.stage[stage].name.zh}常见的{hours:g}小时估算，不据此检查主播人数；写 live_hours 即可按实际检查",
                        en=f"the file does not give live hours a day: {hours:g} (usual for {kb.stage[stage].name.en}) is assumed "
                           "and hosts are not checked against it; give `live_hours` to check them"))
    if team.fulfilment is None and stage == "mature":
        out.append(Text(zh="没有说明发货方式：按自己打包发货（需要仓储配送团队）处理；用云仓、代发或厂家发货请写 fulfilment: cloud",
                        en="the file does not say how orders ship: taken as packed and shipped in-house (a fulfilment team); "
                           "say `fulfilment: cloud` for a cloud warehouse, drop-shipping or supplier shipping"))
    if (team.scope or "company") == "company" and team.owner_implicit is None and owner_implicit(team) \
            and not any("team_lead" in p.posts for p in team.people):
        out.append(Text(zh="名单里没有负责人：按老板本人统筹处理，不算缺岗；如果确实没人统筹，写 owner_implicit: false",
                        en="nobody in the list is the team lead: the owner is taken to lead, so it is not a missing post; "
                           "say `owner_implicit: false` if nobody does"))
    return out


def size_excess(kb: KnowledgeBase, team: Team, stage: str, far: float) -> str | None:
    """'far' when the team is far past its stage's usual size (over `far` times the maximum), 'modest' when
    above it but within that, None when not above."""
    top = kb.stage[stage].team_max
    count = len(team.people)
    if top is None or count <= top:
        return None
    return "far" if count > top * far else "modest"
