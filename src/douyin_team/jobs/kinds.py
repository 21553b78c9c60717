"""What each kind of job makes: plain functions from a job's parameters (plain JSON data) to an Output.

A kind's parameters hold everything its bytes depend on — the team document of the revision (not its id:
the document is the input), the format, language and date — so the artefact key computed from them
(`artefact_key`) names exactly one result, and a retried job makes the same bytes under the same key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import Any

from ..errors import InvalidValue
from ..knowledge import KnowledgeBase, load_knowledge

KIT_MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}
CHART_MEDIA = {"png": "image/png", "pdf": "application/pdf", "svg": "image/svg+xml"}
BIG_KIT = 100  # people: from here a kit PDF is worth laying out in pieces (smaller, starting processes costs more)
DERIVED = ("groups", "findings", "decisions", "diagnosis", "labour")  # recomputed by the checker, never an input
# A kind whose bytes changed for the same inputs within one release: its artefacts made before are not served
# again (in the key; the release's version alone would keep them). chart 2: the seats named in the reader's language.
DRAWING = {"chart": 2, "batch": 2}


@dataclass(frozen=True)
class Output:
    """A job's result: the bytes, their media type and the file name a download gets."""

    data: bytes
    media_type: str
    filename: str


@cache
def knowledge() -> KnowledgeBase:
    """The default knowledge base, loaded once per worker process."""
    return load_knowledge()


def warm_up() -> None:
    """Import the renderers and load the knowledge base before a job process's first job needs them (the
    seconds of a cold process, which a page waiting for a small download would otherwise wait through)."""
    from importlib import import_module

    for module in ("weasyprint", "douyin_team.kit.render.pdf", "douyin_team.kit.render.xlsx",
                   "douyin_team.chart.render.png"):
        import_module(module)
    knowledge()


