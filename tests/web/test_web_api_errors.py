"""The API's refused requests in the reader's language (issues #16/#17), with FastAPI's TestClient on SQLite and
PostgreSQL: a 422 names each field as a person would, in Chinese by default and in English on `?lang=en` (as the
core's errors are), counts the other problems, names every unknown field with a did-you-mean, and points at the
operation's section of /docs (which Chromium opens); unreadable and oversized bodies read the same way; hostile
field names are never a 500 and their listing is bounded."""

from __future__ import annotations

import enum
import json
import re
import tempfile
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import jsonschema
import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from web_support import Browser, bearer, make_app

from douyin_team.web.request_errors import MAX_ERRORS, MAX_NAMED, PROBLEMS, validation_body

REPORTED = {"monthly_sales": "abc", "foo": 1, "live_hourz": 3}  # the body of the issue
PLAN_DOCS = "/docs#/plan%2C%20check%2C%20staff%2C%20chart/plan_api_v1_plan_post"
# pydantic's own English, which a Chinese answer must never show.
PYDANTIC_ENGLISH = re.compile(r"Input should|Field required|Extra inputs|String should|List should|Tuple should|"
                              r"Value error|JSON decode error|valid (number|integer|string|list|dictionary|boolean)|"
                              r"There was an error parsing the body|request body over")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def api(engine: Any, fast_hashing: None) -> dict[str, Any]:
    """A signed-up user's API token, a workspace; requests go without cookies."""
    app = make_app(engine, max_upload_bytes=512 * 1024)
    client, headers = TestClient(app), bearer(Browser(app).sign_up("errors@example.com", "脚本").api_token())
    workspace = client.post("/api/v1/workspaces", json={"name": "星火"}, headers=headers).json()["id"]
    return {"app": app, "client": client, "headers": headers, "workspace": workspace}


def refused(response: Any, status: int = 422) -> dict[str, Any]:
    """The error of a refused request, checked to be in the API's one shape: one line, every entry's too."""
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert {"type", "message", "field", "where", "hint", "line"} <= set(error), error
    for line in [error["message"], *(e["message"] for e in error.get("errors", []))]:
        assert line and "\n" not in line, error
    return error


def chinese(error: dict[str, Any]) -> None:
    """Every line of the error is Chinese, with no English of pydantic's (field names stay as sent)."""
    text = json.dumps(error, ensure_ascii=False)
    assert not PYDANTIC_ENGLISH.search(text), text
    for line in [error["message"], *(e["message"] for e in error.get("errors", []))]:
        assert CJK.search(line), line


def english(error: dict[str, Any]) -> None:
    """Every line of the error is English of its own, none of pydantic's."""
    text = json.dumps(error, ensure_ascii=False)
    assert not PYDANTIC_ENGLISH.search(text) and not CJK.search(text), text


def post(api: dict[str, Any], url: str, body: Any = None, raw: bytes | None = None, **headers: str) -> Any:
    content = raw if raw is not None else json.dumps(body).encode()
    return api["client"].post(url, content=content,
                              headers={**api["headers"], "content-type": "application/json", **headers})


@pytest.mark.parametrize("asked", [{}, {"accept-language": "zh-CN,zh;q=0.9"}, {"lang": "zh"}])
def test_the_reported_request_is_answered_in_chinese_naming_every_problem(api: dict[str, Any],
                                                                        asked: dict[str, str]) -> None:
    query = f"?lang={asked['lang']}" if "lang" in asked else ""
    error = refused(post(api, f"/api/v1/plan{query}", REPORTED, **{k: v for k, v in asked.items() if k != "lang"}))
    chinese(error)
    assert error["message"] == ('请求里的 monthly_sales（月销售额）要是数字，收到的是 "abc"；'
                                "请求里有2个不认识的字段：foo、live_hourz（live_hourz 是不是 live_hours？）"
                                f"（提示：这个接口的字段见 {PLAN_DOCS}）")
    assert error["field"] == "body.monthly_sales" and error["where"] == "请求里的 monthly_sales（月销售额）"
    assert error["hint"] == f"这个接口的字段见 {PLAN_DOCS}"
    assert [(e["field"], e["type"]) for e in error["errors"]] == [
        ("body.monthly_sales", "float_type"), ("body.foo", "extra_forbidden"), ("body.live_hourz", "extra_forbidden")]
    assert [e.get("did_you_mean") for e in error["errors"]] == [None, None, "live_hours"]
    assert error["errors"][2]["message"] == "请求里的 live_hourz 不是这个接口的字段（是不是 live_hours？）"


