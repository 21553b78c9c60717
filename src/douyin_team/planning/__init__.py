"""Planning: diagnose a merchant's stage, work out the posts its situation needs and the live hours' hosts,
pack the posts into people (兼任) with a beam search, and explain every post and combination.
"""

from .diagnosis import Diagnosis, diagnose
from .livehours import hosts_needed, live_windows
from .planner import plan_team
from .situation import Situation, situation

__all__ = ["Diagnosis", "Situation", "diagnose", "hosts_needed", "live_windows", "plan_team", "situation"]
