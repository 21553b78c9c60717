"""The live-session run sheets (直播SOP): one per session of the plan, the knowledge base's steps and the
show's segments on that session's clock, each line with its owners for that session only.

Owners: on-air posts (hosts, controls) go to the session's crew; other posts to the people holding the first
of the step's posts the team has (spread over the day's sessions when several hold it), else the people who
can cover one, else the team lead (else the first person). During the session, off-camera work goes to
someone not on camera whenever the team has such a person for it. Optional steps are left out when nobody
holds or covers their posts. Work off air (`window: office` / `service`) moves into working hours or the
service window, so a session ending at 23:00 never books its clips or review at 01:00.
"""

from __future__ import annotations

import msgspec

from ..dump import dump_data
from ..knowledge import DAY, KnowledgeBase, SopStep, hours_range
from ..planning import live_sessions, window
from ..staffing import host_stints
from ..team import Person, Session, Team
from ..text import Lang, Text
from .sopclock import Daily, daily_owners, fit_window, last_sessions, meeting_start
from .sopshow import Show, Stint, show_lines

PHASE_NAMES = {"before": Text(zh="直播前", en="Before"), "during": Text(zh="直播中", en="During"),
               "after": Text(zh="直播后", en="After")}
PHASE_ORDER = {"before": 0, "during": 1, "after": 2}


class SopLine(msgspec.Struct, frozen=True):
    """One line of a run sheet, placed on the clock, with the people who own it (`rounds`: product rounds)."""

    step: str
    phase: str
    offset: int  # minutes from the session's start
    until: int | None
    when: str
    clock: str
    task: str
    role: str
    post: str
    owners: list[str]
    fallback: bool
    sources: list[str]
    rounds: int = 0


class RunSheet(msgspec.Struct, frozen=True):
    """The run sheet of one session: its room, clock, crew, lines in time order and notes."""

    room: int
    start: str
    end: str
    live_hours: float
    days_per_week: int
    crew: list[str]
    lines: list[SopLine]
    notes: list[str] = []

    def by_person(self) -> dict[str, list[SopLine]]:
        """Each owner's lines, in time order (a person with several posts sees all of theirs)."""
        out: dict[str, list[SopLine]] = {}
        for line in self.lines:
            for who in line.owners:
                out.setdefault(who, []).append(line)
        return out


class Sop(msgspec.Struct, frozen=True):
    """Every session's run sheet, room by room in clock order, and the figures the show's clock rests on."""

    sheets: list[RunSheet]
    basis: list[str]


class _Ctx(msgspec.Struct, frozen=True):
    """One session as the owner rules see it."""

    session: Session
    index: int
    count: int
    crew: list[Person]
    on_air: set[str]
    daily: dict[str, Daily]  # the room's daily steps (`per: room`) this sheet carries: its last session's


def run_sheets(team: Team, kb: KnowledgeBase, start: str | None = None, live_hours: float | None = None,
               days: int | None = None, lang: Lang = "zh") -> Sop:
    """A run sheet for each of the team's sessions (the plan's, or those its profile gives; `live_hours` a day
    and `days` a week place them anew, `start` moves them) — the same sessions and hosts as `shifts`."""
    sessions = live_sessions(team, kb, live_hours, days, start)
    people = {p.name: p for p in team.people}
    daily = {s.id: daily_owners(team, kb, s, sessions) for s in kb.sop if s.per == "room"}
    lasts = last_sessions(sessions)

    def mine(x: Session) -> dict[str, Daily]:
        return {step: rooms[x.room] for step, rooms in daily.items() if x.room in rooms and lasts[x.room] is x}

    sheets = [_sheet(team, kb, _Ctx(x, k, len(sessions), [people[n] for n in x.crew if n in people], _on_air(kb),
                                    mine(x)), sessions, lang) for k, x in enumerate(sessions)]
    over = _long_days(kb, sessions, people, lang)
    sheets = [msgspec.structs.replace(sh, notes=[*sh.notes, *(n for who, n in over.items() if who in sh.crew)])
              for sh in sheets]
    return Sop(sheets, basis(kb, lang))


