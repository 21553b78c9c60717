"""The team kit: job descriptions with their KPI scorecards, the live-session run sheet (SOP), the kit
assembled from a team with its chart, shifts and budget, and `render/` with one module per format (XLSX, Markdown, HTML, PDF).
"""

from .build import Kit, KitOptions, build_kit
from .jd import JobDescription, job_description, render_jd
from .render import format_of, render_kit
from .scorecard import Scorecard, scorecard
from .sop import RunSheet, main_session, render_sop, run_sheet

__all__ = ["JobDescription", "Kit", "KitOptions", "RunSheet", "Scorecard", "build_kit", "format_of", "job_description",
           "main_session", "render_jd", "render_kit", "render_sop", "run_sheet", "scorecard"]