def artefact_key(kind: str, params: dict[str, Any]) -> str:
    """The SHA-256 naming a job's artefact: its kind, every input, and the program's version (a new
    release may draw differently, so it makes new artefacts rather than serving old ones) and the kind's
    `DRAWING` when it drew differently within a release. `params` hold the language: a Chinese and an English
    export of one revision are two artefacts."""
    drawing = {"drawing": DRAWING[kind]} if kind in DRAWING else {}
    text = json.dumps({"kind": kind, "params": params, "version": metadata.version("douyin-team"), **drawing},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def team_of(document: dict[str, Any], kb: KnowledgeBase) -> Any:
    """The validated team of a team document (its derived sections dropped)."""
    from ..store import without_ids
    from ..team import convert_team, resolve_team

    if not isinstance(document, dict):
        raise InvalidValue("a team must be an object with a `people` list", field="document")
    return resolve_team(convert_team(without_ids({k: v for k, v in document.items() if k not in DERIVED})), kb)


def kit_bytes(document: dict[str, Any], fmt: str, lang: Any, date: str) -> bytes:
    """The team kit of a team document in one format (xlsx, md, html, pdf); a big kit's PDF is laid out in
    pieces on `pdf_processes()` processes when the worker's host allows more than one (the same file)."""
    from ..checking import check_team
    from ..kit import KitOptions, build_kit
    from ..kit.render import render_kit, render_kit_pdf, verify_format

    kb = knowledge()
    team = team_of(document, kb)
    stage = check_team(team, kb).diagnosis.stage
    kit = build_kit(team, kb, stage, lang, KitOptions(date=date))
    if verify_format(fmt) == "pdf" and len(team.people) >= BIG_KIT:
        return render_kit_pdf(kit, pdf_processes())
    data = render_kit(kit, fmt)
    return data.encode() if isinstance(data, str) else data


def pdf_processes() -> int:
    """How many processes one kit PDF job may lay out on: $DOUYIN_TEAM_PDF_PROCESSES (default 1: whole, in the
    job's own process; set it to the cores a worker host can give one job)."""
    import os

    text = os.environ.get("DOUYIN_TEAM_PDF_PROCESSES") or "1"
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise InvalidValue(f"'{text}' is not a number of processes", field="DOUYIN_TEAM_PDF_PROCESSES",
                           hint="e.g. DOUYIN_TEAM_PDF_PROCESSES=2")
    return int(text)


def chart_bytes(document: dict[str, Any], fmt: str, lang: Any, date: str, title: str | None = None) -> bytes:
    """The org chart of a team document in one renderer format (png, pdf, svg …), the planner's seat names in
    `lang` as the pages show them (a Chinese plan's 主播A is Host A in English: `team.in_language`)."""
    from ..chart import ChartOptions, build_chart
    from ..chart.render import render, verify_format
    from ..checking import check_team
    from ..team import in_language

    kb = knowledge()
    team = in_language(team_of(document, kb), kb, lang)
    stage = check_team(team, kb).diagnosis.stage
    data = render(build_chart(team, kb, stage, ChartOptions(lang=lang, date=date, title=title)), verify_format(fmt))
    return data.encode() if isinstance(data, str) else data


def run_kit(p: dict[str, Any]) -> Output:
    """Kind `kit`: {document, fmt, lang, date, filename}."""
    return Output(kit_bytes(p["document"], p["fmt"], p["lang"], p["date"]), KIT_MEDIA[p["fmt"]], p["filename"])


def run_chart(p: dict[str, Any]) -> Output:
    """Kind `chart`: {document, fmt, lang, date, filename}."""
    return Output(chart_bytes(p["document"], p["fmt"], p["lang"], p["date"]), CHART_MEDIA[p["fmt"]], p["filename"])


def run_import(p: dict[str, Any]) -> Output:
    """Kind `import`: {data (the spreadsheet, hex), suffix, filename, source, keep_phone (only when asked)} → the team document as JSON
    (people as a team file holds them), for the caller to save as a revision."""
    import os
    import tempfile

    from ..dump import dump_data
    from ..errors import DouyinTeamError
    from ..team import import_table

    fd, path = tempfile.mkstemp(suffix=p["suffix"], prefix="dt-job-import-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(bytes.fromhex(p["data"]))
        team = import_table(path, knowledge(), keep_phone=bool(p.get("keep_phone")))
    except DouyinTeamError as err:
        err.file = p["source"]  # the user's file name, never the temporary path
        raise
    finally:
        os.unlink(path)
    data = dump_data(_people_document(team), "json").encode()
    return Output(data, "application/json", p["filename"])


def _people_document(team: Any) -> dict[str, Any]:
    import msgspec

    data: dict[str, Any] = msgspec.to_builtins(team)
    for person in data["people"]:
        person.pop("reasons", None)
    return {k: v for k, v in data.items() if k not in DERIVED}


def run_staff(p: dict[str, Any]) -> Output:
    """Kind `staff`: {plan, roster, lang, time_limit, seed, filename} → the staffed, checked team as JSON; the
    roster's skills are read with the titles the plan's workspace taught (its `titles`), as `POST /staff` reads them."""
    import msgspec

    from ..dump import dump_data
    from ..staffing import staff_team
    from ..team import Roster, resolve_roster, taught_knowledge

    kb = knowledge()
    plan = team_of(p["plan"], kb)
    try:
        people = resolve_roster(msgspec.convert(p["roster"], Roster, strict=False),
                                taught_knowledge(kb, plan.titles or {}))
    except msgspec.ValidationError as exc:
        message, _, path = str(exc).partition(" - at `$")
        raise InvalidValue(message, field="roster." + (path.rstrip("`").lstrip(".") or "people")) from None
    team = staff_team(plan, people, kb, time_limit=float(p["time_limit"]), seed=int(p["seed"]), lang=p["lang"])
    return Output(dump_data(msgspec.to_builtins(team), "json").encode(), "application/json", p["filename"])