@pytest.mark.parametrize("how", ["query", "cookie", "header"])
def test_the_same_request_in_english_where_the_reader_chose_it(api: dict[str, Any], how: str) -> None:
    """As the core's errors: `?lang=en`, else the language cookie the pages' 中文 / English switch sets, else
    the caller's Accept-Language (a program says what it reads)."""
    client = api["client"]
    if how == "cookie":
        client.cookies.set("dt_lang", "en")
    asked = {"accept-language": "en-GB,en;q=0.9,zh;q=0.5"} if how == "header" else {}
    error = refused(post(api, "/api/v1/plan" + ("?lang=en" if how == "query" else ""), REPORTED, **asked))
    client.cookies.clear()
    english(error)
    assert error["message"] == ('the request\'s monthly_sales (monthly sales) must be a number, not "abc"; '
                                "the request has 2 unknown fields: foo, live_hourz (live_hourz: did you mean "
                                f"live_hours?) (hint: the request's fields are described at {PLAN_DOCS})")
    assert error["errors"][2]["message"] == "the request's live_hourz is not a field of this request (did you mean live_hours?)"


def test_several_problems_are_counted_each_said_in_its_own_line(api: dict[str, Any]) -> None:
    body = {"merchant": "铺" * 300, "monthly_sales": -1, "focus": "tv", "resources": "a", "city_tier": 9, "ads": 1,
            "day_parts": [1]}
    error = refused(post(api, "/api/v1/plan", body))
    chinese(error)
    assert error["message"].startswith("请求里的 merchant（商家名称）最多200个字，收到的有300个；另有6处问题，见 errors（提示：")
    assert [e["message"] for e in error["errors"]] == [
        "请求里的 merchant（商家名称）最多200个字，收到的有300个",
        "请求里的 monthly_sales（月销售额）不能小于0，收到的是 -1",
        '请求里的 focus（运营重心）要是 "live"、"store" 或 "video" 之一，收到的是 "tv"',
        '请求里的 resources（已有资源）要是列表 […]，收到的是 "a"',
        "请求里的 city_tier（城市级别）不能大于5，收到的是 9",
        "请求里的 ads（付费流量）要是 true 或 false，收到的是 1",
        "请求里的 day_parts（开播时段）的第1项要是文字（加引号的字符串），收到的是 1"]
    in_english = refused(post(api, "/api/v1/plan?lang=en", body))
    english(in_english)
    assert in_english["message"].startswith("the request's merchant (merchant name) must have at most 200 characters, "
                                            "not 300; 6 more: see errors (hint: ")
    assert in_english["errors"][2]["message"] == ("the request's focus must be one of \"live\", \"store\" or "
                                                  "\"video\", not \"tv\"")


def test_query_and_path_parameters_are_named_as_such(api: dict[str, Any]) -> None:
    error = refused(post(api, "/api/v1/plan?lang=fr&format=doc", {}))
    assert error["message"].startswith('查询参数 lang 要是 "zh" 或 "en" 之一，收到的是 "fr"；另有1处问题，见 errors')
    job = refused(api["client"].get("/api/v1/jobs/abc?lang=en", headers=api["headers"]))
    assert job["message"].startswith('path parameter job_id must be a whole number, not "abc" (hint: ')
    assert job["hint"].endswith("/docs#/jobs%20and%20exports/get_job_api_v1_jobs__job_id__get")


