"""Taught titles ("这个职位是…" / "this title means …"): from a finding about a title the tool does not know, an
editor chooses the posts it stands for; the workspace remembers it and every team of the workspace is read
with it (`compute.with_taught_titles`). Pages (the choice, forgetting one) and the JSON API."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import Field

from ... import store
from ...errors import DouyinTeamError, InvalidValue
from ...knowledge import KnowledgeBase
from ...team import read_title
from ...text import Lang
from ...textpolicy import clean_text
from ..deps import ApiUserDep, CoreDep, DbDep, FormDep, Id, LangDep, PageUserDep, form_text, verify_csrf
from ..pages import page, redirect
from ..schemas import ApiBody
from ..teamview import base_document

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["workspaces"])
MAX_POSTS = 10  # posts one title may stand for, as the store keeps them


class TitleIn(ApiBody):
    """A title a workspace's teams use and the posts it means (role ids, Chinese or English names, aliases)."""

    title: str = Field(min_length=1, max_length=100, examples=["品宣"])
    posts: list[str] = Field(min_length=1, max_length=MAX_POSTS, examples=[["marketing"]])


def role_ids(kb: KnowledgeBase, posts: list[str]) -> list[str]:
    """The chosen posts as role ids (UnknownRole names a post that is not one)."""
    return list(dict.fromkeys(kb.resolve_role(clean_text(p, "posts").strip(), "posts") for p in posts if p.strip()))


def taught_title(kb: KnowledgeBase, title: str) -> str:
    """The title to teach, unless the knowledge base knows it as a job of the company outside the e-commerce team
    (财务, 行政: `context: outside` in titles.yaml): that stands for no post — its page shows it as 团队外, with
    nothing to choose — so a form or API call teaching it one is refused (InvalidValue naming `title`)."""
    reading = read_title(title, kb)
    if reading.outside and not reading.roles:
        raise InvalidValue(f"'{title}' is a job outside the e-commerce team: it stands for no post", field="title",
                           hint="if the person also does e-commerce work, write both in the roster, e.g. 财务兼客服")
    return title


def meaning_out(meaning: store.TitleMeaning) -> dict[str, Any]:
    """A taught title as JSON."""
    return {"id": meaning.id, "title": meaning.title, "posts": list(meaning.posts), "author_id": meaning.author_id,
            "created_at": meaning.created_at.isoformat()}


def taught_rows(db: DbDep, user: store.User, core: CoreDep, lang: Lang, workspace_id: int) -> list[dict[str, Any]]:
    """The workspace's taught titles for its page: id, title and the posts' names in the interface language."""
    return [{"id": m.id, "title": m.title, "posts": [core.kb.role[p].name.get(lang) if p in core.kb.role else p
                                                     for p in m.posts]}
            for m in store.list_title_meanings(db, user, workspace_id)]


def choice_page(request: Request, db: DbDep, user: store.User, core: CoreDep, lang: Lang, merchant_id: int,
                title: str, error: str | None = None, chosen: tuple[str, ...] = (), status_code: int = 200
                ) -> HTMLResponse:
    """The "这个职位是…" page: the title, who wrote it, its nearest posts first and then every post. A job the
    knowledge base knows is outside the e-commerce team (财务, 行政) is shown as 团队外, with nothing to choose."""
    merchant = store.get_merchant(db, user, merchant_id)
    if store.role_in(db, user, merchant.workspace_id) not in ("owner", "editor"):
        raise store.Forbidden("a viewer cannot edit this workspace", field="role", hint="ask an owner to make you an editor")
    document = base_document(merchant, store.latest_revision(db, user, merchant_id))
    notes = core.team(document).readings or [] if document["people"] else []
    note = next((n for n in notes if n.kind in ("unknown", "outside") and n.title == title), None)
    if note is None:  # a title nobody in the team wrote (now): read on its own, with the workspace's taught titles
        alone = core.team({**document, "people": [{"name": title, "roles": title}]}).readings or []
        kind = next((n.kind for n in alone if n.title == title), None)
    else:
        kind = note.kind
    nearest = list(note.nearest) if note else []
    posts = [(r, core.kb.role[r].name.get(lang)) for r in [*nearest, *(r for r in core.kb.role if r not in nearest)]]
    return page(request, "title_meaning.html", status_code=status_code, user=user, merchant=merchant, title=title,
                people=list(note.people) if note else [], nearest=nearest, posts=posts, chosen=chosen, error=error,
                outside=kind == "outside")


@router.get("/m/{merchant_id}/titles/teach", response_model=None)
def teach_form(request: Request, merchant_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
               lang: LangDep, title: str = "") -> Response:
    """Choose what a title of this merchant's team means (editors and owners); without a title, the team page."""
    text = clean_text(title, "title").strip()[:100]
    if not text:
        store.get_merchant(db, user, merchant_id)  # an outsider gets the 404, not a redirect
        return redirect(f"/m/{merchant_id}#findings")
    return choice_page(request, db, user, core, lang, merchant_id, text)


@router.post("/m/{merchant_id}/titles", response_model=None)
def teach(request: Request, form: FormDep, merchant_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
          lang: LangDep) -> Response:
    """Remember the chosen posts for the title in the merchant's workspace and show the team read again."""
    merchant = store.get_merchant(db, user, merchant_id)
    title = form_text(form, "title", 100)
    chosen = tuple(str(p) for p in form.getlist("posts") if isinstance(p, str))[:MAX_POSTS + 1]
    try:
        store.set_title_meaning(db, user, merchant.workspace_id, taught_title(core.kb, title),
                                role_ids(core.kb, list(chosen)))
    except (store.NotFound, store.Forbidden):
        raise
    except DouyinTeamError as err:
        return choice_page(request, db, user, core, lang, merchant_id, title, err.render(lang, web=True), chosen, 422)
    return redirect(f"/m/{merchant_id}#findings")


@router.post("/w/{workspace_id}/titles/{title_id}/delete", response_model=None)
def forget(workspace_id: Id, title_id: Id, db: DbDep, user: PageUserDep) -> Response:
    """Forget a taught title: the workspace's teams read it as before again."""
    store.delete_title_meaning(db, user, workspace_id, title_id)
    return redirect(f"/w/{workspace_id}#titles")


@api.get("/workspaces/{workspace_id}/titles")
def list_titles(workspace_id: Id, db: DbDep, user: ApiUserDep) -> list[dict[str, Any]]:
    """The titles the workspace taught ("this title means …"), by title (members only)."""
    return [meaning_out(m) for m in store.list_title_meanings(db, user, workspace_id)]


@api.put("/workspaces/{workspace_id}/titles")
def put_title(workspace_id: Id, body: TitleIn, db: DbDep, user: ApiUserDep, core: CoreDep) -> dict[str, Any]:
    """Teach the workspace what a title means (editors and owners); teaching it again replaces its posts. Every
    team of the workspace is read with it from then on, before the knowledge base's own titles."""
    title = taught_title(core.kb, clean_text(body.title, "title"))
    return meaning_out(store.set_title_meaning(db, user, workspace_id, title, role_ids(core.kb, body.posts)))


@api.delete("/workspaces/{workspace_id}/titles/{title_id}", status_code=204)
def delete_title(workspace_id: Id, title_id: Id, db: DbDep, user: ApiUserDep) -> None:
    """Forget a taught title (editors and owners)."""
    store.delete_title_meaning(db, user, workspace_id, title_id)
