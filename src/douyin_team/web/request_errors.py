"""Requests refused before a route runs (FastAPI's RequestValidationError), answered as the core's errors are:
one line in the reader's language naming the field as a person would (请求里的 monthly_sales（月销售额）,
第3个人的 hours), saying how many problems there are, with a hint pointing at the operation's section of /docs;
every problem in `errors` said the same way (a body that is no JSON, no UTF-8 or too large: web/body_errors.py).

pydantic's English text is never shown: each of its error types has a Chinese and an English line here
(PROBLEMS), and any other type gets a generic line still naming the field. Field names, values and unknown keys
come from the request, so they are shown escaped and cut short, and a listing of them is bounded.
"""

from __future__ import annotations

import difflib
import json
import math
import unicodedata
from collections.abc import Sequence
from typing import Any, get_args
from urllib.parse import quote

from pydantic import BaseModel

from ..errors import field_labels, translate
from ..text import Lang
from .body_errors import Problem, json_entry

MAX_ERRORS = 20  # entries of `errors` (a request of 10,000 unknown keys still answers 20)
MAX_NAMED = 5  # unknown fields named in one line
MAX_NAME = 40  # characters of a field name or a value shown in a message
MAX_FIELD = 200  # characters of one part of an entry's machine `field`
LABELS = field_labels()  # the core's labels of team-file and profile fields (errors.yaml `labels`)
# `name` is a person's 姓名 in the core's labels; a body's own `name` (a workspace's, a merchant's) is its 名称.
BODY_LABELS = {"name": ("名称", "name")}
# Where a part of the request is, (zh, en): the body's fields, the query string's, the address's.
SOURCES = {"body": ("请求里的", "the request's"), "query": ("查询参数", "query parameter"),
           "path": ("地址里的", "path parameter"), "header": ("请求头", "header"), "cookie": ("Cookie", "cookie")}
# A list whose items a person counts by what they are (people[2] is 第3个人 / person 3, as the core says it).
ROWS = {"people": ("第{n}个人", "person {n}")}
# What is wrong, by pydantic's error type, (zh, en): {place} is the field as a person names it, {got} the value
# sent (quoted, cut short); other keys are pydantic's context (ge, max_length …) or counted here (length).
PROBLEMS: dict[str, tuple[str, str]] = {
    "missing": ("缺少{place}", "{place} is missing"),
    "extra_forbidden": ("{place}不是这个接口的字段", "{place} is not a field of this request"),
    "float_type": ("{place}要是数字，收到的是 {got}", "{place} must be a number, not {got}"),
    "float_parsing": ("{place}要是数字，收到的是 {got}", "{place} must be a number, not {got}"),
    "finite_number": ("{place}要是有限的数字，收到的是 {got}", "{place} must be a finite number, not {got}"),
    "int_type": ("{place}要是整数，收到的是 {got}", "{place} must be a whole number, not {got}"),
    "int_parsing": ("{place}要是整数，收到的是 {got}", "{place} must be a whole number, not {got}"),
    "int_from_float": ("{place}要是整数，不能带小数，收到的是 {got}", "{place} must be a whole number, not {got}"),
    "bool_type": ("{place}要是 true 或 false，收到的是 {got}", "{place} must be true or false, not {got}"),
    "bool_parsing": ("{place}要是 true 或 false，收到的是 {got}", "{place} must be true or false, not {got}"),
    "string_type": ("{place}要是文字（加引号的字符串），收到的是 {got}", "{place} must be text (a string in quotes), not {got}"),
    "list_type": ("{place}要是列表 […]，收到的是 {got}", "{place} must be a list […], not {got}"),
    "tuple_type": ("{place}要是列表 […]，收到的是 {got}", "{place} must be a list […], not {got}"),
    "set_type": ("{place}要是列表 […]，收到的是 {got}", "{place} must be a list […], not {got}"),
    "dict_type": ("{place}要是对象 {{…}}，收到的是 {got}", "{place} must be an object {{…}}, not {got}"),
    "model_type": ("{place}要是对象 {{…}}，收到的是 {got}", "{place} must be an object {{…}}, not {got}"),
    "model_attributes_type": ("{place}要是对象 {{…}}，收到的是 {got}", "{place} must be an object {{…}}, not {got}"),
    "greater_than": ("{place}要大于{gt}，收到的是 {got}", "{place} must be more than {gt}, not {got}"),
    "greater_than_equal": ("{place}不能小于{ge}，收到的是 {got}", "{place} must be at least {ge}, not {got}"),
    "less_than": ("{place}要小于{lt}，收到的是 {got}", "{place} must be less than {lt}, not {got}"),
    "less_than_equal": ("{place}不能大于{le}，收到的是 {got}", "{place} must be at most {le}, not {got}"),
    "multiple_of": ("{place}要是{multiple_of}的倍数，收到的是 {got}", "{place} must be a multiple of {multiple_of}, not {got}"),
    "string_too_short": ("{place}至少要有{min_length}个字，收到的有{length}个", "{place} must have at least {min_length} characters, not {length}"),
    "string_too_long": ("{place}最多{max_length}个字，收到的有{length}个", "{place} must have at most {max_length} characters, not {length}"),
    "too_short": ("{place}至少要有{min_length}项，收到的有{actual_length}项", "{place} must have at least {min_length} items, not {actual_length}"),
    "too_long": ("{place}最多{max_length}项，收到的有{actual_length}项", "{place} must have at most {max_length} items, not {actual_length}"),
    "string_pattern_mismatch": ("{place}的格式不对（要符合 {pattern}），收到的是 {got}", "{place} must match {pattern}, not {got}"),
    "literal_error": ("{place}要是 {expected} 之一，收到的是 {got}", "{place} must be one of {expected}, not {got}"),
    "enum": ("{place}要是 {expected} 之一，收到的是 {got}", "{place} must be one of {expected}, not {got}"),
    "value_error": ("{place}有误：{error}", "{place} is wrong: {error}"),
    "string_unicode": ("{place}里有无效的 Unicode 字符（单独的代理项）", "{place} holds an invalid Unicode character (a lone surrogate)"),
}
EMPTY = ("{place}不能为空", "{place} must not be empty")  # string_too_short of a field that needs 1 character
OTHER = ("{place}的值不符合接口的要求，收到的是 {got}", "{place} is not a value this request takes, not {got}")
BODY_MISSING = ("缺少请求体：这个接口要一个 JSON 对象", "the request has no body: this request takes a JSON object")
NOT_JSON = ("请求体要是 JSON 对象，并带 Content-Type: application/json", "the request body must be a JSON object, sent "
            "with Content-Type: application/json")


