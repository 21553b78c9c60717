"""The org chart (架构图): a team → cards sized with real font metrics → tidy layout → a positioned Chart.

A Chart is plain data (boxes, lines, frames, texts); renderers in `render/` turn it into bytes.
One person is one card, with all their posts on it; a dashed line goes to each other group they serve.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import repeat
from operator import add, attrgetter

import msgspec

from ..gcpause import paused_gc
from ..knowledge import KnowledgeBase
from ..team import Person, Team, shown_title
from ..text import Lang
from ..textpolicy import clean_struct
from .departments import department_frames
from .fonts import FontFace, find_face
from .header import LegendKey, header
from .linebreak import ellipsized, wrap
from .model import THEMES, Card, Chart, ChartOptions, Edge, Frame, Orientation, PostInfo, TextLine, Theme
from .tidy import Layout, LayoutOptions, layout

NAME_SIZE, POST_SIZE, PAD, LINE_GAP = 14.0, 12.0, 10.0, 4.0
MIN_WIDTH, TEXT_WIDTH = 96.0, 168.0
FRAME_PAD, FRAME_LABEL = 10.0, 20.0
LEVEL_GAP, SIBLING_GAP = 64.0, 36.0  # room for a frame's label between levels and its padding between siblings
RUN = 14.0  # connectors turn this far below (or right of) the manager, above any frame label
LABEL_SIZE, BOX_HEIGHT, MIN_BOX = 12.0, 40.0, 64.0  # a frame's label; the box of a group nobody sits in
MAX_BOX = 2 * TEXT_WIDTH + 2 * FRAME_PAD  # wider than this, an empty group's label is cut with …


def build_chart(team: Team, kb: KnowledgeBase, stage: str, options: ChartOptions | None = None,
                regular: FontFace | None = None, bold: FontFace | None = None) -> Chart:
    """Size every card with real font metrics, lay the tree out, and place lines, frames and the header."""
    options = clean_struct(options or ChartOptions(), "chart")  # title and date: see textpolicy
    with paused_gc():
        return _build(team, kb, stage, options, regular or find_face(), bold or find_face(bold=True))


def _build(team: Team, kb: KnowledgeBase, stage: str, options: ChartOptions, regular: FontFace,
           bold: FontFace) -> Chart:
    theme = THEMES.get(options.theme, THEMES["light"])
    memo: dict[tuple[str, ...], _Posts] = {}  # many people hold the same posts: measure and lay them out once
    drafts = _drafts(kb, stage, team.people, options.lang, regular, bold, memo)
    boxes = _empty_groups(kb, stage, team.people, drafts, memo, options.lang, bold)
    parents = _parents(team.people, [server for _, _, server, _ in boxes])
    widths = [d[2] for d in drafts] + [w for _, _, _, w in boxes] + [0.0]
    heights = [d[3] for d in drafts] + [BOX_HEIGHT] * len(boxes) + [0.0]
    lay = layout(parents, widths, heights, LayoutOptions(orientation=options.orientation, compact=options.compact,
                                                        level_gap=LEVEL_GAP, sibling_gap=SIBLING_GAP,
                                                        stack=_group_heads(parents, [d[1].groups[0] for d in drafts])))
    n, shown = len(team.people), len(team.people) + len(boxes)
    margin = FRAME_PAD + 8
    left = margin - min(lay.x[:shown])
    # The header first: a long title may make it taller, and the chart starts under it.
    head = header(_title(team, options), _subtitle(team, kb, stage, options),
                  _legend_keys(kb, drafts, boxes, team.people, theme, options.lang),
                  max(map(add, lay.x[:shown], widths[:shown])) + left + margin, regular, bold)
    # The invisible root sits one level above everyone: move the real cards to the top-left margin.
    top = head.height + FRAME_LABEL + FRAME_PAD - min(lay.y[:shown])
    colors = {g.id: _color(theme, g.id) for g in kb.groups}
    # Positional arguments: the fastest way to make 100,000 cards (same field order as Card).
    cards = [
        Card(f"p{i}", person.name, posts.roles, posts.groups[0], person.vacancy, round(x + left, 2),
             round(y + top, 2), w, h, lines, colors[posts.groups[0]], posts.serves)
        for i, (person, (lines, posts, w, h), x, y) in enumerate(zip(team.people, drafts, lay.x, lay.y, strict=False))
    ]
    empty = [Frame(group, name, round(x + left, 2), round(y + top, 2), w, BOX_HEIGHT, colors[group], True)
             for (group, name, _, w), x, y in zip(boxes, lay.x[n:shown], lay.y[n:shown], strict=True)]
    own = department_frames(team, kb, stage, cards, colors, empty)  # the company's own departments, if it has them
    frames = own if own is not None else _frames(kb, stage, cards, colors, options.lang, empty)
    frames = [_labelled(f, bold) for f in frames]
    edges = _report_edges(parents, cards, lay, options.orientation, left, top)
    edges += _serve_edges(cards, frames)
    width = max([head.width, max((c.x + c.w for c in cards), default=0.0) + margin, *(f.x + f.w + 8 for f in frames)])
    height = max([head.height, max((c.y + c.h for c in cards), default=0.0) + margin, *(f.y + f.h + 8 for f in frames)])
    return Chart(title=_title(team, options), subtitle=_subtitle(team, kb, stage, options), title_lines=head.title,
                 subtitle_lines=head.subtitle, short_title=head.short_title,
                 width=round(width, 2), height=round(height, 2), cards=cards, edges=edges, frames=frames,
                 legend=head.legend, theme=theme, font_family=regular.family, orientation=options.orientation,
                 fonts={"regular": (regular.path, regular.index), "bold": (bold.path, bold.index)},
                 posts=_post_info(kb, {r for c in cards for r in c.roles}, options.lang),
                 parents=[p if p < n else -1 for p in parents[:n]], scale=options.scale, paper=options.paper,
                 landscape=options.landscape if options.landscape is not None else width > height,
                 pdf_pages=options.pdf_pages)


def _labelled(frame: Frame, face: FontFace) -> Frame:
    """The frame with its name cut to fit (ending with …) when it is wider than the frame."""
    room = frame.w - 2 * FRAME_PAD
    if face.width(frame.name, LABEL_SIZE) <= room + 0.01:  # an empty group's box is its label's width, rounded
        return frame
    return msgspec.structs.replace(frame, label=ellipsized(face, frame.name, LABEL_SIZE, room))


def _post_info(kb: KnowledgeBase, roles: set[str], lang: Lang) -> dict[str, PostInfo]:
    out = {}
    for role in (r for r in kb.roles if r.id in roles):
        kpis = []
        for mid in role.kpis:
            metric = kb.metric[mid]
            formula = f" = {metric.formula.get(lang)}" if metric.formula.zh else ""
            kpis.append(f"{metric.name.get(lang)}{formula}{'：' if lang == 'zh' else ': '}{metric.definition.get(lang)}")
        out[role.id] = PostInfo(
            name=role.name.get(lang), purpose=role.purpose.get(lang),
            before=[d.get(lang) for d in role.duties.before], during=[d.get(lang) for d in role.duties.during],
            after=[d.get(lang) for d in role.duties.after], kpis=kpis)
    return out


def _parents(people: list[Person], servers: list[int]) -> list[int]:
    """Parent index per person, then per empty group's box (its first server); people without a manager
    hang under one invisible root (the last index)."""
    index = {p.name: i for i, p in enumerate(people)}
    root = len(people) + len(servers)
    return [index.get(p.reports_to, root) if p.reports_to else root for p in people] + servers + [-1]


def _group_heads(parents: list[int], groups: list[str]) -> frozenset[int]:
    """People with three or more reports, all in the person's own group (a department head over its team)."""
    reports: dict[int, list[int]] = {}
    for i, p in enumerate(parents[:len(groups)]):
        reports.setdefault(p, []).append(i)
    return frozenset(p for p, rs in reports.items()
                     if p < len(groups) and len(rs) >= 3 and all(groups[r] == groups[p] for r in rs))


