"""One router per resource: pages (HTML forms) and the JSON API under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.routing import BaseRoute

from . import (
    api_compute,
    api_docs,
    api_jobs,
    api_merchants,
    api_teams,
    api_workspaces,
    pages_account,
    pages_auth,
    pages_charts,
    pages_history,
    pages_invites,
    pages_jobs,
    pages_merchants,
    pages_next,
    pages_roster,
    pages_scenarios,
    pages_share,
    pages_staffing,
    pages_team,
    pages_titles,
    pages_tokens,
    pages_workspaces,
)

__all__ = ["ROUTERS", "first_routes"]

# Requests are matched against the routes in this order: FIRST (the team page, the page asked for most, as a
# route of its own in front of the app's routers), then the compute API, which scripts call most.
ROUTERS: list[APIRouter] = [
    api_compute.router, api_workspaces.router, api_merchants.router, api_teams.router, api_jobs.router, api_docs.router,
    pages_auth.router, pages_workspaces.router, pages_merchants.router, pages_roster.router, pages_roster.forms,
    pages_team.router, pages_charts.router, pages_next.router, pages_staffing.router, pages_staffing.forms,
    pages_scenarios.router, pages_scenarios.forms, pages_history.router, pages_tokens.router,
    pages_invites.router, pages_account.router, pages_share.router, pages_jobs.router,
    pages_titles.router, pages_titles.api,
]


def first_routes() -> list[BaseRoute]:
    """Routes the app matches before every router (`app.router.routes[:0] = first_routes()`)."""
    return [pages_team.TeamPageRoute()]
