"""Plain data (or msgspec structs) as JSON or YAML text: the documents every command and API call writes."""

from __future__ import annotations

import msgspec


def dump_data(data: object, fmt: str) -> str:
    """Plain data (or msgspec structs) as JSON or YAML text, Chinese kept readable (UTF-8, not \\u escapes)."""
    if fmt == "json":  # msgspec: the layout of json.dumps(indent=2), ten times faster (the web API serves it)
        return msgspec.json.format(msgspec.json.encode(data), indent=2).decode() + "\n"
    builtins = msgspec.to_builtins(data)
    import yaml

    return str(yaml.dump(builtins, allow_unicode=True, sort_keys=False, width=100))
