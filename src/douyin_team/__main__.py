"""`python -m douyin_team` runs the command line."""

from douyin_team.cli import run

run()
