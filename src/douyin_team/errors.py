"""User-facing errors: each names where the problem is and how to fix it, in one line, in the user's language.

Errors are raised with English text; `render` gives them in Chinese (the default) or English from the
catalogue in `errors.yaml`, with rows and people counted as a person counts them (第3行, 第2个人: 小美) and,
in the web app, without command-line flags.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

Lang = Literal["zh", "en"]
SHEETS = (".csv", ".xlsx", ".xlsm")
PERSON_FIELD = re.compile(r"^people\[(\d+)\]\.?(.*)$")


class DouyinTeamError(Exception):
    """Bad input or bad knowledge: shown to the user as one line, exit code 2."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        person: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        self.hint = hint
        self.person = person  # the name of the person the field belongs to, when known

    def located(self, file: str | None = None, line: int | None = None) -> DouyinTeamError:
        """Fill in the file and line when the raiser did not know them; returns self."""
        if self.file is None:
            self.file = file
        if self.line is None:
            self.line = line
        return self

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: Lang = "zh", web: bool = False) -> str:
        """The error as one line in `lang`: where, which field, what, and the hint; `web` words hints for the
        web app (no flags or commands)."""
        zh = lang == "zh"
        where = ""
        if self.file:
            row = f"第{self.line}行" if zh else f"row {self.line}"
            if self.line and self.file.lower().endswith(SHEETS):
                where = f"{self.file}：{row}：" if zh else f"{self.file}: {row}: "
            else:
                where = self.file + (f":{self.line}" if self.line else "") + ("：" if zh else ": ")
        elif self.line:
            where = f"第{self.line}行：" if zh else f"line {self.line}: "
        field = self.field_in(lang, web)
        field = field + ("：" if zh else ": ") if field else ""
        hint = self.hint_in(lang, web)
        hint = (f"（提示：{hint}）" if zh else f" (hint: {hint})") if hint else ""
        # One line, always: a newline in user text must not split the message.
        return " ".join(f"{where}{field}{self.message_in(lang, web)}{hint}".split())

    def message_in(self, lang: Lang, web: bool = False) -> str:
        """The message in `lang` (the English as raised when the catalogue has no entry for it)."""
        return translate(self.message, "messages", lang, web)

    def hint_in(self, lang: Lang, web: bool = False) -> str | None:
        """The hint in `lang`, worded for the web app when `web`."""
        return translate(self.hint, "hints", lang, web) if self.hint else None

    def field_in(self, lang: Lang, web: bool = False) -> str | None:
        """The field as a person counts: `people[1].reports_to` is 第2个人（小美）：上级 / person 2 (小美): reports_to;
        `web` names it by its label (person 2 (小美), reports to), never the team file's key."""
        if not self.field:
            return None
        names = {**_catalogue()["fields"], **_catalogue()["labels"]} if web else _catalogue()["fields"]
        match = PERSON_FIELD.match(self.field)
        rest = match.group(2) if match else self.field
        label = ".".join(names.get(part, {}).get(lang, part) for part in rest.split(".")) if rest else ""
        if not match:
            return label
        n = int(match.group(1)) + 1
        who = f"第{n}个人" if lang == "zh" else f"person {n}"
        if self.person:
            who += f"（{self.person}）" if lang == "zh" else f" ({self.person})"
        return who + (("的" if lang == "zh" else ", ") + label if label else "")


def field_labels() -> dict[str, tuple[str, str]]:
    """Every field's label as people read it, (zh, en): 岗位 / posts for `roles` (errors.yaml `labels`)."""
    return {name: (entry["zh"], entry["en"]) for name, entry in _catalogue()["labels"].items()}


def translate(text: str, kind: str, lang: Lang, web: bool = False) -> str:
    """An English message or hint in `lang` (and worded for the web app when `web` and the entry has one)."""
    for pattern, entry in _patterns(kind):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        key = ("web_" if web and f"web_{lang}" in entry else "") + lang
        if lang == "en" and key == "en":
            return text
        return str(entry[key]).format(*match.groups())
    return text


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "errors.yaml").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=4)
def _patterns(kind: str) -> list[tuple[re.Pattern[str], dict[str, Any]]]:
    out = []
    for entry in _catalogue()[kind]:
        parts = [re.escape(p) for p in str(entry["en"]).split("{}")]
        out.append((re.compile("(.+?)".join(parts), re.S), entry))
    return out


class MalformedFile(DouyinTeamError):
    """The file cannot be parsed as YAML, JSON, CSV or XLSX."""


class InvalidValue(DouyinTeamError):
    """A field has the wrong type, is missing, or holds an absurd value."""


class UnknownRole(DouyinTeamError):
    """A post name that is neither a role id, a role name nor an alias."""


class UnknownRule(DouyinTeamError):
    """`explain` was asked about a rule id that does not exist."""


class DuplicateName(DouyinTeamError):
    """Two people in one team share a name."""


class UnknownManager(DouyinTeamError):
    """`reports_to` names somebody who is not in the team."""


class ReportingCycle(DouyinTeamError):
    """People report to each other in a loop (or to themselves)."""


class KnowledgeError(DouyinTeamError):
    """The knowledge base (or a playbook laid over it) is inconsistent."""


class UnsupportedFormat(DouyinTeamError):
    """An output or input format that no renderer or reader handles."""
