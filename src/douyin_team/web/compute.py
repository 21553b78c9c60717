"""The core as the web app calls it: plan, check, staff, chart, roadmap and compare on team documents.

Every answer is the same bytes the CLI writes (`report.render` / `dump_data`). Plans and charts are
deterministic functions of their input, so they are cached by it (in this process only: a cache, not state).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import msgspec

from ..checking import check_team, result_team
from ..errors import DouyinTeamError, InvalidValue
from ..knowledge import KnowledgeBase
from ..reports import render
from ..store import ids_of, with_ids, without_ids
from ..team import Profile, Team, convert_team, resolve_team
from ..text import Lang
from ..textpolicy import clean_data, clean_text
from .limits import check_people
from .phones import masked_team

if TYPE_CHECKING:
    from ..staffing import Seated

# Sections a plan or check adds: recomputed on every read, never stored with a team.
DERIVED = ("groups", "findings", "decisions", "diagnosis", "readings", "labour")
CHART_MEDIA = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "drawio": "application/xml",
               "html": "text/html; charset=utf-8", "mmd": "text/plain; charset=utf-8",
               "dot": "text/plain; charset=utf-8", "json": "application/json"}
KIT_MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}
TEAM_FIELDS = ("merchant", "stage", "monthly_sales", "focus", "resources", "headcount_budget", "budget_cny", "live_hours",
               "city_tier", "ads", "order_value", "category", "rooms", "live_days", "day_parts", "ad_spend", "fulfilment",
               "service", "videos_per_week")


class Core:
    """The knowledge base and cached core calls for one app."""

    def __init__(self, kb: KnowledgeBase, cache_size: int = 512) -> None:
        self.kb = kb
        self._plans: OrderedDict[tuple[bytes, Lang, str], bytes] = OrderedDict()
        self._plans_size = cache_size
        self._lock = threading.Lock()
        self._chart = lru_cache(maxsize=64)(self._chart_bytes)
        self._checked = lru_cache(maxsize=256)(self._checked_document)

    def profile(self, data: dict[str, Any]) -> Profile:
        """A planner Profile from plain data; bad fields raise InvalidValue naming the field."""
        try:
            clean = clean_data({k: v for k, v in data.items() if v is not None})
            return msgspec.convert(clean, Profile, strict=False)
        except msgspec.ValidationError as exc:
            message, _, path = str(exc).partition(" - at `$")
            raise InvalidValue(message, field=path.rstrip("`").lstrip(".") or None) from None

    def plan(self, profile: Profile, lang: Lang, fmt: str = "json") -> bytes:
        """The plan for a profile, as the CLI's `plan --format json` writes it."""
        key = self.plan_key(profile, lang, fmt)
        return self.cached_plan(key) or self._remember(key, self._plan_bytes(*key))

    def plan_key(self, profile: Profile, lang: Lang, fmt: str) -> tuple[bytes, Lang, str]:
        """The cache key of a plan."""
        return (msgspec.json.encode(profile), lang, fmt)

    def cached_plan(self, key: tuple[bytes, Lang, str]) -> bytes | None:
        """The plan if it is cached (cheap enough to call on the event loop), else None."""
        with self._lock:
            data = self._plans.get(key)
            if data is not None:
                self._plans.move_to_end(key)
            return data

    def _remember(self, key: tuple[bytes, Lang, str], data: bytes) -> bytes:
        with self._lock:
            self._plans[key] = data
            if len(self._plans) > self._plans_size:
                self._plans.popitem(last=False)
        return data

    def plan_team(self, profile: Profile, lang: Lang, ceiling: bool = True) -> Team:
        """The planned team (open posts) for a profile, to save. Its `ads` is the merchant's answer, not the
        planner's assumption: a merchant who did not say gets a team without it, whose check says it assumed.
        `ceiling`: within what the sales can pay (not for a roadmap's end, `planning.plan_team`)."""
        from ..planning import plan_team

        return msgspec.structs.replace(plan_team(profile, self.kb, lang, ceiling), ads=profile.ads)

    def _plan_bytes(self, key: bytes, lang: Lang, fmt: str) -> bytes:
        from ..planning import plan_team  # the CLI's `plan`, byte for byte (its team says what it assumed)

        profile = msgspec.json.decode(key, type=Profile)
        team = plan_team(profile, self.kb, lang)
        title = ("抖音团队方案" if lang == "zh" else "Douyin team plan") + (f" · {profile.merchant}" if profile.merchant else "")
        return render(result_team(team, check_team(team, self.kb), self.kb, lang), fmt, self.kb, lang, title).encode()

    def team(self, document: dict[str, Any]) -> Team:
        """A validated team from a team document (the dict a team file holds)."""
        if not isinstance(document, dict):
            raise InvalidValue("a team must be an object with a `people` list", field="team")
        plain = without_ids(document)
        convert_team(plain)  # the derived sections too must have their declared shape (they are then recomputed)
        clean = {k: v for k, v in plain.items() if k not in DERIVED}
        return resolve_team(convert_team(clean), self.kb)

    def checked(self, team: Team, stage: str | None = None, lang: Lang = "zh", web: bool = True) -> Team:
        """The team with its stage, groups, findings and diagnosis filled in; findings worded for the pages
        (where to answer a fact) unless `web` is false (the API: the CLI's words, the team file's keys)."""
        return result_team(team, check_team(team, self.kb, stage), self.kb, lang, web=web)

    def checked_document(self, document: dict[str, Any], lang: Lang) -> Team:
        """The checked team of a team document (cached by its content: pages show the same revision often)."""
        return self._checked(json.dumps(document, sort_keys=True, ensure_ascii=False), lang)

    def _checked_document(self, key: str, lang: Lang) -> Team:
        return self.checked(self.team(json.loads(key)), lang=lang)

    def check(self, document: dict[str, Any], lang: Lang, stage: str | None = None, fmt: str = "json",
              mask_phones: bool = False) -> bytes:
        """A check of a team document, as `check --format json` writes it (phones masked for a viewer)."""
        team = self.team(document)
        title = ("团队检查" if lang == "zh" else "Team check") + (f" · {team.merchant}" if team.merchant else "")
        checked = self.checked(team, stage, lang, web=False)
        return render(masked_team(checked) if mask_phones else checked, fmt, self.kb, lang, title).encode()

    def chart(self, document: dict[str, Any], fmt: str, lang: Lang, date: str, title: str | None = None) -> bytes:
        """The org chart of a team document in one renderer format (svg, png, pdf, html, drawio, …), the planner's
        seat names in `lang` (a Chinese plan's 主播A is Host A in English)."""
        from ..chart.render import verify_format

        check_people(document, "chart", fmt)
        key = json.dumps(document, sort_keys=True, ensure_ascii=False)
        return self._chart(key, verify_format(fmt), lang, date, title)

    def _chart_bytes(self, key: str, fmt: str, lang: Lang, date: str, title: str | None) -> bytes:
        from ..chart import ChartOptions, build_chart
        from ..chart.render import render as draw
        from ..team import in_language

        # The planner's seat names in the reader's language, as the export job draws them (jobs/kinds.py).
        team = in_language(self.team(json.loads(key)), self.kb, lang)
        stage = check_team(team, self.kb).diagnosis.stage
        data = draw(build_chart(team, self.kb, stage, ChartOptions(lang=lang, date=date, title=title)), fmt)
        return data.encode() if isinstance(data, str) else data

    def kit(self, document: dict[str, Any], fmt: str, lang: Lang, date: str) -> bytes:
        """The team kit (org table, job descriptions, scorecards, SOP, shifts, budget) as xlsx, md, html or pdf."""
        from ..kit.render import render_kit, verify_format

        check_people(document, "kit", fmt)
        data = render_kit(self._kit(document, lang, date), verify_format(fmt))
        return data.encode() if isinstance(data, str) else data

    def kit_print_html(self, document: dict[str, Any], lang: Lang, date: str) -> str:
        """The kit's print HTML, which the PDF is laid out from (web/limits.py does that in a child process)."""
        from ..kit.render import print_html

        check_people(document, "kit", "pdf")
        return print_html(self._kit(document, lang, date))

    def _kit(self, document: dict[str, Any], lang: Lang, date: str) -> Any:
        from ..kit import KitOptions, build_kit

        team = self.team(document)
        stage = check_team(team, self.kb).diagnosis.stage
        return build_kit(team, self.kb, stage, lang, KitOptions(date=date))

    def staff(self, plan: dict[str, Any], roster: dict[str, Any], lang: Lang, time_limit: float = 5.0,
              seed: int = 0, start: str | None = None) -> Team:
        """Staff a plan from a roster (CP-SAT), as `staff` does: the staffed, checked team on the plan's seats."""
        return self.staff_seats(plan, roster, lang, time_limit, seed, start).team

    def staff_seats(self, plan: dict[str, Any], roster: dict[str, Any], lang: Lang, time_limit: float = 5.0,
                    seed: int = 0, start: str | None = None, seats: dict[str, Any] | None = None) -> Seated:
        """`staff` with the answer put onto the seats of the team document `seats` (the plan's by default),
        saying which of its people each staffed person is (`staffing.seats`)."""
        from ..staffing import staff_seats
        from ..team import Roster, resolve_roster, taught_knowledge

        team = self.team(plan)
        try:  # the roster's skills read with the titles the plan's workspace taught
            people = resolve_roster(msgspec.convert(roster, Roster, strict=False),
                                    taught_knowledge(self.kb, team.titles or {}))
        except msgspec.ValidationError as exc:
            message, _, path = str(exc).partition(" - at `$")
            raise InvalidValue(message, field="roster." + (path.rstrip("`").lstrip(".") or "people")) from None
        return staff_seats(team, people, self.kb, seats=self.team(seats) if seats else None, time_limit=time_limit,
                           seed=seed, lang=lang, start=start)

    def roadmap(self, document: dict[str, Any], lang: Lang, target: str | None = None) -> list[Any]:
        """The steps to the next stage (or `target`), splits first, as `roadmap` computes them."""
        from ..reports import roadmap

        return roadmap(self.team(document), self.kb, target, lang)

    def compare(self, a: dict[str, Any], b: dict[str, Any], names: tuple[str, str]) -> dict[str, Any]:
        """Two teams side by side, as `compare --format json` writes them."""
        from ..reports import side

        names = (clean_text(names[0], "names[0]"), clean_text(names[1], "names[1]"))
        left, right = side(names[0], self.team(a), self.kb), side(names[1], self.team(b), self.kb)
        return {"a": msgspec.to_builtins(left), "b": msgspec.to_builtins(right)}