def test_nested_fields_are_named_as_a_person_counts(api: dict[str, Any]) -> None:
    merchants = f"/api/v1/workspaces/{api['workspace']}/merchants"
    error = refused(post(api, merchants, {"name": "茶铺", "profile": {"monthly_sales": "很多"}}))
    assert error["errors"][0]["message"] == '请求里的 profile 的 monthly_sales（月销售额）要是数字，收到的是 "很多"'
    assert error["field"] == "body.profile.monthly_sales"
    names = refused(post(api, "/api/v1/compare", {"a": {}, "b": {}, "names": ["A", 2]}))
    assert names["message"].startswith("请求里的 names 的第2项要是文字（加引号的字符串），收到的是 2")
    assert names["field"] == "body.names.1"  # the machine path as the API has always named it
    # A team's rows, as the core counts them: people[2].hours is the third person's.
    person = validation_body(problems(Crew, {"people": [{"hours": 1}, {"hours": 2}, {"hours": "40"}]}), "zh", Crew)
    assert person["error"]["message"] == '请求里第3个人的 hours（周工时）要是数字，收到的是 "40"'
    person = validation_body(problems(Crew, {"people": [{"hours": 1}, {"hours": 2}, {"hours": "40"}]}), "en", Crew)
    assert person["error"]["message"] == "the request's person 3's hours (hours a week) must be a number, not \"40\""


def test_unknown_fields_are_named_in_one_line_with_the_field_meant(api: dict[str, Any]) -> None:
    """Did-you-mean from the body model's own fields, at any depth: a close spelling, the same name written
    another way, a field's Chinese label; nothing for a key like no field."""
    merchants = f"/api/v1/workspaces/{api['workspace']}/merchants"
    body = {"name": "茶铺", "nme": 1, "profile": {"monthly_salez": 1, "月销售额": 3, "Live-Hours": 2, "zzz": 0}}
    error = refused(post(api, merchants, body))
    chinese(error)
    assert error["message"].startswith(
        "请求里有5个不认识的字段：profile.monthly_salez、profile.月销售额、profile.Live-Hours、profile.zzz、nme"
        "（profile.monthly_salez 是不是 profile.monthly_sales？；profile.月销售额是不是 profile.monthly_sales？；"
        "profile.Live-Hours 是不是 profile.live_hours？；nme 是不是 name？）（提示：这个接口的字段见 /docs#/merchants/")
    assert [e["did_you_mean"] for e in error["errors"]] == ["monthly_sales", "monthly_sales", "live_hours", None, "name"]
    only_profile = refused(post(api, merchants, {"name": "茶铺", "profile": {"live_hourz": 1}}))
    assert only_profile["message"].startswith("请求里的 profile 中有1个不认识的字段：live_hourz（live_hourz 是不是 live_hours？）")
    # The team's own rows: the person model's fields, through the list.
    rows = validation_body(problems(Crew, {"people": [{"hours": 1, "hourz": 2}]}), "zh", Crew)
    assert rows["error"]["errors"][0]["did_you_mean"] == "hours"


def test_every_common_error_type_has_a_chinese_and_an_english_line() -> None:
    """Real pydantic errors of every type PROBLEMS words (and one it does not): each line names the field and
    says the problem in the language asked for, never pydantic's English."""
    cases = [Every.model_validate, lambda data: Every.model_validate_json(json.dumps(data))]
    wrong = {"count": 1.5, "small": 0, "big": 11, "at_least": -1, "at_most": 6, "ratio": None, "price": "x",
             "flag": "maybe", "strict_flag": 1, "text": 5, "items": "x", "mapping": [], "short": "", "two": "a",
             "long": "x" * 9, "code": "ab", "kind": "c", "colour": "pink", "checked": 1, "few": [], "many": [1, 2, 3],
             "whole": "1.5", "other": [7], "unknown_key": 1}
    seen: set[str] = set()
    for validate in cases:
        errors = problems(Every, wrong, validate)
        seen |= {str(e["type"]) for e in errors}
        for lang in ("zh", "en"):
            for problem in errors:
                said = validation_body([problem], lang, Every)["error"]["errors"][0]
                name = str(problem["loc"][-1])
                assert name in said["message"] and said["type"] == problem["type"], said
                assert problem["msg"] not in said["message"] and not PYDANTIC_ENGLISH.search(said["message"]), said
                assert bool(CJK.search(said["message"].replace("（月销售额）", ""))) == (lang == "zh"), said
    assert {"missing", "extra_forbidden", "float_type", "int_type", "bool_type", "string_type", "list_type",
            "dict_type", "greater_than", "less_than", "greater_than_equal", "less_than_equal", "string_too_short",
            "string_too_long", "too_short", "too_long", "string_pattern_mismatch", "literal_error", "enum",
            "value_error", "int_parsing", "bool_parsing", "float_parsing", "int_from_float"} <= seen, seen
    assert seen <= set(PROBLEMS), seen - set(PROBLEMS)
    other = validation_body([{"type": "uuid_parsing", "loc": ("body", "token"), "msg": "Input should be a valid UUID",
                              "input": "x"}], "zh")
    assert other["error"]["message"] == '请求里的 token 的值不符合接口的要求，收到的是 "x"'


