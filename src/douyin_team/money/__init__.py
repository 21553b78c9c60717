"""Money: what a team costs a month, per post, and as a share of monthly sales against the usual range."""

from .labour import LabourCost, cost_lines, labour_cost

__all__ = ["LabourCost", "cost_lines", "labour_cost"]
