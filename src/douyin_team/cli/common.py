"""What every command shares: the knowledge base of `--knowledge`, writing to `-o` or standard output, the
common options, and argument types whose errors name the option.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from .output import write_output

if TYPE_CHECKING:
    from ..knowledge import KnowledgeBase

TEXT_FORMATS = ("text", "json", "yaml", "markdown")


def load_kb(args: argparse.Namespace) -> KnowledgeBase:
    """The default knowledge base, with the playbook of `--knowledge` laid over it."""
    from ..knowledge import load_knowledge

    return load_knowledge(args.knowledge)


def emit(args: argparse.Namespace, text: str, inputs: tuple[str, ...] = ()) -> None:
    """Write the text to `-o` (never over one of `inputs`), else to standard output."""
    if getattr(args, "output", None):
        write_output(args.output, text, inputs)
    else:
        sys.stdout.write(text)


def common_options(p: argparse.ArgumentParser, formats: bool = True) -> None:
    """--format, --output, --lang and --knowledge, as every command takes them."""
    if formats:
        p.add_argument("--format", "-f", choices=TEXT_FORMATS, help="output format (default: text, or from -o)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--lang", choices=("zh", "en"), default=os.environ.get("DOUYIN_TEAM_LANG", "zh"),
                   help="language of the output (default zh, or $DOUYIN_TEAM_LANG)")
    p.add_argument("--knowledge", metavar="PLAYBOOK", help="a YAML playbook laid over the default knowledge")


def clock_option(text: str) -> str:
    """An argparse type for --start: a time of day like 19:00."""
    import re

    if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", text):
        raise argparse.ArgumentTypeError(f"--start：“{text}”不是 19:00 这样的时刻 / '{text}' is not a time like 19:00")
    return text


def number_option(option: str, integer: bool = False, upper: float = 1e12) -> Callable[[str], float]:
    """An argparse type for a number (1,000, 1万) between 0 and `upper`, or a whole number ≥ 1. Its error is in both
    languages: argparse reports it before `--lang` is known."""
    def parse(text: str) -> float:
        try:
            value = float(text.replace(",", "").replace("，", "").replace("万", "e4"))
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option}：“{text}”不是数字 / '{text}' is not a number") from None
        if not 0 <= value <= upper or (integer and (value != int(value) or value < 1)):
            bound = ("不小于1的整数", "a whole number ≥ 1") if integer else (f"0到{upper:g}之间", f"between 0 and {upper:g}")
            raise argparse.ArgumentTypeError(f"{option}：{text}应为{bound[0]} / {text} must be {bound[1]}")
        return int(value) if integer else value

    return parse
