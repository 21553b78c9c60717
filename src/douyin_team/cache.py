"""A small on-disk cache of MessagePack files in the user's cache folder ($XDG_CACHE_HOME/douyin-team).

Used for derived data that is slow to rebuild (the validated knowledge base, font metrics, glyph
outlines). Keys include what the data was built from, so a stale entry is never read. A cache that
cannot be read or written is simply skipped: it only ever makes things faster.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import TypeVar

import msgspec

T = TypeVar("T")


def cache_path(kind: str, *key: object) -> Path:
    """The cache file for `kind`, named by a checksum of `key`."""
    stamp = zlib.crc32(msgspec.msgpack.encode([str(k) for k in key]))
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "douyin-team" / f"{kind}-{stamp:08x}.msgpack"


def load(path: Path, kind: type[T]) -> T | None:
    """The cached value, or None when there is none (or it cannot be read)."""
    try:
        return msgspec.msgpack.decode(path.read_bytes(), type=kind)
    except (OSError, msgspec.DecodeError):
        return None


def store(path: Path, value: object) -> None:
    """Write the value atomically (temporary file, then rename); errors are ignored."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(msgspec.msgpack.encode(value))
        os.replace(tmp, path)
    except OSError:  # (a full disk, a folder where the file would be): leave nothing behind
        try:
            tmp.unlink()
        except OSError:
            pass
