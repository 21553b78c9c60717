"""Staffing: fill a plan's posts from a roster with the CP-SAT optimiser, explain each assignment and each
post left open, put the answer back onto the plan's seats, and lay the team's live shifts out over a week.
"""

from .optimiser import staff, staff_seats, staff_team
from .posts import Placement, Post, Staffing, forbidden_by, plan_posts
from .seats import Seated, onto_seats, open_seat_names
from .shifts import ShiftTable, host_stints, on_air_text, render_shifts, shift_table

__all__ = ["Placement", "Post", "Seated", "ShiftTable", "Staffing", "forbidden_by", "host_stints", "on_air_text",
           "onto_seats", "open_seat_names", "plan_posts", "render_shifts", "shift_table", "staff", "staff_seats",
           "staff_team"]
