"""The commands that show the knowledge base: `roles`, `explain` and `schema`."""

from __future__ import annotations

import argparse

from .common import TEXT_FORMATS, emit, load_kb
from .output import format_for, verify_format


def cmd_roles(args: argparse.Namespace) -> int:
    """List every post with its duties before/during/after a live session, skills and KPIs."""
    from ..knowledge import render_roles

    kb = load_kb(args)
    fmt = verify_format(format_for(args.output, args.format), TEXT_FORMATS)
    emit(args, render_roles(kb, args.role, fmt, args.lang))
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    """Explain one rule (or list them all): what it says, why, and where it comes from."""
    from ..knowledge import render_rules

    kb = load_kb(args)
    fmt = verify_format(format_for(args.output, args.format), TEXT_FORMATS)
    emit(args, render_rules(kb, args.rule, fmt, args.lang))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the team file."""
    from ..team import team_schema

    emit(args, team_schema())
    return 0
