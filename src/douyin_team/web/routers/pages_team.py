"""The team page: the interactive chart, findings with explanations, the editable roster, CSV/XLSX import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.routing import Match, Route
from starlette.types import Scope

from ... import store
from ...errors import DouyinTeamError
from ..compute import stored_document
from ..deps import (
    MAX_ID,
    SESSION_COOKIE,
    CoreDep,
    DbDep,
    FormDep,
    Id,
    LangDep,
    LoginRequired,
    PageUserDep,
    SettingsDep,
    form_id,
    lang_of,
    optional_user,
    verify_csrf,
)
from ..errortext import localized
from ..pages import cached_page, page, redirect, remembered_page
from ..profilefields import QUESTIONS, profile_values
from ..saving import save_or_merge
from ..teamview import (
    BLANK_ROWS,
    MAX_ROWS,
    base_document,
    findings,
    people_from_rows,
    roster_rows,
    rows_from_form,
    shown_document,
    stored_rows,
)
from ..uploads import read_uploaded
from ..wording import adopted_staffing, diff_lines, message_text

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
UPLOAD_SUFFIXES = (".csv", ".xlsx")


def team_page(request: Request, db: DbDep, user: store.User, core: CoreDep, lang: LangDep, merchant_id: Id,
              error: str | None = None, rows: list[dict[str, Any]] | None = None,
              status_code: int = 200, key: tuple[Any, ...] | None = None) -> HTMLResponse:
    """Render the team page for the latest revision (or, after a failed save, the rows as submitted). A plain
    page (no error, no merge notice) given its `key` (store.pagestamps: everything it shows) is remembered by
    it: a revision is never changed, so asked again it is only sent, not planned, checked and rendered again."""
    merchant, role, revision, scenarios = store.viewed_team(db, user, merchant_id)
    db.commit()  # read: its connection goes back to the pool before the page is made (or waited for)

    def context() -> dict[str, Any]:
        document = shown_document(core, base_document(merchant, revision), lang)  # 主播A as Host A in English
        team = core.checked_document(document, lang) if document["people"] else None
        shown = rows if rows is not None else (roster_rows(core, team, lang, store.ids_of(document)) if team else [])
        return {"user": user, "merchant": merchant, "revision": revision, "can_edit": role in ("owner", "editor"),
                "team": team, "findings": findings(core, team, lang) if team else [], "rows": shown,
                "scenarios": scenarios,
                "blank_rows": BLANK_ROWS, "plain_rows": MAX_ROWS, "error": error, "kit_available": kit_available(request),
                "stage_name": core.kb.stage[team.stage].name.get(lang) if team and team.stage else "",
                "questions": QUESTIONS, "profile_values": profile_values(merchant.profile),
                "merged": merged_lines(request, db, user, core, lang, merchant_id, revision),
                "message_text": lambda m: message_text(m, lang)}

    if key is None or error is not None or rows is not None or status_code != 200 or not plain(request):
        return page(request, "team.html", status_code=status_code, **context())
    return cached_page(request, "team.html", key, context)


def plain(request: Request) -> bool:
    """A team page asked for with no query but the language (not after a merge): the one that is remembered."""
    return not set(request.query_params) - {"lang"}


def merged_lines(request: Request, db: DbDep, user: store.User, core: CoreDep, lang: LangDep, merchant_id: int,
                 revision: Any) -> list[str]:
    """After an automatic merge (`?merged=N&base=B`): what the colleague changed and what of yours was added."""
    merged, base = (form_id(request.query_params.get(k)) for k in ("merged", "base"))
    if not merged or revision is None or merged > revision.number or base is None or base >= merged - 1:
        return []
    theirs = store.compare_revisions(db, user, merchant_id, base, merged - 1) if base else None
    mine = store.compare_revisions(db, user, merchant_id, merged - 1, merged)
    seats = adopted_staffing(store.get_revision(db, user, merchant_id, merged).message)  # seats changing hands
    zh = lang == "zh"
    lines = [("对方的修改：" if zh else "Theirs: ") + line for line in (diff_lines(core, theirs, lang) if theirs else [])]
    return lines + [("你的修改：" if zh else "Yours: ") + line for line in diff_lines(core, mine, lang, seats)]


def kit_available(request: Request) -> bool:
    """Whether the Excel team kit's download route (`merchant_kit`, in pages_charts.py) is in the app (looked up
    once per app: a miss walks every route)."""
    from starlette.routing import NoMatchFound

    found = getattr(request.app.state, "kit_route", None)
    if found is None:
        try:
            request.app.url_path_for("merchant_kit", merchant_id=1, fmt="xlsx")
            found = True
        except NoMatchFound:
            found = False
        request.app.state.kit_route = found
    return bool(found)


def remembered_team_page(request: Request, lookups: Callable[[], Session],
                         merchant_id: int) -> tuple[tuple[Any, ...] | None, HTMLResponse | None]:
    """The page cache's key for this browser's session (`team_page_stamp`: one query, on a session of its own,
    which on PostgreSQL is autocommit: no BEGIN and COMMIT round trips) and the page remembered under it."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token or not plain(request):
        return None, None
    with lookups() as quick:
        key = store.team_page_stamp(quick, token, merchant_id)
    return key, (remembered_page(request, "team.html", key) if key is not None else None)


