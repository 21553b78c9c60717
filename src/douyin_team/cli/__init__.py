"""The `douyin-team` command line: a thin shell, one module per group of commands, each parsing options,
calling the core and writing the result (heavy modules imported inside the command that needs them).
"""

from .main import build_parser, main, run

__all__ = ["build_parser", "main", "run"]