def validation_body(errors: Sequence[Problem], lang: Lang, model: Any = None, anchor: str | None = None,
                    body: Any = None) -> dict[str, Any]:
    """A refused request's problems (pydantic's `errors()`) as the API's one error shape in `lang`: the first
    problem (and every unknown field, in one line) as `message`, how many more there are, the hint pointing at
    `anchor` of /docs; `model` is the body's pydantic model (for did-you-mean), `body` the text when it is no JSON."""
    entries = [entry(problem, lang, model, body) for problem in errors[:MAX_ERRORS]]
    if not entries:
        entries = [{"field": None, "where": None, "type": "invalid", "message": _say(OTHER, lang, place="", got="")}]
    unknown = [p for p in errors if p.get("type") == "extra_forbidden"]
    unknown_first = bool(errors) and errors[0].get("type") == "extra_forbidden"
    lines = ([] if unknown_first else [entries[0]["message"]]) + ([unknown_line(unknown, lang, model)] if unknown else [])
    more = len(errors) - len(unknown) - (not unknown_first)
    if more > 0:
        lines.append(f"另有{more}处问题，见 errors" if lang == "zh" else f"{more} more: see errors")
    hint = docs_hint(anchor, lang)
    message = ("；" if lang == "zh" else "; ").join(lines)
    if hint:
        message += f"（提示：{hint}）" if lang == "zh" else f" (hint: {hint})"
    head = entries[0]
    return {"error": {"type": "ValidationError", "message": message, "field": head["field"], "where": head["where"],
                      "hint": hint, "line": head.get("line"), "errors": entries}}


def entry(problem: Problem, lang: Lang, model: Any = None, body: Any = None) -> Problem:
    """One problem of `errors`: its machine `field`, `where` as a person says it, pydantic's type, the line."""
    kind, loc = str(problem.get("type", "")), tuple(problem.get("loc", ()))
    if kind == "json_invalid":
        return json_entry(problem, lang, body)
    place = where(loc, lang)
    guess = did_you_mean(loc, model) if kind == "extra_forbidden" else None
    message = problem_line(kind, place, problem, lang)
    if guess:
        message += f"（是不是 {guess}？）" if lang == "zh" else f" (did you mean {guess}?)"
    found: Problem = {"field": machine_field(loc), "where": place, "type": kind, "message": message}
    if kind == "extra_forbidden":
        found["did_you_mean"] = guess
    return found


def problem_line(kind: str, place: str, problem: Problem, lang: Lang) -> str:
    """What is wrong with the field at `place`, as PROBLEMS says it (OTHER for a type it has no line for)."""
    ctx = dict(problem.get("ctx") or {})
    value = problem.get("input")
    if place in ("请求体", "the request body"):
        if kind == "missing":
            return BODY_MISSING[lang == "en"]
        if isinstance(value, bytes):  # a body FastAPI did not read as JSON (another Content-Type)
            return NOT_JSON[lang == "en"]
    template = PROBLEMS.get(kind, OTHER)
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        template = EMPTY
    values = {k: number(v) for k, v in ctx.items()}
    values.update(place=place, got=quoted(value), length=len(value) if isinstance(value, str) else "?")
    if "expected" in ctx:
        values["expected"] = choices(str(ctx["expected"]), lang)
    if kind == "value_error":
        values["error"] = shown(translate(str(ctx.get("error", "")), "messages", lang), 200)
    try:
        return _say(template, lang, **values)
    except (KeyError, IndexError):  # a context without the value the template names: the generic line
        return _say(OTHER, lang, **values)


