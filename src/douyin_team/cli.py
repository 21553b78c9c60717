"""The `douyin-team` command: a thin shell that parses options, calls one core function, prints the result.

Heavy modules are imported inside the command that needs them so that start-up stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DouyinTeamError, UnsupportedFormat
from .output import format_for, verify_format, write_output

if TYPE_CHECKING:
    from .knowledge import KnowledgeBase
    from .team import Team

TEXT_FORMATS = ("text", "json", "yaml", "markdown")


def _kb(args: argparse.Namespace) -> KnowledgeBase:
    from .knowledge import load_knowledge

    return load_knowledge(args.knowledge)


def _emit(args: argparse.Namespace, text: str, inputs: tuple[str, ...] = ()) -> None:
    if getattr(args, "output", None):
        write_output(args.output, text, inputs)
    else:
        sys.stdout.write(text)


def cmd_plan(args: argparse.Namespace) -> int:
    """Diagnose the stage and recommend a team."""
    from .checking import check_team, result_team
    from .planning import plan_team
    from .report import render
    from .team import Profile

    kb, lang = _kb(args), args.lang
    fmt = verify_format(format_for(args.output, args.format), TEXT_FORMATS) if not _chart_format(args) else ""
    profile = Profile(merchant=args.merchant, stage=args.stage, monthly_sales=args.sales, focus=args.focus,
                      resources=sorted(set(args.resource or [])), headcount_budget=args.budget,
                      live_hours=args.live_hours, city_tier=args.city_tier, ads=args.ads)
    team = plan_team(profile, kb, lang)
    if _chart_format(args):
        _draw(args, team, kb, team.stage or "novice")
        return 0
    team = result_team(team, check_team(team, kb), kb, lang)
    title = ("抖音团队方案" if lang == "zh" else "Douyin team plan") + (f" · {args.merchant}" if args.merchant else "")
    _emit(args, render(team, fmt, kb, lang, title))
    return 0


def cmd_chart(args: argparse.Namespace) -> int:
    """Draw the org chart (架构图) of a team file or plan: SVG, PNG, PDF, HTML, JSON, Mermaid, DOT or draw.io."""
    from .output import CHART_SUFFIXES
    from .planning import diagnose
    from .team import read_team

    if args.output and not args.chart_format:  # `chart -o x.json` means the chart's JSON, unlike `plan`
        suffix = Path(args.output).suffix.lower()
        if suffix not in {**CHART_SUFFIXES, ".json": "json"}:
            raise UnsupportedFormat(f"cannot tell the chart format of '{args.output}'", field="-o",
                                    hint="end the name in .svg .png .pdf .html .json .mmd .dot .drawio or give --format")
        args.chart_format = {**CHART_SUFFIXES, ".json": "json"}[suffix]
    kb = _kb(args)
    team = read_team(args.file, kb)
    # The stage only (as `check` diagnoses it): the chart shows no findings, and running every rule over a
    # 100,000-person team took longer than drawing it.
    stage = diagnose(kb, team.monthly_sales, args.stage or team.stage, len(team.people)).stage
    _draw(args, team, kb, stage, (args.file,))
    return 0


def _chart_format(args: argparse.Namespace) -> str | None:
    """The chart format asked for by --format or the -o suffix, or None for a text report."""
    from .output import CHART_SUFFIXES

    fmt = getattr(args, "chart_format", None)
    if fmt:
        from .render import verify_format

        return verify_format(fmt)
    suffix = Path(args.output).suffix.lower() if args.output else ""
    return CHART_SUFFIXES.get(suffix)


def _draw(args: argparse.Namespace, team: Team, kb: KnowledgeBase, stage: str, inputs: tuple[str, ...] = ()) -> None:
    import datetime

    from .chart import build_chart
    from .chartmodel import ChartOptions
    from .render import render

    fmt = _chart_format(args) or "svg"
    options = ChartOptions(orientation=args.orientation, compact=args.compact, theme=args.theme, lang=args.lang,
                           title=args.title, date=args.date or datetime.date.today().isoformat(), scale=args.scale,
                           paper=args.paper, landscape=args.landscape, pdf_pages=args.pdf_pages)
    chart = build_chart(team, kb, stage, options)
    data = render(chart, fmt)
    if fmt == "png":
        from .render.png import png_note

        note = png_note(chart)
        if note:
            print(f"note: {note}", file=sys.stderr)
    if args.output:
        write_output(args.output, data, inputs)
    elif isinstance(data, bytes):
        raise DouyinTeamError(f"{fmt.upper()} is binary", field="-o", hint=f"write it to a file: -o team.{fmt}")
    else:
        sys.stdout.write(data)


def cmd_staff(args: argparse.Namespace) -> int:
    """Staff a plan from a roster of real people (OR-Tools CP-SAT): who holds which posts, what to hire, the cost."""
    from .report import render
    from .staffing import staff_team
    from .team import read_roster, read_team

    kb, lang = _kb(args), args.lang
    fmt = verify_format(format_for(args.output, args.format), TEXT_FORMATS)
    team = staff_team(read_team(args.plan, kb), read_roster(args.roster, kb), kb, args.stage,
                      time_limit=args.time_limit, seed=args.seed, lang=lang, start=args.start)
    title = "人员安排" if lang == "zh" else "Staffing"
    _emit(args, render(team, fmt, kb, lang, title), (args.plan, args.roster))
    return 0


def cmd_shifts(args: argparse.Namespace) -> int:
    """A weekly shift table for a team: how many hosts and controls the live hours need, and who takes which shift."""
    from .staffing import render_shifts, shift_table
    from .team import read_team

    kb = _kb(args)
    team = read_team(args.file, kb)
    hours = args.live_hours if args.live_hours is not None else (team.live_hours or 4.0)
    fmt = verify_format(format_for(args.output, args.format, "markdown"), TEXT_FORMATS)
    table = shift_table(team, kb, hours, args.sessions, args.start, args.lang)
    _emit(args, render_shifts(table, args.lang, fmt), (args.file,))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Two teams side by side (e.g. now and the next stage's plan): headcount, posts, combinations, cost, findings."""
    from .compare import render_comparison, side
    from .team import read_team

    kb = _kb(args)
    a, b = (side(name, read_team(name, kb), kb) for name in (args.a, args.b))
    fmt = verify_format(format_for(args.output, args.format, "markdown"), TEXT_FORMATS)
    _emit(args, render_comparison(a, b, kb, args.lang, fmt), (args.a, args.b))
    return 0


