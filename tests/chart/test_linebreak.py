"""Line breaking with real font metrics: Chinese anywhere a character may break, Latin at spaces, the Chinese
line-breaking rules (no closing mark at a line start, no opening one at a line end), clusters kept whole,
and a cap on the lines that ends the text with …"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.chart.fonts import find_face
from douyin_team.chart.linebreak import ELLIPSIS, NO_END, NO_START, ellipsized, fit, wrap

FACE = find_face()
SENTENCES = [
    "山野茶铺旗舰店（杭州西湖区龙井村总店）抖音电商直播运营团队组织架构图第二版",
    "直播运营、中控、投手、拍摄剪辑、抖店运营、客服。主播说：“今天上新《龙井》「明前」！”……然后下播。",
    "负责人、中控、直播运营、投手、抖店运营、客服",
]


def width(text: str, size: float = 12) -> float:
    return FACE.width(text, size)


@pytest.mark.parametrize("text", SENTENCES)
def test_chinese_breaks_between_characters_but_never_before_a_closing_mark(text: str) -> None:
    for room in range(84, 400, 7):  # 7 em: room for the longest run that may not be broken (前」！”……)
        lines = wrap(FACE, text, 12, room)
        assert "".join(lines) == text, room  # nothing lost, nothing added
        for k, line in enumerate(lines):
            assert line and line[0] not in NO_START or k == 0, (room, lines)
            assert line[-1] not in NO_END, (room, lines)
            # A line is as wide as the room, or one stop (up to an em) more that hangs at its end.
            assert width(line) <= room or (line[-1] in NO_START and width(line) <= room + 12), (room, line)


def test_a_stop_hangs_rather_than_starting_a_line() -> None:
    lines = wrap(FACE, "负责人、中控、直播运营、投手、抖店运营、客服", 12, 168)
    assert lines == ["负责人、中控、直播运营、投手、", "抖店运营、客服"]  # 投手 stays whole, 、 hangs


def test_marks_that_cannot_hang_take_the_character_before_them_along() -> None:
    # 。 would hang second: 号 goes down with 」、，。 and 「 (never at a line end) goes down with 引.
    assert wrap(FACE, "《书名》「引号」、，。", 12, 12 * 5.5) == ["《书名》", "「引", "号」、，。"]
    assert wrap(FACE, "他说：“你好”。然后走了", 12, 12 * 4.5) == ["他说：", "“你好”。", "然后走了"]


def test_latin_breaks_at_spaces_and_cuts_only_a_word_longer_than_the_line() -> None:
    lines = wrap(FACE, "Live ops and central control", 12, 100)
    assert " ".join(lines) == "Live ops and central control" and all(width(x) <= 100 for x in lines)
    long = wrap(FACE, "Maximilianus" * 6, 12, 100)
    assert "".join(long) == "Maximilianus" * 6 and len(long) > 1 and all(width(x) <= 100 for x in long)
    mixed = wrap(FACE, "抖音Douyin直播Live commerce团队", 12, 80)
    assert "".join(mixed).replace(" ", "") == "抖音Douyin直播Livecommerce团队"
    assert not any(x.startswith(" ") or x.endswith(" ") for x in mixed)


def test_emoji_sequences_flags_and_marks_are_never_split() -> None:
    family, flag, accent = "👨\u200d👩\u200d👧\u200d👦", "🇨🇳", "e\u0301"
    text = (family + flag + accent + "👍🏽" + "❤\ufe0f") * 6
    for room in (12, 24, 36, 60):
        lines = wrap(FACE, text, 12, room)
        assert "".join(lines) == text
        for line in lines:
            assert not line.startswith(("\u200d", "\u0301", "\ufe0f", "🏽")), (room, lines)
            assert line.count("🇨") == line.count("🇳")  # a flag's two halves on the same line


def test_zero_width_characters_take_no_room_and_emoji_an_em() -> None:
    assert width("\u200d\ufe0f\u200b") == 0 and width("😀") == width("主") == 12


def test_the_cap_ends_the_text_with_an_ellipsis_only_past_it() -> None:
    title = SENTENCES[0]
    whole = fit(FACE, title, 20, 300, 3)
    assert not whole.cut and whole.shown == title and not any(ELLIPSIS in x for x in whole.lines)
    cut = fit(FACE, title * 3, 20, 300, 3)
    assert cut.cut and len(cut.lines) == 3 and cut.lines[-1].endswith(ELLIPSIS)
    assert all(FACE.width(x, 20) <= 300 + 20 for x in cut.lines) and FACE.width(cut.lines[-1], 20) <= 300
    assert cut.shown.endswith(ELLIPSIS) and (title * 3).startswith(cut.shown[:-1])
    assert "".join(cut.lines) == cut.shown
    exactly = fit(FACE, "一二三四五六七八九十", 20, 100, 2)  # two full lines: no cut
    assert exactly.lines == ["一二三四五", "六七八九十"] and not exactly.cut


def test_the_ellipsis_never_follows_an_opening_bracket_or_a_space() -> None:
    assert ellipsized(FACE, "内容创作部（杭州西湖区龙井村总店第二分部）", 12, 12 * 6.5) == "内容创作部…"
    assert ellipsized(FACE, "Shanye tea shop", 12, width("Shanye t…") - 0.1) == "Shanye…"
    assert ellipsized(FACE, "短名", 12, 100) == "短名"


texts = st.lists(st.sampled_from(list("主播运营客服老王小李（）《》「」、，。！？ ABCxyz-")
                                  + ["😀", "👨\u200d👩\u200d👧", "🇨🇳", "\u200d"]), max_size=120).map("".join)


@settings(max_examples=200, deadline=None)
@given(texts, st.floats(min_value=24, max_value=400), st.integers(min_value=1, max_value=4))
def test_any_text_fits_its_width_and_keeps_every_character(text: str, room: float, cap: int) -> None:
    lines = wrap(FACE, text, 12, room)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").strip()
    for line in lines:  # wider only by a hanging stop, or a single cluster that is wider than the line
        assert width(line) <= room + 12 + 0.001 or len(line) <= 5, (room, lines)
    capped = fit(FACE, text, 12, room, cap)
    assert len(capped.lines) <= cap and capped.cut == (len(lines) > cap)
    assert capped.lines[-1].endswith(ELLIPSIS) == capped.cut
