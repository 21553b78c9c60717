"""The team kit: job descriptions (pay, hours, interview questions, a 30-day plan) with their KPI scorecards,
the live-session run sheet (SOP), the kit assembled from a team with its chart, shifts and budget, and `render/` with one module per format (XLSX, Markdown, HTML, PDF).
"""

from .build import Kit, KitOptions, build_kit
from .hiring import crewed_by
from .jd import JobDescription, job_description, render_jd
from .render import format_of, render_kit
from .scorecard import Scorecard, scorecard
from .sop import RunSheet, Sop, render_sop, run_sheets

__all__ = ["JobDescription", "Kit", "KitOptions", "RunSheet", "Scorecard", "Sop", "build_kit", "crewed_by", "format_of",
           "job_description", "render_jd", "render_kit", "render_sop", "run_sheets", "scorecard"]
