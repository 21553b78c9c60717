"""The team model: a merchant's profile and the people who hold its posts.

A team file (YAML or JSON) and a plan written by `douyin-team plan` share this one shape, so a plan can
be edited by hand and checked again. The sections a plan adds (`groups`, `findings`, `decisions`) are
accepted when read and recomputed, never trusted.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from ..text import Text

Focus = Literal["live", "store", "video"]
Resource = Literal["supply_chain", "offline_stores", "ecommerce_team"]
Fulfilment = Literal["own", "cloud", "none"]
Service = Literal["in_house", "outsourced"]
FOCI: tuple[Focus, ...] = ("live", "store", "video")
RESOURCES: tuple[Resource, ...] = ("supply_chain", "offline_stores", "ecommerce_team")

Name = Annotated[str, Meta(min_length=1, max_length=100, description="Unique within the team")]
Money = Annotated[float, Meta(ge=0, le=1e12)]


class Reason(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """Why the planner made a decision, and the rules or sources it rests on."""

    about: str
    text: str
    sources: list[str] = []


class Person(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """One person (or open post) in a team."""

    name: Name
    roles: Annotated[
        list[str] | str,
        Meta(description="Role ids, Chinese names or aliases; a string may list several separated by 、/，,+"),
    ]
    reports_to: str | None = None
    vacancy: Annotated[bool, Meta(description="An open post still to be hired (待招聘)")] = False
    hours: Annotated[float, Meta(ge=0, le=168, description="Working hours per week")] | None = None
    monthly_cost: Annotated[Money, Meta(description="Monthly cost in CNY")] | None = None
    department: Annotated[str, Meta(max_length=100)] | None = None
    can_cover: Annotated[
        list[str] | str, Meta(description="Posts this person can stand in for (role ids, names or aliases)")
    ] = []
    reasons: list[Reason] = []
    unknown_titles: Annotated[
        list[str], Meta(description="Titles as written that no post was found for (read again with a playbook's titles)")
    ] = []
    employment: Annotated[
        Literal["part_time", "outsourced", "intern"], Meta(description="兼职, 外包 or 实习, when the title says so")
    ] | None = None
    phone: Annotated[
        str, Meta(max_length=40, description="Phone number (kept only when asked: `import --keep-phone`); digits, +, - "
                                             "and spaces")
    ] | None = None

    @property
    def posts(self) -> list[str]:
        """The person's roles as a list (in a resolved team: role ids, in knowledge-base order)."""
        return [self.roles] if isinstance(self.roles, str) else self.roles

    @property
    def covers(self) -> list[str]:
        """The posts the person can stand in for, as a list."""
        return [self.can_cover] if isinstance(self.can_cover, str) else self.can_cover


