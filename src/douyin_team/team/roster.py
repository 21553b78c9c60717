"""A roster: the real people (or candidates) a merchant can staff a plan with, read from YAML, CSV or XLSX."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from ..errors import DouyinTeamError, InvalidValue
from ..knowledge import FULL_TIME_HOURS, KnowledgeBase, Settings, Window, hours_range
from ..textpolicy import clean_struct
from .teamfile import locate, parse_text, read_text, split_roles

Level = Annotated[int, Meta(ge=1, le=5)]
SKILL = re.compile(r"^(.*?)[\s:：=]*([1-5])?$")


class Candidate(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """One person who can be staffed: skills (post → level 1–5), weekly hours, monthly cost, constraints.

    `hours` and `monthly_cost` are None when the roster did not say (an explicit 40 hours or 0 CNY is kept as
    said, not taken for the default): the optimiser reads `work_hours` (40 unless said) and `cost` (0 unless
    said), and `given` names what was said, so a staffed seat keeps its own hours or budget where the roster
    said nothing (`staffing.seats`)."""

    name: Annotated[str, Meta(min_length=1, max_length=100)]
    skills: dict[str, Level] | str | list[str]
    hours: Annotated[float, Meta(ge=0, le=168, description="Hours a week this person can work (40 if not said)")] \
        | None = None
    monthly_cost: Annotated[float, Meta(ge=0, le=1e9, description="Monthly cost in CNY (0 if not said)")] | None = None
    must_keep: list[str] | str = []
    cannot_combine: list[str] | str = []
    days_only: bool | str = False
    available: Annotated[str, Meta(max_length=40, description="Hours this person can work, e.g. 09:00-18:00")] | None = None

    @property
    def work_hours(self) -> float:
        """The hours a week this person can work: as the roster said, else a full-time week."""
        return FULL_TIME_HOURS if self.hours is None else self.hours

    @property
    def cost(self) -> float:
        """What this person costs a month as the optimiser counts it: as the roster said, else nothing."""
        return 0.0 if self.monthly_cost is None else self.monthly_cost

    @property
    def given(self) -> frozenset[str]:
        """The optional figures the roster said for this person (`hours`, `monthly_cost`), defaults or not."""
        return frozenset(f for f in ("hours", "monthly_cost") if getattr(self, f) is not None)

    @property
    def levels(self) -> dict[str, int]:
        """Skills as {role id: level} (in a resolved roster)."""
        return self.skills if isinstance(self.skills, dict) else {}

    @property
    def keeps(self) -> list[str]:
        """Posts this person must keep (role ids, in a resolved roster)."""
        return [self.must_keep] if isinstance(self.must_keep, str) else self.must_keep

    @property
    def never_with(self) -> list[str]:
        """Posts this person will not combine with others (role ids, in a resolved roster)."""
        return [self.cannot_combine] if isinstance(self.cannot_combine, str) else self.cannot_combine

    def window(self, settings: Settings) -> Window | None:
        """The hours of the day this person can work (None: any), `days_only` meaning the playbook's day."""
        if self.available:
            return hours_range(self.available)
        return hours_range(settings.day_window) if self.days_only is True else None


