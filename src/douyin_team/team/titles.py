"""Reading titles as people write them: `剪辑师`, `运营助理`, `千川投手`, `主播（兼职）`, `中控兼客服`, `场控/助播`.

A title is split into parts at the compound separators (兼, （兼…）, /, 、, +, …); each part is looked up in
the knowledge base's title table and role names, and failing that, stripped of affixes (助理, 主管, 高级 …,
which keep the post and may mark seniority), channel words (千川 → the ad buyer) and annotations (兼职 →
part-time) until something is found. A part nobody understands is kept as unknown, never an error. The
generic `运营` is decided by the rest of the team (`read_ops`).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Any

import msgspec

from ..knowledge import (
    SENIORITY_ORDER,
    Employment,
    KnowledgeBase,
    Seniority,
    TitleAlias,
    TitleWord,
    normalize,
)
from ..text import Text

SEPARATORS = re.compile(r"[、/／，,＋;；|&＆]|(?<!dou)\+|兼(?!职)")  # DOU+ is a channel, not two parts
JOINERS = re.compile(r"兼任|兼做|兼管|兼顾|兼带")
OPENING, CLOSING = "（(【[", "）)】]"
BRACKETS = re.compile(r"[（(【\[]([^（()）【】\[\]]*)[）)】\]]")
TRAILING_NUMBER = re.compile(r"(?<=\D)[0-9０-９]+$")
LIVE_POSTS = ("anchor", "assistant_anchor", "floor_control", "central_control")
OPS_POSTS = ("live_ops", "store_ops")
# Up to this many people, the generic 运营 also does the shop's work nobody else holds: practitioners' starter
# teams (the live iron triangle of host, ops and floor control; the four-person crew, source starter-teams)
# have one 运营 who lists, prices and stocks the shop too.
STARTER_TEAM = 4
OPS = "@ops"  # where the generic 运营 stands among a reading's roles, until the team decides it
TAUGHT = "taught"  # the source of a title the team's workspace (or the team file) taught: "this title means …"
MAX_TAUGHT_KBS = 64  # knowledge bases with a workspace's taught titles laid over, kept per base knowledge base
_TAUGHT_LOCK = threading.Lock()


class TitleReading(msgspec.Struct, frozen=True, omit_defaults=True):
    """What a title says: its posts (the generic 运营 left to `read_ops`), seniority, employment, channels,
    and the parts not understood (`unknown`) or bracketed words passed over (`ignored`)."""

    text: str
    roles: list[str] = []
    seniority: Seniority | None = None
    employment: Employment | None = None
    channels: list[str] = []
    unknown: list[str] = []
    ignored: list[str] = []
    compound: bool = False
    plain: bool = False  # the whole title is a known name: nothing worth reporting
    taught: bool = False  # read with a title the workspace (or the team file) taught
    outside: bool = False  # a job of the company outside the e-commerce team (财务, 行政): known, no post

    @property
    def ops(self) -> bool:
        """Whether the title holds the generic 运营, whose posts the team decides."""
        return OPS in self.roles

    def posts(self, ops: list[str]) -> list[str]:
        """The title's posts with the generic 运营 read as `ops`, in the order written."""
        return list(dict.fromkeys(r for role in self.roles for r in (ops if role == OPS else [role])))


class OpsReading(msgspec.Struct, frozen=True):
    """The posts the generic 运营 stands for in this team, and why."""

    roles: list[str]
    why: Text


class _Part(msgspec.Struct):
    roles: list[str] = []
    ops: bool = False
    seniority: Seniority | None = None
    employment: Employment | None = None
    channels: list[str] = []
    known: bool = False
    direct: bool = False  # the part is a known name as written
    taught: bool = False
    outside: bool = False


def split_outside_brackets(text: str, separators: re.Pattern[str]) -> list[str]:
    """`text` split at the single characters `separators` matches, but not inside brackets (the title grammar's
    own list: 运营（中控、投流）) nor at DOU+'s plus (a channel)."""
    parts, start, depth = [], 0, 0
    for k, ch in enumerate(text):
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(0, depth - 1)
        elif not depth and separators.fullmatch(ch) and not (ch in "+＋" and text[max(0, k - 3):k].casefold() == "dou"):
            parts.append(text[start:k])
            start = k + 1
    return [*parts, text[start:]]