class Profile(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """What the planner and checker need to know about the merchant."""

    merchant: Annotated[str, Meta(max_length=200)] | None = None
    stage: Annotated[str, Meta(description="novice, growth or mature; diagnosed from monthly_sales if absent")] | None = None
    monthly_sales: Annotated[Money, Meta(description="Monthly sales (GMV) in CNY")] | None = None
    focus: Focus | None = None
    resources: list[Resource] = []
    headcount_budget: Annotated[int, Meta(ge=1, le=1_000_000)] | None = None
    live_hours: Annotated[float, Meta(ge=0, le=24, description="Live hours per day")] | None = None
    city_tier: Annotated[int, Meta(ge=1, le=5, description="1 = tier-1 city … 5 = small town")] | None = None
    ads: Annotated[bool, Meta(description="Whether the merchant buys paid traffic (千川/随心推)")] | None = None
    order_value: Annotated[float, Meta(ge=1, le=1e7, description="Average order value (客单价) in CNY")] | None = None
    category: Annotated[str, Meta(max_length=40, description="Product category: general, apparel, beauty, food, home, accessories, bulky")] | None = None
    rooms: Annotated[int, Meta(ge=1, le=200, description="Live rooms / accounts (矩阵号) live at the same time")] | None = None
    live_days: Annotated[int, Meta(ge=1, le=7, description="Live days a week per room")] | None = None
    day_parts: Annotated[list[str], Meta(description="Preferred day parts: morning 早场, noon 午场, afternoon 下午场, evening 晚场, night 夜场")] = []
    ad_spend: Annotated[Money, Meta(description="Monthly paid-traffic spend (千川消耗) in CNY")] | None = None
    fulfilment: Annotated[Fulfilment, Meta(description="own (自有仓), cloud (云仓/代发) or none (精选联盟 only, no stock)")] | None = None
    service: Annotated[Service, Meta(description="Customer service in_house or outsourced (外包)")] | None = None
    videos_per_week: Annotated[int, Meta(ge=0, le=100_000, description="Short videos a week")] | None = None
    budget_cny: Annotated[Money, Meta(description="Monthly money budget for labour (人力预算) in CNY")] | None = None


class Position(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A post in a group and who holds it."""

    role: str
    person: str


class GroupOut(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """A group of the team as the planner or checker sees it."""

    id: str
    name: str
    positions: list[Position]
    parent: str | None = None
    maps_to: Annotated[str, Meta(description="For a company's own department: the knowledge base's group it maps to")] | None = None


class FindingOut(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """A finding as written to a file."""

    rule: str
    severity: Literal["error", "warning", "info"]
    message: str
    people: list[str] = []
    roles: list[str] = []
    sources: list[str] = []


class Session(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """A live session of a plan: its room, clock times, days a week and on-air crew (by name)."""

    room: int
    start: str
    end: str
    days_per_week: int
    crew: list[str] = []
    part: str | None = None


class WorkloadLine(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """One driver of the workload: how much work, how much one person does, and the people it needs."""

    post: str
    driver: str
    # Bounded, as a team document read back may carry any numbers here (staffing and the kit size posts by them).
    amount: Annotated[float, Meta(ge=0, le=1e12)]
    per_person: Annotated[float, Meta(ge=0, le=1e12)]
    people: Annotated[float, Meta(ge=0, le=100_000)]
    sources: list[str] = []


class PersonCost(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """What one person (or open post) costs a month: base, commission, total and the usual range; `basis` says
    where the figure comes from: the team's own `monthly_cost`, the market (pay.yaml), or the owner (unpaid)."""

    name: str
    base: float
    commission: float
    total: float
    low: float
    high: float
    basis: Literal["own", "market", "owner"]


class OutsideCost(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """Work bought outside the team (outsourced service, a cloud warehouse): its monthly cost and range."""

    what: Literal["outsourced_service", "cloud_warehouse"]
    amount: float  # chats or orders a day
    monthly: float
    low: float
    high: float
    sources: list[str] = []


class CostVariant(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """A cheaper way to run the same business: what changes, the headcount and what it costs."""

    change: str
    text: str
    headcount: int
    monthly_cost: float
    share_of_sales: float | None = None
    within_rule: bool = False


class Labour(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """A team's monthly labour cost, priced person by person, against the usual share of sales."""

    monthly_cost: float
    base: float
    commission: float
    range_low: float
    range_high: float
    share_of_sales: float | None
    share_min: float
    share_max: float
    city_tier: int
    people: list[PersonCost]
    outside: list[OutsideCost] = []
    variants: list[CostVariant] = []
    budget: Money | None = None
    sources: list[str] = []


class Team(Profile, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """A team file: the merchant's profile and its people (plus a plan's or check's output sections)."""

    people: list[Person]
    groups: list[GroupOut] | None = None
    findings: list[FindingOut] | None = None
    decisions: list[Reason] | None = None
    diagnosis: dict[str, Any] | None = None
    sessions: list[Session] | None = None
    workload: list[WorkloadLine] | None = None
    labour: Labour | None = None
    readings: list[TitleNote] | None = None
    scope: Annotated[
        Literal["company", "live_room", "department"],
        Meta(description="What the file describes: the whole company (default), one live room's crew, or a department"),
    ] | None = None
    owner_implicit: Annotated[
        bool, Meta(description="The owner leads without being listed (no 负责人 in the file is not a gap)")
    ] | None = None
    titles: Annotated[
        dict[Annotated[str, Meta(min_length=1, max_length=100)], list[str]],
        Meta(description="Titles taught for this team (title → posts), read before the knowledge base's; "
                         "the web app fills it with the workspace's 'this title means …' choices"),
    ] | None = None

    def outside_people(self) -> set[str]:
        """The names of those whose only titles are jobs of the company outside the e-commerce team (财务, 行政:
        their titles' notes say so once the team is read), whom a directory export lists beside it."""
        outside = {n for note in self.readings or [] if note.kind == "outside" and not note.cover for n in note.people}
        return {p.name for p in self.people if p.name.strip() in outside and not p.posts and not p.vacancy} if outside else set()

    def headcount(self) -> int:
        """The people of the e-commerce team: everyone but those in jobs outside it (`outside_people`)."""
        return len(self.people) - len(self.outside_people()) if self.readings else len(self.people)


class TitleNote(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """What was read from a title that is not simply a post's name: unknown parts with the nearest posts, the
    generic 运营 decided by the team, or a compound, affixed or annotated title, and the people who wrote it."""

    title: str
    kind: Literal["unknown", "outside", "ops", "read"]
    people: list[str]
    roles: list[str] = []
    nearest: list[str] = []
    why: Text | None = None
    cover: bool = False  # written only under can_cover (可替岗): an unknown one is not counted as cover