def _ancestry(kb: KnowledgeBase, stage: str, group: str) -> set[str]:
    """The group and the groups above it at this stage."""
    chain = set()
    while group:
        chain.add(group)
        parent = kb.group[group].parent
        group = parent if parent and stage in kb.group[parent].stages else ""
    return chain


def _empty_groups(kb: KnowledgeBase, stage: str, people: list[Person], drafts: list[Draft],
                  memo: dict[tuple[str, ...], _Posts], lang: Lang, face: FontFace) -> list[tuple[str, str, int, float]]:
    """Groups someone also serves but nobody sits in (nor in a group below it), e.g. 抖店组 when only 中控
    holds its posts: each becomes a small labelled box laid out under its first server, so the group is
    on the chart and the dashed line has somewhere to go. The label says who covers it (抖店组（小敏兼）),
    or a reader sees an empty department. (group, label, server, box width) each."""
    seated = set().union(*(_ancestry(kb, stage, g) for g in {p.groups[0] for p in memo.values()}))
    wanted = {g for p in memo.values() for g in p.serves} - seated
    servers: dict[str, list[int]] = {}
    for i, (_, posts, _, _) in enumerate(drafts) if wanted else ():
        for group in posts.serves:
            if group in wanted:
                servers.setdefault(group, []).append(i)
    boxes = []
    for group, who in servers.items():
        name = _covered(kb.group[group].name.get(lang), [people[i].name for i in who], lang)
        width = min(max(MIN_BOX, face.width(name, LABEL_SIZE) + 2 * FRAME_PAD), MAX_BOX)
        boxes.append((group, name, who[0], round(width, 2)))
    return boxes