def _say(template: tuple[str, str], lang: Lang, **values: Any) -> str:
    """The template in `lang` filled in, on one line (in Chinese, the place spaced from the Chinese after it)."""
    text = template[lang == "en"]
    if lang == "zh" and text.startswith("{place}"):
        text = spaced(str(values.get("place", "")), text.removeprefix("{place}").format(**values))
    else:
        text = text.format(**values)
    return " ".join(text.split())


def spaced(before: str, after: str) -> str:
    """Chinese text joined with a space where a Latin word meets a Chinese one (请求里的 foo 不是…)."""
    if before and after and before[-1].isascii() != after[0].isascii() and not _tight(before[-1]) \
            and not _tight(after[0]):
        return f"{before} {after}"
    return before + after


def _tight(char: str) -> bool:
    """Punctuation needing no space beside it: full-width marks, and the space itself."""
    return char.isspace() or unicodedata.category(char).startswith("P") and not char.isascii()


def where(loc: Sequence[Any], lang: Lang) -> str:
    """The field at `loc` as a person names it: ("body", "monthly_sales") → 请求里的 monthly_sales（月销售额）;
    ("body", "people", 2, "hours") → 请求里第3个人的 hours（周工时）; ("body",) → 请求体."""
    if not loc:
        return "请求" if lang == "zh" else "the request"
    source, *parts = loc
    if not parts:
        return {"body": ("请求体", "the request body")}.get(str(source), (str(source), str(source)))[lang == "en"]
    pieces = named(parts, lang)
    before = SOURCES.get(str(source), (str(source), str(source)))[lang == "en"]
    if lang == "zh":
        path = pieces[0]
        for piece in pieces[1:]:
            path = spaced(spaced(path, "的"), piece)
        if before.endswith("的") and not path[:1].isascii():
            before = before.removesuffix("的")  # 请求里第3个人的 …, not 请求里的第3个人的 …
        return spaced(before, path)
    return f"{before} " + "'s ".join(pieces)


def named(parts: Sequence[Any], lang: Lang) -> list[str]:
    """Each step of a field's path by name (with its label when it has one); a list's item counted from 1."""
    pieces: list[str] = []
    for k, part in enumerate(parts):
        if isinstance(part, int) and not isinstance(part, bool):
            container = parts[k - 1] if k else None
            row = ROWS.get(container) if isinstance(container, str) else None
            n = part + 1
            if row and pieces:
                pieces[-1] = row[lang == "en"].format(n=n)
            else:
                pieces.append(f"第{n}项" if lang == "zh" else f"item {n}")
            continue
        text = shown(str(part))
        in_row = k >= 2 and isinstance(parts[k - 1], int)
        label = LABELS.get(str(part)) if in_row else BODY_LABELS.get(str(part), LABELS.get(str(part)))
        if label and label[lang == "en"] != part:
            text += f"（{label[0]}）" if lang == "zh" else f" ({label[1]})"
        pieces.append(text)
    return pieces


def machine_field(loc: Sequence[Any]) -> str:
    """The problem's place as the API has always named it (`body.monthly_sales`, `body.names.0`), each part
    cut at MAX_FIELD characters and written as UTF-8 can carry it."""
    return ".".join(_cut(_plain(str(part)), MAX_FIELD) for part in loc)


def unknown_line(problems: Sequence[Problem], lang: Lang, model: Any) -> str:
    """Every unknown field of the request in one line, each with its likely meant field: 请求里有2个不认识的字段：
    foo、live_hourz（live_hourz 是不是 live_hours？）; at most MAX_NAMED named."""
    parents = {tuple(p.get("loc", ()))[:-1] for p in problems}
    inside = where(next(iter(parents)), lang) if len(parents) == 1 else ""
    # One place: each key by its name; keys in several places (the body's, its profile's): by their path in it.
    names = [".".join(shown(str(part)) for part in tuple(p.get("loc", ("?",)))[1 if inside == "" else -1:])
             for p in problems[:MAX_NAMED]]
    guesses = [(name, name.rpartition(".")[0] + "." * ("." in name) + guess)
               for name, p in zip(names, problems, strict=False) if (guess := did_you_mean(p.get("loc", ()), model))]
    n, listed = len(problems), names  # names: the first MAX_NAMED only
    if lang == "zh":
        top = not inside or inside == "请求体"
        line = (f"请求里有{n}个不认识的字段：" if top else spaced(inside, f"中有{n}个不认识的字段：")) + "、".join(listed)
        line += f" 等（共{n}个）" if n > MAX_NAMED else ""
        said = "；".join(spaced(spaced(name, "是不是"), f"{guess}？") for name, guess in guesses)
        return line + (f"（{said}）" if said else "")
    top = not inside or inside == "the request body"
    line = (f"the request has {n} unknown field{'s' * (n != 1)}: " if top
            else f"{inside} has {n} unknown field{'s' * (n != 1)}: ") + ", ".join(listed)
    line += f" and {n - MAX_NAMED} more" if n > MAX_NAMED else ""
    said = "; ".join(f"{name}: did you mean {guess}?" for name, guess in guesses)
    return line + (f" ({said})" if said else "")


