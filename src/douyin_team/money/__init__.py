"""Money: what posts, people and teams cost a month (market pay by city tier, own figures first), and the
share of monthly sales against the usual range."""

from .labour import LabourCost, cost_lines, labour_cost
from .pay import (
    PersonPay,
    PostPay,
    cost_share_range,
    is_owner_post,
    part_time_hours,
    post_pay,
    price_team,
    seat_pay,
    tier_of,
)

__all__ = ["LabourCost", "PersonPay", "PostPay", "cost_lines", "cost_share_range", "is_owner_post", "labour_cost",
           "part_time_hours", "post_pay", "price_team", "seat_pay", "tier_of"]
