"""Checking: the rule checker (rules are data in knowledge/rules.yaml, each naming a check registered here)
runs a team against its stage's rules; `result_team` fills a team in with the findings.
"""

from . import teamchecks  # noqa: F401  (registers its checks with the checker)
from .checker import CHECKS, CheckResult, Finding, check_team, known_checks
from .result import result_team

__all__ = ["CHECKS", "CheckResult", "Finding", "check_team", "known_checks", "result_team"]
