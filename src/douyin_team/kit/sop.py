"""The live-session run sheet (直播SOP): the knowledge base's steps on this team's timeline, each with owners.

Every line gets an owner from the team: the people holding the first of the step's posts the team has,
else the people who can cover one of them, else the team lead (else the first person). A person holding
several posts therefore gets the lines of every post they hold — except that during the session, off-camera
work goes to someone not on camera whenever the team has such a person for it (a host who also answers
Feige can do so only outside the live). Optional steps (an assistant host's props …)
are left out when nobody holds or covers their posts, instead of landing on the lead.
"""

from __future__ import annotations

import msgspec

from ..dump import dump_data
from ..knowledge import KnowledgeBase, SopStep
from ..planning import live_sessions, session_hours
from ..team import Session, Team
from ..text import Lang, Text

PHASE_NAMES = {"before": Text(zh="直播前", en="Before"), "during": Text(zh="直播中", en="During"),
               "after": Text(zh="直播后", en="After")}
PHASE_ORDER = {"before": 0, "during": 1, "after": 2}


class SopLine(msgspec.Struct, frozen=True):
    """One line of the run sheet, placed on the clock, with the people who own it."""

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


class RunSheet(msgspec.Struct, frozen=True):
    """The run sheet of one session: its start, length and lines in time order."""

    start: str
    live_hours: float
    lines: list[SopLine]

    def by_person(self) -> dict[str, list[SopLine]]:
        """Each owner's lines, in time order (a person with several posts sees all of theirs)."""
        out: dict[str, list[SopLine]] = {}
        for line in self.lines:
            for who in line.owners:
                out.setdefault(who, []).append(line)
        return out


def run_sheet(team: Team, kb: KnowledgeBase, start: str | None = None, live_hours: float | None = None,
              lang: Lang = "zh") -> RunSheet:
    """The knowledge base's SOP steps for the team's main session (its prime-time one, from the plan's sessions
    or those its profile gives), with that session's crew on air; `start` and `live_hours` override its clock."""
    session = main_session(live_sessions(team, kb, live_hours))
    hours = live_hours if live_hours is not None else (session_hours(session) if session else 2.0)
    begin = start or (session.start if session else "20:00")
    crew = set(session.crew) if session else set()
    length = round(hours * 60)
    lines = []
    for k, step in enumerate(kb.sop):
        owned = _owners(team, step, _on_camera(team, kb, step, crew), _crew_for(kb, step, crew))
        if owned is None:
            continue
        role, owners, fallback = owned
        base = 0 if step.anchor == "start" else length
        offset = base + step.at
        until = base + step.until if step.until is not None else (length if step.phase == "during" else None)
        due = until if step.phase == "after" and until is not None else offset  # "within 24 h" sorts by its deadline
        lines.append((PHASE_ORDER[step.phase], due, k, SopLine(
            step.id, step.phase, offset, until, _when(step, length, lang), _clock(begin, offset, until, lang),
            step.task.get(lang), role, kb.role[role].name.get(lang), owners, fallback, step.sources)))
    lines.sort(key=lambda item: item[:3])
    return RunSheet(begin, hours, [line for *_, line in lines])


def main_session(sessions: list[Session]) -> Session | None:
    """The session a run sheet is written for: room 1's prime-time (evening) session, else its first."""
    first = [x for x in sessions if x.room == 1] or sessions
    return next((x for x in first if x.part == "evening"), first[0] if first else None)


def _crew_for(kb: KnowledgeBase, step: SopStep, crew: set[str]) -> set[str]:
    """The people a step's on-air posts go to: the session's crew, when the step is on-air work."""
    s = kb.settings
    live = set(s.host_roles) | set(s.control_roles) | set(s.follow_live_roles)
    return crew if step.phase == "during" and live & set(step.roles) else set()


def _on_camera(team: Team, kb: KnowledgeBase, step: SopStep, crew: set[str]) -> set[str]:
    """The people busy on camera during this step: the session's hosts (any host without a crew), for
    off-camera steps of the live itself."""
    hosts = set(kb.settings.host_roles)
    if step.phase != "during" or hosts & set(step.roles):
        return set()
    return {p.name for p in team.people if hosts & set(p.posts) and (not crew or p.name in crew)}


def _owners(team: Team, step: SopStep, busy: set[str], crew: set[str]) -> tuple[str, list[str], bool] | None:
    """(post, owners, whether the fallback was used), or None for an optional step nobody can take.

    People in `busy` are passed over while anyone else holds or covers one of the step's posts; on-air work
    goes to the session's `crew` when one of them holds the post.
    """
    for skip in ((busy, set()) if busy else (set(),)):
        for attr in ("posts", "covers"):
            for role in step.roles:
                people = [p for p in team.people if role in getattr(p, attr) and p.name not in skip]
                people = [p for p in people if p.name in crew] or people
                real = [p.name for p in people if not p.vacancy]
                if people:
                    return role, real or [p.name for p in people], False
    if step.optional:
        return None
    lead = [p.name for p in team.people if "team_lead" in p.posts]
    return "team_lead", lead or [team.people[0].name], True


def _span(minutes: int, lang: Lang) -> str:
    """120 → 2小时 / 2 h; 90 → 1小时30分钟 / 1 h 30 min; 1440 → 1天 / 1 day."""
    if minutes and minutes % 1440 == 0:
        return f"{minutes // 1440}天" if lang == "zh" else f"{minutes // 1440} day" + ("s" if minutes > 1440 else "")
    h, m = divmod(minutes, 60)
    if lang == "zh":
        return (f"{h}小时" if h else "") + (f"{m}分钟" if m or not h else "")
    return " ".join(part for part in (f"{h} h" if h else "", f"{m} min" if m or not h else "") if part)


def _when(step: SopStep, length: int, lang: Lang) -> str:
    """The line's time relative to the session: 开播前2小时, 直播全程, 下播后24小时内 …"""
    zh = lang == "zh"
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


def render_sop(sheet: RunSheet, lang: Lang, fmt: str) -> str:
    """The run sheet as Markdown (also used for text), JSON or YAML: the timeline, then each person's lines."""
    if fmt in ("json", "yaml"):
        return dump_data(sheet, fmt)
    zh = lang == "zh"
    title = "直播SOP" if zh else "Live-session SOP"
    head = (f"开播 {sheet.start}，直播{sheet.live_hours:g}小时" if zh
            else f"On air at {sheet.start} for {sheet.live_hours:g} h")
    lines = [f"# {title}", "", head, "",
             "| 阶段 | 相对时间 | 时间 | 事项 | 岗位 | 负责人 |" if zh else "| Phase | When | Clock | Task | Post | Owner |",
             "|---|---|---|---|---|---|"]
    for line in sheet.lines:
        lines.append(f"| {PHASE_NAMES[line.phase].get(lang)} | {line.when} | {line.clock} | {cell(line.task)} "
                     f"| {line.post} | {cell(owner_text(line, lang))} |")
    lines += ["", "## 按人员" if zh else "## By person", ""]
    for who, own in sheet.by_person().items():
        lines.append(f"- **{cell(who)}**: " + ("；" if zh else "; ").join(f"{x.clock} {x.task}" for x in own))
    return "\n".join(lines) + "\n"


def owner_text(line: SopLine, lang: Lang) -> str:
    """The owners as one string, marked when the line fell to the lead because nobody holds its post."""
    names = ("、" if lang == "zh" else ", ").join(line.owners)
    return names + (("（兜底）" if lang == "zh" else " (fallback)") if line.fallback else "")


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: pipes and HTML escaped, newlines flattened."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return " ".join(escaped.split())
