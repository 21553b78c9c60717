"""The team: the model of a merchant's profile and people, team files (YAML/JSON), spreadsheet import,
rosters of people to staff from, the groups a team's posts fall into, and the team file's JSON Schema.
"""

from typing import TYPE_CHECKING

from .model import FOCI, RESOURCES, FindingOut, Focus, GroupOut, Person, Position, Profile, Reason, Team
from .roster import Candidate, Roster, read_roster, resolve_roster
from .structure import team_groups
from .teamfile import (
    convert_team,
    dump_team,
    locate,
    parse_text,
    read_bytes,
    read_team,
    read_text,
    resolve_team,
    split_roles,
)

if TYPE_CHECKING:
    from .importer import import_table, locate_row, read_rows
    from .schema import team_schema

# Loaded on first use: `plan` needs neither spreadsheets (csv, zipfile) nor the schema (json).
_LAZY = {"import_table": "importer", "locate_row": "importer", "read_rows": "importer", "team_schema": "schema"}

__all__ = [
    "FOCI", "RESOURCES", "Candidate", "FindingOut", "Focus", "GroupOut", "Person", "Position", "Profile", "Reason",
    "Roster", "Team", "convert_team", "dump_team", "import_table", "locate", "locate_row", "parse_text", "read_bytes",
    "read_roster", "read_rows", "read_team", "read_text", "resolve_roster", "resolve_team", "split_roles",
    "team_groups", "team_schema",
]


def __getattr__(name: str) -> object:
    """The names in `_LAZY`, imported from their module when first asked for."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
