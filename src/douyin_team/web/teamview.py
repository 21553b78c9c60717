"""What the team pages show, computed from a merchant and its latest revision (no HTTP here)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from starlette.datastructures import FormData

from ..errors import DouyinTeamError, InvalidValue
from ..reports import grouped, same_of_others
from ..store import Clash, Merge, RevisionDiff
from ..team import Team, seat_names
from ..text import Lang
from .compute import TEAM_FIELDS, Core, with_taught_titles
from .phones import masked_phone

ROW_FIELDS = ("name", "roles", "reports_to", "department", "hours", "monthly_cost", "can_cover", "phone")
MAX_ROWS = 500  # a table posted as a plain form (deps.FORM_FIELDS: 11 fields a row); the script's JSON has no limit
BLANK_ROWS = 3  # empty rows a table offers for new people


@dataclass(frozen=True)
class FindingView:
    """A finding with the rule's explanation beside it."""

    rule: str
    severity: str
    message: str
    title: str
    why: str
    statement: str
    more: tuple[str, ...] = ()  # the same rule's other findings, when it fired for many people (first LISTED)
    count: int = 1  # how many findings this one stands for
    others: tuple[str, ...] = ()  # when those findings say the same of different people: just the people


LISTED = 30  # a grouped finding lists the first 30 of the others


def base_document(merchant: Any, revision: Any) -> dict[str, Any]:
    """The team document of the latest revision, with the merchant's profile filling unset fields."""
    document = dict(revision.document) if revision is not None else {"people": []}
    for field in TEAM_FIELDS:
        if document.get(field) is None and merchant.profile.get(field) is not None:
            document[field] = merchant.profile[field]
    document["merchant"] = merchant.name
    return with_taught_titles(document, merchant)


