"""The team kit's knowledge, as typed models: the live-session SOP and job requirements (scorecards are
in `scoredata.py`).

The data lives in `knowledge/kit.yaml` next to the rest of the knowledge base (and can be changed by a
playbook like any other section); `model.KnowledgeBase` holds these lists and `validate.py` cross-checks them.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from ..text import Text


class SopStep(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One line of the live-session run sheet: when (minutes from the session's start or end), what,
    and the posts that own it in order of preference (the first post the team has takes the line)."""

    id: str
    phase: Literal["before", "during", "after"]
    at: int
    task: Text
    roles: list[str]
    sources: list[str]
    anchor: Literal["start", "end"] = "start"
    until: int | None = None
    # An optional line is left out when the team holds none of its posts (no fallback owner for it).
    optional: bool = False


class Requirement(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A hiring requirement for posts (all posts when `roles` is empty) at the given stages."""

    id: str
    stages: list[str]
    text: Text
    sources: list[str]
    roles: list[str] = []


class DataSourceName(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The name shown for a metric's data source id (compass → 罗盘 …)."""

    id: str
    name: Text
