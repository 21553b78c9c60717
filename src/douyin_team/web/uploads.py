"""An uploaded file read by a core reader that takes a path: its kind checked by suffix, its size capped, written
to a temporary file that is always removed, and any error naming the user's file, never the temporary path."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from starlette.datastructures import UploadFile

from ..errors import DouyinTeamError, MalformedFile

T = TypeVar("T")


def read_uploaded(file: UploadFile, limit: int, suffixes: tuple[str, ...], refusal: str,
                  reader: Callable[[str], T]) -> T:
    """What `reader` makes of the upload; MalformedFile (`refusal`) for another kind of file or one over `limit`."""
    name = Path(file.filename or f"upload{suffixes[0]}").name
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        raise MalformedFile(refusal, file=name, hint="export the sheet from Excel/WPS as .xlsx or .csv")
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise MalformedFile(f"file is over the {limit}-byte upload limit", file=name)
    fd, path = tempfile.mkstemp(suffix=suffix, prefix="dt-upload-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return reader(path)
    except DouyinTeamError as err:
        err.file = name  # the user's file name, never the temporary path
        raise
    finally:
        os.unlink(path)
