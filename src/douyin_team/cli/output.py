"""Writing results: format from the file name, atomic writes, never over an input file."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DouyinTeamError, UnsupportedFormat

SUFFIX_FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".md": "markdown", ".txt": "text"}


def verify_format(fmt: str, allowed: tuple[str, ...]) -> str:
    """Return `fmt` if it is one of `allowed`, else raise an error listing them."""
    if fmt not in allowed:
        raise UnsupportedFormat(f"unknown format '{fmt}'", field="--format", hint=f"use one of: {', '.join(allowed)}")
    return fmt


def format_for(path: str | None, given: str | None, default: str = "text") -> str:
    """The output format: as given, else from the output file's suffix, else the default."""
    if given:
        return given
    if path:
        suffix = Path(path).suffix.lower()
        if suffix not in SUFFIX_FORMATS:
            raise UnsupportedFormat(f"cannot tell the format of '{path}'", field="-o",
                                    hint=f"use a name ending in {', '.join(SUFFIX_FORMATS)} or give --format")
        return SUFFIX_FORMATS[suffix]
    return default


def write_output(path: str, data: str | bytes, inputs: tuple[str, ...] = ()) -> None:
    """Write atomically (temp file + rename), refusing to overwrite any input file."""
    target = Path(path)
    for name in inputs:
        if Path(name).exists() and target.exists() and target.resolve() == Path(name).resolve():
            raise DouyinTeamError("refusing to overwrite an input file", file=path, hint="choose another -o name")
    import tempfile

    raw = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        raise DouyinTeamError(f"cannot write: {exc.strerror or exc}", file=path) from None
