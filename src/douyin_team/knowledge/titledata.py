"""The title grammar's knowledge, as typed models: job-ad and team-list titles, the affixes around a post,
the channel and annotation words a title may carry.

The data lives in `knowledge/titles.yaml` (a playbook can add to it like any other section: a `titles`
entry maps a title the tool does not know). `team/titles.py` reads titles with it.
"""

# No `from __future__ import annotations`: msgspec reads these classes' annotations when a command first
# decodes the cached knowledge base, and as strings they would be compiled there (3 ms of every start).

from typing import Literal

import msgspec

Seniority = Literal["intern", "assistant", "staff", "senior", "lead", "manager", "head"]
Employment = Literal["part_time", "outsourced", "intern"]
SENIORITY_ORDER: tuple[Seniority, ...] = ("intern", "assistant", "staff", "senior", "lead", "manager", "head")


class TitleAlias(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A title as merchants and job ads write it (`id`, e.g. 剪辑师), the posts it means, and where the usage
    comes from. `context: ops` marks the generic 运营, whose posts the rest of the team decides; `context:
    outside` a job of the company outside the e-commerce team (财务, 行政): known, but no post of the team."""

    id: str
    roles: list[str]
    source: str
    context: Literal["ops", "outside"] | None = None


class TitleAffix(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A word around a post that keeps the post (助理, 主管, 高级 …), with the seniority it marks, if any."""

    id: str
    side: Literal["prefix", "suffix"]
    source: str
    seniority: Seniority | None = None


class TitleWord(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A word a title carries besides the post: a paid-traffic channel (千川 → the ad buyer's post) or an
    annotation on how the person is employed (兼职 → part-time)."""

    id: str
    kind: Literal["channel", "annotation"]
    source: str
    roles: list[str] = []
    employment: Employment | None = None


class DepartmentAlias(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A department as companies name it (客服部, 直播一组 …) and the knowledge base's group it maps to for
    the rules; the chart and the kit keep the company's own name."""

    id: str
    group: str
    source: str
