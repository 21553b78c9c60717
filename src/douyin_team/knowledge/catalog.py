"""The knowledge base shown to people: posts (`roles`), rules (`explain`) and the team file's schema."""

from __future__ import annotations

from ..dump import dump_data
from ..errors import UnknownRule
from ..text import Lang
from .model import KnowledgeBase, Role, Rule

PHASES = {"before": ("直播前", "Before"), "during": ("直播中", "During"), "after": ("直播后", "After")}


def render_roles(kb: KnowledgeBase, role: str | None, fmt: str, lang: Lang) -> str:
    """Every post (or one, by id, name or alias) with duties, skills and KPIs."""
    roles = [kb.role[kb.resolve_role(role, "role")]] if role else kb.roles
    if fmt in ("json", "yaml"):
        return dump_data(roles, fmt)
    md = fmt == "markdown"
    blocks = [_role_lines(kb, r, lang, md) for r in roles]
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"


def _role_lines(kb: KnowledgeBase, role: Role, lang: Lang, md: bool) -> list[str]:
    zh = lang == "zh"
    head = f"{role.name.get(lang)} ({role.id})"
    lines = [f"## {head}" if md else head, ""] if md else [head]
    ind = "" if md else "  "
    lines.append(f"{ind}{role.purpose.get(lang)}")
    aliases = "、".join(role.aliases) if zh else ", ".join(role.aliases)
    lines.append(f"{ind}{'别名' if zh else 'Aliases'}: {aliases}")
    for phase, (pzh, pen) in PHASES.items():
        lines.append(f"{ind}{pzh if zh else pen}:")
        lines += [f"{ind}- {d.get(lang)}" for d in getattr(role.duties, phase)]
    lines.append(f"{ind}{'技能' if zh else 'Skills'}: " + ("；" if zh else "; ").join(s.get(lang) for s in role.skills))
    lines.append(f"{ind}KPI:")
    for mid in role.kpis:
        m = kb.metric[mid]
        formula = f" = {m.formula.get(lang)}" if m.formula.zh else ""
        lines.append(f"{ind}- {m.name.get(lang)}{formula} [{m.data_source}]: {m.definition.get(lang)}")
    lines.append(f"{ind}{'来源' if zh else 'Sources'}: {kb.cite(role.sources, lang)}")
    return lines


def render_rules(kb: KnowledgeBase, rule_id: str | None, fmt: str, lang: Lang) -> str:
    """One rule in full, or the table of every rule: statement → rule id → test case."""
    if rule_id is not None:
        if rule_id not in kb.rule:
            import difflib

            close = difflib.get_close_matches(rule_id, list(kb.rule), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "run `douyin-team explain` to list every rule"
            raise UnknownRule(f"unknown rule '{rule_id}'", field="rule", hint=hint)
        rule = kb.rule[rule_id]
        return dump_data(rule, fmt) if fmt in ("json", "yaml") else "\n".join(_rule_lines(kb, rule, lang, fmt)) + "\n"
    rules = list(kb.rule.values())
    if fmt in ("json", "yaml"):
        return dump_data(rules, fmt)
    return "\n".join(rules_table(kb, rules, lang)) + "\n"


def _rule_lines(kb: KnowledgeBase, rule: Rule, lang: Lang, fmt: str) -> list[str]:
    zh = lang == "zh"
    stages = ", ".join(kb.stage[s].name.get(lang) for s in rule.stages)
    labels = ("依据", "原因", "严重程度", "适用阶段", "来源", "测试") if zh else ("Says", "Why", "Severity", "Stages", "Sources", "Test")
    bullet = "- " if fmt == "markdown" else "  "
    lines = [f"{'# ' if fmt == 'markdown' else ''}{rule.id}: {rule.title.get(lang)}", ""]
    lines += [f"{bullet}{labels[0]}: {rule.statement.get(lang)}", f"{bullet}{labels[1]}: {rule.why.get(lang)}",
              f"{bullet}{labels[2]}: {rule.severity}", f"{bullet}{labels[3]}: {stages}"]
    for sid in rule.sources:
        src = kb.source[sid]
        where = f" {src.url}" if src.url else ""
        ref = f" ({src.ref})" if src.ref else ""
        lines.append(f"{bullet}{labels[4]}: {src.title.get(lang)}{ref}{where} [{src.reliability}]")
    lines.append(f"{bullet}{labels[5]}: tests/cases/{rule.id}.yaml")
    return lines


def rules_table(kb: KnowledgeBase, rules: list[Rule], lang: Lang) -> list[str]:
    """A Markdown table: what the source says → rule id → severity → stages → the test that proves it."""
    zh = lang == "zh"
    lines = ["| 依据 | 规则 | 严重程度 | 阶段 | 来源 | 测试 |" if zh else "| Statement | Rule | Severity | Stages | Sources | Test |",
             "|---|---|---|---|---|---|"]
    for r in rules:
        stages = ", ".join(r.stages)
        lines.append(f"| {r.statement.get(lang)} | `{r.id}` | {r.severity} | {stages} | {', '.join(r.sources)} "
                     f"| `tests/cases/{r.id}.yaml` |")
    return lines
