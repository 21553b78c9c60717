"""Stable ids for the people of a saved team: kept from revision to revision, so a rename is a rename.

A revision's document gives every person an `id` (`p` + 10 hex digits). The id is storage's, not the team
file's: `without_ids` takes it out before the core reads a document, and exports leave it out unless asked.
A document saved without ids (a script, an import) gets the ids of the people of the same name in the
revision it was built on; newcomers get new ones.
"""

from __future__ import annotations

import secrets
from collections import Counter
from typing import Any

ID_KEY = "id"


def new_id() -> str:
    """A random person id."""
    return "p" + secrets.token_hex(5)


def without_ids(document: dict[str, Any]) -> dict[str, Any]:
    """The team file: the document with every person's id left out (the document itself is not changed)."""
    people = document.get("people")
    if not isinstance(people, list) or not any(isinstance(p, dict) and ID_KEY in p for p in people):
        return document
    return {**document, "people": [{k: v for k, v in p.items() if k != ID_KEY} if isinstance(p, dict) else p
                                   for p in people]}


def ids_of(document: dict[str, Any] | None) -> list[str | None]:
    """Each person's id in order (None where a person has none)."""
    people = (document or {}).get("people")
    if not isinstance(people, list):
        return []
    return [p.get(ID_KEY) if isinstance(p, dict) and isinstance(p.get(ID_KEY), str) else None for p in people]


def with_ids(document: dict[str, Any], ids: list[str | None]) -> dict[str, Any]:
    """The document with the given ids put back on its people, by position."""
    people = [dict(p, **({ID_KEY: i} if i else {})) for p, i in zip(document["people"], ids, strict=False)]
    return {**document, "people": people + document["people"][len(people):]}


def assign_ids(previous: dict[str, Any] | None, document: dict[str, Any]) -> dict[str, Any]:
    """The document with an id on every person: their own if valid and unique, else the id of the person of
    the same name in `previous`, else a new one."""
    by_name = {p.get("name"): p.get(ID_KEY) for p in (previous or {}).get("people", []) if isinstance(p, dict)}
    counts = Counter(p.get(ID_KEY) for p in document["people"])
    unique = {i for i, n in counts.items() if n == 1 and isinstance(i, str) and _valid(i)}
    taken: set[str] = set(unique)
    people = []
    for person in document["people"]:
        pid = person.get(ID_KEY)
        if pid not in unique:
            pid = by_name.get(person.get("name"))
            if not isinstance(pid, str) or pid in taken:
                pid = new_id()
            taken.add(pid)
        people.append({ID_KEY: pid, **{k: v for k, v in person.items() if k != ID_KEY}})
    return {**document, "people": people}


def follow_renames(base: dict[str, Any] | None, document: dict[str, Any]) -> dict[str, Any]:
    """The document with reporting lines following renamed people.

    A person whose id was `老周`'s in `base` and is now called `周总`: everyone whose `reports_to` still says
    `老周` (and nobody is called `老周` any more) now reports to `周总`.
    """
    old_names = {p.get(ID_KEY): p.get("name") for p in (base or {}).get("people", []) if isinstance(p, dict)}
    names = {p.get("name") for p in document["people"]}
    renamed = {old_names[p[ID_KEY]]: p["name"] for p in document["people"]
               if p.get(ID_KEY) in old_names and old_names[p[ID_KEY]] != p.get("name")
               and old_names[p[ID_KEY]] not in names}
    if not renamed:
        return document
    people = [dict(p, reports_to=renamed[p["reports_to"]]) if p.get("reports_to") in renamed else p
              for p in document["people"]]
    return {**document, "people": people}


def _valid(pid: str) -> bool:
    return 2 <= len(pid) <= 40 and pid.isascii() and pid.replace("-", "").replace("_", "").isalnum()
