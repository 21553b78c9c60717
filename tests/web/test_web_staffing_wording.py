"""The staffing page (排岗) in a merchant's words, on SQLite and PostgreSQL: the summary says whether it is the
best arrangement (no solver terms), each open post is named after the post left open, and the findings say
where to answer in the pages, never a team file's key."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from web_support import Browser, make_app

ROWS = [("小美", "主播5"), ("阿杰", "场控4、助播4"), ("老周", "负责人5、直播运营4")]


@pytest.fixture
def owner(engine: Any) -> Browser:
    return Browser(make_app(engine)).sign_up("owner@example.com", "周老板")


@pytest.mark.parametrize(("lang", "best", "hire"), [("zh", "已找到最优排法", "（待招聘）"),
                                                    ("en", "Best arrangement found", " (to hire)")])
def test_the_result_reads_plainly(owner: Browser, lang: str, best: str, hire: str) -> None:
    merchant = owner.merchant(owner.workspace())
    owner.get(f"/m/{merchant}/staffing?lang={lang}")
    form = {f"{field}_{k}": value for k, row in enumerate(ROWS) for field, value in zip(("name", "skills"), row,
                                                                                          strict=True)}
    page = unescape(owner.post(f"/m/{merchant}/staffing?lang={lang}", form).text)
    summary = page.split('id="staffing-summary"', 1)[1].split("</ul>", 1)[0]
    assert best in summary and "CP-SAT" not in page and "求解" not in summary and "model" not in summary
    table = page.split('id="staffing"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr class="vacancy"><td data-label="[^"]+">([^<]+)<.*?class="posts">([^<]*)<', table, re.S)
    assert rows, "a 3-person roster leaves posts of the growth plan to hire"
    for name, posts in rows:
        assert name.strip().endswith(hire)
        assert any(name.strip().startswith(post.split("/")[0]) for post in re.split("、|, ", posts)), (name, posts)
    findings = page.split('class="finding-list"', 1)[1].split("</ul>", 1)[0]
    assert "ads:" not in findings and "ads: false" not in page  # the pages' words, not the team file's key
