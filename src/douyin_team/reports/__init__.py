"""Reports: plans and checks as documents (JSON/YAML) and as text or Markdown, two teams side by side, and
the road to the next stage.
"""

from typing import TYPE_CHECKING

from .. import lazy
from .grouping import grouped, same_of_others
from .report import OUTPUT_FORMATS, document, render, reporting_tree
from .roadmap import Step, end_state, render_roadmap, roadmap, target_profile

if TYPE_CHECKING:
    from .compare import Side, render_comparison, side

# Loaded on first use: `plan` and `check` need neither the comparison nor labour cost.
__getattr__ = lazy(__name__, {"compare": ["Side", "render_comparison", "side"]})

__all__ = ["OUTPUT_FORMATS", "Side", "Step", "document", "end_state", "grouped", "render", "render_comparison", "render_roadmap",
           "reporting_tree", "roadmap", "same_of_others", "side", "target_profile"]
