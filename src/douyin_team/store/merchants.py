"""Merchants of a workspace and their profile: the answers the planner needs (sales, focus, resources …)."""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from ..errors import InvalidValue
from ..team import Profile
from ..textpolicy import clean_data, clean_text
from .access import merchant_for, require
from .models import Merchant, Revision, User, utcnow

PROFILE_FIELDS = ("monthly_sales", "focus", "resources", "headcount_budget", "budget_cny", "live_hours", "city_tier", "ads",
                  "stage", "order_value", "category", "rooms", "live_days", "day_parts", "ad_spend", "fulfilment",
                  "service", "videos_per_week")


def check_profile(profile: dict[str, Any]) -> dict[str, Any]:
    """The profile as stored: type-checked against the planner's Profile, unset fields left out."""
    if not isinstance(profile, dict):
        raise InvalidValue("a profile must be a mapping of the planner's fields", field="profile")
    unknown = sorted(set(profile) - set(PROFILE_FIELDS))
    if unknown:
        raise InvalidValue(f"unknown profile field `{unknown[0]}`", field=f"profile.{unknown[0]}",
                           hint=f"use: {', '.join(PROFILE_FIELDS)}")
    try:
        clean = clean_data({k: v for k, v in profile.items() if v is not None}, "profile")
        value = msgspec.convert(clean, Profile, strict=False)
    except msgspec.ValidationError as exc:
        message, _, path = str(exc).partition(" - at `$")
        field = "profile" + (path.rstrip("`") or "")
        raise InvalidValue(message, field=field, hint="see `douyin-team plan --help` for what each field means") from None
    if value.stage is not None:
        from .revisions import knowledge

        if value.stage not in knowledge().stage:
            raise InvalidValue(f"unknown stage '{value.stage}'", field="profile.stage",
                               hint=f"use one of: {', '.join(knowledge().stage)}")
    stored: dict[str, Any] = msgspec.to_builtins(value)
    return stored


def _check_name(name: str) -> str:
    label = " ".join(clean_text(name, "name").split())
    if not label or len(label) > 200:
        raise InvalidValue("a merchant name must be 1 to 200 characters", field="name")
    return label


def create_merchant(s: Session, actor: User, workspace_id: int, name: str, profile: dict[str, Any]) -> Merchant:
    """Editors and owners: a new merchant in the workspace with its planner profile."""
    require(s, actor, workspace_id, "editor")
    merchant = Merchant(workspace_id=workspace_id, name=_check_name(name), profile=check_profile(profile))
    s.add(merchant)
    s.commit()
    return merchant


def list_merchants(s: Session, actor: User, workspace_id: int, archived: bool | None = False) -> list[Merchant]:
    """The workspace's merchants by name; any member may look.

    `archived`: False (the default) the active ones, True the archived ones, None both.
    """
    require(s, actor, workspace_id, "viewer")
    query = select(Merchant).where(Merchant.workspace_id == workspace_id)
    if archived is not None:
        query = query.where(Merchant.archived_at.is_not(None) if archived else Merchant.archived_at.is_(None))
    return list(s.scalars(query.order_by(Merchant.name, Merchant.id)))


def get_merchant(s: Session, actor: User, merchant_id: int) -> Merchant:
    """One merchant; NotFound unless the actor is a member of its workspace."""
    return merchant_for(s, actor, merchant_id, "viewer")


def update_merchant(s: Session, actor: User, merchant_id: int, name: str, profile: dict[str, Any]) -> Merchant:
    """Editors and owners: rename the merchant and replace its profile."""
    merchant = merchant_for(s, actor, merchant_id, "editor")
    merchant.name = _check_name(name)
    merchant.profile = check_profile(profile)
    merchant.updated_at = utcnow()
    s.commit()
    return merchant


def archive_merchant(s: Session, actor: User, merchant_id: int, archived: bool = True) -> Merchant:
    """Editors and owners: archive the merchant (hidden from the portfolio, its team and history kept) or bring
    it back. Editors may, as they may create merchants: archiving loses nothing and is undone in one click."""
    merchant = merchant_for(s, actor, merchant_id, "editor")
    if archived and merchant.archived_at is None:
        merchant.archived_at = utcnow()
    elif not archived:
        merchant.archived_at = None
    s.commit()
    return merchant


def delete_merchant(s: Session, actor: User, merchant_id: int) -> None:
    """Owners only (it deletes the team's whole history too): remove the merchant and its revisions."""
    merchant = merchant_for(s, actor, merchant_id, "owner")
    s.delete(merchant)
    s.commit()


def latest_revisions(s: Session, actor: User, workspace_id: int) -> dict[int, Revision]:
    """The newest revision of every merchant of the workspace, by merchant id (one query)."""
    require(s, actor, workspace_id, "viewer")
    newest = (select(Revision.merchant_id, func.max(Revision.number).label("number"))
              .join(Merchant, Merchant.id == Revision.merchant_id).where(Merchant.workspace_id == workspace_id)
              .group_by(Revision.merchant_id).subquery())
    query = select(Revision).join(newest, and_(Revision.merchant_id == newest.c.merchant_id,
                                               Revision.number == newest.c.number))
    return {r.merchant_id: r for r in s.scalars(query)}