def test_hostile_field_names_are_a_bounded_422_never_a_500(api: dict[str, Any]) -> None:
    hostile = {"a\x00b": 1, "\u202eevil": 2, "k" * 50_000: 3, "\x1b[31mred": 4}
    error = refused(post(api, "/api/v1/plan", hostile))
    chinese(error)
    assert "\x00" not in error["message"] and "\u202e" not in error["message"] and "\x1b" not in error["message"]
    assert "a\\u0000b" in error["message"] and "\\u202eevil" in error["message"]
    assert len(error["message"]) < 600 and all(len(e["field"]) < 300 for e in error["errors"])
    surrogate = refused(post(api, "/api/v1/plan", raw=b'{"x\\ud800": 1}'))
    assert surrogate["message"].startswith("请求体里有无效的 Unicode 字符")
    many = post(api, "/api/v1/plan", {f"key{i}": i for i in range(10_000)})
    error = refused(many)
    assert len(error["errors"]) == MAX_ERRORS and len(many.content) < 10_000
    assert error["message"].startswith(f"请求里有10000个不认识的字段：{'、'.join(f'key{i}' for i in range(MAX_NAMED))} 等（共10000个）")
    in_english = refused(post(api, "/api/v1/plan?lang=en", {f"key{i}": i for i in range(10_000)}))
    assert f"and {10_000 - MAX_NAMED} more" in in_english["message"]


def test_malformed_and_oversized_bodies_read_the_same_way(api: dict[str, Any]) -> None:
    broken = refused(post(api, "/api/v1/plan", raw=b'{"monthly_sales": 1,\n  "focus": }'))
    assert broken["message"].startswith("请求体不是有效的 JSON：第2行第12个字符处缺一个值（提示：这个接口的字段见 /docs#/")
    assert broken["line"] == 2 and broken["field"] == "body" and broken["errors"][0]["type"] == "json_invalid"
    in_english = refused(post(api, "/api/v1/plan?lang=en", raw=b'{"monthly_sales" 1}'))
    assert in_english["message"].startswith("the request body is not valid JSON: line 1, character 18: a colon is missing")
    for raw in (b'{"a": "\\q"}', b'{"a": "\\u12"}', b'{"a": "x\ty"}', b'{"a": 1} x', b"{a: 1}", b"[1 2]",
                b'{"a": "abc'):  # each of the json module's reasons, said in Chinese
        said = refused(post(api, "/api/v1/plan", raw=raw))["message"]
        reason = re.fullmatch(r"请求体不是有效的 JSON：第1行第\d+个字符处(.+)（提示：.*", said)
        assert reason and not re.search("[A-Za-z]", reason.group(1).replace("JSON", "").replace("\\u", "")), said
    assert refused(post(api, "/api/v1/plan", raw=b""))["message"].startswith("缺少请求体：这个接口要一个 JSON 对象")
    not_json = refused(post(api, "/api/v1/plan", raw=b'{"monthly_sales": 1}', **{"content-type": "text/plain"}))
    assert not_json["message"].startswith("请求体要是 JSON 对象，并带 Content-Type: application/json")
    assert refused(post(api, "/api/v1/plan", [1]))["message"].startswith("请求体要是对象 {…}，收到的是 [1]")
    # Not UTF-8, with a Content-Length and chunked (FastAPI's own 400 said "There was an error parsing the body").
    for content in (b'{"merchant": "\xff"}', iter([b'{"merchant": "', b'\xff"}'])):
        bad = api["client"].post("/api/v1/plan", content=content,
                                 headers={**api["headers"], "content-type": "application/json"})
        error = refused(bad, 400)
        chinese(error)
        assert error["type"] == "MalformedBody" and error["message"].startswith("请求体不是 UTF-8 编码的文字（第15个字节）")
    # Over the cap (512 KB here), with a Content-Length and chunked: a 413 saying the cap.
    big = b'{"merchant": "' + b"x" * 600_000 + b'"}'
    for content in (big, iter([big[:300_000], big[300_000:]])):
        error = refused(api["client"].post("/api/v1/plan", content=content,
                                           headers={**api["headers"], "content-type": "application/json"}), 413)
        chinese(error)
        assert error["type"] == "TooLarge" and error["message"].startswith("请求体超过了上传上限 512 KB（提示：")
    error = refused(api["client"].post("/api/v1/plan?lang=en", content=big, headers=api["headers"]), 413)
    assert error["message"].startswith("the request body is over the upload limit of 512 KB (hint: ")


