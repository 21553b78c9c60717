"""What changed between two team documents: people added, removed and changed, and profile fields changed.

Pure functions on plain documents. Posts are compared after resolution (so '运营' and 'live_ops' are the
same post); a document the knowledge base no longer accepts is compared as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import msgspec

from ..errors import DouyinTeamError
from ..knowledge import KnowledgeBase
from ..team import convert_team, resolve_team
from .ids import ID_KEY, ids_of, with_ids, without_ids


@dataclass(frozen=True)
class RevisionDiff:
    """The changes from revision `a` to revision `b` of one team."""

    a: int | None
    b: int
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # person → the fields that changed
    renamed: dict[str, str] = field(default_factory=dict)  # old name → new name (the same person, by id)
    values: dict[str, dict[str, list[Any]]] = field(default_factory=dict)  # person → field → [before, after]
    fields: list[str] = field(default_factory=list)  # top-level fields (stage, monthly_sales …) that changed

    @property
    def empty(self) -> bool:
        """True when the two revisions hold the same team."""
        return not (self.added or self.removed or self.changed or self.fields or self.renamed)

    def summary(self) -> str:
        """A short, language-neutral line such as `+2 −1 ~3 · stage, live_hours`."""
        counts = [f"{sign}{len(items)}" for sign, items in (("+", self.added), ("−", self.removed),
                                                             ("~", self.changed), ("→", self.renamed)) if items]
        parts = [" ".join(counts)] if counts else []
        if self.fields:
            parts.append(", ".join(self.fields))
        return " · ".join(parts) or "="


def normal_form(document: dict[str, Any], kb: KnowledgeBase) -> dict[str, Any]:
    """The document with posts resolved to role ids, as plain data (people keep their ids); as written if
    it no longer resolves."""
    try:
        data: dict[str, Any] = msgspec.to_builtins(resolve_team(convert_team(without_ids(document)), kb))
        # The generic 运营 is read by the team's size and posts: a person whose posts changed only because
        # someone else was added or removed did not change, so keep their posts as written.
        contextual = {n for note in data.pop("readings", None) or [] if note["kind"] == "ops" for n in note["people"]}
        written = {p.get("name"): p.get("roles") for p in document.get("people", []) if isinstance(p, dict)}
        for person in data["people"]:
            if person["name"] in contextual:
                person["roles"] = written.get(person["name"], person["roles"])
    except DouyinTeamError:
        return document
    return with_ids(data, ids_of(document))


def compare_documents(old: dict[str, Any] | None, new: dict[str, Any], kb: KnowledgeBase,
                      a: int | None = None, b: int = 0) -> RevisionDiff:
    """The changes from `old` (None for an empty team) to `new`: people matched by id where both have ids,
    else by name, so a renamed person shows as renamed rather than removed and added."""
    before = normal_form(old, kb) if old is not None else {"people": []}
    after = normal_form(new, kb)
    by_id = all(ids_of(before)) and all(ids_of(after))  # older revisions have no ids: match those by name
    people_before, people_after = _people(before, by_id), _people(after, by_id)
    renamed = {people_before[key]["name"]: person["name"] for key, person in people_after.items()
               if key in people_before and people_before[key].get("name") != person.get("name")}
    changed, values = {}, {}
    for key, person in people_after.items():
        fields = _changed_keys(people_before[key], person) if key in people_before else []
        fields = [f for f in fields if f not in ("name", ID_KEY) and not (  # following a rename is no change
            f == "reports_to" and people_before[key].get(f) in renamed
            and renamed[people_before[key][f]] == person.get(f))]
        if fields:
            name = str(person.get("name", ""))
            changed[name] = fields
            values[name] = {f: [people_before[key].get(f), person.get(f)] for f in fields}
    return RevisionDiff(
        a=a, b=b,
        added=[str(p.get("name", "")) for key, p in people_after.items() if key not in people_before],
        removed=[str(p.get("name", "")) for key, p in people_before.items() if key not in people_after],
        changed=changed, renamed=renamed, values=values,
        fields=_changed_keys({k: v for k, v in before.items() if k != "people"},
                             {k: v for k, v in after.items() if k != "people"}),
    )


def _people(document: dict[str, Any], by_id: bool) -> dict[str, dict[str, Any]]:
    """People by their id, or by their name."""
    people = document.get("people")
    if not isinstance(people, list):
        return {}
    return {str(p.get(ID_KEY)) if by_id else str(p.get("name", "")).strip(): p for p in people if isinstance(p, dict)}


def _changed_keys(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(k for k in {*before, *after} if before.get(k) != after.get(k))