def cmd_roadmap(args: argparse.Namespace) -> int:
    """The road to the next stage: which combined posts to split first, which posts to hire, in what order."""
    from .roadmap import render_roadmap, roadmap
    from .team import read_team

    kb = _kb(args)
    steps = roadmap(read_team(args.file, kb), kb, args.to, args.lang)
    fmt = verify_format(format_for(args.output, args.format, "markdown"), TEXT_FORMATS)
    _emit(args, render_roadmap(steps, kb, args.lang, fmt), (args.file,))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Check a team file against the rules of its stage; exit 1 when a rule with severity error is broken."""
    from .checking import check_team, result_team
    from .report import render
    from .team import read_team

    kb, lang = _kb(args), args.lang
    fmt = verify_format(format_for(args.output, args.format), TEXT_FORMATS)
    team = read_team(args.file, kb)
    result = check_team(team, kb, args.stage)
    title = ("团队检查" if lang == "zh" else "Team check") + f" · {args.file}"
    _emit(args, render(result_team(team, result, kb, lang), fmt, kb, lang, title), (args.file,))
    return 1 if result.errors else 0


def cmd_import(args: argparse.Namespace) -> int:
    """Read a CSV or XLSX roster (姓名/岗位/上级/部门 …) and write a team file."""
    from .team import dump_team, import_table

    kb = _kb(args)
    team = import_table(args.file, kb, sheet=args.sheet)
    fmt = verify_format(format_for(args.output, args.format, "yaml"), ("yaml", "json"))
    _emit(args, dump_team(team, fmt), (args.file,))
    return 0


def cmd_roles(args: argparse.Namespace) -> int:
    """List every post with its duties before/during/after a live session, skills and KPIs."""
    from .knowledge import render_roles

    kb = _kb(args)
    fmt = verify_format(format_for(args.output, args.format), TEXT_FORMATS)
    _emit(args, render_roles(kb, args.role, fmt, args.lang))
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    """Explain one rule (or list them all): what it says, why, and where it comes from."""
    from .knowledge import render_rules

    kb = _kb(args)
    fmt = verify_format(format_for(args.output, args.format), TEXT_FORMATS)
    _emit(args, render_rules(kb, args.rule, fmt, args.lang))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the team file."""
    from .team import team_schema

    _emit(args, team_schema())
    return 0


