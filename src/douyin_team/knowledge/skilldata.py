"""Staffing's skill figures: the lowest skill level a core post may be held at, and what one level of skill
is worth a month when the optimiser weighs a better person against a cheaper one.

The values live in `skill.yaml`; each cites its sources and says when it is our own estimate. A playbook
overrides a figure key by key (`skill: {level_worth: {value: 3000}}`) or one post's minimum
(`skill: {min_level: {ad_buyer: 4}}`).
"""

# No `from __future__ import annotations`: msgspec reads these classes' annotations when a command first
# decodes the cached knowledge base, and as strings they would be compiled there (3 ms of every start).

import msgspec

from .workload import Figure


class SkillFigures(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The skill figures staffing weighs people with (see skill.yaml)."""

    core_min_level: Figure
    level_worth: Figure
    min_level: dict[str, int] = {}  # per post (role id), over core_min_level (core posts) or 1 (others)

    def minimum(self, role: str, core: bool) -> int:
        """The lowest skill level (1–5) at which someone may hold this post."""
        if role in self.min_level:
            return self.min_level[role]
        return round(self.core_min_level.value) if core else 1

    @property
    def worth(self) -> int:
        """One skill level's worth, CNY a month, as a whole number (the optimiser counts in whole yuan)."""
        return round(self.level_worth.value)
