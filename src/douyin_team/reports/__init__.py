"""Reports: plans and checks as documents (JSON/YAML) and as text or Markdown, two teams side by side, and
the road to the next stage.
"""

from .compare import Side, render_comparison, side
from .report import OUTPUT_FORMATS, document, render, reporting_tree
from .roadmap import Step, render_roadmap, roadmap

__all__ = ["OUTPUT_FORMATS", "Side", "Step", "document", "render", "render_comparison", "render_roadmap",
           "reporting_tree", "roadmap", "side"]
