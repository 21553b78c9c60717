"""Fonts for charts: find a CJK font on the machine and measure text with its real advance widths.

Box sizes come from these metrics, not from a character count. The metrics of a font file are cached
(MessagePack, in the user's cache folder) so that measuring starts fast after the first use.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import msgspec

from .. import cache
from ..errors import DouyinTeamError

INSTALL_HINT = "install a CJK font, e.g. `apt-get install fonts-noto-cjk`, or set DOUYIN_TEAM_FONT=/path/to/font.ttc"
KNOWN_FONTS = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
)


class MissingFont(DouyinTeamError):
    """No font that can show Chinese text was found."""


class FontFace(msgspec.Struct, frozen=True):
    """One face of a font file: where it is, its family name, and its advance widths per character."""

    path: str
    index: int
    family: str
    units_per_em: int
    advances: dict[int, int]
    default_advance: int

    def width(self, text: str, size: float) -> float:
        """Width of `text` at font `size` (px), from the face's advance widths."""
        return sum(map(self.advances.get, map(ord, text), repeat(self.default_advance))) * size / self.units_per_em


def _locate(bold: bool) -> tuple[str, int]:
    override = os.environ.get("DOUYIN_TEAM_FONT")
    if override:
        if not Path(override).is_file():
            raise MissingFont(f"DOUYIN_TEAM_FONT points to a missing file: {override}", hint=INSTALL_HINT)
        return override, 0
    if shutil.which("fc-match"):
        style = ":weight=bold" if bold else ""
        done = subprocess.run(["fc-match", "-f", "%{file}\t%{index}", f"sans-serif:lang=zh-cn{style}"],
                              capture_output=True, text=True, check=False)
        path, _, number = done.stdout.partition("\t")
        index = int(number) if number.isdigit() else 0
        if done.returncode == 0 and path and _has_cjk(path, index):
            return path, index
    for path, index in KNOWN_FONTS[1:2] + KNOWN_FONTS[:1] + KNOWN_FONTS[2:] if bold else KNOWN_FONTS:
        if Path(path).is_file():
            return path, index
    raise MissingFont("no font with Chinese characters was found", hint=INSTALL_HINT)


def _has_cjk(path: str, index: int) -> bool:
    try:
        return ord("主") in _read(path, index).advances
    except Exception:  # any unreadable font file is simply not a candidate
        return False


def _font_cache(path: str, index: int, kind: str) -> Path:
    stat = os.stat(path)
    return cache.cache_path(f"font-{kind}", path, index, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=8)
def _read(path: str, index: int) -> FontFace:
    where = _font_cache(path, index, "metrics-2")  # 2: with the advances of characters the font lacks (_missing)
    face = cache.load(where, FontFace)
    if face is None:
        face = _parse(path, index)
        cache.store(where, face)
    return face


def _parse(path: str, index: int) -> FontFace:
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index, lazy=True)
    metrics = font["hmtx"].metrics
    advances = {cp: metrics[glyph][0] for cp, glyph in font.getBestCmap().items()}
    units = int(font["head"].unitsPerEm)
    family = font["name"].getBestFamilyName() or Path(path).stem
    return FontFace(path, index, str(family), units, {**_missing(units), **advances}, units // 2)


# Characters a CJK font often lacks whose width is known: joiners, variation selectors and tags take no
# room, and emoji take one em (as a browser draws them). Anything else missing counts half an em.
ZERO_WIDTH = [(0x200B, 0x200F), (0x2060, 0x2064), (0xFE00, 0xFE0F), (0x1F3FB, 0x1F3FF), (0xE0020, 0xE007F),
              (0xE0100, 0xE01EF)]
EMOJI = [(0x2600, 0x27BF), (0x1F000, 0x1F3FA), (0x1F400, 0x1FAFF)]


def _missing(units: int) -> dict[int, int]:
    """Advance widths for the characters above (the font's own widths win where it has them)."""
    out = {cp: 0 for low, high in ZERO_WIDTH for cp in range(low, high + 1)}
    out.update({cp: units for low, high in EMOJI for cp in range(low, high + 1)})
    return out


def face_at(path: str, index: int) -> FontFace:
    """The face at a font file and collection index (cached)."""
    return _read(path, index)


def glyph_paths(face: FontFace, codepoints: set[int]) -> dict[int, str]:
    """SVG path data (font units, y up) of each codepoint's glyph; cached on disk per font file."""
    where = _font_cache(face.path, face.index, "glyphs")
    paths = cache.load(where, dict[int, str]) or {}
    missing = {cp for cp in codepoints if cp not in paths and cp in face.advances}
    if missing:
        paths.update(_draw_glyphs(face, missing))
        cache.store(where, paths)
    return {cp: paths[cp] for cp in codepoints if cp in paths}


def _draw_glyphs(face: FontFace, codepoints: set[int]) -> dict[int, str]:
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.ttLib import TTFont

    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    out = {}
    for cp in sorted(codepoints):
        if cp not in cmap:  # measured (see _missing) but not in the font: nothing to draw
            out[cp] = ""
            continue
        pen = SVGPathPen(glyphs)
        glyphs[cmap[cp]].draw(pen)
        out[cp] = pen.getCommands()
    return out


def find_face(bold: bool = False) -> FontFace:
    """The CJK face used for charts (regular or bold); MissingFont says how to install one."""
    path, index = _locate(bold)
    return _read(path, index)