class Roster(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The people a plan can be staffed from."""

    people: list[Candidate]


def parse_skills(value: dict[str, int] | str | list[str], kb: KnowledgeBase, field: str) -> dict[str, int]:
    """Skills as {role id: level}: a mapping, or text like '主播5、助播:3' (a missing level means 3)."""
    if isinstance(value, dict):
        return {role: level for label, level in value.items() for role in skill_posts(label, kb, field)}
    out: dict[str, int] = {}
    for item in split_roles(value):
        match = SKILL.match(item)
        label, level = (match.group(1), int(match.group(2) or 3)) if match else (item, 3)
        out.update(dict.fromkeys(skill_posts(label.strip() or item, kb, field), level))
    return out


def skill_posts(label: str, kb: KnowledgeBase, field: str) -> list[str]:
    """The posts a skill names: a post's name or alias, else a title as job ads write it (剪辑师, 千川投手,
    客服主管); UnknownRole (naming the nearest post) when neither reads."""
    found = kb.find_role(label)
    if found is not None:
        return [found]
    from .titles import read_title

    reading = read_title(label, kb)
    if reading.roles and not reading.unknown and not reading.ops:
        return list(reading.roles)
    return [kb.resolve_role(label, field)]


def resolve_roster(roster: Roster, kb: KnowledgeBase) -> Roster:
    """Check names and posts; skills become {role id: level}, constraints role ids (text: see textpolicy)."""
    roster = clean_struct(roster)
    seen: set[str] = set()
    people = []
    for i, c in enumerate(roster.people):
        field = f"people[{i}]"
        if c.name in seen:
            raise InvalidValue(f"'{c.name}' appears twice", field=f"{field}.name", hint="give each person a unique name")
        seen.add(c.name)
        skills = parse_skills(c.skills, kb, f"{field}.skills")
        if not skills:
            raise InvalidValue(f"{c.name} has no skills", field=f"{field}.skills", hint="e.g. skills: {主播: 4}")
        if c.available:
            hours_range(c.available, f"{field}.available")
        people.append(msgspec.structs.replace(
            c, skills=skills, days_only=_yes(c.days_only, f"{field}.days_only"),
            must_keep=[kb.resolve_role(r, f"{field}.must_keep") for r in split_roles(c.must_keep)],
            cannot_combine=[kb.resolve_role(r, f"{field}.cannot_combine") for r in split_roles(c.cannot_combine)]))
    if not people:
        raise InvalidValue("the roster has no people", field="people")
    return Roster(people=people)


def read_roster(path: str, kb: KnowledgeBase) -> Roster:
    """Read a roster from YAML/JSON (`people:` list) or a spreadsheet (姓名/技能/每周工时/月薪 columns).

    Errors name the spreadsheet row, or the YAML/JSON line, of the person at fault.
    """
    from .importer import locate_row, read_rows

    rows: list[int] = []
    text = ""
    if Path(path).suffix.lower() in (".csv", ".xlsx", ".xlsm"):
        records, rows = read_rows(path, ROSTER_HEADERS, ("name", "skills"))
        data: Any = {"people": records}
    else:
        text = read_text(path)
        data = parse_text(text, path)
    try:
        if not isinstance(data, dict):
            raise InvalidValue("a roster file must be a mapping with a `people` list")
        try:
            roster = msgspec.convert(data, Roster, strict=False)
        except msgspec.ValidationError as exc:
            message, _, where = str(exc).partition(" - at `$")
            raise InvalidValue(message, field=where.rstrip("`").lstrip(".") or None) from None
        return resolve_roster(roster, kb)
    except DouyinTeamError as err:
        if rows:
            locate_row(err, rows)
        elif text and err.field and err.line is None:
            err.line = locate(text, err.field)
        raise err.located(file=path) from None


YES = {"true", "yes", "y", "1", "是", "对", "√", "✓", "只能白天", "仅白天", "白天"}
NO = {"false", "no", "n", "0", "否", "不", "", "-", "—"}


def _yes(value: bool | str, field: str) -> bool:
    if isinstance(value, bool):
        return value
    key = value.strip().casefold()
    if key in YES or key in NO:
        return key in YES
    raise InvalidValue(f"'{value}' is not yes or no", field=field, hint="write 是/否 or yes/no")


ROSTER_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "员工", "候选人", "name", "person", "candidate"),
    "skills": ("技能", "能力", "会做的岗位", "岗位技能", "skills", "skill"),
    "hours": ("每周工时", "工时", "周工时", "hours", "hoursperweek", "weeklyhours"),
    "monthly_cost": ("月成本", "月薪", "薪资", "工资", "期望薪资", "monthly_cost", "monthlycost", "salary", "cost"),
    "must_keep": ("必须保留", "保留岗位", "must_keep", "mustkeep"),
    "cannot_combine": ("不能兼任", "不兼任", "cannot_combine", "cannotcombine"),
    "days_only": ("只能白天", "仅白天", "白天班", "days_only", "daysonly", "dayonly"),
    "available": ("可工作时间", "上班时间", "工作时间", "available", "availability", "hoursofday"),
}
