"""The `chart` command, and the drawing that `plan -o team.png` shares with it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DouyinTeamError, UnsupportedFormat
from .common import load_kb
from .output import SUFFIX_FORMATS, write_output

if TYPE_CHECKING:
    from ..knowledge import KnowledgeBase
    from ..team import Team


def cmd_chart(args: argparse.Namespace) -> int:
    """Draw the org chart (架构图) of a team file or plan: SVG, PNG, PDF, HTML, JSON, Mermaid, DOT or draw.io."""
    from ..chart.render import SUFFIXES as CHART_SUFFIXES
    from ..planning import diagnose
    from ..team import in_language, read_team

    if args.output and not args.chart_format:  # `chart -o x.json` means the chart's JSON, unlike `plan`
        suffix = Path(args.output).suffix.lower()
        if suffix not in {**CHART_SUFFIXES, ".json": "json"}:
            raise UnsupportedFormat(f"cannot tell the chart format of '{args.output}'", field="-o",
                                    hint="end the name in .svg .png .pdf .html .json .mmd .dot .drawio or give --format")
        args.chart_format = {**CHART_SUFFIXES, ".json": "json"}[suffix]
    kb = load_kb(args)
    team = read_team(args.file, kb)
    if args.lang == "en":  # a Chinese plan's seats in English, as the pages draw them (主播A → Host A); the Chinese
        team = in_language(team, kb, "en")  # default is left alone: a 100,000-person chart stays as fast as it was
    # The stage only (as `check` diagnoses it): the chart shows no findings, and running every rule over a
    # 100,000-person team took longer than drawing it.
    stage = diagnose(kb, team.monthly_sales, args.stage or team.stage, len(team.people)).stage
    draw_chart(args, team, kb, stage, (args.file,))
    return 0


def chart_format(args: argparse.Namespace) -> str | None:
    """The chart format asked for by --format or the -o suffix, or None for a text report."""
    fmt = getattr(args, "chart_format", None)
    if fmt:
        from ..chart.render import verify_format

        return verify_format(fmt)
    suffix = Path(args.output).suffix.lower() if args.output else ""
    if not suffix or suffix in SUFFIX_FORMATS:  # a text report: the chart's renderers are not even imported
        return None
    from ..chart.render import SUFFIXES

    return SUFFIXES.get(suffix)


def draw_chart(args: argparse.Namespace, team: Team, kb: KnowledgeBase, stage: str, inputs: tuple[str, ...] = ()) -> None:
    """Draw the team's chart in the format asked for and write it to `-o` (text formats may go to standard output)."""
    import datetime

    from ..chart import ChartOptions, build_chart
    from ..chart.render import render, render_note
    from ..textpolicy import clean_text

    fmt = chart_format(args) or "svg"
    title = clean_text(args.title, "--title") if args.title else None
    date = clean_text(args.date, "--date") if args.date else datetime.date.today().isoformat()
    options = ChartOptions(orientation=args.orientation, compact=args.compact, theme=args.theme, lang=args.lang,
                           title=title, date=date, scale=args.scale,
                           paper=args.paper, landscape=args.landscape, pdf_pages=args.pdf_pages)
    chart = build_chart(team, kb, stage, options)
    data = render(chart, fmt)
    note = render_note(chart, fmt)
    if note:
        print(f"note: {note}", file=sys.stderr)
    if args.output:
        write_output(args.output, data, inputs)
    elif isinstance(data, bytes):
        raise DouyinTeamError(f"{fmt.upper()} is binary", field="-o", hint=f"write it to a file: -o team.{fmt}")
    else:
        sys.stdout.write(data)
