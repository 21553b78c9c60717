"""Core errors as the web answers them: naming the API's fields, never the command line's flags or commands.

The core raises errors worded for the command line (`--to`, "give --sales …"). errors.yaml gives most of them a
web wording too, which names no flag, but no field either ("give the monthly sales"). An API client sends
fields, so its hint is the command line's wording with every flag the API has as a field named by that field
(`to`, `monthly_sales`), or the web wording where the command line's still names something the API has not
(a command such as `douyin-team roles`). A page shows the web wording, its few flags named as fields too.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import DouyinTeamError, Lang, translate
from .compute import error_body

# The command line's flags and the field (or query parameter) of the API that says the same.
CLI_OPTIONS = {"--sales": "monthly_sales", "--stage": "stage", "--budget": "headcount_budget",
               "--budget-cny": "budget_cny", "--live-hours": "live_hours", "--city-tier": "city_tier",
               "--focus": "focus", "--to": "to", "--format": "format", "--start": "start"}
FLAG = re.compile(r"--[a-z][a-z-]*(?![\w-])")
CLI_WORDS = re.compile(r"(?:^|[\s（(])--?[a-z]|douyin-team")  # a flag or a command, as tests/test_errors.py reads them


def with_fields(text: str) -> str:
    """The text with every flag the API has as a field written as that field: `--sales` → `monthly_sales`."""
    if "--" not in text:
        return text
    return FLAG.sub(lambda m: f"`{CLI_OPTIONS[m.group()]}`" if m.group() in CLI_OPTIONS else m.group(), text)


def api_field(field: str | None) -> str | None:
    """The field as the API names it: a flag the core named (`--to`) is the API's query parameter (`to`)."""
    return CLI_OPTIONS.get(field, field) if field else field


def api_hint(hint: str | None, lang: Lang) -> str | None:
    """A core error's hint in `lang` for an API client (see the module's docstring)."""
    if not hint:
        return None
    named = with_fields(translate(hint, "hints", lang))
    return named if not CLI_WORDS.search(named) else with_fields(translate(hint, "hints", lang, web=True))


def api_error_body(err: DouyinTeamError, lang: Lang) -> dict[str, Any]:
    """A core error in the API's one error shape (compute.error_body), its field and hint the API's."""
    err.field = api_field(err.field)
    hint, err.hint = api_hint(err.hint, lang), None  # rendered below: the catalogue would word it for the pages
    body = error_body(err, lang)
    if hint:
        error = body["error"]
        error["hint"] = hint
        error["message"] = " ".join((error["message"] + (f"（提示：{hint}）" if lang == "zh" else f" (hint: {hint})")).split())
    return body


def page_message(err: DouyinTeamError, lang: Lang) -> str:
    """A core error as a page shows it: the web wording, any flag left in it named as the field."""
    err.field = api_field(err.field)
    return with_fields(err.render(lang, web=True))