def _long_days(kb: KnowledgeBase, sessions: list[Session], people: dict[str, Person], lang: Lang) -> dict[str, str]:
    """A note for each host whose day on air (over all the day's sessions, as the shift table hosts them on its
    first day) passes `host_hours_per_day`: the run sheet keeps the plan's crews, so it says so."""
    minutes: dict[str, int] = {}
    for x in sessions:
        for host, a, b in host_stints(kb, x, people, 0):
            if host is not None:
                minutes[host] = minutes.get(host, 0) + b - a
    limit = kb.figures.host_hours_per_day.value
    return {who: Text(zh=f"{who}一天在镜头前共{m / 60:g}小时，超过主播每天约{limit:g}小时：排一名接播主播或缩短场次",
                      en=f"{who} is on air {m / 60:g} h a day, over a host's {limit:g} h or so: add a relief host or "
                      "shorten the sessions").get(lang)
            for who, m in minutes.items() if m > limit * 60 + 1e-9}


def _on_air(kb: KnowledgeBase) -> set[str]:
    return set(kb.settings.host_roles) | set(kb.settings.control_roles)


def _neighbours(x: Session, sessions: list[Session]) -> tuple[Session | None, Session | None]:
    """The room's session right before and right after this one (back to back), if any."""
    a, b = window(x)
    room = [y for y in sessions if y.room == x.room and y is not x]
    before = next((y for y in room if window(y)[1] % DAY == a % DAY), None)
    after = next((y for y in room if window(y)[0] % DAY == b % DAY), None)
    return before, after


def _next_label(x: Session, after: Session | None, sessions: list[Session], lang: Lang) -> str:
    """The next session of the room: its time and host, or tomorrow's first one."""
    room = sorted((y for y in sessions if y.room == x.room), key=lambda y: window(y)[0])
    nxt = after or next((y for y in room if window(y)[0] > window(x)[0]), None)
    day = ""
    if nxt is None:
        nxt, day = room[0], ("明天 " if lang == "zh" else "tomorrow ")
    return f"{day}{nxt.start}"


def _sheet(team: Team, kb: KnowledgeBase, ctx: _Ctx, sessions: list[Session], lang: Lang) -> RunSheet:
    x = ctx.session
    a, b = window(x)
    length = b - a
    before, after = _neighbours(x, sessions)
    flags = {"starts": before is None, "continues": before is not None, "ends": after is None,
             "hands_over": after is not None}
    lines: list[tuple[int, int, int, SopLine]] = []
    for k, step in enumerate(kb.sop):
        if step.only is not None and not flags[step.only]:
            continue
        if step.per == "room":
            d = ctx.daily.get(step.id)
            if d is not None:
                lines.append(_place(kb, step, k, (d.role, d.owners, d.fallback), (a, x.start), length, lang, d.slot))
            continue
        owned = _owners(team, kb, step, ctx)
        if owned is not None:
            lines.append(_place(kb, step, k, owned, (a, x.start), length, lang))
    stints = _stints(kb, x, {p.name: p for p in team.people})
    show = Show(a, length, stints, ctx.crew, _next_label(x, after, sessions, lang), after is not None)
    for n, seg in enumerate(show_lines(kb, show, lang)):
        line = SopLine(f"show-{seg.segment.id}", "during", seg.offset, seg.until, _when_live(seg.offset, lang),
                       _clock(x.start, seg.offset, seg.until, lang), seg.task, seg.posts[0],
                       " + ".join(kb.role[r].name.get(lang) for r in seg.posts), seg.owners, False,
                       seg.segment.sources, seg.rounds)
        lines.append((PHASE_ORDER["during"], seg.offset, -1000 + n, line))
    lines.sort(key=lambda item: item[:3])
    return RunSheet(x.room, x.start, x.end, length / 60, x.days_per_week, list(x.crew),
                    [line for *_, line in lines], _notes(stints, lang))


