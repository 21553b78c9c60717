"""msgspec's decoding info for our struct types, built once before a server starts its threads.

msgspec builds a struct type's decoding info the first time something converts data to it, and while it
builds the info (reading the type's annotations in Python) another thread converting to the same type can see
it half-made: msgspec 0.22 then crashes the whole process with SIGSEGV. Two API saves arriving together at a
fresh web worker did that (a `serve --workers 2` burst, tests/jobs/test_durability_serve.py). So each worker
builds the info of every struct type, in one thread, while it starts (tests/web/test_struct_info.py).
"""

from __future__ import annotations


def build_struct_info() -> int:
    """Build msgspec's decoding info for every struct type of this package loaded so far, after loading those
    that requests decode (teams, profiles, rosters, the knowledge base); the number of types."""
    import msgspec

    from .. import knowledge, team

    _decoded = (team.Team, team.Profile, team.Roster, knowledge.KnowledgeBase)  # their modules load on first use
    built, todo = 0, list(msgspec.Struct.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if not cls.__module__.startswith("douyin_team."):
            continue
        try:
            msgspec.convert(None, cls)  # the info is built before the value is looked at
        except msgspec.ValidationError:
            built += 1
    return built
