"""The commands on teams and plans: `plan`, `check`, `import`, `staff`, `shifts`, `compare` and `roadmap`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

import msgspec

from .chart import chart_format, draw_chart
from .common import TEXT_FORMATS, emit, load_kb
from .output import format_for, verify_format

if TYPE_CHECKING:
    from ..team import Team


def cmd_plan(args: argparse.Namespace) -> int:
    """Diagnose the stage and recommend a team."""
    from ..checking import check_team, result_team
    from ..planning import plan_team
    from ..reports import render
    from ..team import Profile

    kb, lang = load_kb(args), args.lang
    fmt = verify_format(format_for(args.output, args.format), TEXT_FORMATS) if not chart_format(args) else ""
    merchant = None
    if args.merchant:
        from ..textpolicy import clean_text  # its patterns take 1 ms to compile: only for a name to clean

        merchant = clean_text(args.merchant, "--merchant")
    profile = Profile(merchant=merchant, stage=args.stage, monthly_sales=args.sales, focus=args.focus,
                      resources=sorted(set(args.resource or [])), headcount_budget=args.budget,
                      budget_cny=args.budget_cny,
                      live_hours=args.live_hours, city_tier=args.city_tier, ads=args.ads, rooms=args.rooms,
                      live_days=args.live_days, day_parts=args.day_part or [], order_value=args.order_value,
                      category=args.category, ad_spend=args.ad_spend, fulfilment=args.fulfilment,
                      service=args.service, videos_per_week=args.videos)
    team = plan_team(profile, kb, lang)
    if chart_format(args):
        draw_chart(args, team, kb, team.stage or "novice")
        return 0
    team = result_team(team, check_team(team, kb), kb, lang)
    title = ("抖音团队方案" if lang == "zh" else "Douyin team plan") + (f" · {merchant}" if merchant else "")
    emit(args, render(team, fmt, kb, lang, title))
    return 0


def stated(team: Team, args: argparse.Namespace) -> Team:
    """The team with the facts said on the command line (`--sales`, `--ads` …: cli/main.py `_stated_facts`)
    over the file's."""
    facts = {"monthly_sales": args.sales, "ads": args.ads, "live_hours": args.live_hours,
             "fulfilment": args.fulfilment, "service": args.service}
    return msgspec.structs.replace(team, **{k: v for k, v in facts.items() if v is not None})


def cmd_check(args: argparse.Namespace) -> int:
    """Check a team file against the rules of its stage; exit 1 when a rule with severity error is broken."""
    from ..checking import check_team, result_team
    from ..reports import render
    from ..team import read_team

    kb, lang = load_kb(args), args.lang
    fmt = verify_format(format_for(args.output, args.format), TEXT_FORMATS)
    team = stated(read_team(args.file, kb), args)
    result = check_team(team, kb, args.stage)
    title = ("团队检查" if lang == "zh" else "Team check") + f" · {args.file}"
    emit(args, render(result_team(team, result, kb, lang), fmt, kb, lang, title), (args.file,))
    return 1 if result.errors else 0


def cmd_import(args: argparse.Namespace) -> int:
    """Read a CSV or XLSX roster (姓名/岗位/上级/部门 …) and write a team file; phone numbers only with --keep-phone."""
    from ..team import dump_team, import_table

    kb = load_kb(args)
    team = import_table(args.file, kb, sheet=args.sheet, keep_phone=args.keep_phone)
    fmt = verify_format(format_for(args.output, args.format, "yaml"), ("yaml", "json"))
    emit(args, dump_team(team, fmt), (args.file,))
    return 0


def cmd_staff(args: argparse.Namespace) -> int:
    """Staff a plan from a roster of real people (OR-Tools CP-SAT): who holds which posts, what to hire, the cost."""
    from ..reports import render
    from ..staffing import staff_team
    from ..team import read_roster, read_team

    kb, lang = load_kb(args), args.lang
    fmt = verify_format(format_for(args.output, args.format), TEXT_FORMATS)
    team = staff_team(read_team(args.plan, kb), read_roster(args.roster, kb), kb, args.stage,
                      time_limit=args.time_limit, seed=args.seed, lang=lang, start=args.start)
    title = "人员安排" if lang == "zh" else "Staffing"
    emit(args, render(team, fmt, kb, lang, title), (args.plan, args.roster))
    return 0


def cmd_shifts(args: argparse.Namespace) -> int:
    """A weekly shift table for a team: how many hosts and controls the live hours need, and who takes which shift."""
    from ..staffing import render_shifts, shift_table
    from ..team import read_team

    kb = load_kb(args)
    team = read_team(args.file, kb)
    fmt = verify_format(format_for(args.output, args.format, "markdown"), TEXT_FORMATS)
    table = shift_table(team, kb, args.live_hours, args.sessions, args.start, args.lang)
    emit(args, render_shifts(table, args.lang, fmt), (args.file,))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Two teams side by side (e.g. now and the next stage's plan): headcount, posts, combinations, cost, findings."""
    from ..reports import render_comparison, side
    from ..team import read_team

    kb = load_kb(args)
    a, b = (side(name, read_team(name, kb), kb) for name in (args.a, args.b))
    fmt = verify_format(format_for(args.output, args.format, "markdown"), TEXT_FORMATS)
    emit(args, render_comparison(a, b, kb, args.lang, fmt), (args.a, args.b))
    return 0


def cmd_roadmap(args: argparse.Namespace) -> int:
    """The road to the next stage: splits and hires ordered by the sales level at which each pays, with costs."""
    from ..reports import render_roadmap, roadmap
    from ..team import read_team

    kb = load_kb(args)
    steps = roadmap(stated(read_team(args.file, kb), args), kb, args.to, args.lang)
    fmt = verify_format(format_for(args.output, args.format, "markdown"), TEXT_FORMATS)
    emit(args, render_roadmap(steps, kb, args.lang, fmt), (args.file,))
    return 0
