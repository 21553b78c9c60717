"""Chats that arrive while the room is live: a 中控 or 场控 works the whole session, so whoever holds one of
those and customer service leaves these chats unanswered until the show ends.

Chats peak during the live (`live_chat_peak` in workload.yaml); a chat unanswered for more than 90 seconds is a
slow session, and more than ten a week is penalised (rule-slow-service), which is the rule's threshold.
"""

from __future__ import annotations

from ..knowledge import KnowledgeBase, hours_range


def live_chats_per_week(kb: KnowledgeBase, orders_per_day: float, live_hours: float, live_days: int) -> float:
    """Chats a week that need a person and arrive during live hours (`live_hours` a day in the busiest room)."""
    w = kb.figures
    chats = orders_per_day * w.consults_per_order.value * (1 - w.chats_automated_share.value)
    start, end = hours_range(w.service_window.value)
    share = min(1.0, live_hours * w.live_chat_peak.value / ((end - start) / 60)) if live_hours > 0 else 0.0
    return chats * share * live_days
