"""Read and write team files (YAML or JSON): parse, validate, resolve posts, and find the line of a field."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, BinaryIO

import msgspec

from ..errors import (
    DouyinTeamError,
    DuplicateName,
    InvalidValue,
    MalformedFile,
    ReportingCycle,
    UnknownManager,
)
from ..gcpause import paused_gc
from ..knowledge import KnowledgeBase
from ..textpolicy import clean_struct
from .model import Person, Team
from .reading import read_people, taught_posts
from .titles import split_outside_brackets, taught_knowledge

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32
ROLE_SEPARATORS = re.compile(r"[、/／，,+＋;；|]")
PHONE = re.compile(r"\+?[0-9][0-9 \-]*")  # digits, a leading +, - and spaces: +86 138-0013-8000
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def read_team_file(path: str | Path, kb: KnowledgeBase) -> Team:
    """Read, validate and resolve a team file (YAML or JSON); raises a DouyinTeamError naming the file and line.
    `read_team` also takes a roster spreadsheet."""
    name = str(path)
    text = read_text(name)
    try:
        # The cycle collector paused: a company's file makes hundreds of thousands of objects and none forms a
        # cycle, and collecting while they are made took 60% of reading 100,000 people.
        with paused_gc():
            return resolve_team(convert_team(parse_text(text, name)), kb)
    except DouyinTeamError as err:
        if err.line is None and err.field:
            err.line = locate(text, err.field)
        raise err.located(file=name) from None


def read_text(name: str, limit: int = MAX_FILE_BYTES) -> str:
    """A UTF-8 text file's content, refusing empty, oversized and binary files with a clear error."""
    raw = read_bytes(name, limit)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark (Excel's "Unicode text")
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise MalformedFile(f"not valid UTF-16 text (byte {exc.start})", file=name,
                                hint="save the file as UTF-8") from None
        if not any(ch.isascii() and (ch.isprintable() or ch in "\t\r\n") for ch in text[:4096]):  # text has some ASCII
            raise MalformedFile("not text (a byte-order mark, then binary data)", file=name,
                                hint="save the file as UTF-8; spreadsheets go through `douyin-team import`")
        return text
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MalformedFile(f"not UTF-8 text (byte {exc.start})", file=name,
                            hint="save the file as UTF-8; spreadsheets go through `douyin-team import`") from None


def read_bytes(name: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refusing missing, empty and oversized files with a clear error.

    Read with the cap whatever the size the file reports: a pipe or a device (`/dev/zero`) reports 0 bytes.
    """
    try:
        path = Path(name)
        size = path.stat().st_size
        if size > limit:
            raise MalformedFile(f"file is {size} bytes, over the {limit}-byte limit", file=name)
        if path.is_dir():
            raise MalformedFile("is a folder, not a file", file=name)
        with path.open("rb") as handle:
            raw = _read_capped(handle, limit)
        if len(raw) > limit:
            raise MalformedFile(f"more than the {limit}-byte limit to read", file=name,
                                hint="a pipe or a device? give a file")
    except OSError as exc:
        raise MalformedFile(f"cannot read: {exc.strerror or exc}", file=name) from None
    if not raw.strip():
        raise MalformedFile("file is empty", file=name, hint="a team file needs at least `people:`")
    return raw


def _read_capped(handle: BinaryIO, limit: int) -> bytes:
    """Up to `limit + 1` bytes, read a megabyte at a time (one big read would allocate the whole cap)."""
    parts: list[bytes] = []
    total = 0
    while total <= limit and (chunk := handle.read(min(1 << 20, limit + 1 - total))):
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def parse_text(text: str, name: str) -> Any:
    """Parse YAML or JSON text (JSON by `.json` suffix or a leading brace) into plain data.

    Nesting deeper than any team file needs and numbers of thousands of digits are refused as malformed,
    not left to crash a parser or a converter further on.
    """
    try:
        data = _parse(text, name)
    except RecursionError:
        raise MalformedFile(f"nested more than {MAX_DEPTH} levels deep", file=name,
                            hint="a team file is a mapping with a list of people") from None
    except ValueError as exc:  # e.g. Python's limit on the digits of an integer (4300)
        raise MalformedFile(f"a value cannot be read: {str(exc).split(';')[0]}", file=name) from None
    if _depth(data) > MAX_DEPTH:
        raise MalformedFile(f"nested more than {MAX_DEPTH} levels deep", file=name,
                            hint="a team file is a mapping with a list of people")
    return data


def _depth(data: Any) -> int:
    """How deeply lists and mappings nest in plain data (iteratively: no recursion to exhaust)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _parse(text: str, name: str) -> Any:
    if name.lower().endswith(".json") or text.lstrip().startswith("{"):
        import json  # here, as yaml below: `plan` reads no team file

        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise MalformedFile(f"not valid JSON: {exc.msg}", file=name, line=exc.lineno) from None
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "syntax error"
        line = mark.line + 1 if mark is not None else None
        raise MalformedFile(f"not valid YAML: {problem}", file=name, line=line) from None


def convert_team(data: Any, strict: bool = False) -> Team:
    """Type-check plain data against the team model; errors name the field.

    Lenient by default, for what files and spreadsheets hold (`"40"` hours, `1` for yes); `strict` (the JSON
    API's bodies) takes only the types the team file's JSON Schema gives, so `vacancy: 0` is an error there.
    """
    if not isinstance(data, dict):
        raise InvalidValue("a team file must be a mapping with a `people` list", hint="see `douyin-team schema`")
    try:
        return msgspec.convert(data, Team, strict=strict)
    except msgspec.ValidationError as exc:
        message, _, path = str(exc).partition(" - at `$")
        field = path.rstrip("`").lstrip(".") or None
        hint = _field_hint(message)
        raise InvalidValue(message, field=field, hint=hint, person=_person_at(data, field)) from None


def _person_at(data: dict[str, Any], field: str | None) -> str | None:
    """The name of the person a `people[i]…` field belongs to, when the data gives one."""
    match = re.match(r"people\[(\d+)\]", field or "")
    people = data.get("people")
    if match and isinstance(people, list) and int(match.group(1)) < len(people):
        person = people[int(match.group(1))]
        name = person.get("name") if isinstance(person, dict) else None
        return name if isinstance(name, str) else None
    return None


def _field_hint(message: str) -> str:
    match = re.search(r"unknown field `(.+?)`", message)
    if not match:
        return "see `douyin-team schema` for the team file's fields"
    import difflib

    known = [*Team.__struct_fields__, *Person.__struct_fields__]
    close = difflib.get_close_matches(match.group(1), known, n=1)
    return f"did you mean `{close[0]}`?" if close else "see `douyin-team schema` for the allowed fields"


def resolve_team(team: Team, kb: KnowledgeBase) -> Team:
    """Check names, posts, stage and reporting lines; return the team with posts as role ids and notes on how
    its titles were read (an unknown title is kept and noted, never an error).

    Every text of the team passes the text policy first (`textpolicy`): NUL and lone surrogates are refused,
    control and bidi-override characters removed, whether it came from a file, a spreadsheet or the API.
    """
    team = clean_struct(team)
    if team.stage is not None and team.stage not in kb.stage:
        raise InvalidValue(f"unknown stage '{team.stage}'", field="stage", hint=f"use one of: {', '.join(kb.stage)}")
    if not team.people:
        raise InvalidValue("the team has no people", field="people", hint="add at least one person or open post")
    names = [_clean_name(i, p) for i, p in enumerate(team.people)]
    taught = taught_posts(team.titles, kb) if team.titles else {}
    posts, notes = read_people(team.people, taught_knowledge(kb, taught), team.focus)
    people = [msgspec.structs.replace(person, name=name, roles=list(roles), can_cover=list(covers),
                                      reports_to=person.reports_to.strip() or None if person.reports_to else None,
                                      unknown_titles=list(unknown), employment=person.employment or employment,
                                      phone=_clean_phone(i, person, name))
              for i, (person, name, (roles, covers, unknown, employment))
              in enumerate(zip(team.people, names, posts, strict=True))]
    _check_names(people)
    _check_reporting(people)
    return msgspec.structs.replace(team, people=people, readings=notes or None, titles=taught or None)


def _clean_name(index: int, person: Person) -> str:
    name = person.name.strip()
    if not name or CONTROL_CHARS.search(person.name):
        raise InvalidValue("a name must be non-empty text without control characters", field=f"people[{index}].name",
                           person=name or None)
    return name


def _clean_phone(index: int, person: Person, name: str) -> str | None:
    """The person's phone with its spaces tidied and full-width digits made plain (None when blank);
    InvalidValue naming the person otherwise."""
    if person.phone is None:
        return None
    phone = " ".join(unicodedata.normalize("NFKC", person.phone).split())
    if not phone:
        return None
    if not PHONE.fullmatch(phone) or sum(ch.isdigit() for ch in phone) < 3:
        raise InvalidValue(f"'{phone}' is not a phone number", field=f"people[{index}].phone", person=name,
                           hint="use digits, +, - and spaces, e.g. +86 138 0013 8000")
    return phone


def split_roles(roles: list[str] | str) -> list[str]:
    """Split post labels written as one string ('运营、中控+投手', '主播/场控') or a list, dropping blanks; a
    separator inside brackets stays with its title ('运营（中控、投流）' is one title, read by team/titles.py),
    and so does DOU+'s plus."""
    items = [roles] if isinstance(roles, str) else roles
    return [part.strip() for item in items for part in split_outside_brackets(item, ROLE_SEPARATORS) if part.strip()]


def _check_names(people: list[Person]) -> None:
    seen: dict[str, int] = {}
    for i, person in enumerate(people):
        if person.name in seen:
            raise DuplicateName(f"'{person.name}' appears twice (also person {seen[person.name] + 1})",
                                field=f"people[{i}].name", hint="give each person a unique name, e.g. 主播A / 主播B",
                                person=person.name)
        seen[person.name] = i


def _check_reporting(people: list[Person]) -> None:
    index = {p.name: i for i, p in enumerate(people)}
    for i, person in enumerate(people):
        if person.reports_to is None:
            continue
        if person.reports_to == person.name:
            raise ReportingCycle(f"{person.name} reports to themselves", field=f"people[{i}].reports_to",
                                 person=person.name)
        if person.reports_to not in index:
            import difflib

            close = difflib.get_close_matches(person.reports_to, list(index), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "reports_to must be the name of another person"
            raise UnknownManager(f"'{person.reports_to}' is not in the team", field=f"people[{i}].reports_to", hint=hint,
                                 person=person.name)
    _find_cycle(people, index)


def _find_cycle(people: list[Person], index: dict[str, int]) -> None:
    state = [0] * len(people)  # 0 unvisited, 1 on the current path, 2 done
    for start in range(len(people)):
        path: list[int] = []
        node: int | None = start
        while node is not None and state[node] == 0:
            state[node] = 1
            path.append(node)
            manager = people[node].reports_to
            node = index[manager] if manager is not None else None
        if node is not None and state[node] == 1:
            loop = path[path.index(node):] + [node]
            chain = " → ".join(people[i].name for i in loop)
            raise ReportingCycle(f"reporting cycle: {chain}", field=f"people[{node}].reports_to", person=people[node].name,
                                 hint="someone in the loop must report to a person outside it, or to nobody")
        for i in path:
            state[i] = 2


def locate(text: str, field: str) -> int | None:
    """The 1-based line where a field path like `people[2].roles[0]` starts in YAML/JSON text, if found."""
    import yaml

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", field):
        if node is None:
            break
        node = _child(node, part)
        if node is not None:
            line = node.start_mark.line + 1
    return line


def _child(node: Any, part: str) -> Any:
    import yaml

    if part.startswith("[") and isinstance(node, yaml.SequenceNode):
        i = int(part[1:-1])
        return node.value[i] if i < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == part:
                return value
    return None


def dump_team(team: Team, fmt: str) -> str:
    """Serialise a team (or plan) as YAML or JSON text, Chinese kept readable."""
    from ..dump import dump_data

    return dump_data(team, fmt)
