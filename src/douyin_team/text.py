"""Bilingual text: Chinese first, English second."""

# No `from __future__ import annotations`: msgspec reads these classes' annotations when a command first
# decodes the cached knowledge base, and as strings they would be compiled there (3 ms of every start).

from typing import Literal

import msgspec

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


class Text(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A text in both interface languages."""

    zh: str
    en: str

    def get(self, lang: Lang) -> str:
        """The text in `lang`, falling back to Chinese when the English is empty."""
        return self.en if lang == "en" and self.en else self.zh


NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    """一, 二 … 十, 十一 … 九十九, then digits: how team numbers are written in names."""
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")
    return str(n)