def shown_document(core: Core, document: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The team document as a page in `lang` shows it: the names the planner gave its seats in that language
    (a Chinese plan's 主播A is Host A on an English page; `team.seat_names`). Names people typed stay as written,
    and what is stored does not change: a save maps the shown names back (`stored_rows`)."""
    return with_names(document, shown_names(core, [document], lang))


def shown_names(core: Core, documents: list[dict[str, Any] | None], lang: Lang) -> dict[str, str]:
    """Stored → shown seat names over the documents one page shows (a revision and the one before, a scenario
    and the current team, both sides of a merge): one name for a seat whichever document it stands in, the
    first document's where two differ. A document that no longer reads as a team is shown as stored."""
    names: dict[str, str] = {}
    for document in documents:
        if not document or not document.get("people"):
            continue
        try:
            found = seat_names(core.team(document), core.kb, lang)
        except DouyinTeamError:
            continue
        for stored, shown in found.items():
            names.setdefault(stored, shown)
    return names


def with_names(document: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """The document with the people's names, their reporting lines and the sessions' crews as `names` says."""
    if not names:
        return document

    def n(value: Any) -> Any:
        return names.get(value, value) if isinstance(value, str) else value

    people = [{**p, "name": n(p.get("name")), **({"reports_to": n(p["reports_to"])} if p.get("reports_to") else {})}
              if isinstance(p, dict) else p for p in document["people"]]
    shown = {**document, "people": people}
    if isinstance(document.get("sessions"), list):
        shown["sessions"] = [{**s, "crew": [n(c) for c in s.get("crew") or []]} if isinstance(s, dict) else s
                             for s in document["sessions"]]
    return shown


def named_diff(diff: RevisionDiff, before: dict[str, str], after: dict[str, str]) -> RevisionDiff:
    """A revision diff with its people (and the managers in its reporting lines) as each side's revision names
    them, shown only: `before` (`shown_names` of the older document) for the people removed, the old side of a
    rename and the values before; `after` for the rest. One map for both sides would read an old name with the
    newer revision's meaning (a person once typed as Host, now another's seat name, shown as 主播 → 主播).
    A rename that both sides show alike (Host typed as 主播) keeps its stored names, so it stays visible."""
    if not before and not after:
        return diff

    def old(name: str) -> str:
        return before.get(name, name)

    def new(name: str) -> str:
        return after.get(name, name)

    renamed = {}
    for was, now in diff.renamed.items():
        renamed.update({old(was): new(now)} if old(was) != new(now) else {was: now})
    return replace(diff, added=[new(a) for a in diff.added], removed=[old(r) for r in diff.removed],
                   changed={new(p): f for p, f in diff.changed.items()}, renamed=renamed,
                   values={new(p): {f: [_named_value(f, a, before), _named_value(f, b, after)]
                                    for f, (a, b) in fields.items()} for p, fields in diff.values.items()})


def named_merge(merge: Merge, documents: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
                names: tuple[dict[str, str], dict[str, str], dict[str, str]], lang: Lang) -> Merge:
    """A merge's changes and clashes with their people as each side's own revision names them (`names`: the
    `shown_names` of the base, theirs and mine `documents`), for the merge page; the merge itself
    (`store.resolve` on the stored documents) keeps the stored names. A clash on a person the two sides call
    differently (a seat edited meanwhile, which the staffing adopted filled by 小王) names both: 中控（你的：小王）."""
    base, theirs, mine = names
    side = {"theirs": theirs, "mine": mine}
    held = [_names_by_key(document) for document in documents]

    def n(map_: dict[str, str], name: str | None) -> str | None:
        return map_.get(name, name) if name else name

    def person(change_side: dict[str, str], name: str | None) -> str | None:
        return n(change_side, name) if name in change_side else n(mine, n(theirs, n(base, name)))

    def label(clash: Clash) -> str | None:
        if not clash.key:
            return clash.person
        was, theirs_name, mine_name = (n(m, h.get(clash.key)) for m, h in zip(names, held, strict=True))
        if theirs_name and mine_name and theirs_name != mine_name:
            return f"{theirs_name}（你的：{mine_name}）" if lang == "zh" else f"{theirs_name} (yours: {mine_name})"
        return theirs_name or mine_name or was or clash.person

    changes = [replace(c, person=person(side[c.side], c.person), value=_named_value(c.field, c.value, side[c.side]),
                       base=_named_value(c.field, c.base, base)) for c in merge.changes]
    clashes = [replace(c, person=label(c), base=_named_value(c.field, c.base, base),
                       theirs=_named_value(c.field, c.theirs, theirs), mine=_named_value(c.field, c.mine, mine))
               for c in merge.clashes]
    return replace(merge, changes=changes, clashes=clashes)


def _names_by_key(document: dict[str, Any]) -> dict[str, str]:
    """Each person's name by the key a merge knows them by (their id; `name:` and the name without one)."""
    people = document.get("people") or []
    return {str(p.get("id") or "name:" + str(p.get("name"))): str(p.get("name"))
            for p in people if isinstance(p, dict)}


def _named_value(field: str, value: Any, names: dict[str, str]) -> Any:
    """A field's value with the names in it as `names` says: a manager (`reports_to`), a whole person."""
    if field in ("reports_to", "name") and isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return with_names({"people": [value]}, names)["people"][0]
    return value


def stored_rows(core: Core, document: dict[str, Any], rows: list[dict[str, Any]], lang: Lang) -> list[dict[str, Any]]:
    """Roster rows saved from a page in `lang`, with the seat names that page showed in its language
    (`shown_document`) back as the stored document has them: reading a Chinese plan in English renames nobody."""
    names = seat_names(core.team(document), core.kb, lang) if document.get("people") else {}
    back = {shown: stored for stored, shown in names.items()}
    if not back:
        return rows
    return [{**row, "name": back.get(row["name"], row["name"]), "reports_to": back.get(row["reports_to"], row["reports_to"])}
            for row in rows]


def findings(core: Core, team: Team, lang: Lang) -> list[FindingView]:
    """The team's findings, errors first, each with its rule's title, reason and statement. A rule found more
    than a few times (a 2,000-person team's thousand hosts without support) is one finding whose panel lists the
    others (`reports.grouped`), so the panel stays readable and the page light."""
    order = {"error": 0, "warning": 1, "info": 2}
    out = []
    for group in grouped(sorted(team.findings or [], key=lambda f: order[f.severity])):
        first, messages = group[0], [f.message for f in group]
        rule = core.kb.rule.get(first.rule)
        explained = (rule.title.get(lang) if rule else first.rule, rule.why.get(lang) if rule else "",
                     rule.statement.get(lang) if rule else "")
        out.append(FindingView(first.rule, first.severity, first.message, *explained, tuple(messages[1:1 + LISTED]),
                               len(group), same_of_others(messages, lang) if len(group) > 1 else ()))
    return out


def roster_rows(core: Core, team: Team, lang: Lang, ids: list[str | None] | None = None) -> list[dict[str, Any]]:
    """The people as editable table rows (posts as names in the interface language, each with its stable id)."""
    sep = "、" if lang == "zh" else ", "

    def names(roles: list[str]) -> str:
        return sep.join(core.kb.role[r].name.get(lang) if r in core.kb.role else r for r in roles)

    return [{"name": p.name, "roles": sep.join(filter(None, [names(p.posts), *p.unknown_titles])),  # kept as written
             "reports_to": p.reports_to or "",
             "department": p.department or "", "hours": _num(p.hours), "monthly_cost": _num(p.monthly_cost),
             "can_cover": names(p.covers), "vacancy": p.vacancy, "id": (ids or [])[i] if i < len(ids or []) else None,
             "phone": p.phone or "", "phone_masked": masked_phone(p.phone)}
            for i, p in enumerate(team.people)]


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def rows_from_form(form: FormData) -> list[dict[str, Any]]:
    """The roster table as submitted: one dict per row, with `remove` and `vacancy` as booleans; InvalidValue
    for more rows than a plain form saves (MAX_ROWS and the blank ones)."""
    count = _int(form.get("rows"))
    if count > MAX_ROWS + BLANK_ROWS:  # never cut silently: the people past the limit would be dropped
        raise InvalidValue(f"the table has {count} rows; a page's form saves up to {MAX_ROWS}", field="people",
                           hint="save it with the page's script on (let the page finish loading), "
                                "or import it as a spreadsheet")
    rows = []
    for i in range(count):
        row: dict[str, Any] = {f: _text(form.get(f"{f}_{i}")) for f in ROW_FIELDS}
        row["vacancy"] = form.get(f"vacancy_{i}") == "on"
        row["remove"] = form.get(f"remove_{i}") == "on"
        row["id"] = _text(form.get(f"id_{i}")) or None
        rows.append(row)
    return rows


def rows_from_json(body: Any) -> list[dict[str, Any]]:
    """The roster as the page's script sends it (`{"people": [{name, roles, …, id}]}`), any number of rows;
    a value of the wrong type raises InvalidValue naming the row and field."""
    people = body.get("people") if isinstance(body, dict) else None
    if not isinstance(people, list):
        raise InvalidValue("the roster must be a list of rows", field="people")
    rows = []
    for i, item in enumerate(people):
        if not isinstance(item, dict):
            raise InvalidValue("a row must be an object", field=f"people[{i}]")
        row: dict[str, Any] = {}
        for f in ROW_FIELDS:
            value = item.get(f, "")
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                raise InvalidValue("must be text", field=f"people[{i}].{f}")
            row[f] = str(value).strip()[:200]
        row["vacancy"], row["remove"] = item.get("vacancy") is True, item.get("remove") is True
        row["id"] = item.get("id") if isinstance(item.get("id"), str) else None
        rows.append(row)
    return rows


def people_from_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Team-file people from table rows: blank and removed rows dropped, numbers parsed by the team parser."""
    people = []
    for row in rows:
        if row.get("remove") or not row["name"]:
            continue
        person: dict[str, Any] = {"name": row["name"], "roles": row["roles"]}
        if row.get("id"):
            person["id"] = row["id"]
        for field in ("reports_to", "department"):
            if row[field]:
                person[field] = row[field]
        for field in ("hours", "monthly_cost"):
            if row[field]:
                person[field] = _number(row[field])
        for field in ("can_cover", "phone"):
            if row.get(field):
                person[field] = row[field]
        if row["vacancy"]:
            person["vacancy"] = True
        people.append(person)
    return people


def _number(text: str) -> float | str:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return text  # the team parser names the field and says it is not a number


def _int(value: Any) -> int:
    try:
        return max(0, int(str(value)))
    except ValueError:
        return 0


def _text(value: Any) -> str:
    return value.strip()[:200] if isinstance(value, str) else ""


def candidates(team: Team) -> dict[str, Any]:
    """The team's people (not open posts) as a staffing roster: posts held at level 4, posts covered at 3."""
    people = []
    for p in team.people:
        if p.vacancy:
            continue
        skills = dict.fromkeys(p.posts, 4) | {r: 3 for r in p.covers if r not in p.posts}
        person: dict[str, Any] = {"name": p.name, "skills": skills}
        if p.hours is not None:
            person["hours"] = p.hours
        if p.monthly_cost is not None:
            person["monthly_cost"] = p.monthly_cost
        people.append(person)
    return {"people": people}


def names(core: Core, lang: Lang) -> dict[str, Any]:
    """Post and stage names in the interface language, for templates and scripts."""
    return {"role_names": {r.id: r.name.get(lang) for r in core.kb.role.values()},
            "stage_names": {s.id: s.name.get(lang) for s in core.kb.stages}}
