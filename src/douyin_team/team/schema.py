"""The JSON Schema of the team file, generated from the team model."""

from __future__ import annotations

import json

import msgspec

from .model import Team


def team_schema() -> str:
    """The JSON Schema of the team file (also the shape of a plan)."""
    schema = msgspec.json.schema(Team)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "douyin-team team file"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