def _common(p: argparse.ArgumentParser, formats: bool = True) -> None:
    if formats:
        p.add_argument("--format", "-f", choices=TEXT_FORMATS, help="output format (default: text, or from -o)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--lang", choices=("zh", "en"), default=os.environ.get("DOUYIN_TEAM_LANG", "zh"),
                   help="language of the output (default zh, or $DOUYIN_TEAM_LANG)")
    p.add_argument("--knowledge", metavar="PLAYBOOK", help="a YAML playbook laid over the default knowledge")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="douyin-team", description="抖音电商团队：诊断、规划、检查 / Plan and check Douyin e-commerce teams")
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "plan": cmd_plan, "check": cmd_check, "staff": cmd_staff, "shifts": cmd_shifts, "compare": cmd_compare, "roadmap": cmd_roadmap,
        "chart": cmd_chart, "import": cmd_import,
        "roles": cmd_roles, "explain": cmd_explain, "schema": cmd_schema,
    }
    parsers = {name: sub.add_parser(name, help=(fn.__doc__ or "").split("\n")[0], description=fn.__doc__)
               for name, fn in commands.items()}
    for name, p in parsers.items():
        p.set_defaults(func=commands[name])
        _common(p, formats=name not in ("schema", "chart"))
    _plan_options(parsers["plan"])
    _chart_options(parsers["plan"])
    _chart_options(parsers["chart"])
    parsers["chart"].add_argument("file", help="team file (YAML or JSON) or a plan")
    parsers["chart"].add_argument("--stage", help="override the stage (novice, growth, mature)")
    parsers["chart"].add_argument("--format", "-f", dest="chart_format", metavar="FORMAT",
                                  help="svg, png, pdf, html, json, mmd, dot or drawio (default: from -o, else svg)")
    parsers["check"].add_argument("file", help="team file (YAML or JSON), e.g. a plan written by `plan`")
    parsers["check"].add_argument("--stage", help="override the stage (novice, growth, mature)")
    parsers["import"].add_argument("file", help="CSV or XLSX with columns 姓名/岗位/上级/部门 …")
    parsers["roadmap"].add_argument("file", help="the team now (a team file)")
    parsers["roadmap"].add_argument("--to", help="target stage (default: the next one)")
    parsers["compare"].add_argument("a", help="first team file (e.g. the team now)")
    parsers["compare"].add_argument("b", help="second team file (e.g. the plan for the next stage)")
    shifts = parsers["shifts"]
    shifts.add_argument("file", help="team file (a staffed team, or any team file)")
    shifts.add_argument("--live-hours", type=_number("--live-hours", upper=24), help="live hours a day (default: the file's)")
    shifts.add_argument("--sessions", type=int, choices=range(1, 8), default=6, metavar="1-7", help="live days a week")
    shifts.add_argument("--start", type=_clock, metavar="HH:MM",
                        help="first shift starts at HH:MM (default: the playbook's live_start, 19:00)")
    staff_args = parsers["staff"]
    staff_args.add_argument("--plan", required=True, help="a plan (or any team file) whose posts to fill")
    staff_args.add_argument("--roster", required=True, help="people: YAML/JSON, or CSV/XLSX with 姓名/技能/每周工时/月薪")
    staff_args.add_argument("--stage", help="override the stage (novice, growth, mature)")
    staff_args.add_argument("--time-limit", type=_number("--time-limit", upper=3600), default=10.0, metavar="S",
                            help="solver time limit in seconds (default 10)")
    staff_args.add_argument("--seed", type=int, default=0, help="solver seed: the same seed gives the same answer")
    staff_args.add_argument("--start", type=_clock, metavar="HH:MM",
                            help="when the live session starts (default: the playbook's live_start, 19:00)")
    parsers["import"].add_argument("--sheet", help="XLSX sheet name (default: the first)")
    parsers["roles"].add_argument("role", nargs="?", help="one post (id, name or alias) to show in full")
    parsers["explain"].add_argument("rule", nargs="?", help="a rule id; omit to list every rule")
    from .cli_kit import add_kit_commands
    from .cli_web import add_web_commands

    add_kit_commands(sub)
    add_web_commands(sub)
    return parser


