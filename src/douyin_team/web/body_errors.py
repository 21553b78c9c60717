"""Request bodies that cannot be read, answered as the API's other refusals (web/request_errors.py) are, in the
reader's language: a body that is no JSON (where it breaks, and why), no UTF-8 (which byte), or over the upload cap
(a 413 saying the cap). Never the parser's English ("There was an error parsing the body", "Expecting value")."""

from __future__ import annotations

from typing import Any

from ..text import Lang

Problem = dict[str, Any]  # one of pydantic's errors(), or an entry of the API's `errors`

# The json module's reasons for refusing a text (how its `msg` starts), (zh, en).
JSON_REASONS = {"Expecting value": ("缺一个值", "a value is missing"),
                "Expecting ',' delimiter": ("缺一个逗号", "a comma is missing"),
                "Expecting ':' delimiter": ("缺一个冒号", "a colon is missing"),
                "Expecting property name enclosed in double quotes": ("字段名要用双引号括起来", "a field name must be in double quotes"),
                "Unterminated string starting at": ("的字符串没有结束的引号", "a string is not closed"),
                "Invalid control character at": ("的字符串里有控制字符", "a string holds a control character"),
                "Invalid \\escape": ("有无效的转义（\\）", "an invalid escape (\\)"),
                "Invalid \\uXXXX escape": ("有无效的 \\u 转义", "an invalid \\u escape"),
                "Extra data": ("JSON 已经结束，后面还有多余的内容", "more text after the JSON"),
                "Illegal trailing comma": ("多了一个结尾的逗号", "a comma before the end")}  # Python 3.13's


def json_entry(problem: Problem, lang: Lang, body: Any) -> Problem:
    """A body that is no JSON: where it breaks (line and character, counted from 1) and why, in `lang`."""
    loc = tuple(problem.get("loc", ()))
    pos = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
    said = str((problem.get("ctx") or {}).get("error", ""))
    reason = next((words for start, words in JSON_REASONS.items() if said.startswith(start)), None)
    line = column = None
    if pos is not None and isinstance(body, str):
        line = body.count("\n", 0, pos) + 1
        column = pos - (body.rfind("\n", 0, pos) + 1) + 1
    if lang == "zh":
        at = f"第{line}行第{column}个字符处" if line else ""
        said = reason[0] if reason else "无法读取"
        message = "请求体不是有效的 JSON：" + (f"{at}{said}" if at else said.removeprefix("的"))
        place = f"请求体{at.removesuffix('处')}" if at else "请求体"
    else:
        at = f"line {line}, character {column}" if line else ""
        message = "the request body is not valid JSON" + (f": {at}" if at else "") + (f": {reason[1]}" if reason else "")
        place = f"the request body, {at}" if at else "the request body"
    return {"field": "body", "where": place, "type": "json_invalid", "message": message, "line": line}


def body_unreadable(cause: BaseException | None, lang: Lang) -> dict[str, Any]:
    """A body FastAPI could not read ("There was an error parsing the body"): not UTF-8 (where), or unreadable."""
    if isinstance(cause, UnicodeDecodeError):
        at = cause.start + 1
        message = (f"请求体不是 UTF-8 编码的文字（第{at}个字节）" if lang == "zh"
                   else f"the request body is not UTF-8 text (byte {at})")
    else:
        message = "请求体无法读取" if lang == "zh" else "the request body cannot be read"
    hint = "用 UTF-8 编码发送 JSON" if lang == "zh" else "send JSON encoded as UTF-8"
    return {"error": {"type": "MalformedBody", "message": message + (f"（提示：{hint}）" if lang == "zh" else f" (hint: {hint})"),
                      "field": "body", "where": "请求体" if lang == "zh" else "the request body", "hint": hint, "line": None}}


def too_large(limit: int, lang: Lang) -> dict[str, Any]:
    """A body over the upload cap (a 413), in `lang`, saying the cap."""
    size = (f"{limit / 1024 / 1024:.3g} MB" if limit >= 1024 * 1024 else f"{limit / 1024:.3g} KB" if limit >= 1024
            else f"{limit} 字节" if lang == "zh" else f"{limit} bytes")
    if lang == "zh":
        message, hint = f"请求体超过了上传上限 {size}", "把内容分成几次发送，或去掉用不到的部分"
    else:
        message, hint = f"the request body is over the upload limit of {size}", "send it in parts, or leave out what is not needed"
    return {"error": {"type": "TooLarge", "message": message + (f"（提示：{hint}）" if lang == "zh" else f" (hint: {hint})"),
                      "field": "body", "where": "请求体" if lang == "zh" else "the request body", "hint": hint, "line": None}}