def _covered(group: str, names: list[str], lang: Lang) -> str:
    """An empty group's label naming who covers its posts: 抖店组（小敏兼）, Shop ops (covered by Mei)."""
    shown = names[:2]
    more = len(names) > 2
    if lang == "zh":
        return f"{group}（{'、'.join(shown)}{'等' if more else ''}兼）"
    return f"{group} (covered by {' and '.join(shown) if not more else ', '.join(shown) + ' and others'})"


def _color(theme: Theme, group: str) -> str:
    return theme.groups.get(group, theme.line)


def _measured(face: FontFace, text: str, size: float) -> tuple[list[str], float]:
    """Wrapped lines and the widest line's width."""
    width = face.width(text, size)
    if width <= TEXT_WIDTH and "\n" not in text:
        return [text.strip()], width
    lines = wrap(face, text, size, TEXT_WIDTH)
    return lines, max(face.width(line, size) for line in lines)


class _Posts(msgspec.Struct, frozen=True):
    """The post part of a card, shared by everyone holding the same posts: the posts, their wrapped lines,
    width, the group the card sits in and the other groups it serves, and its text lines by how many name
    lines come before them (so cards share the TextLine objects and the list of posts too)."""

    roles: list[str]
    lines: list[str]
    width: float
    groups: list[str]
    serves: list[str]
    placed: dict[int, tuple[list[TextLine], float]]

    def below(self, names: int) -> tuple[list[TextLine], float]:
        """The post lines under `names` name lines, and the card's height."""
        if names not in self.placed:
            y, out = PAD + names * (NAME_SIZE + LINE_GAP), []
            for text in self.lines:
                y += POST_SIZE
                out.append(TextLine(text, PAD, y, POST_SIZE))
                y += LINE_GAP
            self.placed[names] = out, round(y - LINE_GAP + PAD + 4, 2)
        return self.placed[names]


def _posts(kb: KnowledgeBase, stage: str, key: tuple[str, ...], lang: Lang, regular: FontFace,
           titles: tuple[str, ...] = ()) -> _Posts:
    """The post part of a card holding these posts: its text measured and wrapped, its groups. A card of no
    post shows the titles as written (`titles`: 未知岗位（助理）, 财务（团队外）)."""
    sep = "、" if lang == "zh" else ", "
    text = sep.join(kb.role[r].name.get(lang) for r in key) or sep.join(shown_title(t, kb, lang) for t in titles)
    lines, width = _measured(regular, text or UNKNOWN_POST[lang], POST_SIZE)
    # A person whose title nobody could read holds no known post: the card says so and sits with the lead.
    groups = list(dict.fromkeys(kb.group_of(r, stage) for r in key)) or [next(g.id for g in kb.groups if g.kind == "lead")]
    return _Posts(list(key), lines, width, groups, groups[1:], {})


UNKNOWN_POST = {"zh": "未知岗位", "en": "unknown post"}
Draft = tuple[list[TextLine], _Posts, float, float]  # a card's text lines, its posts, its width and height


def _drafts(kb: KnowledgeBase, stage: str, people: list[Person], lang: Lang, regular: FontFace, bold: FontFace,
            memo: dict[tuple[str, ...], _Posts]) -> list[Draft]:
    """Each person's card before it is placed. One loop with the name's width summed inline (as
    FontFace.width does): 100,000 calls of a helper cost more than the measuring itself."""
    hire = "（待招聘）" if lang == "zh" else " (to hire)"
    advance, default, units = bold.advances.get, bold.default_advance, bold.units_per_em
    out: list[Draft] = []
    for person in people:
        key = tuple(person.posts)
        if not key and person.unknown_titles:  # no post: the card shows the titles as written
            titles = tuple(person.unknown_titles)
            posts = memo.get(("", *titles)) or memo.setdefault(("", *titles), _posts(kb, stage, key, lang, regular, titles))
        else:
            posts = memo.get(key) or memo.setdefault(key, _posts(kb, stage, key, lang, regular))
        name = person.name + hire if person.vacancy and not person.name.endswith(hire) else person.name
        name_width = sum(map(advance, map(ord, name), repeat(default))) * NAME_SIZE / units
        if name_width <= TEXT_WIDTH and "\n" not in name:  # most names: one line
            below, height = posts.placed.get(1) or posts.below(1)
            lines = [TextLine(name.strip(), PAD, PAD + NAME_SIZE, NAME_SIZE, True), *below]
        else:
            names, name_width = _measured(bold, name, NAME_SIZE)
            below, height = posts.below(len(names))
            lines = [TextLine(text, PAD, PAD + NAME_SIZE + k * (NAME_SIZE + LINE_GAP), NAME_SIZE, True)
                     for k, text in enumerate(names)] + below
        width = (name_width if name_width > posts.width else posts.width) + 2 * PAD
        out.append((lines, posts, round(width, 2) if width > MIN_WIDTH else MIN_WIDTH, height))
    return out


