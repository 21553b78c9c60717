"""Breaking text into lines no wider than a width, measured with a face's real advance widths.

Chinese breaks between any two characters and Latin text at spaces (a word longer than a line is cut
between letters), following the Chinese line-breaking rules (W3C clreq, GB/T 15834): a closing bracket or
stop (、，。）》」 …) never starts a line and an opening one (（《「 …) never ends one. A stop that does
not fit hangs past the end of its line by up to one em, as Chinese typesetting allows, rather than
dragging the character before it down. Emoji sequences, flags and combining marks are never split.

`wrap` is for card texts (as many lines as they need); `fit` caps the lines (the chart's title) and
ends the last one with … when the text goes on past the cap.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from .fonts import FontFace

ELLIPSIS = "…"
# Closing brackets, stops and marks that belong to the character before them.
NO_START = frozenset(
    "、，。．：；！？）］｝〕〉》」』】〗〙〛”’…‥·・々ー％‰℃"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
    ",.;:!?)]}%")
# Opening brackets and quotes (and currency signs) that belong to the character after them.
NO_END = frozenset("（［｛〔〈《「『【〖〘〚“‘￥＄([{$¥£")
NEVER, INSIDE_WORD, FREE = 0, 1, 2  # how good a place between two clusters is to break a line


class Fitted(NamedTuple):
    """Lines of a text, whether it was cut (the last line then ends with …) and the text as shown on one line."""

    lines: list[str]
    cut: bool
    shown: str


def wrap(face: FontFace, text: str, size: float, max_width: float) -> list[str]:
    """Lines no wider than max_width (a closing mark may hang up to one em past it), as many as needed."""
    if "\n" not in text and face.width(text, size) <= max_width:  # most names and posts fit on one line
        return [text.strip()]
    return Breakable(face, text, size).fit(max_width).lines


def fit(face: FontFace, text: str, size: float, max_width: float, max_lines: int) -> Fitted:
    """At most max_lines lines; a text that needs more is cut where the last one is full, ending with …"""
    return Breakable(face, text, size).fit(max_width, max_lines)


def ellipsized(face: FontFace, text: str, size: float, max_width: float) -> str:
    """The text on one line no wider than max_width: all of it, or its start and …"""
    if face.width(text, size) <= max_width and "\n" not in text:
        return text.strip()
    return Breakable(face, text, size).fit(max_width, 1, hang=0.0).lines[0]


class Breakable:
    """A text cut into clusters (what must stay together on a line), measured once in one face and size,
    so it can be fitted to many widths (the title tries a few)."""

    def __init__(self, face: FontFace, text: str, size: float) -> None:
        self.face, self.size, self.text = face, size, text
        self.starts = _clusters(text)  # offset in text of each cluster, then len(text)
        parts = [text[a:b] for a, b in zip(self.starts, self.starts[1:], strict=False)]
        self.space = [p.isspace() for p in parts]
        self.hard = [p == "\n" for p in parts]
        self.closing = [p[0] in NO_START for p in parts]
        self.right = [0.0]  # the width of clusters [0, k)
        for p in parts:
            self.right.append(self.right[-1] + face.width(p, size))
        wide = [_wide(p) for p in parts]
        self.level = [NEVER] + [_level(parts[k - 1], parts[k], wide[k - 1], wide[k], self.space[k - 1], self.space[k])
                                for k in range(1, len(parts))]

    def fit(self, max_width: float, max_lines: int | None = None, hang: float | None = None) -> Fitted:
        """The lines at this width, at most max_lines of them (the last cut and ended with … if the text
        goes on); a closing mark may hang past max_width by up to `hang` (default one em)."""
        hang = self.size if hang is None else hang
        breaks = self._breaks(max_width, hang, max_lines)
        count = len(self.space)
        cut = max_lines is not None and len(breaks) > max_lines
        ends = breaks[1:max_lines] + [count] if cut else breaks[1:] + [count]
        lines = [self._slice(a, b) for a, b in zip(breaks, ends, strict=False)]
        if not cut:
            return Fitted(lines or [""], False, self.text.replace("\n", " ").strip())
        last, stop = self._ellipsized(breaks[len(lines) - 1], max_width)
        lines[-1] = last
        return Fitted(lines, True, self.text[:self.starts[stop]].rstrip() + ELLIPSIS)

    def _breaks(self, max_width: float, hang: float, max_lines: int | None) -> list[int]:
        """The first cluster of each line (greedy: each line takes as much as fits)."""
        right, space, hard, count = self.right, self.space, self.hard, len(self.space)
        starts = [0]
        s = k = 0
        while k < count:
            if max_lines is not None and len(starts) > max_lines:
                break
            if hard[k]:  # a line break in the text
                k += 1
                s = self._skip(k)
                if s < count:
                    starts.append(s)
                k = s
                continue
            if space[k] or k == s or right[k + 1] - right[s] <= max_width:
                k += 1
                continue
            if self.closing[k] and right[k] - right[s] <= max_width and right[k + 1] - right[s] <= max_width + hang:
                k += 1  # a stop hangs past the end of the line
                continue
            s = self._skip(self._best_break(s, k))  # at most k: the line from s is checked again at k
            starts.append(s)
        return starts

    def _best_break(self, s: int, k: int) -> int:
        """Where to end the line that starts at s and overflows at k: the last free break, else inside a
        word, else (a run of stops wider than a line) right before k."""
        level = self.level
        for wanted in (FREE, INSIDE_WORD):
            for j in range(k, s, -1):
                if level[j] == wanted:
                    return j
        return k

    def _skip(self, k: int) -> int:
        """The first cluster from k on that is not a space (a line never starts with one)."""
        while k < len(self.space) and self.space[k] and not self.hard[k]:
            k += 1
        return k

    def _slice(self, a: int, b: int) -> str:
        return self.text[self.starts[a]:self.starts[b]].strip()

    def _ellipsized(self, start: int, max_width: float) -> tuple[str, int]:
        """The line from cluster `start` cut so it and … fit in max_width, and the cluster it stops at; never
        ending with a space or an opening bracket before the …"""
        room = max_width - self.face.width(ELLIPSIS, self.size)
        stop = start
        while stop < len(self.space) and self.right[stop + 1] - self.right[start] <= room and not self.hard[stop]:
            stop += 1
        while stop > start and (self.space[stop - 1] or self.text[self.starts[stop - 1]] in NO_END):
            stop -= 1
        return self._slice(start, stop) + ELLIPSIS, stop


def _clusters(text: str) -> list[int]:
    """Offsets where clusters start, then len(text): a character with the marks, variation selectors and
    emoji modifiers after it, characters joined by ZWJ (family emoji), and flag pairs stay together."""
    starts: list[int] = []
    joined = flag = False
    for i, ch in enumerate(text):
        cp = ord(ch)
        if starts and (joined or _extends(cp)):
            pass
        elif starts and flag and 0x1F1E6 <= cp <= 0x1F1FF:
            flag = False  # the second half of a flag
        else:
            starts.append(i)
            flag = 0x1F1E6 <= cp <= 0x1F1FF
        joined = cp == 0x200D
    starts.append(len(text))
    return starts


def _extends(cp: int) -> bool:
    """Whether a character belongs to the cluster before it."""
    if cp < 0x300:
        return False
    return (cp == 0x200D or 0xFE00 <= cp <= 0xFE0F or 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F
            or 0xE0100 <= cp <= 0xE01EF or unicodedata.category(chr(cp)) in ("Mn", "Me", "Mc"))


def _wide(part: str) -> bool:
    """Chinese, Japanese and Korean characters, full-width forms and emoji: a line may break on either side."""
    cp = ord(part[0])
    return unicodedata.east_asian_width(part[0]) in ("W", "F") or cp >= 0x1F000 or 0x2600 <= cp <= 0x27BF


def _level(before: str, after: str, wide_before: bool, wide_after: bool, space_before: bool, space_after: bool) -> int:
    """How good the place between two clusters is for a line break."""
    if space_after or after[0] in NO_START or before[0] in NO_END:
        return NEVER
    if space_before or wide_before or wide_after:
        return FREE
    return INSIDE_WORD
