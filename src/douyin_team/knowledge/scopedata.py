"""What a team file can describe (`scope`): the whole company, one live room's crew, or one department, and
which rules judge each. The data lives in `knowledge/scopes.yaml`."""

# No `from __future__ import annotations`: msgspec reads these classes' annotations when a command first
# decodes the cached knowledge base, and as strings they would be compiled there (3 ms of every start).

from typing import Literal

import msgspec

from ..text import Text

ScopeId = Literal["company", "live_room", "department"]


class Scope(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A kind of team: its name, the company-wide rules that do not judge it, and for a crew the posts it needs
    (each entry a set of alternatives: one of them must be held)."""

    id: ScopeId
    name: Text
    description: Text
    sources: list[str]
    rules_off: list[str] = []
    needs: list[list[str]] = []