def _report_edges(parents: list[int], cards: list[Card], lay: Layout, orientation: Orientation,
                  left: float, top: float) -> list[Edge]:
    """Orthogonal lines from each manager to their reports (stacked reports hang off a spine). The stub
    out of the manager's card is one pair of points shared by all of their lines."""
    vertical = orientation == "vertical"
    stubs: dict[int, tuple[tuple[float, float], tuple[float, float]]] = {}
    edges = []
    root, stacked = len(parents) - 1, lay.stacked
    for i, p in enumerate(parents[:len(cards)]):  # people only: an empty group's box reports to nobody
        if p == root:
            continue
        a, b = cards[p], cards[i]
        stub = stubs.get(p)
        if stub is None:
            start = (a.x + a.w / 2, a.y + a.h) if vertical else (a.x + a.w, a.y + a.h / 2)
            stub = stubs[p] = start, (start[0], start[1] + RUN) if vertical else (start[0] + RUN, start[1])
        mx, my = stub[1]
        cx, cy = b.x + b.w / 2, b.y + b.h / 2
        if stacked[i]:
            spine = lay.spine[i] + (left if vertical else top)
            rest = [(spine, my), (spine, cy), (b.x, cy)] if vertical else [(mx, spine), (cx, spine), (cx, b.y)]
        else:
            rest = [(cx, my), (cx, b.y)] if vertical else [(mx, cy), (b.x, cy)]
        edges.append(Edge(a.id, b.id, "report", [*stub, *rest]))
    return edges