def shown_title(title: str, kb: KnowledgeBase, lang: str) -> str:
    """A title that names no post, as the team's documents show it: 财务（团队外） for a job outside the team,
    未知岗位（助理） for one nobody could read."""
    if read_title(title, kb).outside:
        return f"{title}（团队外）" if lang == "zh" else f"{title} (outside the team)"
    return f"未知岗位（{title}）" if lang == "zh" else f"unknown post ({title})"


def read_title(text: str, kb: KnowledgeBase) -> TitleReading:
    """Read one title (or several joined by separators) into posts; never raises on an unknown title."""
    key = normalize(text)
    cache = kb.derived.setdefault("titles", {})
    if key in cache:
        cached: TitleReading = cache[key]
        return msgspec.structs.replace(cached, text=text)
    whole = _lookup(key, kb)
    if whole is not None and whole.context == "outside":
        reading = TitleReading(text=text, outside=True)
    elif whole is not None:
        taught = whole.source == TAUGHT
        reading = TitleReading(text=text, roles=[OPS] if whole.context else list(whole.roles),
                               plain=whole.context is None and not taught, taught=taught)
    else:
        reading = _read_compound(text, key, kb)
    cache[key] = reading
    return reading


def _read_compound(text: str, key: str, kb: KnowledgeBase) -> TitleReading:
    bracketed = BRACKETS.findall(key)
    main = BRACKETS.sub("、", key)
    parts: list[tuple[str, bool]] = [(p, True) for p in SEPARATORS.split(JOINERS.sub("兼", main)) if p]
    for inner in bracketed:
        joined = inner.startswith("兼") and not inner.startswith("兼职")
        parts += [(p, joined) for p in SEPARATORS.split(JOINERS.sub("兼", inner)) if p]
    roles: list[str] = []
    unknown: list[str] = []
    ignored: list[str] = []
    seniority, employment, channels = None, None, []
    direct, taught, outside = True, False, False
    for part, counts in parts:
        read = _read_part(part, kb)
        outside = outside or read.outside and counts
        if not read.known or (counts and not read.roles and not read.ops and not read.outside):
            (unknown if counts else ignored).append(part)
            continue
        roles += [r for r in ([OPS] if read.ops else read.roles) if r not in roles]
        direct, taught = direct and read.direct, taught or read.taught
        seniority = _higher(seniority, read.seniority)
        employment = employment or read.employment
        channels += [c for c in [*read.channels, *([part] if _is_channel(part, kb) else [])] if c not in channels]
    if OPS in roles and len(roles) > 1 and channels:
        roles.remove(OPS)  # 运营（信息流）: the channel says which ops, the ad buyer's
    outside = outside and not roles and not unknown  # 财务兼客服 is the post's: outside only when nothing else
    if not roles and not unknown and not outside:
        unknown = [text.strip()]  # only separators, brackets or annotations: nothing names a post
    return TitleReading(text=text, roles=roles, seniority=seniority, employment=employment,
                        channels=channels, unknown=unknown, ignored=ignored,
                        compound=len(parts) > 1, taught=taught, outside=outside,
                        plain=direct and not (unknown or ignored or channels or employment or seniority or taught or outside))


def _read_part(part: str, kb: KnowledgeBase) -> _Part:
    """One part of a title: looked up whole, then with its words and affixes taken off one by one."""
    rest = TRAILING_NUMBER.sub("", part)
    found = _Part()
    hit = _lookup(rest, kb)
    found.direct = hit is not None and rest == part
    if hit is None:
        rest = _take_words(rest, kb, found)
        hit = _strip_affixes(rest, kb, found)
    found.taught = hit is not None and hit.source == TAUGHT
    if hit is not None and hit.context == "outside":
        found.outside, found.known = True, True
    elif hit is not None and hit.context == "ops" and not found.channels:
        found.ops, found.known = True, True
    elif hit is not None:
        found.roles, found.known = list(hit.roles) if not hit.context else [], True
    if found.channels:  # 千川运营, 信息流投放, 投手(千川): the ad buyer; 直播运营(千川): both
        buyer = [r for w in kb.title_words if w.id in found.channels for r in w.roles]
        found.roles = list(dict.fromkeys([*found.roles, *buyer]))
        found.known = True
    if not found.known and found.employment and not rest:
        found.known = True  # a bare annotation, e.g. the （兼职） of 主播（兼职）
    if not found.known:
        _read_run_together(rest, kb, found)
    return found