def _plan_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sales", type=_number("--sales"), metavar="CNY", help="monthly sales (GMV) in CNY")
    p.add_argument("--stage", help="skip the diagnosis: novice, growth or mature")
    p.add_argument("--focus", choices=("live", "store", "video"), help="main focus (default live)")
    p.add_argument("--resource", action="append", choices=("supply_chain", "offline_stores", "ecommerce_team"),
                   help="a resource the merchant has (repeatable)")
    p.add_argument("--budget", type=_number("--budget", integer=True), metavar="N", help="headcount budget")
    p.add_argument("--live-hours", type=_number("--live-hours", upper=24), metavar="H", help="live hours per day")
    p.add_argument("--city-tier", type=int, choices=range(1, 6), metavar="1-5", help="1 = tier-1 city … 5 = small town")
    p.add_argument("--no-ads", dest="ads", action="store_false", default=None, help="the merchant buys no paid traffic")
    p.add_argument("--merchant", help="merchant name shown on the plan")


def _chart_options(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("chart (when -o ends in .svg .png .pdf .html .mmd .dot .drawio)")
    group.add_argument("--orientation", choices=("vertical", "horizontal"), default="vertical")
    group.add_argument("--compact", choices=("auto", "on", "off"), default="auto",
                       help="stack leaf siblings in a column (auto: when a group is wide)")
    group.add_argument("--theme", choices=("light", "print"), default="light")
    group.add_argument("--title", help="chart title (default: the merchant's name + 团队架构图)")
    group.add_argument("--date", help="date shown on the chart (default: today)")
    group.add_argument("--scale", type=_number("--scale", upper=8), default=2.0, help="PNG pixels per chart unit")
    group.add_argument("--paper", choices=("A4", "A3"), default="A4", help="PDF paper size")
    group.add_argument("--landscape", action="store_true", help="PDF pages in landscape")
    group.add_argument("--pdf-pages", choices=("tile", "department"), default="tile",
                       help="PDF: tile a big chart over pages, or an overview plus one page per department")


def _clock(text: str) -> str:
    import re

    if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", text):
        raise argparse.ArgumentTypeError(f"--start: '{text}' is not a time like 19:00")
    return text


def _number(option: str, integer: bool = False, upper: float = 1e12) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text.replace(",", "").replace("，", "").replace("万", "e4"))
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option}: '{text}' is not a number") from None
        if not 0 <= value <= upper or (integer and (value != int(value) or value < 1)):
            bound = "a whole number ≥ 1" if integer else f"between 0 and {upper:g}"
            raise argparse.ArgumentTypeError(f"{option}: {text} must be {bound}")
        return int(value) if integer else value

    return parse


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 rule errors, 2 bad input)."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
        return code
    except DouyinTeamError as err:
        print(f"douyin-team: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not bad input: one line, and the traceback only on request
        if os.environ.get("DOUYIN_TEAM_DEBUG"):
            raise
        print(f"douyin-team: internal error: {type(exc).__name__}: {exc} (set DOUYIN_TEAM_DEBUG=1 for details)",
              file=sys.stderr)
        return 70