def with_taught_titles(document: dict[str, Any], merchant: Any) -> dict[str, Any]:
    """The team document with its workspace's taught titles ("this title means …") as its `titles` section, so
    that every read of it (check, chart, kit, staffing, jobs, caches keyed by the document) reads them; the
    merchant must come from a session that checked the reader may see it. Never stored (`stored_document`)."""
    from sqlalchemy.orm import object_session

    from ..store import taught_titles

    session = object_session(merchant)
    taught = taught_titles(session, merchant.workspace_id) if session is not None else {}
    if taught:
        document["titles"] = dict(taught)
    return document


def stored_with_ids(core: Core, document: dict[str, Any]) -> dict[str, Any]:
    """`stored_document` of a team document, its people keeping the ids they came with (by position)."""
    return with_ids(stored_document(core.team(document)), ids_of(document))


def stored_document(team: Team) -> dict[str, Any]:
    """What a team revision stores: the team file fields, without the derived sections or the planner's
    per-person reasons (recomputed by the planner; kept out so an edit does not show as a change to everyone)."""
    data: dict[str, Any] = msgspec.to_builtins(team)
    for person in data["people"]:
        person.pop("reasons", None)
    return {k: v for k, v in data.items() if k not in DERIVED and k != "titles"}  # titles: the workspace's


def error_body(err: DouyinTeamError, lang: Lang = "zh") -> dict[str, Any]:
    """A core error as the API's JSON error object in the user's language (one line, plus its parts; `field`
    stays the machine path, e.g. people[1].reports_to, `where` says it as a person counts)."""
    return {"error": {"type": type(err).__name__, "message": err.render(lang, web=True), "field": err.field,
                      "where": err.field_in(lang, web=True), "hint": err.hint_in(lang, web=True), "line": err.line}}
