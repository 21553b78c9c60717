"""Three-way merge of team documents: what you changed and what a colleague saved meanwhile, put together.

Pure functions on stored documents (posts resolved, people with ids). People are matched by id, fields
one by one: a field only one side changed takes that side's value (merged automatically and listed);
a field both changed to different values is a `Clash` for the user to decide; nothing is dropped unseen.
Removing a person the other side edited is a clash on the whole person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .ids import ID_KEY, follow_renames

REMOVED = "(removed)"  # the field of a clash about a person one side removed and the other edited
MISSING = None


@dataclass(frozen=True)
class Change:
    """An edit one side made that the merge took: whose (`mine` or `theirs`), which person and field."""

    side: str
    person: str | None  # the person's name, None for a merchant field
    field: str
    value: Any
    base: Any = None  # what the field was before (a renamed person's old name)


@dataclass(frozen=True)
class Clash:
    """One field both sides changed differently: the value each side has and what it was before."""

    key: str  # the person's id, "" for a merchant field
    person: str | None
    field: str
    base: Any
    theirs: Any
    mine: Any


@dataclass
class Merge:
    """The merged document (clashes provisionally on their side), what was merged, and the clashes."""

    document: dict[str, Any]
    changes: list[Change] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)


def merge_documents(base: dict[str, Any], theirs: dict[str, Any], mine: dict[str, Any]) -> Merge:
    """Merge `mine` (edited from `base`) into `theirs` (saved from `base` meanwhile)."""
    out = Merge(document={})
    for key in _keys(base, theirs, mine, skip={"people"}):
        value = _field(out, "", None, key, base.get(key), theirs.get(key), mine.get(key))
        if value is not MISSING:
            out.document[key] = value
    out.document["people"] = _people(out, _by_key(base), _by_key(theirs), _by_key(mine))
    out.document = follow_renames(base, out.document)  # who reports to a renamed person follows the new name
    return out


def resolve(base: dict[str, Any], theirs: dict[str, Any], mine: dict[str, Any],
            picks: dict[int, str]) -> dict[str, Any]:
    """The merged document with each clash `i` decided: `picks[i]` is `mine` or `theirs` (default theirs)."""
    merge = merge_documents(base, theirs, mine)
    document = merge.document
    people = {p.get(ID_KEY): p for p in document["people"]}
    mine_people = _by_key(mine)
    for i, clash in enumerate(merge.clashes):
        if picks.get(i) != "mine":
            continue
        if not clash.key:
            _set(document, clash.field, clash.mine)
        elif clash.field == REMOVED:
            if clash.mine is None:  # I removed them
                document["people"] = [p for p in document["people"] if p.get(ID_KEY) != clash.key]
            else:  # they removed them, I edited them: back in, as I have them
                document["people"].append(dict(mine_people[clash.key]))
        elif clash.key in people:
            _set(people[clash.key], clash.field, clash.mine)
    return follow_renames(base, document)


def _people(out: Merge, base: dict[str, Any], theirs: dict[str, Any], mine: dict[str, Any]) -> list[dict[str, Any]]:
    merged: list[dict[str, Any]] = []
    for key in [*theirs, *(k for k in mine if k not in theirs)]:
        b, t, m = base.get(key), theirs.get(key), mine.get(key)
        name = (m or t or b or {}).get("name")
        if t is not None and m is not None:
            person: dict[str, Any] = {}
            for f in _keys(b or {}, t, m, skip=set()):
                value = _field(out, key, str(name), f, (b or {}).get(f), t.get(f), m.get(f))
                if value is not MISSING:
                    person[f] = value
            merged.append(person)
        elif t is not None:  # I removed them, or they added them
            if b is None:
                merged.append(t)
            elif t != b:
                out.clashes.append(Clash(key, str(t.get("name")), REMOVED, b, t, None))
                merged.append(t)
            else:
                out.changes.append(Change("mine", str(b.get("name")), REMOVED, None))
        elif m is not None:  # they removed them, or I added them
            if b is None:
                out.changes.append(Change("mine", str(name), "(added)", m))
                merged.append(m)
            elif m != b:
                out.clashes.append(Clash(key, str(m.get("name")), REMOVED, b, None, m))
    return merged


def _field(out: Merge, key: str, person: str | None, name: str, base: Any, theirs: Any, mine: Any) -> Any:
    """The merged value of one field; records the change taken or the clash."""
    if theirs == mine:
        return theirs
    if base == theirs:
        out.changes.append(Change("mine", person, name, mine, base))
        return mine
    if base == mine:
        out.changes.append(Change("theirs", person, name, theirs, base))
        return theirs
    out.clashes.append(Clash(key, person, name, base, theirs, mine))
    return theirs


def _by_key(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    people = document.get("people") or []
    return {str(p.get(ID_KEY) or "name:" + str(p.get("name"))): p for p in people if isinstance(p, dict)}


def _keys(*documents: dict[str, Any], skip: set[str]) -> list[str]:
    seen: dict[str, None] = {}
    for d in documents:
        seen.update(dict.fromkeys(k for k in d if k not in skip))
    return list(seen)


def _set(target: dict[str, Any], name: str, value: Any) -> None:
    if value is None:
        target.pop(name, None)
    else:
        target[name] = value
