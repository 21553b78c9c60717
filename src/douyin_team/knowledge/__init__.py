"""The knowledge base: the cited YAML data beside this file, its typed models, loading with a playbook laid
over it, validation, time-of-day arithmetic for its settings, and the catalogue shown by `roles` and `explain`.
"""

from .catalog import render_roles, render_rules, rules_table
from .clock import DAY, Window, clock, covers, hours_range, label
from .kitdata import SopStep
from .loading import load_knowledge
from .model import (
    FULL_TIME_HOURS,
    Combination,
    KnowledgeBase,
    PostSpec,
    Role,
    Rule,
    Settings,
    Severity,
    Source,
    Stage,
    normalize,
)

__all__ = [
    "DAY", "FULL_TIME_HOURS", "Combination", "KnowledgeBase", "PostSpec", "Role", "Rule", "Settings", "Severity",
    "SopStep", "Source", "Stage", "Window", "clock", "covers", "hours_range", "label", "load_knowledge", "normalize",
    "render_roles", "render_rules", "rules_table",
]
