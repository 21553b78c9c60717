"""The team-kit commands (`kit`, `sop`, `jd`), registered on the main parser by `main.build_parser`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..errors import DouyinTeamError, InvalidValue
from .common import TEXT_FORMATS, clock_option, common_options, emit, load_kb, number_option
from .output import format_for, verify_format, write_output

if TYPE_CHECKING:
    from ..knowledge import KnowledgeBase
    from ..team import Team


def cmd_kit(args: argparse.Namespace) -> int:
    """The team kit: org chart, job descriptions, KPI sheets, live SOP, shifts and budget as XLSX, Markdown, HTML or PDF."""
    import datetime

    from ..kit import KitOptions, build_kit, format_of, render_kit
    from ..textpolicy import clean_text

    fmt = format_of(args.output, args.kit_format)
    kb = load_kb(args)
    team, stage = _team(args, kb)
    options = KitOptions(start=args.start, live_hours=args.live_hours, sessions=args.sessions,
                         date=clean_text(args.date, "--date") if args.date else datetime.date.today().isoformat())
    data = render_kit(build_kit(team, kb, stage, args.lang, options), fmt)
    if args.output:
        write_output(args.output, data, (args.file,))
    elif isinstance(data, bytes):
        raise DouyinTeamError(f"{fmt.upper()} is binary", field="-o", hint=f"write it to a file: -o kit.{fmt}")
    else:
        sys.stdout.write(data)
    return 0


def cmd_sop(args: argparse.Namespace) -> int:
    """The live-session run sheets for a team: one per session, every step on the clock, each with its owner
    from that session's crew (or the team)."""
    from ..kit import render_sop, run_sheets

    fmt = verify_format(format_for(args.output, args.format, "markdown"), TEXT_FORMATS)
    kb = load_kb(args)
    team, stage = _team(args, kb)
    emit(args, render_sop(run_sheets(team, kb, args.start, args.live_hours, None, args.lang), args.lang, fmt), (args.file,))
    return 0


def cmd_jd(args: argparse.Namespace) -> int:
    """A job description ready for a hiring post: hours from the stage's plan, purpose, duties before/during/after,
    skills, requirements, KPIs, interview questions and a first-30-days plan."""
    from ..kit import crewed_by, job_description, render_jd, scorecard
    from ..planning import plan_team
    from ..team import Profile

    fmt = verify_format(format_for(args.output, args.format, "markdown"), TEXT_FORMATS)
    kb = load_kb(args)
    if args.stage not in kb.stage:
        raise InvalidValue(f"unknown stage '{args.stage}'", field="--stage", hint=f"use one of: {', '.join(kb.stage)}")
    if args.category is not None and args.category not in kb.category:
        raise InvalidValue(f"unknown category '{args.category}'", field="--category",
                           hint=f"use one of: {', '.join(kb.category)}")
    roles = list(dict.fromkeys(kb.resolve_role(label, "role") for label in args.role))
    plan = plan_team(Profile(stage=args.stage, city_tier=args.city_tier), kb, args.lang)  # the stage's usual sessions
    jd = job_description(kb, roles, args.stage, args.lang, sessions=crewed_by(plan.sessions or [], plan.people, roles),
                         city_tier=args.city_tier)
    card = scorecard(kb, roles, args.stage, args.lang, category=args.category)
    emit(args, render_jd(jd, card, args.lang, fmt))
    return 0


def _team(args: argparse.Namespace, kb: KnowledgeBase) -> tuple[Team, str]:
    from ..checking import check_team
    from ..team import read_team

    team = read_team(args.file, kb)
    return team, check_team(team, kb, args.stage).diagnosis.stage


def add_kit_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `kit`, `sop` and `jd` with the main parser's shared options."""
    for name, fn in (("kit", cmd_kit), ("sop", cmd_sop), ("jd", cmd_jd)):
        p = sub.add_parser(name, help=(fn.__doc__ or "").split("\n")[0], description=fn.__doc__)
        p.set_defaults(func=fn)
        common_options(p, name != "kit")
        if name == "jd":
            p.add_argument("role", nargs="+", help="post(s) by id, Chinese name or alias; several = one merged description")
            p.add_argument("--stage", default="growth", help="novice, growth or mature (default growth)")
            p.add_argument("--city-tier", type=int, choices=range(1, 6), metavar="1-5",
                           help="city tier for the pay range (1 = tier-1 city … 5 = county town)")
            p.add_argument("--category", help="product category for category targets (apparel, food, …)")
            continue
        p.add_argument("file", help="team file (YAML or JSON) or a plan")
        p.add_argument("--stage", help="override the stage (novice, growth, mature)")
        p.add_argument("--start", type=clock_option, metavar="HH:MM",
                       help="the first session starts at HH:MM, the others move with it (default: the plan's sessions)")
        p.add_argument("--live-hours", type=number_option("--live-hours", upper=24), metavar="H",
                       help="live hours a day (default: the plan's sessions, else the file's profile)")
        if name == "kit":
            p.add_argument("--format", "-f", dest="kit_format", metavar="FORMAT",
                           help="xlsx, md, html or pdf (default: from -o)")
            p.add_argument("--sessions", type=int, choices=range(1, 8), metavar="1-7",
                           help="live days a week, for the shift table (default: the plan's)")
            p.add_argument("--date", help="date shown on the org chart (default: today)")