def _stints(kb: KnowledgeBase, x: Session, people: dict[str, Person]) -> list[Stint]:
    """Who hosts which part of the session, over the week's days (people taking days in turn are listed
    together), in minutes from its start — the shift table's stints."""
    a = window(x)[0]
    days = [host_stints(kb, x, people, d) for d in range(max(x.days_per_week, 1))]
    out = []
    for k, (_, s, e) in enumerate(days[0]):
        names = list(dict.fromkeys(n for d in days if k < len(d) for n in [d[k][0]] if n is not None))
        out.append(Stint(names, s - a, e - a))
    return out


def _notes(stints: list[Stint], lang: Lang) -> list[str]:
    sep = "、" if lang == "zh" else ", "
    return [Text(zh=f"{sep.join(s.hosts)}按天轮流主播这一段", en=f"{sep.join(s.hosts)} take this stretch's hosting "
                 "day by day in turn").get(lang) for s in stints if len(s.hosts) > 1]


def _place(kb: KnowledgeBase, step: SopStep, k: int, owned: tuple[str, list[str], bool], begin: tuple[int, str],
           length: int, lang: Lang, slot: int = 0) -> tuple[int, int, int, SopLine]:
    """The step on the clock: at its time for the crew; moved into working hours or the service window for
    work off air (a daily meeting booked for its length, after the owner's `slot` earlier ones); sorted by
    phase and time (an after-show window by its deadline)."""
    role, owners, fallback = owned
    start = begin[0]
    base = 0 if step.anchor == "start" else length
    offset = base + step.at
    until = base + step.until if step.until is not None else (length if step.phase == "during" else None)
    moved = False
    if step.window in ("office", "service") and kb.show is not None:
        hours = kb.show.working_hours.value if step.window == "office" else kb.figures.service_window.value
        if step.per == "room" and step.until is not None:
            minutes = round(kb.show.review_minutes.value)
            offset = meeting_start(start + offset, hours_range(hours), minutes, slot) - start
            until, moved = offset + minutes, True
        else:
            placed = fit_window(start + offset, hours_range(hours), step.phase == "before", start)
            moved, offset = placed != start + offset, placed - start
    when = _daily_when(lang) if step.per == "room" else _when(step, offset, length, moved, lang)
    due = until if step.phase == "after" and until is not None else offset
    return (PHASE_ORDER[step.phase], due, k, SopLine(
        step.id, step.phase, offset, until, when, _clock(begin[1], offset, until, lang),
        step.task.get(lang), role, kb.role[role].name.get(lang), owners, fallback, step.sources))


def _owners(team: Team, kb: KnowledgeBase, step: SopStep, ctx: _Ctx) -> tuple[str, list[str], bool] | None:
    """(post, owners, whether the fallback was used), or None for an optional step nobody can take.

    On-air posts go to the session's crew only; other posts to the crew's holders if any, else their holders
    spread over the day's sessions. During the session, people on camera are passed over for off-camera work
    while anyone else holds or covers one of the step's posts.
    """
    busy = _on_camera(kb, step, ctx)
    crew = {p.name for p in ctx.crew}
    # Work at the session's own time goes to its crew first, whichever of the step's posts they hold.
    scopes = (True, False) if crew and step.window is None else (False,)
    for skip, crew_only in ((b, c) for b in ((busy, set()) if busy else (set(),)) for c in scopes):
        for attr in ("posts", "covers"):
            for role in step.roles:
                people = [p for p in team.people if role in getattr(p, attr) and p.name not in skip]
                if crew and (crew_only or role in ctx.on_air):
                    people = [p for p in people if p.name in crew]
                elif crew:
                    people = [p for p in people if p.name in crew] or _spread(people, ctx)
                real = [p.name for p in people if not p.vacancy]
                if people:
                    return role, real or [p.name for p in people], False
    if step.optional:
        return None
    lead = [p.name for p in team.people if "team_lead" in p.posts]
    return "team_lead", lead or [team.people[0].name], True


