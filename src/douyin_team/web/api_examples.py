"""A worked example for every API operation that takes a body, shown by /docs ("Try it out") and sent by
schemathesis's examples phase: a six-person shop team (山野茶铺, a tea shop selling through its live room),
a roster to staff it from, and the same team as a roster spreadsheet (CSV) to import.

Each example is accepted as it stands (tests/web/test_web_api_contract.py posts every one): the team's posts
are the knowledge base's, its reporting lines name its people, and a `base_revision` of 1 is the revision a
new merchant's plan is saved as.
"""

from __future__ import annotations

from typing import Any

SHOP_TEAM: dict[str, Any] = {
    "merchant": "山野茶铺", "monthly_sales": 300000, "focus": "live", "live_hours": 6, "city_tier": 3,
    "people": [
        {"name": "老周", "roles": ["负责人", "投手"]},
        {"name": "小雅", "roles": ["主播"], "reports_to": "老周", "monthly_cost": 12000},
        {"name": "阿杰", "roles": ["助播", "场控"], "reports_to": "老周", "monthly_cost": 7000},
        {"name": "小敏", "roles": ["中控"], "reports_to": "老周", "monthly_cost": 6500},
        {"name": "阿豪", "roles": ["编导", "剪辑"], "reports_to": "老周", "monthly_cost": 8000},
        {"name": "小王", "roles": ["抖店运营", "客服"], "reports_to": "老周", "monthly_cost": 6000},
    ],
}
# The shop a year on: a second host and a store operator of its own (what /compare puts beside it).
GROWN_TEAM: dict[str, Any] = {
    **SHOP_TEAM, "monthly_sales": 800000,
    "people": [*SHOP_TEAM["people"][:5],
               {"name": "小王", "roles": ["客服"], "reports_to": "老周", "monthly_cost": 5000},
               {"name": "小林", "roles": ["主播"], "reports_to": "老周", "monthly_cost": 11000},
               {"name": "阿芳", "roles": ["抖店运营"], "reports_to": "老周", "monthly_cost": 8000}],
}
ROSTER: dict[str, Any] = {"people": [
    {"name": "小美", "skills": {"主播": 5, "助播": 3}, "hours": 44, "monthly_cost": 12000},
    {"name": "阿杰", "skills": "场控4、助播4、直播运营2", "hours": 44, "monthly_cost": 8000},
    {"name": "老周", "skills": {"负责人": 5, "直播运营": 4, "投手": 3}, "hours": 60, "monthly_cost": 0},
    {"name": "小敏", "skills": "中控3、抖店运营4、客服5", "hours": 44, "monthly_cost": 6500},
    {"name": "阿豪", "skills": "剪辑4、编导3", "hours": 40, "monthly_cost": 8000},
    {"name": "小王", "skills": {"客服": 4, "抖店运营": 3}, "hours": 40, "monthly_cost": 5500, "available": "09:00-18:00"},
]}
SHOP_CSV = """姓名,岗位,上级,月薪(元),每周工时
老周,负责人、投手,,,60
小雅,主播,老周,12000,40
阿杰,助播/场控,老周,7000,44
小敏,中控,老周,6500,44
阿豪,编导+剪辑,老周,8000,40
小王,抖店运营、客服,老周,6000,40
"""
PROFILE: dict[str, Any] = {"merchant": "山野茶铺", "monthly_sales": 300000, "focus": "live", "live_hours": 6,
                           "city_tier": 3, "resources": ["supply_chain"], "ads": True}
MERCHANT: dict[str, Any] = {"name": "山野茶铺", "profile": {k: v for k, v in PROFILE.items() if k != "merchant"}}
STAFFING: dict[str, Any] = {"plan": SHOP_TEAM, "roster": ROSTER, "time_limit": 5, "seed": 0}

# (method, path) → (summary, body). A multipart body gives each form field; `file` is the file's text.
EXAMPLES: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {
    ("post", "/api/v1/plan"): ("A tea shop selling 300,000 CNY a month through its live room", PROFILE),
    ("post", "/api/v1/check"): ("A six-person shop team", SHOP_TEAM),
    ("post", "/api/v1/chart"): ("A six-person shop team", SHOP_TEAM),
    ("post", "/api/v1/roadmap"): ("A six-person shop team", SHOP_TEAM),
    ("post", "/api/v1/kit"): ("A six-person shop team", SHOP_TEAM),
    ("post", "/api/v1/compare"): ("The shop now and a year on", {"a": SHOP_TEAM, "b": GROWN_TEAM, "names": ["现在", "一年后"]}),
    ("post", "/api/v1/staff"): ("The shop's posts staffed from a roster of six", STAFFING),
    ("post", "/api/v1/staff/jobs"): ("The shop's posts staffed from a roster of six", STAFFING),
    ("post", "/api/v1/workspaces"): ("An agency's workspace", {"name": "星火代运营", "kind": "agency"}),
    ("post", "/api/v1/workspaces/{workspace_id}/members"): ("Invite a colleague as an editor",
                                                           {"email": "colleague@example.com", "role": "editor"}),
    ("post", "/api/v1/workspaces/{workspace_id}/merchants"): ("A merchant and its planner answers", MERCHANT),
    ("put", "/api/v1/merchants/{merchant_id}"): ("Rename the merchant, its sales grown",
                                                 {"name": "山野茶铺旗舰店", "profile": {**MERCHANT["profile"],
                                                                                     "monthly_sales": 500000}}),
    ("put", "/api/v1/merchants/{merchant_id}/team"): ("The shop's real team over its first plan (revision 1)",
                                                      {"document": SHOP_TEAM, "base_revision": 1,
                                                       "message": "换成店里现在的六个人"}),
    ("post", "/api/v1/merchants/{merchant_id}/revisions/{number}/restore"): ("Restore on top of revision 1",
                                                                            {"base_revision": 1}),
    ("post", "/api/v1/merchants/{merchant_id}/exports"): ("The team kit as a workbook", {"what": "kit", "fmt": "xlsx"}),
    ("post", "/api/v1/workspaces/{workspace_id}/exports"): ("Every merchant's chart in one PDF",
                                                           {"what": "charts", "fmt": "pdf"}),
    ("post", "/api/v1/imports"): ("The shop's roster spreadsheet (CSV)", {"file": SHOP_CSV, "keep_phone": False}),
    ("put", "/api/v1/workspaces/{workspace_id}/titles"): ("品宣 here means marketing",
                                                         {"title": "品宣", "posts": ["市场营销"]}),
}


def add_examples(schema: dict[str, Any]) -> None:
    """Put each operation's example in its request body's description (OpenAPI `examples`)."""
    for (method, path), (summary, value) in EXAMPLES.items():
        operation = schema["paths"].get(path, {}).get(method)
        if operation is None or "requestBody" not in operation:
            continue
        for media in operation["requestBody"]["content"].values():
            media["examples"] = {"shop": {"summary": summary, "value": value}}
