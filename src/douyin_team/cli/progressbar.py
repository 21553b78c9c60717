"""The progress bar on stderr for long work (PNG tiles, PDF pages, import rows, staffing steps, batches):
drawn only when stderr is a terminal, in colour unless NO_COLOR is set (https://no-color.org), and wiped
when the work ends so the command's own output stays as it was."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from .. import progress
from ..text import Text

WIDTH = 24
EVERY = 0.1  # seconds between two redraws


class Bar:
    """Draws `[████······] 第12页，共70页` on one terminal line (a counter when the total is not known yet)."""

    def __init__(self, stream: TextIO, lang: str, colour: bool) -> None:
        self.stream, self.lang, self.colour = stream, lang, colour
        self.last, self.drawn = 0.0, False

    def __call__(self, done: int, total: int, what: Text) -> None:
        now = time.monotonic()
        if now - self.last < EVERY and done != total:
            return
        self.last = now
        filled = WIDTH * done // total if total else (done % WIDTH)
        bar = "█" * filled + "·" * (WIDTH - filled) if total else "·" * filled + "█" + "·" * (WIDTH - filled - 1)
        if self.colour:
            bar = f"\x1b[36m{bar}\x1b[0m"
        self.stream.write(f"\r\x1b[2K[{bar}] {progress.describe(done, total, what, self.lang)}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Wipe the bar's line."""
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


@contextmanager
def progress_bar(lang: str = "zh", stream: TextIO | None = None) -> Iterator[Bar | None]:
    """Show the progress reported inside the block as a bar on `stream` (stderr), if it is a terminal."""
    out = stream or sys.stderr
    if not out.isatty():
        yield None
        return
    bar = Bar(out, lang, colour=not os.environ.get("NO_COLOR"))
    try:
        with progress.listening(bar):
            yield bar
    finally:
        bar.close()
