"""The knowledge base: the cited YAML data beside this file, its typed models, loading with a playbook laid
over it, validation, time-of-day arithmetic for its settings, and the catalogue shown by `roles` and `explain`.
"""

from typing import TYPE_CHECKING

from .. import lazy
from .clock import DAY, Window, clock, covers, hours_range, label
from .kitdata import Hiring, Milestone, Requirement, Segment, ShowFigures, SopStep, TogetherHiring
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
from .pay import CommissionData, PayFigures, PayTier, PostPayData
from .scopedata import Scope, ScopeId
from .scoredata import PostCard, Target
from .titledata import (
    SENIORITY_ORDER,
    DepartmentAlias,
    Employment,
    Seniority,
    TitleAffix,
    TitleAlias,
    TitleWord,
)

if TYPE_CHECKING:
    from .catalog import render_roles, render_rules, rules_table

# Loaded on first use: only `roles`, `explain` and the docs print the catalogue.
__getattr__ = lazy(__name__, {"catalog": ["render_roles", "render_rules", "rules_table"]})

__all__ = [
    "DAY", "FULL_TIME_HOURS", "SENIORITY_ORDER", "Combination", "CommissionData", "PayFigures", "PayTier", "PostPayData",
    "DepartmentAlias", "Employment", "KnowledgeBase", "PostCard", "PostSpec", "Requirement", "Hiring", "Milestone", "TogetherHiring", "Role", "Rule", "Scope",
    "ScopeId", "Seniority", "Settings", "Severity", "Segment", "ShowFigures", "SopStep", "Target", "TitleAffix",
    "TitleAlias", "TitleWord", "Source", "Stage", "Window", "clock", "covers", "hours_range", "label", "load_knowledge",
    "normalize",
    "render_roles", "render_rules", "rules_table",
]
