"""Loading the knowledge base: the packaged YAML files, a playbook laid over them, a validated cache.

A user's playbook file can be laid over the default (`load_knowledge(overlay=...)`): list items are
matched by `id` and merged field by field, new ids are added, and `settings` are merged key by key.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from .. import cache
from ..errors import KnowledgeError
from .model import KnowledgeBase

KNOWLEDGE_DIR = Path(__file__).parent


def read_yaml(path: Path) -> Any:
    """Parse one YAML file into plain data, or raise KnowledgeError naming the file and line."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise KnowledgeError(f"not valid YAML: {exc.problem}", file=str(path), line=line) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"cannot read: {exc}", file=str(path)) from None


def default_data() -> dict[str, Any]:
    """The packaged knowledge as plain data: every YAML file's lists concatenated, settings merged."""
    data: dict[str, Any] = {}
    for path in sorted(KNOWLEDGE_DIR.glob("*.yaml")):
        merge_data(data, read_yaml(path) or {}, str(path), add_only=True)
    return data


def merge_data(base: dict[str, Any], extra: Any, origin: str, add_only: bool = False) -> None:
    """Lay `extra` over `base`: lists of items merge by id, mappings merge key by key."""
    if not isinstance(extra, Mapping):
        raise KnowledgeError("a knowledge file must be a mapping of sections", file=origin)
    for key, value in extra.items():
        if isinstance(value, list) and key in base and isinstance(base[key], list):
            by_id = {item.get("id"): item for item in base[key] if isinstance(item, dict)}
            for item in value:
                old = by_id.get(item.get("id")) if isinstance(item, dict) else None
                if old is None:
                    base[key].append(item)
                elif add_only:
                    raise KnowledgeError(f"{key}: id '{item.get('id')}' is defined twice", file=origin)
                else:
                    old.update(item)
        elif isinstance(value, Mapping) and isinstance(base.get(key), dict):
            merge_data(base[key], value, origin, add_only)
        else:
            base[key] = value


class Cached(msgspec.Struct, array_like=True):
    """A cache entry: a validated knowledge base and what it was built from."""

    stamp: str  # the package's knowledge files and versions (`_stamp`)
    playbook: bytes  # the playbook's bytes (empty without one)
    kb: KnowledgeBase


def load_knowledge(overlay: str | Path | None = None) -> KnowledgeBase:
    """The default knowledge base, with an optional playbook file laid over it, validated.

    Kept, already validated, as MessagePack in the user's cache folder, so that a command starts without
    parsing YAML: one entry per install and playbook path, used only while it was built from the same
    playbook bytes and the same knowledge files (by the names, sizes and modification times of the YAML and
    of the modules that define and validate them, as Python checks its bytecode) with the same versions of
    this package and of msgspec. A cache that cannot be read, decoded or written is simply not used.
    """
    try:
        playbook = b"" if overlay is None else Path(overlay).read_bytes()
    except OSError:
        return _load(overlay)  # which names the file it cannot read
    origin = None if overlay is None else str(overlay)
    path = cache.cache_path("knowledge", KNOWLEDGE_DIR, origin, None if overlay is None else Path(overlay).resolve())
    stamp = _stamp()
    found = cache.load(path, Cached)
    if found is not None and found.stamp == stamp and found.playbook == playbook:
        return found.kb
    kb = _load(overlay)
    cache.store(path, Cached(stamp, playbook, kb))
    return kb


def _stamp() -> str:
    """What the packaged knowledge base is built from, as a cache entry records it."""
    from .. import __version__

    files = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in KNOWLEDGE_DIR.iterdir()
                   if p.suffix in (".yaml", ".py"))
    return repr((__version__, msgspec.__version__, files))


def _load(overlay: str | Path | None) -> KnowledgeBase:
    data = default_data()
    origin = "default knowledge"
    if overlay is not None:
        origin = str(overlay)
        merge_data(data, read_yaml(Path(overlay)) or {}, origin)
    data["origin"] = origin
    try:
        kb = msgspec.convert(data, KnowledgeBase)
    except msgspec.ValidationError as exc:
        raise KnowledgeError(str(exc), file=origin, hint="compare with the files in douyin_team/knowledge/") from None
    from .validate import validate_knowledge

    validate_knowledge(kb, origin)
    return kb
