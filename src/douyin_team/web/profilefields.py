"""The planner's questions as data: the wizard and the merchant's-answers form are drawn from this one list.

A new profile field is one more `Question` here (and in the planner's Profile): both forms show it, and
`profile_from_form` reads it, with no new markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData

from ..errors import InvalidValue
from ..text import Lang


@dataclass(frozen=True)
class Choice:
    """One option of a radio, checkbox or select question."""

    value: str
    zh: str
    en: str


@dataclass(frozen=True)
class Question:
    """One field of the merchant's profile as a form asks it.

    kind: `number` (a typed number, `integer` for whole numbers), `radio` (one of `choices`), `checks`
    (any of `choices`, stored as a list), `select` (one of `choices` or none) or `yesno` (radios 是 / 否 /
    不确定 storing True, False or nothing: a merchant who did not say is not taken to have said yes).
    """

    name: str
    kind: str
    zh: str
    en: str
    hint_zh: str = ""
    hint_en: str = ""
    choices: tuple[Choice, ...] = ()
    integer: bool = False
    upper: float = 1e12
    default: str = ""
    placeholder: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # HTML attributes (step, inputmode …)

    def label(self, lang: Lang) -> str:
        """The question in the interface language."""
        return self.en if lang == "en" else self.zh

    def hint(self, lang: Lang) -> str:
        """The hint under the question, in the interface language."""
        return self.hint_en if lang == "en" else self.hint_zh


FOCUS = (Choice("live", "直播", "Live"), Choice("store", "抖店", "Store"), Choice("video", "短视频", "Short video"))
RESOURCE_CHOICES = (Choice("supply_chain", "自有供应链", "Own supply chain"),
                    Choice("offline_stores", "线下门店", "Offline stores"),
                    Choice("ecommerce_team", "已有电商团队", "An e-commerce team"))
TIERS = tuple(Choice(str(n), f"{n}线城市" if n < 5 else "5（县城/乡镇）", f"Tier {n}" if n < 5 else "5 (small town)")
              for n in range(1, 6))

CATEGORIES = (Choice("general", "综合", "General"), Choice("apparel", "服装鞋包", "Apparel"),
              Choice("beauty", "美妆个护", "Beauty"), Choice("food", "食品生鲜", "Food"), Choice("home", "家居日用", "Home"),
              Choice("accessories", "饰品小商品", "Accessories"), Choice("bulky", "大件家电家具", "Bulky goods"))
DAY_PARTS = (Choice("morning", "早场 07–11", "Morning 07–11"), Choice("noon", "午场 11–15", "Midday 11–15"),
             Choice("afternoon", "下午场 15–19", "Afternoon 15–19"), Choice("evening", "晚场 19–23", "Evening 19–23"),
             Choice("night", "夜场 23–03", "Night 23–03"))
FULFILMENT = (Choice("own", "自己打包发货", "Own warehouse"), Choice("cloud", "云仓/代发", "Cloud warehouse / drop-ship"),
              Choice("none", "不发货（只做精选联盟）", "No stock (affiliates only)"))
YES_NO = (Choice("yes", "是", "Yes"), Choice("no", "否", "No"), Choice("", "不确定", "Not sure"))
YES_NO_VALUES = {"yes": True, "no": False}
SERVICE = (Choice("in_house", "自己的客服", "In-house"), Choice("outsourced", "外包客服", "Outsourced"))

QUESTIONS: tuple[Question, ...] = (
    Question("monthly_sales", "number", "月销售额（元）", "Monthly sales (CNY)",
             "决定所处阶段：10万以下新手期，10万–100万成长期，100万以上成熟期",
             "Decides the stage: under 100k newcomer, 100k–1M growth, over 1M mature",
             placeholder="300000", extra={"inputmode": "decimal"}),
    Question("focus", "radio", "运营重心", "Main focus", choices=FOCUS, default="live"),
    Question("resources", "checks", "已有资源", "Resources you have", choices=RESOURCE_CHOICES),
    Question("ads", "yesno", "付费流量：投不投千川/随心推", "Paid traffic: do you buy Qianchuan/boosts?",
             "选“不确定”时按投放规划，检查结果会注明这是假设", "“Not sure” plans with paid traffic; the findings say it was assumed",
             choices=YES_NO),
    Question("headcount_budget", "number", "人数预算", "Headcount budget", integer=True, upper=1_000_000,
             extra={"inputmode": "numeric"}),
    Question("budget_cny", "number", "每月人力预算（元）", "Monthly labour budget (CNY)",
             extra={"inputmode": "decimal"}),
    Question("live_hours", "number", "每天开播时长（小时）", "Live hours a day", upper=24,
             extra={"inputmode": "decimal"}),
    Question("city_tier", "select", "城市级别", "City tier", choices=TIERS, integer=True, upper=5),
    Question("rooms", "number", "直播间数（矩阵号）", "Live rooms (matrix accounts)", integer=True, upper=200,
             extra={"inputmode": "numeric"}),
    Question("live_days", "number", "每周开播天数", "Live days a week", integer=True, upper=7,
             extra={"inputmode": "numeric"}),
    Question("day_parts", "checks", "想开播的时段", "Preferred day parts", choices=DAY_PARTS),
    Question("category", "radio", "品类", "Category", "决定默认客单价和打包速度", "Sets the default order value and packing pace",
             choices=CATEGORIES),
    Question("order_value", "number", "客单价（元）", "Average order value (CNY)", extra={"inputmode": "decimal"}),
    Question("ad_spend", "number", "每月千川消耗（元）", "Monthly ad spend (CNY)", extra={"inputmode": "decimal"}),
    Question("fulfilment", "radio", "发货方式", "Fulfilment", choices=FULFILMENT),
    Question("service", "radio", "客服", "Customer service", choices=SERVICE),
    Question("videos_per_week", "number", "每周短视频条数", "Short videos a week", integer=True, upper=100_000,
             extra={"inputmode": "numeric"}),
)


def profile_from_form(form: FormData, questions: tuple[Question, ...] = QUESTIONS) -> dict[str, Any]:
    """The planner's profile from a submitted form; a bad number raises InvalidValue naming its field."""
    profile: dict[str, Any] = {}
    for q in questions:
        if q.kind == "checks":
            wanted = form.getlist(q.name)
            profile[q.name] = [c.value for c in q.choices if c.value in wanted]
        elif q.kind == "yesno":
            answer = YES_NO_VALUES.get(_text(form, q.name))
            if answer is not None:  # 不确定: left unset, so the planner and the checker assume and say so
                profile[q.name] = answer
        elif q.kind == "radio":
            value = _text(form, q.name)
            if value in {c.value for c in q.choices}:
                profile[q.name] = value
        else:
            number = _number(q, _text(form, q.name).replace(",", "").replace("，", ""))
            if number is not None:
                profile[q.name] = number
    return profile