def did_you_mean(loc: Sequence[Any], model: Any) -> str | None:
    """The real field of the body's model closest to the unknown key at `loc`: the same name written another
    way (Live-Hours), a field's label (月销售额 → monthly_sales), or a close spelling (live_hourz → live_hours)."""
    if len(loc) < 2 or loc[0] != "body":
        return None
    fields = model_fields(model_at(model, loc[1:-1]))
    key = str(loc[-1])[:64].strip()
    if not fields or not key:
        return None
    plain = key.lower().replace("-", "_").replace(" ", "_")
    for name in fields:
        label = LABELS.get(name, ())
        if plain == name.lower() or key in label or key.lower() in label:
            return name
    close = difflib.get_close_matches(plain, fields, n=1, cutoff=0.75)
    return close[0] if close else None


def model_fields(model: type[BaseModel] | None) -> list[str]:
    """A model's field names as a request sends them (a field's alias, where it has one)."""
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def model_at(annotation: Any, path: Sequence[Any]) -> type[BaseModel] | None:
    """The pydantic model a request's value at `path` (inside the body) is read as, if any: the fields of
    MerchantIn's `profile` are ProfileIn's; through optional values and lists."""
    model = _model_in(annotation)
    for part in path:
        if model is None:
            return None
        if isinstance(part, int):
            continue  # a list's item: the list's own model (found through its annotation already)
        field = model.model_fields.get(str(part))
        model = _model_in(field.annotation) if field is not None else None
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):  # Optional[…], list[…], dict[str, …]
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def docs_hint(anchor: str | None, lang: Lang) -> str | None:
    """Where /docs describes the request (its operation's section), in `lang`."""
    if anchor is None:
        return None
    return f"这个接口的字段见 /docs{anchor}" if lang == "zh" else f"the request's fields are described at /docs{anchor}"


def docs_anchor(tags: Sequence[str], operation_id: str) -> str:
    """The address of an operation's section on /docs (Swagger UI's deep link: #/tag/operationId, each part
    encoded as the browser's encodeURIComponent does; an operation without a tag is under `default`)."""
    tag = tags[0] if tags else "default"
    return f"#/{quote(str(tag), safe=_URI_SAFE)}/{quote(operation_id, safe=_URI_SAFE)}"


_URI_SAFE = "!~*'()"  # what encodeURIComponent leaves as it is, beyond letters, digits and -_.


def choices(expected: str, lang: Lang) -> str:
    """pydantic's list of allowed values ("'live', 'store' or 'video'") in `lang`: "live"、"store" 或 "video"."""
    items = [item.strip() for chunk in expected.split(" or ") for item in chunk.split(",") if item.strip()]
    items = [f'"{item[1:-1]}"' if len(item) > 1 and item[0] == item[-1] == "'" else item for item in items]
    if len(items) < 2:
        return "".join(items)
    if lang == "zh":
        return "、".join(items[:-1]) + " 或 " + items[-1]
    return ", ".join(items[:-1]) + " or " + items[-1]


def number(value: Any) -> Any:
    """A limit as a person writes it: 1e12 → 1000000000000, 0.5 stays 0.5; anything else as it is."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and abs(value) < 1e16:
        return int(value)
    return value


def quoted(value: Any) -> str:
    """A value sent in the request, as JSON, cut short: "abc", 3, true, [1, 2, …], {…}."""
    if isinstance(value, dict):
        return "{…}" if value else "{}"
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = str(value)
    return shown(text, MAX_NAME + 2)


def shown(text: str, limit: int = MAX_NAME) -> str:
    """Text from the request as a message may show it: invisible and control characters written as \\u escapes
    (a NUL, a right-to-left override), cut at `limit` characters with an ellipsis, valid UTF-8."""
    out = "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn")
                  else c for c in text[:limit + 1])
    return _cut(out, limit)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _plain(text: str) -> str:
    """Text that can be written as UTF-8 (a key from the request may hold a lone surrogate)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
