"""Planning: diagnose a merchant's stage, place its live sessions in the day, size every post from the work
(sessions, orders, ad spend, videos), pack the posts into people (兼任) with a beam search, and explain it all.
"""

from .crew import hosts_needed, live_sessions, session_hours, span, window
from .diagnosis import Diagnosis, diagnose
from .livechats import live_chats_per_week
from .planner import plan_team
from .pricing import full_team_sales
from .situation import Situation, situation

__all__ = ["Diagnosis", "Situation", "diagnose", "full_team_sales", "hosts_needed", "live_chats_per_week", "live_sessions", "plan_team",
           "session_hours", "situation", "span", "window"]
