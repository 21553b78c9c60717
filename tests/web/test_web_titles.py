"""Taught titles in the web app (routers/pages_titles.py): "这个职位是…" from a finding, remembered per workspace,
read wherever the workspace's teams are read (page, check API, chart, staffing), on SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re
from typing import Any

from fastapi.testclient import TestClient
from web_support import Browser, viewer_of

from douyin_team.knowledge import load_knowledge
from douyin_team.web.compute import Core

UNKNOWN = 'data-rule="title-unknown"'


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def team_with(browser: Browser, workspace: int, title: str = "品宣", name: str = "山野茶铺") -> int:
    """A merchant whose team has 老周 (the owner), 小雅 (the host) and 小美, whose title is `title`."""
    merchant = browser.merchant(workspace, name)
    browser.get(f"/m/{merchant}")
    rows = {"rows": "3", "base_revision": "1", "name_0": "老周", "roles_0": "负责人、直播运营",
            "name_1": "小雅", "roles_1": "主播", "reports_to_1": "老周",
            "name_2": "小美", "roles_2": title, "reports_to_2": "老周"}
    assert browser.post(f"/m/{merchant}/roster", rows).status_code == 303
    return merchant


def teach(browser: Browser, merchant: int, title: str, *posts: str) -> Any:
    browser.get(f"/m/{merchant}/titles/teach", params={"title": title})
    return browser.client.post(f"/m/{merchant}/titles",
                               data={"csrf_token": browser.token, "title": title, "posts": list(posts)})


def error_of(response: Any) -> str:
    return html.unescape(response.text.split('id="teach-error">')[1].split("</p>")[0])


def test_a_finding_teaches_a_title_and_the_team_is_read_again(owner: Browser) -> None:
    workspace = owner.workspace()
    merchant = team_with(owner, workspace)
    page = owner.get(f"/m/{merchant}").text  # remembered by the page cache: teaching must not serve it stale
    assert UNKNOWN in page and "这个职位是…" in page
    link = re.search(r'href="(/m/\d+/titles/teach\?title=[^"]+)"', page)
    assert link is not None and link.group(1).endswith("%E5%93%81%E5%AE%A3")  # 品宣
    choice = owner.get(link.group(1).replace("&amp;", "&"))
    assert choice.status_code == 200 and "“品宣”" in choice.text and "小美" in choice.text
    assert 'value="marketing"' in choice.text and "（最接近）" in choice.text
    saved = teach(owner, merchant, "品宣", "marketing")
    assert saved.status_code == 303 and saved.headers["location"] == f"/m/{merchant}#findings"
    page = owner.get(f"/m/{merchant}").text
    assert UNKNOWN not in page and "“品宣”读作市场营销（按已教过的职位名称）" in page
    listed = owner.get(f"/w/{workspace}").text
    assert 'id="taught-titles"' in listed and 'data-title="品宣"' in listed and "市场营销" in listed
    forget = re.search(r'action="(/w/\d+/titles/(\d+)/delete)"', listed)
    assert forget is not None
    assert owner.post(forget.group(1)).headers["location"] == f"/w/{workspace}#titles"
    assert UNKNOWN in owner.get(f"/m/{merchant}").text  # forgotten: unknown again
    assert 'data-title="品宣"' not in owner.get(f"/w/{workspace}").text


def test_a_compound_is_several_posts_and_the_saved_team_keeps_them(owner: Browser) -> None:
    workspace = owner.workspace()
    merchant = team_with(owner, workspace, "品宣兼拍摄")  # 拍摄 is known, 品宣 is not: the part is kept unknown
    assert UNKNOWN in owner.get(f"/m/{merchant}").text
    assert teach(owner, merchant, "品宣", "marketing", "video_director").status_code == 303
    page = owner.get(f"/m/{merchant}").text
    # the team was saved with the part it read (拍摄) as a post and the part it did not (品宣) kept as written
    assert UNKNOWN not in page and "“品宣”读作市场营销、短视频编导（按已教过的职位名称）" in page
    assert 'value="拍摄剪辑、市场营销、短视频编导"' in page or "市场营销" in page.split('value="小美"')[1][:400]


def test_choosing_no_post_says_so_in_the_users_language(owner: Browser) -> None:
    merchant = team_with(owner, owner.workspace())
    refused = teach(owner, merchant, "品宣")
    assert refused.status_code == 422 and "一个职位名称要选1到10个岗位" in refused.text
    owner.get(f"/m/{merchant}?lang=en")
    english = teach(owner, merchant, "品宣")
    assert english.status_code == 422 and "choose 1 to 10 posts for a title" in english.text
    assert "--" not in error_of(english)
    unknown_post = teach(owner, merchant, "品宣", "宇航员")
    said = error_of(unknown_post)
    assert unknown_post.status_code == 422 and "unknown post '宇航员'" in said
    assert "douyin-team" not in said and "--" not in said  # no command line in the web
    assert UNKNOWN in owner.get(f"/m/{merchant}").text


def test_english_ui(owner: Browser) -> None:
    workspace = owner.workspace()
    merchant = team_with(owner, workspace)
    page = owner.get(f"/m/{merchant}?lang=en").text
    assert "This title means…" in page
    choice = owner.get(f"/m/{merchant}/titles/teach", params={"title": "品宣"}).text
    assert "Remember this reading" in choice and "(nearest)" in choice
    teach(owner, merchant, "品宣", "marketing")
    assert "'品宣' read as Marketing (as taught)" in html.unescape(owner.get(f"/m/{merchant}").text)
    assert "Taught titles" in owner.get(f"/w/{workspace}").text


def test_viewers_cannot_teach_and_other_workspaces_never_see_it(app: Any, owner: Browser) -> None:
    workspace = owner.workspace()
    merchant = team_with(owner, workspace)
    viewer = viewer_of(app, owner, workspace)
    assert "这个职位是…" not in viewer.get(f"/m/{merchant}").text
    assert viewer.get(f"/m/{merchant}/titles/teach", params={"title": "品宣"}).status_code == 403
    assert teach(viewer, merchant, "品宣", "marketing").status_code == 403
    assert teach(owner, merchant, "品宣", "marketing").status_code == 303
    assert UNKNOWN not in viewer.get(f"/m/{merchant}").text  # a viewer reads the team as taught
    assert "删除" not in viewer.get(f"/w/{workspace}").text.split('id="titles"')[1].split("</section>")[0]
    other = owner.workspace("另一家")
    elsewhere = team_with(owner, other, name="别家")
    assert UNKNOWN in owner.get(f"/m/{elsewhere}").text
    stranger = Browser(app).sign_up("stranger@example.com", "路人")
    assert teach(stranger, merchant, "品宣", "team_lead").status_code == 404


def test_the_api_teaches_lists_and_forgets(app: Any, owner: Browser) -> None:
    workspace = owner.workspace()
    merchant = team_with(owner, workspace)
    client, headers = TestClient(app), bearer(owner.api_token())
    before = client.get(f"/api/v1/merchants/{merchant}/check", headers=headers).json()
    assert any(f["rule"] == "title-unknown" for f in before["findings"])
    put = client.put(f"/api/v1/workspaces/{workspace}/titles", json={"title": "品宣", "posts": ["市场营销"]},
                     headers=headers)
    assert put.status_code == 200 and put.json()["posts"] == ["marketing"]
    listed = client.get(f"/api/v1/workspaces/{workspace}/titles", headers=headers).json()
    assert [(t["title"], t["posts"]) for t in listed] == [("品宣", ["marketing"])]
    after = client.get(f"/api/v1/merchants/{merchant}/check", headers=headers).json()
    assert not any(f["rule"] == "title-unknown" for f in after["findings"])
    assert next(p for p in after["people"] if p["name"] == "小美")["roles"] == ["marketing"]
    chart = client.get(f"/api/v1/merchants/{merchant}/chart?format=mmd", headers=headers).text
    assert "小美" in chart and "市场营销" in chart
    bad = client.put(f"/api/v1/workspaces/{workspace}/titles?lang=en", json={"title": "品宣", "posts": ["宇航员"]},
                     headers=headers)
    assert bad.status_code == 422 and bad.json()["error"]["message"].startswith("posts: unknown post '宇航员'")
    zh = client.put(f"/api/v1/workspaces/{workspace}/titles", json={"title": "品宣", "posts": ["宇航员"]},
                    headers=headers)
    assert zh.json()["error"]["message"].startswith("岗位：未知岗位“宇航员”")
    for body in ({"title": 7, "posts": ["市场营销"]}, {"title": "品宣", "posts": "市场营销"},
                 {"title": "品宣", "posts": ["市场营销"], "note": "x"}):  # strict, as every API body
        typed = client.put(f"/api/v1/workspaces/{workspace}/titles", json=body, headers=headers)
        assert typed.status_code == 422 and typed.json()["error"]["field"], body
    gone = client.delete(f"/api/v1/workspaces/{workspace}/titles/{listed[0]['id']}", headers=headers)
    assert gone.status_code == 204
    assert client.delete(f"/api/v1/workspaces/{workspace}/titles/{listed[0]['id']}", headers=headers).status_code == 404
    again = client.get(f"/api/v1/merchants/{merchant}/check", headers=headers).json()
    assert any(f["rule"] == "title-unknown" for f in again["findings"])


def test_staffing_reads_the_roster_with_the_taught_titles() -> None:
    core = Core(load_knowledge())
    plan = {"people": [{"name": "负责人", "roles": "负责人"}, {"name": "待招-达人", "roles": "marketing", "vacancy": True}],
            "titles": {"品宣": ["marketing"]}}
    roster = {"people": [{"name": "老周", "skills": {"负责人": 4}}, {"name": "小美", "skills": "品宣4"}]}
    staffed = core.staff(plan, roster, "zh", time_limit=2)
    assert next(p for p in staffed.people if p.name == "小美").posts == ["marketing"]


def test_an_unknown_title_stays_in_the_roster_and_saves_again(owner: Browser) -> None:
    merchant = team_with(owner, owner.workspace())
    page = owner.get(f"/m/{merchant}").text
    assert 'value="品宣"' in page  # the roster row shows the title as written, not an empty post
    rows = {"rows": "3", "base_revision": "2", "message": "原样保存"}
    for i, row in enumerate(re.findall(r'name="name_(\d+)" value="([^"]*)"', page)[:3]):
        rows[f"name_{i}"] = row[1]
        rows[f"roles_{i}"] = re.search(rf'name="roles_{row[0]}" value="([^"]*)"', page).group(1)  # type: ignore[union-attr]
    assert owner.post(f"/m/{merchant}/roster", rows).status_code == 303
    assert UNKNOWN in owner.get(f"/m/{merchant}").text


def test_the_finding_offers_the_choice_not_the_playbook(owner: Browser) -> None:
    merchant = team_with(owner, owner.workspace())
    for lang, playbook in (("zh", "手册"), ("en", "playbook")):
        page = html.unescape(owner.get(f"/m/{merchant}?lang={lang}").text)
        finding = page.split('data-rule="title-unknown"')[1].split("</details>")[0]
        assert "品宣" in finding and playbook not in finding and "source: model" not in finding


def test_a_job_outside_the_team_is_shown_as_such_with_no_post_to_choose(owner: Browser) -> None:
    merchant = team_with(owner, owner.workspace(), "财务")  # 小美 keeps the books: the company's, not the shop's
    page = owner.get(f"/m/{merchant}").text
    assert 'data-rule="title-outside-team"' in page and UNKNOWN not in page
    assert "titles/teach?title=%E8%B4%A2%E5%8A%A1" not in page  # no "这个职位是…" for it
    for title, who in (("财务", "小美"), ("行政", None)):  # written in the team, or just asked about
        shown = owner.get(f"/m/{merchant}/titles/teach", params={"title": title})
        assert shown.status_code == 200
        text = html.unescape(shown.text)
        assert 'id="outside-tag">团队外<' in text and f"“{title}”" in text
        assert 'id="teach-form"' not in text and 'name="posts"' not in text  # nothing to map it to
        assert (f"（{who}）" in text) == (who is not None)
    english = html.unescape(owner.get(f"/m/{merchant}/titles/teach", params={"title": "财务", "lang": "en"}).text)
    assert 'id="outside-tag">Outside the team<' in english and "no post to choose" in english
    unknown = owner.get(f"/m/{merchant}/titles/teach", params={"title": "品宣"}).text  # an unknown one still asks
    assert 'id="teach-form"' in unknown and "团队外" not in unknown


def test_a_crafted_post_cannot_teach_a_job_outside_the_team_a_post(app: Any, owner: Browser) -> None:
    """Issue #15: 财务 is a job outside the team (titles.yaml `context: outside`), which its page shows as 团队外 with
    nothing to choose; a form posted all the same, or the API, is refused in the reader's language naming the
    field, and nothing is taught: the page still says 团队外."""
    workspace = owner.workspace()
    merchant = team_with(owner, workspace, "财务")
    refused = teach(owner, merchant, "财务", "customer_service")
    said = error_of(refused)
    assert refused.status_code == 422 and "职位名称" in said and "“财务”是电商团队以外的职位" in said, said
    assert "财务兼客服" in said and 'id="outside-tag">团队外<' in html.unescape(refused.text)
    owner.get(f"/m/{merchant}?lang=en")
    english = teach(owner, merchant, "财务", "customer_service")
    said = error_of(english)
    assert english.status_code == 422 and said.startswith("title: '财务' is a job outside the e-commerce team"), said
    client, headers = TestClient(app), bearer(owner.api_token())
    api = client.put(f"/api/v1/workspaces/{workspace}/titles?lang=en", json={"title": "行政", "posts": ["客服"]},
                     headers=headers)
    assert api.status_code == 422 and api.json()["error"]["field"] == "title", api.text
    assert client.get(f"/api/v1/workspaces/{workspace}/titles", headers=headers).json() == []  # nothing taught
    page = html.unescape(owner.get(f"/m/{merchant}/titles/teach", params={"title": "财务", "lang": "zh"}).text)
    assert 'id="outside-tag">团队外<' in page and 'id="teach-error"' not in page
    assert 'data-rule="title-outside-team"' in owner.get(f"/m/{merchant}").text
    assert teach(owner, merchant, "财务兼客服", "customer_service").status_code == 303  # a compound is a post still
