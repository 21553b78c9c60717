"""Phone numbers as a reader who may not edit sees them (138****8000): on the pages and in the API's team
documents, check results and revision comparisons. Editors see and edit them as saved. And the API's refusal
of a phone that holds only invisible characters (which the text policy would otherwise make a blank phone)."""

from __future__ import annotations

import dataclasses
from typing import Any

import msgspec

from ..errors import InvalidValue
from ..store import RevisionDiff
from ..team import Team


def masked_phone(phone: str | None) -> str:
    """A phone as readers who may not edit see it: the first 3 and last 4 digits (138****8000), or stars."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if not digits:
        return ""
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 8 else "*" * len(digits)


def masked_document(document: dict[str, Any]) -> dict[str, Any]:
    """A team document (as a revision stores it) with every person's phone masked; the rest as it is."""
    people = document.get("people")
    if not isinstance(people, list):
        return document
    return {**document, "people": [
        {**p, "phone": masked_phone(str(p["phone"]))} if isinstance(p, dict) and p.get("phone") else p for p in people]}


def masked_team(team: Team) -> Team:
    """A checked team with every person's phone masked (for a check result a viewer reads)."""
    if not any(p.phone for p in team.people):
        return team
    people = [msgspec.structs.replace(p, phone=masked_phone(p.phone)) if p.phone else p for p in team.people]
    return msgspec.structs.replace(team, people=people)


def masked_diff(diff: RevisionDiff) -> RevisionDiff:
    """A revision comparison with the phones it shows, before and after, masked."""
    if not any("phone" in fields for fields in diff.values.values()):
        return diff
    masked = {person: {f: [masked_phone(v) if isinstance(v, str) else v for v in pair] if f == "phone" else pair
                       for f, pair in fields.items()} for person, fields in diff.values.items()}
    return dataclasses.replace(diff, values=masked)


def refuse_invisible_phones(document: dict[str, Any]) -> None:
    """Refuse (InvalidValue naming the person's `phone`) a phone that holds characters but none to see: control
    or zero-width characters only. The text policy drops control characters, so such a phone would be saved as
    no phone at all, and a client that sent one means something else; a blank phone is no phone, as in a file."""
    people = document.get("people")
    for i, person in enumerate(people if isinstance(people, list) else []):
        phone = person.get("phone") if isinstance(person, dict) else None
        if isinstance(phone, str) and phone.strip() and not any(ch.isprintable() and not ch.isspace() for ch in phone):
            shown = " ".join(f"U+{ord(ch):04X}" for ch in phone[:8]) + (" …" if len(phone) > 8 else "")
            name = person.get("name")
            raise InvalidValue(f"'{shown}' is not a phone number", field=f"people[{i}].phone",
                               person=name if isinstance(name, str) else None,
                               hint="use digits, +, - and spaces, e.g. +86 138 0013 8000")
