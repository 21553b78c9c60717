"""Request bodies of the JSON API (pydantic, so the served OpenAPI describes them) and response helpers."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, StrictStr

from ..dump import dump_data

Format = Literal["json", "yaml", "markdown", "text"]
MEDIA = {"json": "application/json", "yaml": "application/yaml; charset=utf-8",
         "markdown": "text/markdown; charset=utf-8", "text": "text/plain; charset=utf-8"}
TEAM_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["stage", "people", "findings", "diagnosis"],
    "properties": {"stage": {"type": "string"}, "people": {"type": "array"}, "groups": {"type": "array"},
                   "findings": {"type": "array"}, "diagnosis": {"type": "object"}},
}
ERROR_SCHEMA: dict[str, Any] = {"type": "object", "required": ["error"], "properties": {"error": {"type": "object"}}}


def report_responses(schema: dict[str, Any] | None = None) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses of an endpoint answering with the CLI's output contract (or an error)."""
    data = {"schema": schema or {"type": "object"}}
    content: dict[str, Any] = {"application/json": data, MEDIA["yaml"]: data}  # YAML: the same data
    content.update({media: {"schema": {"type": "string"}} for fmt, media in MEDIA.items() if fmt in ("markdown", "text")})
    return {200: {"content": content}, 422: {"content": {"application/json": {"schema": ERROR_SCHEMA}}}}


def report(data: bytes | str, fmt: str) -> Response:
    """An answer in one of the CLI's formats, byte for byte what the CLI would write."""
    return Response(data, media_type=MEDIA[fmt])


def data_response(data: object, fmt: Literal["json", "yaml"] = "json") -> Response:
    """Plain data (or msgspec structs) as the CLI writes JSON/YAML."""
    return Response(dump_data(data, fmt), media_type=MEDIA[fmt])


class ApiBody(BaseModel):
    """A JSON body of the API: exactly the fields and types its schema gives. Strict, as a JSON client sends
    typed values: `false` is no number and `0` no yes-or-no (pydantic would read them as 0 and False)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class ProfileIn(ApiBody):
    """What the planner needs to know about a merchant (all optional; sales or stage decides the stage)."""

    merchant: str | None = Field(default=None, max_length=200)
    stage: str | None = Field(default=None, max_length=40, description="novice, growth or mature; else diagnosed from sales")
    monthly_sales: float | None = Field(default=None, ge=0, le=1e12, description="Monthly sales (GMV) in CNY")
    focus: Literal["live", "store", "video"] | None = None
    resources: list[Literal["supply_chain", "offline_stores", "ecommerce_team"]] = Field(default=[], max_length=3)
    headcount_budget: int | None = Field(default=None, ge=1, le=1_000_000)
    budget_cny: float | None = Field(default=None, ge=0, le=1e12, description="Monthly labour budget (人力预算) in CNY")
    live_hours: float | None = Field(default=None, ge=0, le=24, description="Live hours per day")
    city_tier: int | None = Field(default=None, ge=1, le=5, description="1 = tier-1 city … 5 = small town")
    ads: bool | None = Field(default=None, description="Whether the merchant buys paid traffic")
    order_value: float | None = Field(default=None, ge=1, le=1e7, description="Average order value (客单价) in CNY")
    category: str | None = Field(default=None, max_length=40,
                                 description="general, apparel, beauty, food, home, accessories or bulky")
    rooms: int | None = Field(default=None, ge=1, le=200, description="Live rooms / accounts (矩阵号) live at once")
    live_days: int | None = Field(default=None, ge=1, le=7, description="Live days a week per room")
    day_parts: list[str] = Field(default=[], max_length=6,
                                 description="Preferred day parts: morning, noon, afternoon, evening, night, late_night")
    ad_spend: float | None = Field(default=None, ge=0, le=1e12, description="Monthly paid-traffic spend (千川消耗) in CNY")
    fulfilment: Literal["own", "cloud", "none"] | None = None
    service: Literal["in_house", "outsourced"] | None = None
    videos_per_week: int | None = Field(default=None, ge=0, le=100_000, description="Short videos a week")



# A staffing call's workspace: the roster and plan are read with the titles it was taught (web/exports.py).
WorkspaceTitles = Annotated[int | None, Query(
    ge=1, le=2**31 - 1, description="A workspace you are in: the roster's skills and the plan's titles are read with "
    "the titles it was taught ('this title means …'; the plan's own `titles` come first)")]

class StaffIn(ApiBody):
    """A plan (any team document) and a roster of people to staff it with."""

    plan: dict[str, Any]
    roster: dict[str, Any] = Field(description="`people`: name, skills ({post: 1-5} or '主播5、助播3'), hours, monthly_cost")
    time_limit: float = Field(default=5.0, gt=0, le=30)
    seed: int = Field(default=0, ge=0, le=2**31 - 1)


class CompareIn(ApiBody):
    """Two team documents to put side by side."""

    a: dict[str, Any]
    b: dict[str, Any]
    # Not strict: a JSON array is no Python tuple, and strict pydantic would take only a tuple.
    names: tuple[StrictStr, StrictStr] = Field(default=("A", "B"), strict=False)


class WorkspaceIn(ApiBody):
    """A new workspace."""

    name: str = Field(min_length=1, max_length=200)
    kind: Literal["agency", "merchant"] = "agency"


class MemberIn(ApiBody):
    """A member to add (an invite waits if the email has no account yet)."""

    email: str = Field(min_length=3, max_length=254)
    role: Literal["owner", "editor", "viewer"] = "viewer"


class MerchantIn(ApiBody):
    """A merchant and the planner's answers about it."""

    name: str = Field(min_length=1, max_length=200)
    profile: ProfileIn = Field(default_factory=ProfileIn)


BASE_REVISION = ("The number of the latest revision you saw: 1 or more, as revisions count from 1 (null only "
                 "when the merchant has no team yet). If someone saved after it, nothing is saved: a 409 with both")


class TeamSave(ApiBody):
    """A new revision of a merchant's team: the whole team document and the revision it was edited from."""

    document: dict[str, Any]
    base_revision: int | None = Field(default=None, ge=1, le=2**31 - 1, description=BASE_REVISION)
    message: str = Field(default="", max_length=500)


class RestoreIn(ApiBody):
    """Restore an old revision on top of `base_revision` (the latest one you saw)."""

    base_revision: int | None = Field(default=None, ge=1, le=2**31 - 1, description=BASE_REVISION)