def _spread(people: list[Person], ctx: _Ctx) -> list[Person]:
    """The holders of an off-air post who take this session: the day's sessions shared out among them."""
    if len(people) <= 1 or ctx.count <= 1:
        return people
    if len(people) >= ctx.count:
        return [p for j, p in enumerate(people) if j % ctx.count == ctx.index]
    return [people[ctx.index % len(people)]]


def _on_camera(kb: KnowledgeBase, step: SopStep, ctx: _Ctx) -> set[str]:
    """The session's hosts, for off-camera steps of the live itself."""
    hosts = set(kb.settings.host_roles)
    if step.phase != "during" or hosts & set(step.roles):
        return set()
    return {p.name for p in ctx.crew if hosts & set(p.posts)}


def basis(kb: KnowledgeBase, lang: Lang) -> list[str]:
    """The show's figures as sentences, each with its sources or marked as our estimate."""
    if kb.show is None:
        return []
    out = []
    for name in kb.show.__struct_fields__:
        f = getattr(kb.show, name)
        mark = Text(zh="本工具估算", en="our estimate").get(lang) if f.estimate else ""
        cite = ", ".join(s for s in f.sources if s != "model")
        tail = ("；" if lang == "zh" else "; ").join(x for x in (mark, cite and Text(zh=f"来源：{cite}", en=f"sources: {cite}").get(lang)) if x)
        out.append(f"{f.note.get(lang)}（{tail}）" if lang == "zh" else f"{f.note.get(lang)} ({tail})")
    return out


def _daily_when(lang: Lang) -> str:
    return "每天一次，本直播间当天各场（工作时间）" if lang == "zh" else "Once a day, the room's sessions of the day (working hours)"


def _when_live(offset: int, lang: Lang) -> str:
    if offset == 0:
        return "开播" if lang == "zh" else "On air"
    return f"开播后{_span(offset, lang)}" if lang == "zh" else f"{_span(offset, lang)} into the session"


def _span(minutes: int, lang: Lang) -> str:
    """120 → 2小时 / 2 h; 90 → 1小时30分钟 / 1 h 30 min; 1440 → 1天 / 1 day."""
    if minutes and minutes % 1440 == 0:
        return f"{minutes // 1440}天" if lang == "zh" else f"{minutes // 1440} day" + ("s" if minutes > 1440 else "")
    h, m = divmod(minutes, 60)
    if lang == "zh":
        return (f"{h}小时" if h else "") + (f"{m}分钟" if m or not h else "")
    return " ".join(part for part in (f"{h} h" if h else "", f"{m} min" if m or not h else "") if part)


def _when(step: SopStep, offset: int, length: int, moved: bool, lang: Lang) -> str:
    """The line's time relative to the session: 开播前2小时, 直播全程, 下播后24小时内 … (moved into working hours: said)."""
    zh = lang == "zh"
    if moved:
        if offset < 0:
            return f"开播前{_span(-offset, lang)}（工作时间）" if zh else f"{_span(-offset, lang)} before air (working hours)"
        after = offset - length
        text = f"下播后{_span(after, lang)}" if zh else f"{_span(after, lang)} after"
        if step.until is not None:
            text += f"，{_span(step.until, lang)}内" if zh else f", within {_span(step.until, lang)}"
        return text + ("（工作时间）" if zh else " (working hours)")
    if step.phase == "during" and step.anchor == "start" and step.until is None:
        if step.at == 0:
            return "直播全程" if zh else "Whole session"
        return f"开播后{_span(step.at, lang)}" if zh else f"{_span(step.at, lang)} into the session"
    if step.anchor == "start" and step.at < 0:
        return f"开播前{_span(-step.at, lang)}" if zh else f"{_span(-step.at, lang)} before air"
    if step.anchor == "end":
        if step.until is not None:
            hours = _span(step.until, lang) if step.until % 1440 else f"{step.until // 60}{'小时' if zh else ' h'}"
            return f"下播后{hours}内" if zh else f"Within {hours} after"
        if step.at == 0:
            return "下播后立即" if zh else "Right after"
        return f"下播后{_span(step.at, lang)}" if zh else f"{_span(step.at, lang)} after"
    return "开播" if zh else "On air"