def test_the_answers_are_the_shape_the_openapi_declares(api: dict[str, Any]) -> None:
    client = api["client"]
    described = client.get("/openapi.json").json()
    schema = described["components"]["schemas"]["Error"]
    assert {"where", "errors"} <= set(schema["properties"]["error"]["properties"])
    for response in (post(api, "/api/v1/plan", REPORTED), post(api, "/api/v1/plan", raw=b"{"),
                     post(api, "/api/v1/plan", raw=b'{"a": "\xff"}'), post(api, "/api/v1/plan", {f"k{i}": 1 for i in range(50)})):
        jsonschema.validate(response.json(), schema)
    # The hint's anchor is Swagger UI's deep link to the operation (#/tag/operationId), for every operation.
    operation = described["paths"]["/api/v1/workspaces/{workspace_id}/merchants"]["post"]
    anchor = f"#/{quote(operation['tags'][0], safe='')}/{operation['operationId']}"
    error = refused(post(api, f"/api/v1/workspaces/{api['workspace']}/merchants", {}))
    assert error["hint"] == f"这个接口的字段见 /docs{anchor}"


def test_a_page_refusing_its_address_says_so_in_chinese_without_the_apis_docs(engine: Any, fast_hashing: None) -> None:
    browser = Browser(make_app(engine)).sign_up("page@example.com")
    page = browser.get("/m/0/share")
    assert page.status_code == 422 and "地址里的 merchant_id 不能小于1，收到的是 &#34;0&#34;" in page.text
    assert "/docs" not in page.text and not PYDANTIC_ENGLISH.search(page.text)


def test_the_hint_opens_the_operations_section_of_the_docs(browser: Any) -> None:
    """Chromium on a served app: the hint's /docs address opens that operation's section (Swagger UI's deep link)."""
    from web_server import serve

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        with serve(f"sqlite:///{data / 'docs.sqlite'}", data, workers=1) as url:
            page = browser.new_page()
            page.goto(url + PLAN_DOCS)
            opened = page.locator(".opblock.is-open")
            opened.wait_for()
            assert opened.count() == 1 and opened.get_attribute("id", timeout=5000) == \
                "operations-plan\\,_check\\,_staff\\,_chart-plan_api_v1_plan_post"
            page.close()


# Models of what pydantic refuses, for the error types no route of the API raises as such.
class Person(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    hours: float


class Crew(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    people: list[Person]


class Colour(enum.Enum):
    RED = "red"
    GREEN = "green"


class Every(BaseModel):
    model_config = ConfigDict(extra="forbid")
    count: int
    small: int = Field(gt=0)
    big: int = Field(lt=10)
    at_least: float = Field(ge=0)
    at_most: float = Field(le=5)
    ratio: float
    price: float
    flag: bool
    strict_flag: bool = Field(strict=True)
    text: str
    items: list[int]
    mapping: dict[str, int]
    short: str = Field(min_length=1)
    two: str = Field(min_length=2)
    long: str = Field(max_length=3)
    code: str = Field(pattern=r"^\d+$")
    kind: Literal["live", "store"]
    colour: Colour
    checked: int
    few: list[int] = Field(min_length=1)
    many: list[int] = Field(max_length=2)
    whole: int
    other: int
    required: str

    @field_validator("checked")
    @classmethod
    def odd(cls, value: int) -> int:
        raise ValueError("'1' is not a number")  # a core message: said in Chinese from errors.yaml


def problems(model: type[BaseModel], data: Any, validate: Any = None) -> list[dict[str, Any]]:
    """pydantic's errors of `data`, located in the body as FastAPI locates them."""
    try:
        (validate or model.model_validate)(data)
    except ValidationError as exc:
        return [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
    raise AssertionError("accepted")