def _read_run_together(rest: str, kb: KnowledgeBase, found: _Part) -> None:
    """Known titles written without a separator (打包发货, 场控中控, 客服打包剪辑, or 主播 运营 客服 once spaces
    are folded): the split into the fewest known titles of two or more characters, if the whole part splits."""
    n = len(rest)
    if not 4 <= n <= 40:
        return
    best: list[list[TitleAlias] | None] = [[]] + [None] * n  # the fewest pieces covering rest[:i]
    for i in range(n - 1):
        if (start := best[i]) is None:
            continue
        for j in range(i + 2, n + 1):
            hit = _lookup(rest[i:j], kb)
            if hit is not None and ((end := best[j]) is None or len(start) + 1 < len(end)):
                best[j] = [*start, hit]
    pieces = best[n]
    if pieces is None or len(pieces) < 2:
        return
    roles = [r for hit in pieces for r in ([OPS] if hit.context == "ops" else hit.roles)]
    found.roles = list(dict.fromkeys([*found.roles, *roles]))
    found.outside = not found.roles  # 行政前台: jobs outside the team only
    found.known = True


def _take_words(rest: str, kb: KnowledgeBase, found: _Part) -> str:
    """Take channel words and annotations out of a part (longest first), noting them in `found`."""
    for word in _words(kb):
        key = normalize(word.id)
        if key in rest:
            rest = rest.replace(key, "")
            if word.kind == "channel":
                found.channels.append(word.id)
            else:
                found.employment = found.employment or word.employment
                if word.employment == "intern":
                    found.seniority = _higher(found.seniority, "intern")
    return rest


def _strip_affixes(rest: str, kb: KnowledgeBase, found: _Part) -> TitleAlias | None:
    """Strip affixes until the rest is a known title, the fewest strips first (breadth first): so 抖店客服主管 is
    客服主管 with its shop word taken off, not 客服 with 主管 taken as seniority. Among as few strips, a title
    whose suffix was taken off first (直播负责人 is live ops at head level, not 负责人 with 直播 taken off), then
    the longest title left (抖音小店运营 is 小店运营, not 运营)."""
    affixes = _affixes(kb)
    level: list[tuple[str, Seniority | None, bool]] = [(rest, None, False)]  # text, seniority, a suffix taken off
    seen = {rest}
    while level:
        hits = [(text, seniority, suffix, hit) for text, seniority, suffix in level
                if (hit := _lookup(text, kb)) is not None]
        if hits:
            _, seniority, _, hit = max(hits, key=lambda h: (h[2], len(h[0])))  # the first of the best
            found.seniority = _higher(found.seniority, seniority)
            return hit
        deeper: list[tuple[str, Seniority | None, bool]] = []
        for text, seniority, suffix in level:
            for word, side, more in affixes:
                if len(text) > len(word) and (text.endswith(word) if side == "suffix" else text.startswith(word)):
                    shorter = text[:-len(word)] if side == "suffix" else text[len(word):]
                    if shorter not in seen:
                        seen.add(shorter)
                        deeper.append((shorter, _higher(seniority, more), suffix or side == "suffix"))
        level = deeper
    return None


def taught_knowledge(kb: KnowledgeBase, taught: dict[str, list[str]]) -> KnowledgeBase:
    """The knowledge base with titles a workspace taught ("this title means …", title → role ids) read before
    its own titles and post names. Kept with `kb` by content (a change of the taught titles makes a new one;
    the last `MAX_TAUGHT_KBS` are kept), so each title is read once per set of taught titles."""
    if not taught:
        return kb
    key = tuple(sorted((normalize(title), tuple(posts)) for title, posts in taught.items()))
    with _TAUGHT_LOCK:  # the web reads teams in several threads at once
        kept: OrderedDict[Any, KnowledgeBase] = kb.derived.setdefault("taught", OrderedDict())
        found = kept.get(key)
        if found is None:
            aliases = {title: TitleAlias(id=title, roles=list(posts), source=TAUGHT) for title, posts in key}
            found = kept[key] = msgspec.structs.replace(
                kb, titles=[*aliases.values(), *(t for t in kb.titles if normalize(t.id) not in aliases)])
            if len(kept) > MAX_TAUGHT_KBS:
                kept.popitem(last=False)
        kept.move_to_end(key)
        return found


