"""Scenarios: "what if" teams beside a merchant's current one — the next stage's plan, a staffing result, or a
copy to try changes on. Viewers read them; editors and owners create, change, adopt and delete them.

A scenario holds a team document like a revision does; adopting one saves it as the merchant's next revision
(through the same path as any save, so it is checked and merged like an edit).
"""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..errors import InvalidValue
from ..textpolicy import clean_text
from .access import merchant_for, valid_id
from .errors import NotFound
from .models import Scenario, User, utcnow

Kind = Literal["copy", "next_stage", "staffing"]
KINDS: tuple[Kind, ...] = ("copy", "next_stage", "staffing")
MAX_SCENARIOS = 50  # per merchant: a list to choose from, not an archive


def _name(name: str) -> str:
    text = " ".join(clean_text(name, "name").split())  # a NUL was a 500 on PostgreSQL (the hostile sweep)
    if not text or len(text) > 100:
        raise InvalidValue("a scenario needs a name of 1 to 100 characters", field="name")
    return text


def save_scenario(s: Session, actor: User, merchant_id: int, name: str, kind: str,
                  document: dict[str, Any]) -> Scenario:
    """Editors and owners: keep a team document as a named scenario of the merchant."""
    merchant_for(s, actor, merchant_id, "editor")
    if kind not in KINDS:
        raise InvalidValue(f"unknown scenario kind '{kind}'", field="kind", hint="use copy, next_stage or staffing")
    count = len(s.scalars(select(Scenario.id).where(Scenario.merchant_id == merchant_id)).all())
    if count >= MAX_SCENARIOS:
        raise InvalidValue(f"a merchant keeps at most {MAX_SCENARIOS} scenarios", field="name",
                           hint="delete the scenarios you no longer need")
    scenario = Scenario(merchant_id=merchant_id, name=_name(name), kind=kind, document=document,
                        author_id=actor.id, author_name=actor.display_name)
    s.add(scenario)
    s.commit()
    return scenario


def list_scenarios(s: Session, actor: User, merchant_id: int) -> list[Scenario]:
    """The merchant's scenarios, newest first (anyone who can see the merchant)."""
    merchant_for(s, actor, merchant_id, "viewer")
    return scenarios_of(s, merchant_id)


def scenarios_of(s: Session, merchant_id: int) -> list[Scenario]:
    """The merchant's scenarios, newest first, for a caller that has checked the actor's access already."""
    return list(s.scalars(select(Scenario).where(Scenario.merchant_id == merchant_id)
                          .order_by(Scenario.updated_at.desc(), Scenario.id.desc())))


def get_scenario(s: Session, actor: User, merchant_id: int, scenario_id: int) -> Scenario:
    """One scenario of the merchant; NotFound for another merchant's or a missing one."""
    merchant_for(s, actor, merchant_id, "viewer")
    scenario = s.scalar(select(Scenario).where(Scenario.id == scenario_id, Scenario.merchant_id == merchant_id)) \
        if valid_id(scenario_id) else None
    if scenario is None:
        raise NotFound(f"no scenario {scenario_id}", field="scenario_id", hint="it may have been deleted")
    return scenario


def update_scenario(s: Session, actor: User, merchant_id: int, scenario_id: int, document: dict[str, Any],
                    name: str | None = None) -> Scenario:
    """Editors and owners: replace a scenario's team (and rename it)."""
    merchant_for(s, actor, merchant_id, "editor")
    scenario = get_scenario(s, actor, merchant_id, scenario_id)
    scenario.document = document
    if name is not None:
        scenario.name = _name(name)
    scenario.updated_at = utcnow()
    s.commit()
    return scenario


def delete_scenario(s: Session, actor: User, merchant_id: int, scenario_id: int) -> None:
    """Editors and owners: forget a scenario (the merchant's revisions are untouched)."""
    merchant_for(s, actor, merchant_id, "editor")
    get_scenario(s, actor, merchant_id, scenario_id)
    s.execute(delete(Scenario).where(Scenario.id == scenario_id))
    s.commit()
