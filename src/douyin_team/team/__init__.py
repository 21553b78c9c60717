"""The team: the model of a merchant's profile and people, team files (YAML/JSON), spreadsheet import,
rosters of people to staff from, the groups a team's posts fall into, and the team file's JSON Schema.
"""

from typing import TYPE_CHECKING

from .. import lazy
from .departments import department_group, department_groups, department_path, departments_of
from .model import (
    FOCI,
    RESOURCES,
    CostVariant,
    FindingOut,
    Focus,
    Fulfilment,
    GroupOut,
    Labour,
    OutsideCost,
    Person,
    PersonCost,
    Position,
    Profile,
    Reason,
    Service,
    Session,
    Team,
    WorkloadLine,
)
from .structure import team_groups

if TYPE_CHECKING:
    from .importer import import_table, locate_row, read_rows, read_team
    from .roster import Candidate, Roster, read_roster, resolve_roster
    from .schema import team_schema
    from .seatnames import in_language, seat_names
    from .teamfile import (
        convert_team,
        dump_team,
        locate,
        parse_text,
        read_bytes,
        read_team_file,
        read_text,
        resolve_team,
        split_roles,
    )
    from .titles import read_title, shown_title, taught_knowledge

# Loaded on first use: `plan` reads no file, spreadsheet or roster (csv, zipfile) and prints no schema.
__getattr__ = lazy(__name__, {
    "importer": ["import_table", "locate_row", "read_rows", "read_team"],
    "roster": ["Candidate", "Roster", "read_roster", "resolve_roster"],
    "schema": ["team_schema"],
    "seatnames": ["in_language", "seat_names"],
    "titles": ["read_title", "shown_title", "taught_knowledge"],
    "teamfile": ["convert_team", "dump_team", "locate", "parse_text", "read_bytes", "read_team_file", "read_text",
                 "resolve_team", "split_roles"],
})

__all__ = [
    "FOCI", "RESOURCES", "Candidate", "CostVariant", "FindingOut", "Focus", "Fulfilment", "GroupOut", "Labour",
    "in_language", "seat_names",
    "OutsideCost", "Person", "PersonCost", "Position", "Profile",
    "Reason", "Roster", "Service", "Session", "Team", "WorkloadLine", "convert_team", "department_group",
    "department_groups", "department_path", "departments_of", "dump_team", "import_table", "locate", "locate_row",
    "parse_text", "read_bytes",
    "read_roster", "read_rows", "read_team", "read_team_file", "read_text", "read_title", "resolve_roster", "resolve_team", "split_roles",
    "shown_title", "taught_knowledge", "team_groups", "team_schema",
]
