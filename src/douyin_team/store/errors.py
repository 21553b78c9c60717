"""Errors of the storage layer: nouns the web app maps to HTTP statuses (404, 403, 409, 401, 429)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import DouyinTeamError

if TYPE_CHECKING:
    from .models import Revision


class StoreError(DouyinTeamError):
    """Base of every error the store raises on purpose."""


class DatabaseUnavailable(StoreError):
    """The database server cannot be reached (or the SQLite file cannot be opened)."""


class NotFound(StoreError):
    """The thing does not exist, or the actor may not know that it exists (never reveal other workspaces)."""


class Forbidden(StoreError):
    """The actor may see the thing but their role does not allow the change (e.g. a viewer writing)."""


class EmailTaken(StoreError):
    """Sign-up with an email that already has an account."""


class BadCredentials(StoreError):
    """Wrong email or password (deliberately not saying which)."""


class TooManyAttempts(StoreError):
    """Too many failed sign-ins for this email from this address; wait before trying again."""

    def __init__(self, message: str, *, retry_after: int, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class AlreadyMember(StoreError):
    """The invited person is already a member (or already invited) of the workspace."""


class LastOwner(StoreError):
    """The change would leave a workspace without an owner."""


class EditConflict(StoreError):
    """The team changed since the editor loaded it: carries the latest revision and the unsaved document."""

    def __init__(self, latest: Revision, yours: dict[str, Any], base_revision: int | None) -> None:
        since = f"after revision {base_revision}" if base_revision else "before your first save"
        super().__init__(
            f"revision {latest.number} was saved by {latest.author_name} {since}",
            field="base_revision", hint="compare your version with the latest one, merge, and save again",
        )
        self.latest = latest
        self.yours = yours
        self.base_revision = base_revision