def _is_channel(part: str, kb: KnowledgeBase) -> bool:
    return any(w.kind == "channel" and normalize(w.id) == part for w in kb.title_words)


def _lookup(key: str, kb: KnowledgeBase) -> TitleAlias | None:
    """A title-table entry for the normalised text, or a role's own name or alias as one."""
    table: dict[str, TitleAlias] = kb.derived.setdefault("title_table", {})
    if not table:
        table.update({normalize(t.id): t for t in kb.titles})
        table.setdefault("", TitleAlias(id="", roles=[], source="model"))
    if key in table:
        return table[key] if key else None
    role = kb.find_role(key)
    return TitleAlias(id=key, roles=[role], source="model") if role else None


def _affixes(kb: KnowledgeBase) -> list[tuple[str, str, Seniority | None]]:
    found: list[tuple[str, str, Seniority | None]] | None = kb.derived.get("title_affixes")
    if found is None:
        found = sorted(((normalize(a.id), a.side, a.seniority) for a in kb.title_affixes),
                       key=lambda a: (-len(a[0]), a[1] == "prefix"))
        kb.derived["title_affixes"] = found
    return found


def _words(kb: KnowledgeBase) -> list[TitleWord]:
    found: list[TitleWord] | None = kb.derived.get("title_words")
    if found is None:
        found = sorted(kb.title_words, key=lambda w: -len(w.id))
        kb.derived["title_words"] = found
    return found


def _higher(a: Seniority | None, b: Seniority | None) -> Seniority | None:
    if a is None or b is None:
        return a or b
    return max(a, b, key=SENIORITY_ORDER.index)


def read_ops(kb: KnowledgeBase, size: int, held: set[str], focus: str | None = None) -> OpsReading:
    """What the generic 运营 means in a team of `size` people where others hold `held`: in a team of up to
    four (the starter teams practitioners recommend: the iron triangle, the four-person crew) it covers the live
    and the shop's work nobody else holds; otherwise the ops post nobody else holds, live first."""
    free = [r for r in OPS_POSTS if r not in held]
    names = Text(zh="、".join(kb.role[r].name.zh for r in free), en=", ".join(kb.role[r].name.en for r in free))
    if size <= STARTER_TEAM and free:
        return OpsReading(free, Text(
            zh=f"团队只有{size}人，小团队里的运营要管上架、库存、评论、投放和数据，且没有别人担任{names.zh}",
            en=f"the team has {size} people; in a small team ops covers listings, stock, comments, ads and data, "
               f"and nobody else holds {names.en}"))
    if "live_ops" in held and "store_ops" not in held:
        return OpsReading(["store_ops"], Text(zh="团队里已有直播运营，没有人负责抖店",
                                              en="the team already has live ops and nobody runs the shop"))
    if "store_ops" not in held and (focus == "store" or not held & set(LIVE_POSTS)):
        why = Text(zh="运营重心在抖店", en="the focus is the shop") if focus == "store" else Text(
            zh="团队里没有直播间的岗位（主播、助播、场控、中控）", en="the team has no live-room posts (host, controls)")
        return OpsReading(["store_ops"], why)
    return OpsReading(["live_ops"], Text(zh=f"团队{size}人，有直播间的岗位，按直播运营理解",
                                         en=f"the team has {size} people and live-room posts, so ops means live ops"))


def title_posts(text: str, kb: KnowledgeBase, size: int = 5, held: tuple[str, ...] = ()) -> list[str]:
    """The posts a title means in a team of `size` where others hold `held` (knowledge-base order)."""
    reading = read_title(text, kb)
    posts = set(reading.posts(read_ops(kb, size, set(held)).roles if reading.ops else []))
    return [r for r in kb.role if r in posts]
