"""Storage for the web app: accounts, workspaces, merchants and team revisions in SQLite or PostgreSQL.

An adapter at the edge: it imports the core, the core never imports it. Every service function takes a
`Session` and the acting `User`, checks the actor's role itself (a non-member gets `NotFound`, a viewer who
writes gets `Forbidden`) and commits its own unit of work.
"""

from __future__ import annotations

from .access import role_in
from .accounts import (
    app_secret,
    authenticate,
    create_api_token,
    create_user,
    end_session,
    list_api_tokens,
    normal_email,
    revoke_api_token,
    start_session,
    user_for_api_token,
    user_for_session,
)
from .diff import RevisionDiff, compare_documents
from .drafts import drop_draft, get_draft, keep_draft
from .engine import database_url, make_engine, ping_when_idle, session_factory, upgrade
from .errors import (
    AlreadyMember,
    BadCredentials,
    DatabaseUnavailable,
    EditConflict,
    EmailTaken,
    Forbidden,
    LastOwner,
    NotFound,
    StoreError,
    TooManyAttempts,
)
from .ids import follow_renames, ids_of, with_ids, without_ids
from .invites import (
    EmailNotVerified,
    Invitation,
    accept_invite,
    invite_for_link,
    verification_token,
    verify_email,
)
from .merchants import (
    archive_merchant,
    create_merchant,
    delete_merchant,
    get_merchant,
    latest_revisions,
    list_merchants,
    update_merchant,
)
from .merge import Change, Clash, Merge, merge_documents, resolve
from .models import (
    ApiToken,
    Base,
    Draft,
    Invite,
    Membership,
    Merchant,
    Revision,
    Scenario,
    ShareLink,
    TitleMeaning,
    User,
    Workspace,
    utcnow,
)
from .pagestamps import team_page_stamp
from .passwords import change_password, end_all_sessions, reset_password, reset_token
from .revisions import (
    compare_revisions,
    get_revision,
    latest_revision,
    list_revisions,
    restore_revision,
    save_team,
    viewed_team,
)
from .scenarios import delete_scenario, get_scenario, list_scenarios, save_scenario, update_scenario
from .shares import (
    create_share_link,
    list_share_links,
    merchant_for_share,
    revoke_share_link,
    shared_revision,
)
from .throttle import count_signup
from .titles import delete_title_meaning, list_title_meanings, set_title_meaning, taught_titles
from .workspaces import (
    add_member,
    cancel_invite,
    change_role,
    create_workspace,
    get_workspace,
    list_invites,
    list_members,
    list_workspaces,
    remove_member,
)

__all__ = [
    "team_page_stamp",
    "Change", "Clash", "compare_documents", "follow_renames", "latest_revisions", "shared_revision", "utcnow",
    "Draft", "Merge", "Scenario", "ShareLink", "delete_scenario", "get_scenario", "list_scenarios", "save_scenario",
    "update_scenario", "create_share_link", "drop_draft", "get_draft", "keep_draft", "list_share_links",
    "merchant_for_share", "merge_documents", "resolve", "revoke_share_link", "AlreadyMember", "ApiToken",
    "BadCredentials", "DatabaseUnavailable", "EditConflict", "EmailTaken", "EmailNotVerified", "Invitation",
    "accept_invite", "invite_for_link", "verification_token", "verify_email", "change_password", "end_all_sessions",
    "reset_password", "reset_token", "count_signup", "normal_email", "Base",
    "Forbidden", "Invite", "LastOwner", "Membership", "Merchant", "NotFound", "Revision", "RevisionDiff",
    "StoreError", "TooManyAttempts", "User", "Workspace", "add_member", "app_secret", "authenticate",
    "cancel_invite", "change_role", "compare_revisions", "create_api_token", "create_merchant",
    "create_user", "create_workspace", "database_url", "delete_merchant", "end_session", "get_merchant",
    "get_revision", "get_workspace", "ids_of", "latest_revision", "list_api_tokens", "list_invites", "list_members",
    "list_merchants", "list_revisions", "list_workspaces", "make_engine", "ping_when_idle", "remove_member",
    "restore_revision", "revoke_api_token", "role_in", "save_team", "session_factory", "start_session",
    "archive_merchant", "update_merchant", "upgrade", "TitleMeaning", "delete_title_meaning", "list_title_meanings", "set_title_meaning",
    "taught_titles", "user_for_api_token", "user_for_session", "viewed_team", "with_ids", "without_ids",
]
