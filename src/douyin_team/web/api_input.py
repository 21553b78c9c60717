"""What the JSON API accepts of a team document or a roster: exactly what its OpenAPI description says.

A team file or a spreadsheet is read leniently, as a person types it (`hours: "40"`, `vacancy: 1`). An API
client sends JSON typed by the team file's JSON Schema, so the API refuses a value of another type
(`vacancy: "yes"`, `owner_implicit: 0`) with a 422 naming the field rather than guessing what was meant; the
core (compute.py) then reads the document as it reads any team file. A staffing job is checked here as far as
its solver, so that bad input is a 422 at once and never a job that fails later.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ..errors import DouyinTeamError, InvalidValue
from ..knowledge import clock
from ..store import without_ids
from ..team import Roster, Team, convert_team, resolve_roster, taught_knowledge
from .compute import Core
from .phones import refuse_invisible_phones


def strict_team(document: Any) -> None:
    """Refuse (InvalidValue naming the field) a team document holding a value of another type than the team
    file's JSON Schema gives, a session time that is not a time of day, or a phone of invisible characters."""
    if not isinstance(document, dict):
        raise InvalidValue("a team must be an object with a `people` list", field="team")
    team = convert_team(without_ids(document), strict=True)
    for i, session in enumerate(team.sessions or []):
        clock(session.start, f"sessions[{i}].start")
        clock(session.end, f"sessions[{i}].end")
    refuse_invisible_phones(document)


def strict_roster(core: Core, roster: Any, plan: Team) -> Roster:
    """The roster as the staffing reads it (skills read with the titles the plan was taught), its values of the
    types its schema gives; errors name the field from the body's `roster`."""
    try:
        typed = msgspec.convert(roster, Roster, strict=True)
    except msgspec.ValidationError as exc:
        message, _, path = str(exc).partition(" - at `$")
        raise InvalidValue(message, field="roster." + (path.rstrip("`").lstrip(".") or "people")) from None
    try:
        return resolve_roster(typed, taught_knowledge(core.kb, plan.titles or {}))
    except DouyinTeamError as err:
        err.field = f"roster.{err.field}" if err.field else "roster"
        raise


def check_staffing(core: Core, plan: dict[str, Any], roster: Any) -> None:
    """Everything a staffing job refuses before its solver runs, refused now: the plan, the roster, and the
    posts and live sessions the solver would be given (a session's crew, its times)."""
    from ..checking import check_team
    from ..staffing import plan_posts

    strict_team(plan)
    team = core.team(plan)
    strict_roster(core, roster, team)
    plan_posts(team, core.kb, check_team(team, core.kb).diagnosis.stage)