def _clock(start: str, offset: int, until: int | None, lang: Lang) -> str:
    """Wall-clock time of the line (with the day when it is not the session's day), and its end if any."""
    hh, mm = (int(x) for x in start.split(":"))

    def at(minutes: int) -> str:
        day, rest = divmod(hh * 60 + mm + minutes, 1440)
        marks = {-1: ("前一天 ", "day before "), 1: ("次日 ", "next day "), 0: ("", "")}
        mark = marks.get(day, (f"{day}天后 " if day > 0 else f"{-day}天前 ", f"day {day:+d} "))
        return f"{mark[0] if lang == 'zh' else mark[1]}{rest // 60:02d}:{rest % 60:02d}"

    return at(offset) + (f"–{at(until)}" if until is not None else "")


def render_sop(sop: Sop, lang: Lang, fmt: str) -> str:
    """The run sheets as Markdown (also used for text), JSON or YAML: per session its timeline, then each
    person's lines; the figures the clock rests on first."""
    if fmt in ("json", "yaml"):
        return dump_data(sop, fmt)
    zh = lang == "zh"
    lines = [f"# {'直播SOP' if zh else 'Live-session SOP'}", ""]
    if not sop.sheets:
        return "\n".join([*lines, "没有直播场次。" if zh else "No live sessions.", ""])
    lines += [f"**{'节奏依据' if zh else 'What the clock rests on'}**", "", *(f"- {cell(b)}" for b in sop.basis), ""]
    for sheet in sop.sheets:
        lines += [f"## {cell(sheet_title(sheet, lang))}", "", cell(crew_text(sheet, lang)), "",
                  *(f"- {cell(n)}" for n in sheet.notes), *([""] if sheet.notes else []),
                  "| 阶段 | 相对时间 | 时间 | 事项 | 岗位 | 负责人 |" if zh else "| Phase | When | Clock | Task | Post | Owner |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| {PHASE_NAMES[x.phase].get(lang)} | {x.when} | {x.clock} | {cell(x.task)} | {x.post} "
                  f"| {cell(owner_text(x, lang))} |" for x in sheet.lines]
        lines += ["", "### 按人员" if zh else "### By person", ""]
        for who, own in sheet.by_person().items():
            lines.append(f"- **{cell(who)}**: " + ("；" if zh else "; ").join(f"{x.clock} {cell(x.task)}" for x in own))
        lines.append("")
    return "\n".join(lines)


def sheet_title(sheet: RunSheet, lang: Lang) -> str:
    """'直播间1 · 19:00–23:00（4小时，每周6天）' for a sheet."""
    if lang == "zh":
        return f"直播间{sheet.room} · {sheet.start}–{sheet.end}（{sheet.live_hours:g}小时，每周{sheet.days_per_week}天）"
    return f"Room {sheet.room} · {sheet.start}–{sheet.end} ({sheet.live_hours:g} h, {sheet.days_per_week} days a week)"


def crew_text(sheet: RunSheet, lang: Lang) -> str:
    """The session's on-air crew by name."""
    names = ("、" if lang == "zh" else ", ").join(sheet.crew) or "—"
    return f"本场直播班组：{names}" if lang == "zh" else f"This session's on-air crew: {names}"


def owner_text(line: SopLine, lang: Lang) -> str:
    """The owners as one string, marked when the line fell to the lead because nobody holds its post."""
    names = ("、" if lang == "zh" else ", ").join(line.owners)
    return names + (("（兜底）" if lang == "zh" else " (fallback)") if line.fallback else "")


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: pipes and HTML escaped, newlines flattened."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return " ".join(escaped.split())
