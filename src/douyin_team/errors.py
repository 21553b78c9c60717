"""User-facing errors: each names where the problem is and how to fix it, in one line."""

from __future__ import annotations


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
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        self.hint = hint

    def located(self, file: str | None = None, line: int | None = None) -> DouyinTeamError:
        """Fill in the file and line when the raiser did not know them; returns self."""
        if self.file is None:
            self.file = file
        if self.line is None:
            self.line = line
        return self

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
            if self.line and self.file.lower().endswith((".csv", ".xlsx", ".xlsm")):
                where = f"{self.file}: row {self.line}: "
        elif self.line:
            where = f"line {self.line}: "
        field = f"{self.field}: " if self.field else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        # One line, always: a newline in user text must not split the message.
        return " ".join(f"{where}{field}{self.message}{hint}".split())


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
