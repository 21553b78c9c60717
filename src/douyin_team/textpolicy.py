"""The one policy for text a user gives us (team files, spreadsheets, forms, API bodies, options).

NUL and lone surrogates are refused with an error naming the field: PostgreSQL cannot store a NUL, and a
lone surrogate cannot be encoded as UTF-8, so neither may reach storage or a renderer. Other control
characters, bidirectional overrides (U+202A–U+202E, U+2066–U+2069) and the non-characters U+FFFE/U+FFFF
are removed (the line-breaking ones become a space): they are invisible, can make a name read backwards,
and are not allowed in XML (SVG, draw.io, XLSX) or DOT. So every renderer gets text it can write.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from .errors import InvalidValue

T = TypeVar("T")

REFUSED = re.compile("[\x00\ud800-\udfff]")
# Whitespace-like controls read as a space; the others (and bidi overrides) are dropped.
SPACES = re.compile("[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+")
DROPPED = re.compile("[\x01-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
KEEP_LINES = re.compile("[\t\v\f\r\x1c-\x1f\x85\u2028\u2029]+")
# In JSON text (as msgspec writes it) the characters above show as escapes or these UTF-8 bytes; a cheap scan
# for them tells whether a document needs the walk at all (a company's team file rarely does).
SUSPECT = re.compile(rb"\\u00|\\[nrtbf]|\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xbf[\xbe\xbf]")


def clean_text(value: str, field: str | None = None, *, multiline: bool = False) -> str:
    """The text with control and bidi-override characters removed; InvalidValue on NUL or a lone surrogate.

    `multiline` keeps line breaks (`\\n`) for fields like a revision message; elsewhere they become spaces.
    """
    if value.isprintable():  # the common case: no control, format, surrogate or unassigned character
        return value
    refused = REFUSED.search(value)
    if refused:
        raise InvalidValue(f"text contains the character U+{ord(refused.group()):04X}, which is not allowed",
                           field=field, hint="remove it (a NUL or a broken UTF-16 half); text must be valid Unicode")
    if multiline:
        value = KEEP_LINES.sub(" ", value.replace("\r\n", "\n"))
    else:
        value = SPACES.sub(" ", value)
    return DROPPED.sub("", value)


def clean_data(data: Any, field: str = "") -> Any:
    """Plain data (dicts, lists, strings, numbers) with every string, keys too, passed through `clean_text`.

    Errors name the path of the field, like `people[3].name`. Returns the same object when nothing changed.
    """
    if isinstance(data, str):
        return clean_text(data, field or None)
    if isinstance(data, dict):
        cleaned = {clean_text(k, _join(field, k)) if isinstance(k, str) else k: clean_data(v, _join(field, str(k)))
                   for k, v in data.items()}
        return data if all(a is b for a, b in zip(cleaned.values(), data.values(), strict=True)) \
            and list(cleaned) == list(data) else cleaned
    if isinstance(data, list | tuple):
        items = [clean_data(v, f"{field}[{i}]") for i, v in enumerate(data)]
        return data if all(a is b for a, b in zip(items, data, strict=True)) else type(data)(items)
    return data


def clean_struct(obj: T, field: str = "") -> T:
    """A msgspec struct (a team, a profile) with its text cleaned by `clean_data`; the same object if clean.

    The struct is first scanned as JSON (fast even for 100,000 people); only a suspect one is walked.
    """
    import msgspec

    try:
        if SUSPECT.search(msgspec.json.encode(obj)) is None:
            return obj
    except UnicodeEncodeError:  # a lone surrogate: the walk below names its field
        pass
    data = msgspec.to_builtins(obj)
    cleaned = clean_data(data, field)
    if cleaned is data:
        return obj
    try:
        return msgspec.convert(cleaned, type(obj))
    except msgspec.ValidationError as exc:  # e.g. a name that was nothing but control characters
        message, _, path = str(exc).partition(" - at `$")
        where = path.rstrip("`").lstrip(".")
        raise InvalidValue(f"{message} once control characters are removed",
                           field=(f"{field}.{where}" if field else where) or None) from None


def _join(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key