def made_team_page(request: Request, db: DbDep, core: CoreDep, lang: LangDep, merchant_id: int,
                   key: tuple[Any, ...] | None) -> HTMLResponse:
    """The team page made for the signed-in user (LoginRequired when nobody is), remembered by `key`."""
    user = optional_user(request, db)
    if user is None:
        raise LoginRequired()
    return team_page(request, db, user, core, lang, merchant_id, key=key)


@router.get("/m/{merchant_id}")
async def team(request: Request, merchant_id: Id, db: DbDep, core: CoreDep, lang: LangDep) -> HTMLResponse:
    """A merchant's team page, in one trip to the thread pool. Most requests are answered by `TeamPageRoute`
    ahead of this route; this one answers what that route leaves (an id out of range: a 422)."""
    def answer() -> HTMLResponse:
        key, sent = remembered_team_page(request, request.app.state.lookups, merchant_id)
        return sent or made_team_page(request, db, core, lang, merchant_id, key)

    return await run_in_threadpool(answer)


class TeamPageRoute(Route):
    """GET /m/{id}, the page asked for most, as the app's first route (put in front of the included routers:
    FastAPI would rebuild it as a plain Route, without `matches`) and without FastAPI's dependencies: the
    framework's matching through every included router and solving the dependencies cost more CPU than sending
    the remembered page (profiled in a served worker: about a third of a request). The database session is
    opened and closed in the one thread-pool trip, so no connection is held while waiting for a thread. An id
    out of range is left to the ordinary route (`team`), which refuses it as before."""

    def __init__(self) -> None:
        super().__init__("/m/{merchant_id:int}", self.endpoint_of, methods=["GET"], include_in_schema=False)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        """As a Route, but only for a merchant id a database can hold."""
        match, child = super().matches(scope)
        if match is not Match.NONE and not 1 <= child["path_params"]["merchant_id"] <= MAX_ID:
            return Match.NONE, {}
        return match, child

    @staticmethod
    async def endpoint_of(request: Request) -> Response:
        """The team page of the id in the path."""
        state = request.app.state

        def answer() -> HTMLResponse:
            merchant_id = request.path_params["merchant_id"]
            key, sent = remembered_team_page(request, state.lookups, merchant_id)
            if sent is not None:
                return sent
            with state.sessions() as db:
                return made_team_page(request, db, state.core, lang_of(request), merchant_id, key)

        return await run_in_threadpool(answer)


@router.post("/m/{merchant_id}/roster", response_model=None)
def save_roster(request: Request, form: FormDep, merchant_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
                      lang: LangDep) -> Response:
    """Save the edited roster table as a new revision (without the page's script: a form, up to 500 rows)."""
    rows = rows_from_form(form)
    merchant = store.get_merchant(db, user, merchant_id)
    base = form_id(form.get("base_revision"))
    document = base_document(merchant, store.latest_revision(db, user, merchant_id))
    document["people"] = people_from_rows(stored_rows(core, document, rows, lang))  # seat names as stored
    message = str(form.get("message") or "")[:200] or ("编辑人员表" if lang == "zh" else "Edited the roster")
    return save_document(request, db, user, core, lang, merchant_id, document, base, message, rows)


def save_document(request: Request, db: DbDep, user: store.User, core: CoreDep, lang: LangDep, merchant_id: Id,
          document: dict[str, Any], base: int | None, message: str,
          rows: list[dict[str, Any]] | None = None) -> Response:
    """Save a team document: back to the team page (or to the merge), or the page again with the error."""
    try:
        return redirect(save_or_merge(db, user, core, merchant_id, document, base, message))
    except (store.NotFound, store.Forbidden):
        raise
    except DouyinTeamError as err:
        return team_page(request, db, user, core, lang, merchant_id, localized(err, lang), rows, 422)


@router.post("/m/{merchant_id}/import", response_model=None)
def import_roster(request: Request, form: FormDep, merchant_id: Id, file: UploadFile, db: DbDep, user: PageUserDep,
                        core: CoreDep, lang: LangDep, settings: SettingsDep) -> Response:
    """Replace the people with a CSV/XLSX roster (姓名/岗位/上级/部门 …), read by the CLI's importer; phone
    numbers are kept only when 保留手机号 is ticked."""
    merchant = store.get_merchant(db, user, merchant_id)
    try:
        people = read_upload(file, core, settings.max_upload_bytes, form.get("keep_phone") == "on")
    except DouyinTeamError as err:
        return team_page(request, db, user, core, lang, merchant_id, err.render(lang_of(request), web=True), None, 422)
    document = base_document(merchant, store.latest_revision(db, user, merchant_id))
    document["people"] = people
    name = Path(file.filename or "upload").name
    message = f"导入 {name}" if lang == "zh" else f"Imported {name}"
    return save_document(request, db, user, core, lang, merchant_id, document, form_id(form.get("base_revision")), message)


def read_upload(file: UploadFile, core: CoreDep, limit: int, keep_phone: bool = False) -> list[dict[str, Any]]:
    """The people of an uploaded spreadsheet; size capped, zip bombs refused (the importer's zip guard)."""
    from ...team import import_table

    team = read_uploaded(file, limit, UPLOAD_SUFFIXES, "only .csv and .xlsx files can be imported",
                         lambda path: import_table(path, core.kb, keep_phone=keep_phone))
    people: list[dict[str, Any]] = stored_document(team)["people"]
    return people