def _intersects(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _frames(kb: KnowledgeBase, stage: str, cards: list[Card], colors: dict[str, str], lang: Lang,
            empty: list[Frame]) -> list[Frame]:
    """The boxes of `empty` groups, then a frame around each group's cards (and its sub-groups' frames and
    boxes), kept only where it covers no other card and crosses no other frame or box. Inner groups are
    framed first."""
    chains = {g.id: _ancestry(kb, stage, g.id) for g in kb.groups}
    within = {g.id: {h for h, chain in chains.items() if g.id in chain} for g in kb.groups}  # g and its sub-groups
    own = _extents(cards)
    by_x = sorted(cards, key=attrgetter("x"))
    xs = [c.x for c in by_x]
    widest = max((c.w for c in cards), default=0.0)
    frames: list[Frame] = list(empty)
    boxed = {f.group for f in empty}
    for group in sorted((g for g in kb.groups if g.kind != "lead"), key=lambda g: -len(chains[g.id])):
        if group.id in boxed:
            continue
        mine = within[group.id]
        members = [own[g] for g in mine if g in own]
        members += [(f.x, f.y, f.x + f.w, f.y + f.h) for f in frames if f.group in mine]
        if not members:
            continue
        x0, y0 = min(m[0] for m in members) - FRAME_PAD, min(m[1] for m in members) - FRAME_PAD - FRAME_LABEL
        x1, y1 = max(m[2] for m in members) + FRAME_PAD, max(m[3] for m in members) + FRAME_PAD
        # Only cards whose left edge lies within one card width of the frame can touch it.
        near = by_x[bisect_left(xs, x0 - widest): bisect_right(xs, x1)]
        if any(c.x < x1 and x0 < c.x + c.w and c.y < y1 and y0 < c.y + c.h and c.group not in mine for c in near):
            continue
        rect = (x0, y0, x1 - x0, y1 - y0)
        if not any(_intersects(rect, (f.x, f.y, f.w, f.h)) for f in frames if f.group not in mine):
            x, y, w, h = (round(v, 2) for v in rect)
            frames.append(Frame(group=group.id, name=group.name.get(lang), x=x, y=y, w=w, h=h, color=colors[group.id]))
    return frames


def _extents(cards: list[Card]) -> dict[str, tuple[float, float, float, float]]:
    """Per group, the box (left, top, right, bottom) around the cards that sit in it."""
    boxes: dict[str, list[float]] = {}
    for c in cards:
        box = boxes.get(c.group)
        if box is None:
            boxes[c.group] = [c.x, c.y, c.x + c.w, c.y + c.h]
            continue
        if c.x < box[0]:
            box[0] = c.x
        if c.y < box[1]:
            box[1] = c.y
        if c.x + c.w > box[2]:
            box[2] = c.x + c.w
        if c.y + c.h > box[3]:
            box[3] = c.y + c.h
    return {g: (b[0], b[1], b[2], b[3]) for g, b in boxes.items()}


def _serve_edges(cards: list[Card], frames: list[Frame]) -> list[Edge]:
    """Dashed lines from a person to each other group they serve: to its frame (the label row; the top of
    an empty group's box), else to a near card of it, so lines stay short on a big chart."""
    framed = {f.group: (round(f.x + f.w / 2, 2), round(f.y if f.empty else f.y + FRAME_LABEL / 2, 2))
              for f in frames}
    beside = {f.group: f for f in frames if f.empty}
    wanted = {g for card in cards for g in card.serves if g not in framed}  # groups found through their cards
    members: dict[str, list[Card]] = {}
    for card in sorted((c for c in cards if c.group in wanted), key=attrgetter("x")):
        members.setdefault(card.group, []).append(card)
    lefts = {g: [c.x for c in cs] for g, cs in members.items()}
    edges = []
    for card in cards:
        for group in card.serves:
            box = beside.get(group)
            if box is not None and box.x >= card.x + card.w:  # a box right of the card (horizontal): side to side
                mid = round(box.y + box.h / 2, 2)
                start = (card.x + card.w, min(max(mid, card.y + 8), card.y + card.h - 8))
                edges.append(Edge(card.id, f"group:{group}", "serves", [start, (box.x, mid)]))
                continue
            end = framed.get(group) or _nearest(card, members.get(group, []), lefts.get(group, []))
            if end is None:
                continue
            # Leave the card on the side facing the target, so the line is never hidden under the card.
            sx = min(max(end[0], card.x + 8), card.x + card.w - 8)
            sy = card.y + card.h if end[1] > card.y + card.h else card.y
            edges.append(Edge(card.id, f"group:{group}", "serves", [(sx, sy), end]))
    return edges


def _nearest(card: Card, members: list[Card], lefts: list[float]) -> tuple[float, float] | None:
    """The top middle of the closest (|dx| + |dy|) of the few members next to the card in left-to-right order."""
    k = bisect_left(lefts, card.x)
    best, distance = None, float("inf")
    for other in members[max(k - 3, 0): k + 3]:
        d = abs(other.x - card.x) + abs(other.y - card.y)
        if d < distance and other is not card:
            best, distance = other, d
    return None if best is None else (round(best.x + best.w / 2, 2), best.y)


def _title(team: Team, options: ChartOptions) -> str:
    if options.title:
        return options.title
    who = team.merchant or ""
    return f"{who}团队架构图" if options.lang == "zh" else f"{who + ' ' if who else ''}team chart"


def _subtitle(team: Team, kb: KnowledgeBase, stage: str, options: ChartOptions) -> str:
    zh = options.lang == "zh"
    parts = [kb.stage[stage].name.get(options.lang), f"{len(team.people)}人" if zh else f"{len(team.people)} people"]
    vacancies = sum(p.vacancy for p in team.people)
    if vacancies:
        parts.append(f"待招聘{vacancies}人" if zh else f"{vacancies} to hire")
    if options.date:
        parts.append(options.date)
    return " · ".join(parts)


def _legend_keys(kb: KnowledgeBase, drafts: list[Draft], boxes: list[tuple[str, str, int, float]],
                 people: list[Person], theme: Theme, lang: Lang) -> list[LegendKey]:
    """The legend's keys: groups on the chart (a card's or an empty group's box), then the vacancy and
    dashed-line keys when the chart has them."""
    present = {posts.groups[0] for _, posts, _, _ in drafts} | {group for group, _, _, _ in boxes}
    keys: list[LegendKey] = [("group", _color(theme, g.id), g.name.get(lang)) for g in kb.groups if g.id in present]
    if any(p.vacancy for p in people):
        keys.append(("vacancy", theme.vacancy_fill, "待招聘" if lang == "zh" else "to hire"))
    if any(posts.serves for _, posts, _, _ in drafts):
        keys.append(("dashed", theme.line, "兼任其他组" if lang == "zh" else "also serves"))
    return keys
