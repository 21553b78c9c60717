"""Staffing in the page (排岗): the roster to staff the stage's plan with — entered in the page or uploaded as
CSV/XLSX — run with the optimiser, and the result adopted as the team's new revision."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile

from ... import store
from ...errors import DouyinTeamError, InvalidValue
from ...store import ids_of, with_ids
from ..compute import stored_document
from ..deps import CoreDep, DbDep, FormDep, Id, LangDep, PageUserDep, SettingsDep, form_id, verify_csrf
from ..pages import page, redirect
from ..saving import save_or_merge
from ..teamview import base_document, candidates, findings, names, shown_document, shown_names, with_names
from ..uploads import read_uploaded
from ..wording import ADOPTED
from .pages_next import next_plan

if TYPE_CHECKING:
    from ...staffing import Seated

router = APIRouter(include_in_schema=False)
forms = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
STAFF_SECONDS = 3.0
MAX_ROWS = 150  # five fields a row stays inside the form's 1,000-field limit
FIELDS = ("name", "skills", "hours", "monthly_cost", "available")
ROSTER_SUFFIXES = (".csv", ".xlsx", ".yaml", ".yml", ".json")


@router.get("/m/{merchant_id}/staffing")
def staffing(request: Request, merchant_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
             lang: LangDep) -> HTMLResponse:
    """The roster form, filled with the team's people (posts held at level 4, covered at 3), and the stage's
    plan staffed with them."""
    merchant = store.get_merchant(db, user, merchant_id)
    document = base_document(merchant, store.latest_revision(db, user, merchant_id))
    roster = candidates(core.team(shown_document(core, document, lang)))  # the seats as the team page names them
    return _result_page(request, db, user, core, lang, merchant_id, roster, None)


@forms.post("/m/{merchant_id}/staffing", response_model=None)
def run_staffing(request: Request, form: FormDep, merchant_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
                 lang: LangDep, settings: SettingsDep) -> Response:
    """Staff the plan with the roster posted (the form's rows, or an uploaded roster file when one is sent)."""
    typed = typed_rows(form)
    start = str(form.get("start") or "").strip() or None
    try:
        rows = roster_of(typed)
        upload = form.get("file")
        pasted = str(form.get("roster_text") or "").strip()
        if (isinstance(upload, UploadFile) and upload.filename) or pasted:
            merchant = store.get_merchant(db, user, merchant_id)
            titles = store.taught_titles(db, merchant.workspace_id)
            if isinstance(upload, UploadFile) and upload.filename:
                rows = read_roster_upload(upload, core, settings.max_upload_bytes, titles)
            else:
                rows = read_pasted_roster(pasted, core, titles)
        if not rows["people"]:
            raise InvalidValue("the roster has nobody in it", field="people",
                               hint="enter at least one person with their skills, or upload a roster")
    except DouyinTeamError as err:
        return _result_page(request, db, user, core, lang, merchant_id, typed, start, err.render(lang, web=True), 422)
    return _result_page(request, db, user, core, lang, merchant_id, rows, start)


@forms.post("/m/{merchant_id}/staffing/adopt", response_model=None)
def adopt_staffing(request: Request, form: FormDep, merchant_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
                   lang: LangDep) -> Response:
    """Save the staffed team shown in the page as the team's new revision (checked like any save)."""
    message = ADOPTED[0] if lang == "zh" else ADOPTED[1]
    try:
        document = json.loads(str(form.get("document") or ""))
        if not isinstance(document, dict) or not isinstance(document.get("people"), list):
            raise InvalidValue("the staffed team is not a team document", field="people")
        location = save_or_merge(db, user, core, merchant_id, document, form_id(form.get("base_revision")), message)
    except json.JSONDecodeError:
        error = InvalidValue("the staffed team is not a team document", field="people").render(lang, web=True)
        return _result_page(request, db, user, core, lang, merchant_id, {"people": []}, None, error, 422)
    except DouyinTeamError as err:
        return _result_page(request, db, user, core, lang, merchant_id, {"people": []}, None,
                            err.render(lang, web=True), 422)
    return redirect(location)


def typed_rows(form: FormData) -> dict[str, Any]:
    """The roster's rows as posted (`name_3`, `skills_3` …), as typed, blank rows dropped."""
    indices = sorted({int(k.rpartition("_")[2]) for k in form if k.startswith("name_") and k[5:].isdigit()})
    if len(indices) > MAX_ROWS:
        raise InvalidValue(f"the roster has {len(indices)} rows; the page takes up to {MAX_ROWS}",
                           field="people", hint="upload the roster as a CSV or XLSX file instead")
    rows = [{f: str(form.get(f"{f}_{k}") or "").strip() for f in FIELDS} for k in indices]
    return {"people": [row for row in rows if row["name"] or row["skills"]]}


def roster_of(typed: dict[str, Any]) -> dict[str, Any]:
    """Roster data from the typed rows: numbers read (a wrong one names its row), empty fields left out (the
    core reads the skills and the hours of the day and says which row is wrong)."""
    people = []
    for k, row in enumerate(typed["people"]):
        person: dict[str, Any] = {"name": row["name"], "skills": row["skills"]}
        for field in ("hours", "monthly_cost"):
            if row[field]:
                person[field] = _number(row[field], k, field)
        if row["available"]:
            person["available"] = row["available"]
        people.append(person)
    return {"people": people}


def _number(text: str, index: int, field: str) -> float:
    try:
        return float(text.replace(",", "").replace("，", ""))
    except ValueError:
        raise InvalidValue(f"'{text}' is not a number", field=f"people[{index}].{field}") from None


def read_roster_upload(file: UploadFile, core: CoreDep, limit: int,
                       titles: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """An uploaded roster (CSV/XLSX with 姓名/技能/每周工时/月薪 columns, or YAML/JSON), size-capped, as roster data;
    skills read with the workspace's taught titles (title → role ids) before the knowledge base's."""
    import msgspec

    from ...team import read_roster, taught_knowledge

    kb = taught_knowledge(core.kb, titles or {})
    roster = read_uploaded(file, limit, ROSTER_SUFFIXES, "only .csv, .xlsx, .yaml and .json rosters can be uploaded",
                           lambda path: read_roster(path, kb))
    people: list[dict[str, Any]] = msgspec.to_builtins(roster)["people"]
    return {"people": people}


PASTE_COLUMNS = "姓名,技能,每周工时,月成本,可工作时间"


def read_pasted_roster(text: str, core: CoreDep, titles: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """A roster pasted into the page (copied from Excel/WPS: tab-separated; or typed one person a line with
    commas: 姓名, 技能, 每周工时, 月成本, 可工作时间), read as the CSV upload is. A first line naming the columns
    is used as the header; without one the columns are taken in that order. Errors count the pasted lines."""
    import csv
    import io
    import os
    import tempfile

    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    split = (lambda line: line.split("\t")) if any("\t" in line for line in lines) else \
        (lambda line: [cell.strip() for cell in line.replace("，", ",").split(",")])
    cells = [split(line) for line in lines]
    headed = bool(cells) and cells[0][0].strip().casefold() in ("姓名", "名字", "员工", "name", "person")
    out = io.StringIO()
    csv.writer(out).writerows(cells if headed else [PASTE_COLUMNS.split(","), *cells])
    fd, path = tempfile.mkstemp(suffix=".csv", prefix="dt-paste-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(out.getvalue())
        from ...team import read_roster, taught_knowledge

        roster = read_roster(path, taught_knowledge(core.kb, titles or {}))
    except DouyinTeamError as err:
        err.file = None  # "第N行" of what was pasted: no file to name
        if err.line and not headed:
            err.line -= 1  # the header line the page added is not one of the user's
        raise
    finally:
        os.unlink(path)
    import msgspec

    people: list[dict[str, Any]] = msgspec.to_builtins(roster)["people"]
    return {"people": people}


def _result_page(request: Request, db: DbDep, user: store.User, core: CoreDep, lang: LangDep, merchant_id: int,
                 roster: dict[str, Any], start: str | None, error: str | None = None,
                 status: int = 200) -> HTMLResponse:
    """The page: the roster form (kept as typed), and the staffed plan when the roster runs."""
    merchant = store.get_merchant(db, user, merchant_id)
    revision = store.latest_revision(db, user, merchant_id)
    document = base_document(merchant, revision)
    seated: Seated | None = None
    if not roster["people"]:  # nothing usable was sent: start again from the team's own people
        roster = candidates(core.team(shown_document(core, document, lang)))
    if error is None and roster["people"]:
        try:
            seated = _staff(core, document, roster, start, lang)
        except DouyinTeamError as err:
            err.field = (err.field or "").removeprefix("roster.") or None  # the rows, as the page counts them
            error, status = err.render(lang, web=True), 422
    result = seated.team if seated is not None else None
    rows = [{f: _text(core, p.get(f), lang) for f in FIELDS} for p in roster["people"]]
    rows += [dict.fromkeys(FIELDS, "") for _ in range(3)]  # room to add people
    adopt = json.dumps(adopted(core, document, seated, lang), ensure_ascii=False) if seated is not None else ""
    placed = {p.name for p in result.people} if result is not None else set()
    left_out = [str(p.get("name")) for p in roster["people"] if p.get("name") not in placed] if result else []
    return page(request, "staffing.html", status, user=user, merchant=merchant, result=result, rows=rows,
                start=start or "", error=error, adopt=adopt, left_out=left_out, base_revision=revision.number if revision else "",
                findings=findings(core, core.checked(result, lang=lang), lang) if result else [],  # in the pages' words
                **names(core, lang))


def _staff(core: CoreDep, document: dict[str, Any], roster: dict[str, Any], start: str | None,
           lang: LangDep) -> Seated:
    """The stage's plan staffed with the roster, the answer put onto the team's own seats (as the page names
    them): a seat someone fills stays that seat, with its department, budget and 可替岗."""
    team = core.team(document)
    stage = core.checked(team, lang=lang).stage or core.kb.stages[0].id
    plan = next_plan(core, document, stage, lang)
    plan["monthly_sales"] = document.get("monthly_sales") or plan.get("monthly_sales")
    if document.get("titles"):  # the roster's skills read with the workspace's taught titles (the plan drops them)
        plan["titles"] = document["titles"]
    seats = shown_document(core, document, lang) if document.get("people") else None
    return core.staff_seats(plan, roster, lang, time_limit=STAFF_SECONDS, start=start, seats=seats)


def adopted(core: CoreDep, document: dict[str, Any], seated: Seated, lang: LangDep) -> dict[str, Any]:
    """The staffed team as the revision "采用排岗结果" saves: each seat keeps its id (history says who took it,
    not that one person left and another came), a seat left open keeps its own name (中控, not 中控（待招聘）),
    and the planner's seats are named as stored, not as the page in `lang` shows them, so adopting renames nobody."""
    from ...staffing import open_seat_names

    back = {shown: stored for stored, shown in shown_names(core, [document], lang).items()}
    seats = core.team(shown_document(core, document, lang)) if document.get("people") else None
    kept = open_seat_names(seated, seats) if seats is not None else {}
    names = {**back, **{row: back.get(seat, seat) for row, seat in kept.items()}}
    ids = ids_of(document)
    data = with_ids(stored_document(seated.team), [ids[k] if k is not None and k < len(ids) else None
                                                   for k in seated.seat_of])
    return with_names(data, names)


def _text(core: CoreDep, value: Any, lang: str) -> str:
    """A roster value as the form shows it: skills as 主播4、助播3 (Host 4, Assistant host 3 on an English page),
    whole numbers without '.0'."""
    if isinstance(value, dict):
        if lang == "en":
            return ", ".join(f"{core.kb.role[k].name.en if k in core.kb.role else k} {v}" for k, v in value.items())
        return "、".join(f"{core.kb.role[k].name.zh if k in core.kb.role else k}{v}" for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)
