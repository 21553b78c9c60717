"""Findings grouped for people to read: a rule found for many people (a 2,000-person team's thousand hosts
without support) is said once, with the others listed, in the text and Markdown reports and the web panel.
The documents (JSON/YAML) keep every finding."""

from __future__ import annotations

from ..team import FindingOut
from ..text import Lang

GROUP_AFTER = 3  # a rule found more than this many times is said once
APART = {"title-unknown"}  # each unknown title has its own way to teach it: never grouped


def grouped(findings: list[FindingOut]) -> list[list[FindingOut]]:
    """The findings by rule and severity, in the order each first appears; a group of one unless the rule was
    found more than GROUP_AFTER times (and is not one kept APART)."""
    same: dict[tuple[str, str], list[FindingOut]] = {}
    for f in findings:
        same.setdefault((f.rule, f.severity), []).append(f)
    out: list[list[FindingOut]] = []
    for (rule, _), group in same.items():
        out += [group] if len(group) > GROUP_AFTER and rule not in APART else [[f] for f in group]
    return out


def same_of_others(messages: list[str], lang: Lang) -> tuple[str, ...]:
    """The other people, when every message is '<person>：<the same words>'; else nobody (say them one by one)."""
    mark = "：" if lang == "zh" else ": "
    parts = [m.partition(mark) for m in messages]
    if any(not sep for _, sep, _ in parts) or len({rest for _, _, rest in parts}) > 1:
        return ()
    return tuple(name for name, _, _ in parts[1:])
