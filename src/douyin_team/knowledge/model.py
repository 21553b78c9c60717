"""The knowledge base: stages, groups, roles, metrics, combinations, rules — typed and cross-checked.

The data lives in the YAML files beside this module; every item cites its sources. `loading.py` reads
them (and a playbook laid over them) into these models.
"""

# No `from __future__ import annotations`: msgspec reads these classes' annotations when a command first
# decodes the cached knowledge base, and as strings they would be compiled there (3 ms of every start).

import unicodedata
from collections.abc import Iterable
from functools import cached_property
from typing import Any, Literal

import msgspec

from ..errors import KnowledgeError, UnknownRole
from ..text import Lang, Text
from .kitdata import DataSourceName, Hiring, Requirement, Segment, ShowFigures, SopStep
from .pay import PayFigures, PayTier, PostPayData
from .scopedata import Scope
from .scoredata import PostCard, Scoring
from .skilldata import SkillFigures
from .titledata import DepartmentAlias, TitleAffix, TitleAlias, TitleWord
from .workload import Category, DayPart, Workload

FULL_TIME_HOURS = 40.0  # a full-time week, the hours a post's load of 1.0 takes
Severity = Literal["error", "warning", "info"]
Phase = Literal["before", "during", "after"]


class Source(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Where a piece of knowledge comes from."""

    id: str
    title: Text
    reliability: Literal["seed", "blog", "code", "low", "unsure", "model"]
    url: str | None = None
    ref: str | None = None


class Stage(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A stage of a merchant's growth, with its sales bounds and team size."""

    id: str
    name: Text
    description: Text
    sales_min: float
    sales_max: float | None
    team_min: int
    team_max: int | None
    required_roles: list[str]
    placement: dict[str, str]
    live_hours_default: float
    sources: list[str]
    merge: Literal["any", "common"] = "any"


class Group(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A group (直播组 …) or a department of a mature merchant (客户服务部 …)."""

    id: str
    name: Text
    kind: Literal["lead", "group", "department"]
    description: Text
    stages: list[str]
    sources: list[str]
    parent: str | None = None
    lead_role: str | None = None


class Duties(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What a post does before, during and after a live session."""

    before: list[Text]
    during: list[Text]
    after: list[Text]


class Role(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A post (岗位) with its duties, skills and KPIs."""

    id: str
    name: Text
    aliases: list[str]
    group: str
    core: bool
    purpose: Text
    duties: Duties
    skills: list[Text]
    kpis: list[str]
    sources: list[str]
    leads: list[str] = []  # a manager post: the posts whose working leads (组长) report to it at scale


class Metric(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A KPI metric with its definition and where its data comes from."""

    id: str
    name: Text
    definition: Text
    formula: Text  # in both languages (empty where the metric is read off the platform as is)
    data_source: Literal["compass", "qianchuan", "doudian", "feige", "internal"]
    direction: Literal["higher", "lower"]  # which way is better; a scorecard scores lower-is-better ones inverted
    # percent values are kept as fractions (0.05 = 5%); ratio = ROI-like multiples; score = a platform score;
    # cny = an amount that adds up over a month, price = CNY per something (GPM, cost per order)
    unit: Literal["percent", "ratio", "cny", "price", "seconds", "hours", "count", "number", "score"]
    sources: list[str]


class Combination(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A set of posts that one person may hold together (兼任) at the given stages."""

    id: str
    roles: list[str]
    stages: list[str]
    note: Text
    sources: list[str]
    from_seed: bool = False


class Rule(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A checkable rule: which check runs, with what parameters, and what it tells the user."""

    id: str
    check: str
    severity: Severity
    stages: list[str]
    title: Text
    message: Text
    why: Text
    statement: Text
    sources: list[str]
    params: dict[str, Any] = {}
    enabled: bool = True


class PostSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One post the planner considers at a stage, with the share of a person's time it takes."""

    role: str
    load: float
    why: Text
    sources: list[str]
    per_shift: bool = False
    focus: list[str] = []
    if_resources: list[str] = []
    only_with_ads: bool = False
    count: int = 1
    # What sizes the post (planning/workload.py): "session" (on-air crew of every live session), "service",
    # "packing", "ads", "videos", "directors", "rooms", "shelf", "design", "sales"; none: the load as given.
    driver: str | None = None


class Settings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Numbers the planner and checker use; every one can be changed in a playbook."""

    shift_hours: float = 6.0
    host_hours_per_month: float = 60.0
    live_days_per_month: float = 26.0
    lean_factor: float = 0.6
    focus_factor: float = 1.5
    small_city_tier: int = 3
    small_city_specialist_factor: float = 0.7
    specialist_roles: list[str] = []
    max_load: float = 1.0
    overload_tolerance: float = 1.25
    labour_cost_share_min: float = 0.08
    labour_cost_share_max: float = 0.15
    max_weekly_hours: float = 60.0
    max_shifts: dict[str, int] = {}
    exclusive_pairs: list[list[str]] = []
    existing_team_roles: list[str] = []
    live_start: str = "19:00"
    day_window: str = "09:00-18:00"
    host_roles: list[str] = []
    control_roles: list[str] = []
    follow_live_roles: list[str] = []
    # Who is on camera during a live session, which other posts work during it, and the pairs of posts one
    # person may hold in the same session all the same (both beside the host, on set).
    on_camera_roles: list[str] = []
    live_work_roles: list[str] = []
    on_set_pairs: list[list[str]] = []
    # How far past a full-time week the planner lets people's combined posts go, by stage (else overload_tolerance).
    stage_tolerance: dict[str, float] = {}
    # By stage, the monthly sales at which its posts' own loads are fully in: from the stage's floor up to there
    # each post starts from its load at the stage before (`planning/workload.phased`). None: at once.
    phase_in_sales: dict[str, float] = {}
    # How much an unpaid owner's own overload weighs against a hire's when posts are packed (1: the same).
    owner_overload_weight: float = 1.0
    # The largest plan the planner makes; a profile whose work needs more is refused with a clear error.
    max_plan_posts: int = 5000


class KnowledgeBase(msgspec.Struct, frozen=True, dict=True, forbid_unknown_fields=True):
    """Everything the planner and checker know, validated and cross-referenced."""

    sources: list[Source]
    stages: list[Stage]
    groups: list[Group]
    roles: list[Role]
    metrics: list[Metric]
    combinations: list[Combination]
    rules: list[Rule]
    posts: dict[str, list[PostSpec]]
    settings: Settings = Settings()
    sop: list[SopStep] = []
    segments: list[Segment] = []
    show: ShowFigures | None = None
    scorecards: list[PostCard] = []
    scoring: Scoring = Scoring()
    requirements: list[Requirement] = []
    hiring: list[Hiring] = []
    data_sources: list[DataSourceName] = []
    workload: Workload | None = None
    day_parts: list[DayPart] = []
    categories: list[Category] = []
    skill: SkillFigures | None = None
    pay: PayFigures | None = None
    pay_tiers: list[PayTier] = []
    pay_posts: list[PostPayData] = []
    titles: list[TitleAlias] = []
    title_affixes: list[TitleAffix] = []
    title_words: list[TitleWord] = []
    scopes: list[Scope] = []
    departments: list[DepartmentAlias] = []
    origin: str = "default knowledge"  # the playbook file laid over the default, for errors that name it

    @cached_property
    def role(self) -> dict[str, Role]:
        """Roles by id, in knowledge-base order."""
        return {r.id: r for r in self.roles}

    @cached_property
    def figures(self) -> Workload:
        """The workload figures (the packaged knowledge always has them)."""
        if self.workload is None:
            raise KnowledgeError("the knowledge base has no workload figures", file=self.origin,
                                 hint="keep the packaged workload.yaml")
        return self.workload

    @cached_property
    def skills(self) -> SkillFigures:
        """Staffing's skill figures (the packaged knowledge always has them)."""
        if self.skill is None:
            raise KnowledgeError("the knowledge base has no skill figures", file=self.origin,
                                 hint="keep the packaged skill.yaml")
        return self.skill

    def min_level(self, role: str) -> int:
        """The lowest skill level (1–5) at which someone may hold this post (staffing)."""
        return self.skills.minimum(role, self.role[role].core)

    @cached_property
    def pay_figures(self) -> PayFigures:
        """The pay model's figures (the packaged knowledge always has them)."""
        if self.pay is None:
            raise KnowledgeError("the knowledge base has no pay figures", file=self.origin, hint="keep the packaged pay.yaml")
        return self.pay

    @cached_property
    def pay_post(self) -> dict[str, PostPayData]:
        """Pay by post (role id)."""
        return {p.id: p for p in self.pay_posts}

    @cached_property
    def pay_tier(self) -> dict[str, PayTier]:
        """City tiers by id ("1" … "5")."""
        return {t.id: t for t in self.pay_tiers}

    @cached_property
    def card(self) -> dict[str, PostCard]:
        """Scorecards by post (role id)."""
        return {c.id: c for c in self.scorecards}

    @cached_property
    def category(self) -> dict[str, Category]:
        """Product categories by id."""
        return {c.id: c for c in self.categories}

    @cached_property
    def stage(self) -> dict[str, Stage]:
        """Stages by id, in ascending order of sales."""
        return {s.id: s for s in self.stages}

    @cached_property
    def group(self) -> dict[str, Group]:
        """Groups by id."""
        return {g.id: g for g in self.groups}

    @cached_property
    def metric(self) -> dict[str, Metric]:
        """Metrics by id."""
        return {m.id: m for m in self.metrics}

    @cached_property
    def source(self) -> dict[str, Source]:
        """Sources by id."""
        return {s.id: s for s in self.sources}

    @cached_property
    def rule(self) -> dict[str, Rule]:
        """Enabled rules by id."""
        return {r.id: r for r in self.rules if r.enabled}

    @cached_property
    def derived(self) -> dict[Any, Any]:
        """Values other modules compute from this knowledge base and keep with it (e.g. a stage's packer),
        so they live exactly as long as the data they come from."""
        return {}

    @cached_property
    def _names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for r in self.roles:
            for label in (r.id, r.name.zh, r.name.en, *r.aliases, *r.name.zh.split("/")):
                names.setdefault(normalize(label), r.id)
        return names

    def find_role(self, label: str) -> str | None:
        """The role id for an id, a name or an alias (any width, case or spacing), or None."""
        found = self._names.get(label)
        return found if found is not None else self._names.get(normalize(label))

    def nearest_roles(self, label: str, n: int = 3) -> list[str]:
        """Up to `n` role ids whose names and aliases look most like `label` (shared Chinese characters
        first, then spelling), best first."""
        import difflib

        key = normalize(label)
        cjk = {ch for ch in key if ord(ch) > 0x2E80}
        scored = sorted(((len(cjk & set(name)), difflib.SequenceMatcher(None, key, name).ratio(), name)
                         for name in self._names), reverse=True)
        found: list[str] = []
        for shared, ratio, name in scored:
            if (shared or (not cjk and ratio >= 0.5)) and self._names[name] not in found:
                found.append(self._names[name])
            if len(found) == n:
                break
        return found

    def resolve_role(self, label: str, field: str | None = None) -> str:
        """The role id for an id, a Chinese or English name, or an alias; UnknownRole with a suggestion."""
        found = self._names.get(label)  # already in normal form (ids, most names): skip normalising
        if found is not None:
            return found
        key = normalize(label)
        if key in self._names:
            return self._names[key]
        hint = "run `douyin-team roles` to list every post and its aliases"
        close = self._nearest(key)
        if close:
            rid = self._names[close]
            hint = f"did you mean '{self.role[rid].name.zh}' ({rid})? " + hint
        raise UnknownRole(f"unknown post '{label}'", field=field, hint=hint)

    def _nearest(self, key: str) -> str | None:
        """The known label closest to `key`: most shared Chinese characters first, then spelling."""
        import difflib

        cjk = {ch for ch in key if ord(ch) > 0x2E80}
        if cjk:
            scored = [(len(cjk & set(label)), difflib.SequenceMatcher(None, key, label).ratio(), label)
                      for label in self._names]
            shared, _, label = max(scored)
            if shared:
                return label
        close = difflib.get_close_matches(key, list(self._names), n=1, cutoff=0.6)
        return close[0] if close else None

    def combinations_at(self, stage: str) -> list[Combination]:
        """The combinations allowed at a stage."""
        return [c for c in self.combinations if stage in c.stages]

    def group_of(self, role: str, stage: str) -> str:
        """The group a role belongs to at a stage (mature merchants place some in departments)."""
        return self.stage[stage].placement.get(role, self.role[role].group)

    def cite(self, ids: Iterable[str], lang: Lang) -> str:
        """A short human citation for source ids."""
        return "; ".join(self.source[i].title.get(lang) for i in ids if i in self.source)


def normalize(label: str) -> str:
    """Fold width, case and spaces so '千川 投手', '千川投手' and 'Host ' compare equal."""
    return "".join(unicodedata.normalize("NFKC", label).casefold().split())
