"""The `douyin-team` parser with every command, and `main`: parse, run the command, and turn an error into one
line and an exit code. The commands live in this package's other modules, one per group.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from ..errors import DouyinTeamError
from .catalog import cmd_explain, cmd_roles, cmd_schema
from .chart import cmd_chart
from .common import clock_option, common_options, number_option
from .teams import cmd_check, cmd_compare, cmd_import, cmd_plan, cmd_roadmap, cmd_shifts, cmd_staff


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a bad argument is one line (not the 14 lines of usage first), with where to look, in
    Chinese unless `--lang en` (or DOUYIN_TEAM_LANG=en) was asked for."""

    def error(self, message: str) -> NoReturn:
        """Print `prog：错误：message（提示：prog --help）` (or the English form) and exit 2."""
        message = " ".join(message.split())
        if _argv_lang() == "en":
            self.exit(2, f"{self.prog}: error: {_one_side(message, 'en')} (hint: {self.prog} --help)\n")
        self.exit(2, f"{self.prog}：错误：{_parser_zh(message)}（提示：{self.prog} --help）\n")


def _argv_lang() -> str:
    """The language asked for on the command line (argparse reports errors before it has parsed `--lang`)."""
    argv = sys.argv[1:]
    for k, arg in enumerate(argv):
        if arg == "--lang" and k + 1 < len(argv):
            return argv[k + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("DOUYIN_TEAM_LANG", "zh")


def _one_side(message: str, lang: str) -> str:
    """Our own option errors say both languages ('中文 / English'): keep the one asked for."""
    head, sep, tail = message.rpartition(": ")
    text = tail if sep else message
    if " / " in text:
        zh, _, en = text.partition(" / ")
        text = en if lang == "en" else zh
    return f"{head}{sep}{text}" if sep else text


def _parser_zh(message: str) -> str:
    """argparse's message in Chinese: 'argument --focus: invalid choice …' → '参数--focus：无效的取值…'."""
    from ..errors import translate

    if message.startswith("argument ") and ": " in message:
        name, inner = message[len("argument "):].split(": ", 1)
        inner = _one_side(inner, "zh") if " / " in inner else translate(inner, "messages", "zh")
        inner = inner.removeprefix(f"{name}：")  # our option errors name the option already
        return f"{'命令' if name == 'COMMAND' else '参数' + name}：{inner}"
    return translate(message, "messages", "zh")


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "plan": cmd_plan, "check": cmd_check, "staff": cmd_staff, "shifts": cmd_shifts, "compare": cmd_compare, "roadmap": cmd_roadmap,
    "chart": cmd_chart, "import": cmd_import,
    "roles": cmd_roles, "explain": cmd_explain, "schema": cmd_schema,
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand; given one of COMMANDS, with that command alone, which is all
    that parsing its arguments needs (the 16 others cost `plan` 5 ms of its start, measured)."""
    parser = OneLineParser(prog="douyin-team", description="抖音电商团队：诊断、规划、检查 / Plan and check Douyin e-commerce teams")
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, fn in COMMANDS.items():
        if command in (None, name):
            p = sub.add_parser(name, help=(fn.__doc__ or "").split("\n")[0], description=fn.__doc__)
            p.set_defaults(func=fn)
            common_options(p, formats=name not in ("schema", "chart"))
            OPTIONS.get(name, _no_options)(p)
    if command is None:
        from .kit import add_kit_commands
        from .web import add_web_commands

        add_kit_commands(sub)
        add_web_commands(sub)
    return parser


def _no_options(p: argparse.ArgumentParser) -> None:
    """A command that takes only the common options."""


def _plan_command(p: argparse.ArgumentParser) -> None:
    _plan_options(p)
    _chart_options(p)


def _chart_command(p: argparse.ArgumentParser) -> None:
    _chart_options(p)
    p.add_argument("file", help="team file (YAML or JSON), a plan, or a CSV/XLSX roster")
    p.add_argument("--stage", help="override the stage (novice, growth, mature)")
    p.add_argument("--format", "-f", dest="chart_format", metavar="FORMAT",
                   help="svg, png, pdf, html, json, mmd, dot or drawio (default: from -o, else svg)")


def _check_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="team file (YAML or JSON, e.g. a plan written by `plan`) or a CSV/XLSX roster")
    p.add_argument("--stage", help="override the stage (novice, growth, mature)")
    _stated_facts(p)


def _stated_facts(p: argparse.ArgumentParser) -> None:
    """The facts a roster cannot hold, said on the command line (each overrides the file's): `check` and
    `roadmap` (cli/teams.py `stated`)."""
    p.add_argument("--sales", type=number_option("--sales"), metavar="CNY",
                   help="monthly sales (GMV) in CNY (default: the file's monthly_sales)")
    ads = p.add_mutually_exclusive_group()
    ads.add_argument("--ads", dest="ads", action="store_true", default=None,
                     help="the merchant buys paid traffic (千川/随心推): the ad buyer is checked")
    ads.add_argument("--no-ads", dest="ads", action="store_false", default=None, help="the merchant buys no paid traffic")
    p.add_argument("--live-hours", type=number_option("--live-hours", upper=24), metavar="H",
                   help="live hours a day per room (default: the file's live_hours)")
    p.add_argument("--fulfilment", choices=("own", "cloud", "none"),
                   help="own warehouse, cloud warehouse/代发, or none (精选联盟 only)")
    p.add_argument("--outsourced-service", dest="service", action="store_const", const="outsourced",
                   help="customer service is outsourced (外包客服)")


def _import_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="CSV or XLSX with columns 姓名/岗位/上级/部门 …")
    p.add_argument("--sheet", help="XLSX sheet name (default: the first)")
    p.add_argument("--keep-phone", action="store_true",
                   help="keep the phone column (手机/手机号; personal data, left out by default)")


def _roadmap_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="the team now (a team file, or a CSV/XLSX roster)")
    p.add_argument("--to", help="target stage (default: the next one)")
    _stated_facts(p)


def _compare_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("a", help="first team file (e.g. the team now)")
    p.add_argument("b", help="second team file (e.g. the plan for the next stage)")


def _shifts_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="team file (a staffed team, or any team file)")
    p.add_argument("--live-hours", type=number_option("--live-hours", upper=24),
                   help="live hours a day per room (default: the plan's sessions, else the file's profile)")
    p.add_argument("--sessions", type=int, choices=range(1, 8), metavar="1-7", help="live days a week (default: the plan's)")
    p.add_argument("--start", type=clock_option, metavar="HH:MM",
                   help="the first session starts at HH:MM (default: the plan's sessions)")


def _staff_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("--plan", required=True, help="a plan (or any team file) whose posts to fill")
    p.add_argument("--roster", required=True, help="people: YAML/JSON, or CSV/XLSX with 姓名/技能/每周工时/月薪")
    p.add_argument("--stage", help="override the stage (novice, growth, mature)")
    p.add_argument("--time-limit", type=number_option("--time-limit", upper=3600), default=10.0, metavar="S",
                   help="solver time limit in seconds (default 10)")
    p.add_argument("--seed", type=int, default=0, help="solver seed: the same seed gives the same answer")
    p.add_argument("--start", type=clock_option, metavar="HH:MM",
                   help="move the plan's sessions so the first starts at HH:MM (default: as planned)")


def _roles_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("role", nargs="?", help="one post (id, name or alias) to show in full")


def _explain_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("rule", nargs="?", help="a rule id; omit to list every rule")


# Each command's own options, after the common ones.
OPTIONS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "plan": _plan_command, "chart": _chart_command, "check": _check_command, "import": _import_command,
    "roadmap": _roadmap_command, "compare": _compare_command, "shifts": _shifts_command, "staff": _staff_command,
    "roles": _roles_command, "explain": _explain_command,
}


def _plan_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sales", type=number_option("--sales"), metavar="CNY", help="monthly sales (GMV) in CNY")
    p.add_argument("--stage", help="skip the diagnosis: novice, growth or mature")
    p.add_argument("--focus", choices=("live", "store", "video"), help="main focus (default live)")
    p.add_argument("--resource", action="append", choices=("supply_chain", "offline_stores", "ecommerce_team"),
                   help="a resource the merchant has (repeatable)")
    p.add_argument("--budget", type=number_option("--budget", integer=True), metavar="N", help="headcount budget")
    p.add_argument("--budget-cny", type=number_option("--budget-cny"), metavar="CNY",
                   help="monthly labour budget in CNY (人力预算): the plan is cut to fit it")
    p.add_argument("--live-hours", type=number_option("--live-hours", upper=24), metavar="H",
                   help="live hours a day per room (default: by monthly sales)")
    p.add_argument("--rooms", type=number_option("--rooms", integer=True, upper=200), metavar="N",
                   help="live rooms / accounts live at once (矩阵号; default: by monthly sales)")
    p.add_argument("--live-days", type=int, choices=range(1, 8), metavar="1-7", help="live days a week per room (default 6)")
    p.add_argument("--day-part", action="append", metavar="PART",
                   help="preferred day part, repeatable: morning/早场, noon/午场, afternoon/下午场, evening/晚场, night/夜场")
    p.add_argument("--order-value", type=number_option("--order-value"), metavar="CNY",
                   help="average order value 客单价 (default: by category)")
    p.add_argument("--category", help="general, apparel, beauty, food, home, accessories or bulky (default general)")
    p.add_argument("--ad-spend", type=number_option("--ad-spend"), metavar="CNY",
                   help="monthly paid-traffic spend 千川消耗 (default: a share of sales)")
    p.add_argument("--fulfilment", choices=("own", "cloud", "none"),
                   help="own warehouse, cloud warehouse/代发, or none (精选联盟 only; default: by orders a day)")
    p.add_argument("--outsourced-service", dest="service", action="store_const", const="outsourced",
                   help="customer service is outsourced (外包客服)")
    p.add_argument("--videos", type=number_option("--videos", integer=True, upper=100000), metavar="N",
                   help="short videos a week (default: one a day per room)")
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
    group.add_argument("--scale", type=number_option("--scale", upper=8), default=2.0, help="PNG pixels per chart unit")
    group.add_argument("--paper", choices=("A4", "A3"), default="A4", help="PDF paper size")
    group.add_argument("--landscape", action="store_true", default=None, help="PDF pages in landscape (default: when the chart is wider than tall)")
    group.add_argument("--portrait", dest="landscape", action="store_false", help="PDF pages in portrait")
    group.add_argument("--pdf-pages", choices=("tile", "department"), default="tile",
                       help="PDF: tile a big chart over pages, or an overview plus one page per department")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 rule errors, 2 bad input)."""
    from .progressbar import progress_bar

    words = sys.argv[1:] if argv is None else list(argv)
    command = words[0] if words and words[0] in COMMANDS else None
    args = build_parser(command).parse_args(words)
    try:
        with progress_bar(getattr(args, "lang", None) or "zh"):
            code: int = args.func(args)
        return code
    except DouyinTeamError as err:
        english = getattr(args, "lang", "zh") == "en"
        line = "douyin-team: error: " + err.render("en") if english else "douyin-team：错误：" + err.render("zh")
        print(line, file=sys.stderr)
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


# One command is a short run: what start-up builds (modules, classes, the knowledge base: ~20,000 objects the
# collector tracks) lives until exit, and Python's collections every 700 new objects walk it again and again
# (measured: 2-4 ms of a 65 ms `plan`). The served processes tune their own collector (gcpause.tune_for_serving).
SHORT_RUN_THRESHOLDS = (50_000, 50, 100)
LONG_RUNNING = ("serve", "worker")


def run() -> NoReturn:
    """The `douyin-team` program: `main` in a process of its own, with the cycle collector tuned for a short run."""
    if not set(sys.argv[1:2]) & set(LONG_RUNNING):
        gc.set_threshold(*SHORT_RUN_THRESHOLDS)
    code = main()
    # Everything still alive is freed by reference counting as the interpreter exits; frozen, it is left out of
    # the collections made as the interpreter exits (8-9 ms of a `plan`, measured). atexit handlers and finalizers still run.
    gc.freeze()
    sys.exit(code)