def form_values(form: FormData, questions: tuple[Question, ...] = QUESTIONS) -> dict[str, Any]:
    """What was typed, to show again after a refused submit (lists for checkboxes)."""
    return {q.name: form.getlist(q.name) if q.kind == "checks" else _text(form, q.name) for q in questions}


def profile_values(profile: dict[str, Any], questions: tuple[Question, ...] = QUESTIONS) -> dict[str, Any]:
    """A stored profile as form values (the merchant's-answers form starts from them)."""
    values: dict[str, Any] = {}
    for q in questions:
        value = profile.get(q.name)
        if q.kind == "checks":
            values[q.name] = list(value or [])
        elif q.kind == "yesno":
            values[q.name] = "yes" if value is True else "no" if value is False else ""
        elif value is not None:
            values[q.name] = f"{value:g}" if isinstance(value, float) else str(value)
    return values


def _number(q: Question, text: str) -> float | int | None:
    if not text:
        return None
    try:
        value: float | int = int(float(text)) if q.integer else float(text)
    except ValueError:
        raise InvalidValue(f"'{text}' is not a number", field=q.name) from None
    if not 0 <= value <= q.upper:
        raise InvalidValue(f"{text} is out of range (0–{q.upper:g})", field=q.name)
    return value


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip()[:40] if isinstance(value, str) else ""
