"""HTML: one self-contained offline page — the chart with pan and zoom, collapsible groups, search by
name or post, and a side panel with a person's duties and KPIs. No network, no external files."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from html import escape

import msgspec

from ..model import Card, Chart, Frame
from .svg import svg_document

STYLE = """
*{box-sizing:border-box}body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
color:#1f2329;background:#f5f6f7;height:100vh;display:flex;flex-direction:column}
header{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center;padding:8px 16px;background:#fff;
border-bottom:1px solid #dee0e3}
header h1{font-size:18px;margin:0;min-width:0;max-width:60%;overflow-wrap:anywhere;display:-webkit-box;
-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden}
header p{margin:0;color:#646a73;font-size:13px;flex:1 1 14em;min-width:0;overflow-wrap:anywhere}
input{padding:6px 10px;border:1px solid #c9cdd4;border-radius:6px;width:240px}
button{padding:6px 10px;border:1px solid #c9cdd4;border-radius:6px;background:#fff;cursor:pointer}
main{flex:1;display:flex;min-height:0;position:relative}#viewport{flex:1;overflow:hidden;cursor:grab;background:#fff;
touch-action:none;user-select:none;-webkit-user-select:none}#viewport.dragging{cursor:grabbing}
#viewport svg{width:100%;height:100%}#panel{position:absolute;top:0;right:0;bottom:0;width:340px;max-width:100%;
overflow:auto;padding:12px 16px;background:#fff;border-left:1px solid #dee0e3;font-size:13px;
box-shadow:-4px 0 16px rgba(0,0,0,.12)}#panel[hidden]{display:none}#close{position:sticky;top:0;float:right;
font-size:18px;line-height:1;padding:6px 10px}
@media (max-width:600px){header{flex-wrap:wrap;padding:6px 10px;row-gap:6px}header h1{flex-basis:100%;max-width:none;
font-size:16px}
header p{flex-basis:100%;order:3}input{flex:1;width:auto;min-width:8em;font-size:16px}input,button{min-height:44px}
button{min-width:44px}#panel{width:100%;top:auto;max-height:70%;border-left:0;
border-top:1px solid #dee0e3}}#panel h2{font-size:16px;margin:4px 0}#panel h3{font-size:14px;
margin:12px 0 4px}#panel ul{margin:4px 0;padding-left:18px}.card{cursor:pointer}.toggle{cursor:pointer}
.dim{opacity:.25}.hit{stroke-width:4}.collapsed circle{fill:#3370ff}#count{color:#646a73}
"""

SCRIPT = r"""
const data = JSON.parse(document.getElementById('chart-data').textContent);
const svg = document.querySelector('#viewport svg'), world = document.getElementById('world');
let view = {x: 0, y: 0, k: 1};
function apply() { world.setAttribute('transform', `translate(${view.x} ${view.y}) scale(${view.k})`); }
function fit() {
  const box = svg.getBoundingClientRect(), k = Math.min(box.width / data.width, box.height / data.height, 1);
  view = {x: (box.width - data.width * k) / 2, y: 8, k}; svg.setAttribute('viewBox', `0 0 ${box.width} ${box.height}`); apply();
}
svg.addEventListener('wheel', e => {
  e.preventDefault(); const box = svg.getBoundingClientRect(), f = e.deltaY < 0 ? 1.15 : 1 / 1.15;
  const mx = e.clientX - box.left, my = e.clientY - box.top;
  view.x = mx - (mx - view.x) * f; view.y = my - (my - view.y) * f; view.k *= f; apply();
}, {passive: false});
// Pan with one pointer (mouse, pen or finger), pinch-zoom with two; the text layer is never selected.
const pointers = new Map(); let drag = null, pinch = null, moved = false;
function spread() { const [a, b] = [...pointers.values()]; return {d: Math.hypot(a.x - b.x, a.y - b.y) || 1, x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}; }
svg.addEventListener('pointerdown', e => {
  if (e.button > 0) return;
  e.preventDefault(); pointers.set(e.pointerId, {x: e.clientX, y: e.clientY}); moved = false;
  if (pointers.size === 2) { drag = null; pinch = {...spread(), view: {...view}}; }
  else if (pointers.size === 1) { drag = {x: e.clientX - view.x, y: e.clientY - view.y, sx: e.clientX, sy: e.clientY}; }
  svg.parentNode.classList.add('dragging');
});
window.addEventListener('pointermove', e => {
  if (!pointers.has(e.pointerId)) return;
  pointers.set(e.pointerId, {x: e.clientX, y: e.clientY});
  if (pinch && pointers.size === 2) {
    const now = spread(), box = svg.getBoundingClientRect(), f = now.d / pinch.d;
    const cx = pinch.x - box.left, cy = pinch.y - box.top, k = Math.min(Math.max(pinch.view.k * f, 0.05), 8);
    view.k = k; view.x = cx - (cx - pinch.view.x) * (k / pinch.view.k) + (now.x - pinch.x);
    view.y = cy - (cy - pinch.view.y) * (k / pinch.view.k) + (now.y - pinch.y); moved = true; apply();
  } else if (drag) {
    if (Math.abs(e.clientX - drag.sx) + Math.abs(e.clientY - drag.sy) > 4) moved = true;
    view.x = e.clientX - drag.x; view.y = e.clientY - drag.y; apply();
  }
});
function release(e) {
  pointers.delete(e.pointerId);
  if (pointers.size < 2) pinch = null;
  if (pointers.size === 1) { const [p] = [...pointers.values()]; drag = {x: p.x - view.x, y: p.y - view.y, sx: p.x, sy: p.y}; }
  if (!pointers.size) { drag = null; svg.parentNode.classList.remove('dragging'); }
}
window.addEventListener('pointerup', release); window.addEventListener('pointercancel', release);
const kids = data.parents.map(() => []);
data.parents.forEach((p, i) => { if (p >= 0) kids[p].push(i); });
function descendants(i) { const out = [], stack = [...kids[i]]; while (stack.length) { const j = stack.pop(); out.push(j); stack.push(...kids[j]); } return out; }
const hidden = new Set();
function refresh() {
  data.cards.forEach((c, i) => { document.getElementById(c.id).style.display = hidden.has(i) ? 'none' : ''; });
  document.querySelectorAll('.edge').forEach(e => {
    const from = +e.dataset.from.slice(1), to = e.dataset.to.startsWith('p') ? +e.dataset.to.slice(1) : -1;
    e.style.display = hidden.has(from) || hidden.has(to) ? 'none' : '';
  });
  document.querySelectorAll('.toggle').forEach(t => { t.style.display = hidden.has(+t.dataset.card.slice(1)) ? 'none' : ''; });
}
document.querySelectorAll('.toggle').forEach(t => t.addEventListener('click', e => {
  e.stopPropagation(); const i = +t.dataset.card.slice(1), below = descendants(i);
  const collapse = !t.classList.contains('collapsed'); t.classList.toggle('collapsed', collapse);
  below.forEach(j => collapse ? hidden.add(j) : hidden.delete(j));
  if (!collapse) document.querySelectorAll('.toggle.collapsed').forEach(o => { if (below.includes(+o.dataset.card.slice(1))) descendants(+o.dataset.card.slice(1)).forEach(j => hidden.add(j)); });
  refresh(); relayout();
}));
// Collapsing re-lays the chart out: what stood right of (or below) a collapsed subtree moves into the room it
// left, managers are centred again over their visible reports, frames shrink to their visible members and a
// frame with none left is hidden. Lines move with their ends. Expanding everything restores the drawing.
const A = data.orientation === 'horizontal' ? 'y' : 'x', S = A === 'x' ? 'w' : 'h';
const n = data.cards.length, boxes = data.frames.map((f, k) => ({k, ...f})).filter(f => f.empty && f.server >= 0);
const items = data.cards.map(c => ({x: c.x, y: c.y, w: c.w, h: c.h})).concat(boxes.map(f => ({x: f.x, y: f.y, w: f.w, h: f.h})));
const tree = kids.map(k => [...k]).concat(boxes.map(() => [])); boxes.forEach((f, b) => tree[f.server].push(n + b));
const depth = items.map(() => 0); data.parents.forEach((p, i) => { let d = 0, q = p; while (q >= 0) { d++; q = data.parents[q]; } depth[i] = d; });
boxes.forEach((f, b) => { depth[n + b] = depth[f.server] + 1; });
const order = items.map((_, i) => i).sort((a, b) => depth[b] - depth[a]);
const drawnAt = data.cards.map(c => document.getElementById(c.id).getAttribute('transform'));
const pathD = new Map(), frameBox = data.frames.map(f => ({x: f.x, y: f.y, w: f.w, h: f.h}));
document.querySelectorAll('.edge').forEach(e => pathD.set(e, e.getAttribute('d')));
function least(xs, f) { let m = Infinity; for (const x of xs) m = Math.min(m, f(x)); return m; }
function most(xs, f) { let m = -Infinity; for (const x of xs) m = Math.max(m, f(x)); return m; }
function under(i) { const out = [], stack = [...tree[i]]; while (stack.length) { const j = stack.pop(); out.push(j); stack.push(...tree[j]); } return out; }
function relayout() {
  const shut = [...document.querySelectorAll('.toggle.collapsed')].map(t => +t.dataset.card.slice(1)).filter(i => !hidden.has(i));
  const gone = new Set(), spans = [];
  shut.forEach(r => { const sub = under(r); sub.forEach(j => gone.add(j));
    const all = [r, ...sub], lo = least(all, j => items[j][A]), hi = most(all, j => items[j][A] + items[j][S]);
    spans.push({r, lo, hi, freed: Math.max(hi - lo - items[r][S], 0)}); });
  const at = items.map(it => it[A]);
  items.forEach((it, i) => { if (gone.has(i)) return;
    let shift = 0; spans.forEach(s => { if (it[A] >= s.hi - 0.01) shift += s.freed; });
    const own = spans.find(s => s.r === i); at[i] = (own ? own.lo : it[A]) - shift; });
  order.forEach(i => { const seen = tree[i].filter(j => !gone.has(j));
    if (!seen.length || shut.includes(i)) return;
    const oldL = least(seen, j => items[j][A]), oldR = most(seen, j => items[j][A] + items[j][S]);
    const newL = least(seen, j => at[j]), newR = most(seen, j => at[j] + items[j][S]);
    at[i] = items[i][A] + (newL + newR - oldL - oldR) / 2; });
  const delta = i => (gone.has(i) ? 0 : at[i] - items[i][A]), move = d => A === 'x' ? [d, 0] : [0, d];
  data.cards.forEach((c, i) => { const [dx, dy] = move(delta(i)), el = document.getElementById(c.id);
    el.setAttribute('transform', shut.length ? `translate(${c.x + dx} ${c.y + dy})` : drawnAt[i]); });
  document.querySelectorAll('.toggle').forEach(t => { const [dx, dy] = move(delta(+t.dataset.card.slice(1)));
    t.setAttribute('transform', `translate(${dx} ${dy})`); });
  data.frames.forEach((f, k) => { frameBox[k] = {x: f.x, y: f.y, w: f.w, h: f.h, shown: true}; });
  boxes.forEach((f, b) => { const [dx, dy] = move(delta(n + b));
    frameBox[f.k] = {x: f.x + dx, y: f.y + dy, w: f.w, h: f.h, shown: !gone.has(n + b) && !hidden.has(f.server)}; });
  data.frames.map((f, k) => k).filter(k => !data.frames[k].empty).sort((a, b) => data.frames[a].w * data.frames[a].h - data.frames[b].w * data.frames[b].h).forEach(k => {
    const f = data.frames[k], rects = f.members.filter(i => !gone.has(i) && !hidden.has(i)).map(i => {
      const [dx, dy] = move(delta(i)); return {x: items[i].x + dx, y: items[i].y + dy, w: items[i].w, h: items[i].h}; });
    const inner = f.inner.map(j => frameBox[j]).filter(b => b.shown);
    if (!rects.length) { frameBox[k] = {...frameBox[k], shown: false}; return; }
    const pad = 10, label = 20, all = rects.concat(inner);
    const x0 = least(all, b => b.x) - pad, y0 = least(rects.concat(inner), b => b.y - label - (rects.includes(b) ? 0 : pad)) - pad;
    const x1 = most(all, b => b.x + b.w) + pad, y1 = most(all, b => b.y + b.h) + pad;
    frameBox[k] = shut.length ? {x: x0, y: y0, w: x1 - x0, h: y1 - y0, shown: true} : {x: f.x, y: f.y, w: f.w, h: f.h, shown: true}; });
  data.frames.forEach((f, k) => { const b = frameBox[k], rect = document.getElementById('f' + k), label = document.getElementById('fl' + k);
    rect.setAttribute('x', b.x); rect.setAttribute('y', b.y); rect.setAttribute('width', b.w); rect.setAttribute('height', b.h);
    rect.style.display = label.style.display = b.shown ? '' : 'none';
    label.setAttribute('transform', `translate(${b.x - f.x} ${b.y - f.y})`); });
  redraw(delta, move);
}
function redraw(delta, move) {
  const lines = new Map();
  data.edges.forEach(([from, to, kind, points]) => {
    const [sx, sy] = move(delta(from)); let tx = sx, ty = sy, shown = !hidden.has(from);
    if (to.startsWith('p')) { const j = +to.slice(1); [tx, ty] = move(delta(j)); shown = shown && !hidden.has(j); }
    else { const k = data.frames.findIndex(f => 'group:' + f.group === to); if (k >= 0) { const b = frameBox[k], f = data.frames[k];
      tx = b.x - f.x + (b.w - f.w) / 2; ty = b.y - f.y; shown = shown && b.shown; } }
    if (!shown) return;
    const moved = points.map(([x, y], p) => (kind === 'serves' ? p < points.length - 1 : p < 2) ? [x + sx, y + sy]
      : kind === 'report' && p === 2 ? (A === 'x' ? [x + tx, y + sy] : [x + sx, y + ty]) : [x + tx, y + ty]);
    const key = kind + ' ' + from; lines.set(key, (lines.get(key) || '') + 'M' + moved.map(q => q.join(' ')).join('L'));
  });
  const shut = document.querySelector('.toggle.collapsed') !== null;
  document.querySelectorAll('.edge').forEach(e => { if (!shut) { e.setAttribute('d', pathD.get(e)); return; }
    const d = lines.get((e.classList.contains('serves') ? 'serves ' : 'report ') + (+e.dataset.from.slice(1)));
    if (d) e.setAttribute('d', d); else e.style.display = 'none'; });
}
const panel = document.getElementById('panel');
function show(i) {
  const c = data.cards[i], esc = s => s.replace(/[&<>"']/g, ch => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[ch]));
  const list = xs => '<ul>' + xs.map(x => `<li>${esc(x)}</li>`).join('') + '</ul>';
  let html = `<h2>${esc(c.name)}</h2><p>${c.vacancy ? esc(data.labels.vacancy) : ''}</p>`;
  c.roles.forEach(r => { const p = data.posts[r]; html += `<h3>${esc(p.name)}</h3><p>${esc(p.purpose)}</p>`
    + `<b>${esc(data.labels.before)}</b>${list(p.before)}<b>${esc(data.labels.during)}</b>${list(p.during)}`
    + `<b>${esc(data.labels.after)}</b>${list(p.after)}<b>KPI</b>${list(p.kpis)}`; });
  panel.innerHTML = `<button id="close" type="button" aria-label="${esc(data.labels.close)}">×</button>` + html;
  panel.hidden = false; document.getElementById('close').addEventListener('click', hide);
}
function hide() { panel.hidden = true; }
// A card opens its panel (a drag that ends on a card does not); ×, Esc or a click outside closes it.
data.cards.forEach((c, i) => document.getElementById(c.id).addEventListener('click', e => { e.stopPropagation(); if (!moved) show(i); }));
document.addEventListener('keydown', e => { if (e.key === 'Escape') hide(); });
document.addEventListener('click', e => { if (!panel.hidden && !panel.contains(e.target) && !moved) hide(); });
const search = document.getElementById('search'), count = document.getElementById('count');
search.addEventListener('input', () => {
  const q = search.value.trim().toLowerCase(); let first = -1, n = 0;
  data.cards.forEach((c, i) => {
    const text = (c.name + ' ' + c.roles.map(r => data.posts[r].name + ' ' + r).join(' ')).toLowerCase();
    const hit = q && text.includes(q), el = document.getElementById(c.id);
    el.classList.toggle('hit', !!hit); el.classList.toggle('dim', !!q && !hit);
    if (hit) { n++; if (first < 0) first = i; }
  });
  count.textContent = q ? `${n}` : '';
  if (first >= 0) zoomTo(data.cards[first]);
});
// The match is zoomed to: its card a third of the view wide (never smaller than it was, at most 2×).
function zoomTo(c) {
  const box = svg.getBoundingClientRect(), k = Math.min(Math.max(view.k, box.width / 3 / c.w, box.height / 4 / c.h), 2);
  view = {k, x: box.width / 2 - (c.x + c.w / 2) * k, y: box.height / 2 - (c.y + c.h / 2) * k}; apply();
}
document.getElementById('fit').addEventListener('click', fit);
fit();
"""


def _frames(chart: Chart) -> list[dict[str, object]]:
    """Each frame with the cards and smaller frames inside it (by position: a department frame covers its
    people), and an empty group's box with the card laid out above it, for the page's re-layout."""
    order = sorted(range(len(chart.cards)), key=lambda i: chart.cards[i].x)
    lefts = [chart.cards[i].x for i in order]
    out: list[dict[str, object]] = []
    for f in chart.frames:
        near = order[bisect_left(lefts, f.x):bisect_right(lefts, f.x + f.w)]
        members = sorted(i for i in near if _inside(chart.cards[i], f))
        inner = [k for k, g in enumerate(chart.frames) if g is not f and _inside(g, f)]
        server = next((i for i, c in enumerate(chart.cards) if f.group in c.serves), -1) if f.empty else -1
        out.append({"x": f.x, "y": f.y, "w": f.w, "h": f.h, "group": f.group, "empty": f.empty,
                    "members": members, "inner": inner, "server": server})
    return out


def _inside(box: Card | Frame, f: Frame) -> bool:
    return f.x <= box.x and box.x + box.w <= f.x + f.w and f.y <= box.y and box.y + box.h <= f.y + f.h


def _edges(chart: Chart) -> list[list[object]]:
    """Every line as [source card, target (card id or group:…), kind, points relative to where its ends were
    drawn]: the page adds how far each end moved."""
    index = {c.id: i for i, c in enumerate(chart.cards)}
    return [[index[e.source], e.target, e.kind, [[round(x, 2), round(y, 2)] for x, y in e.points]]
            for e in chart.edges if e.source in index]


def render_html(chart: Chart) -> str:
    """The chart as one self-contained HTML page (str)."""
    zh = any(ord(ch) > 0x2E80 for ch in chart.subtitle)
    labels = ({"vacancy": "待招聘", "before": "直播前", "during": "直播中", "after": "直播后", "close": "关闭"} if zh else
              {"vacancy": "to hire", "before": "Before the live", "during": "During", "after": "After",
               "close": "Close"})
    data = {"width": chart.width, "height": chart.height, "parents": chart.parents, "labels": labels,
            "cards": [{"id": c.id, "name": c.name, "roles": c.roles, "vacancy": c.vacancy, "x": c.x, "y": c.y,
                       "w": c.w, "h": c.h} for c in chart.cards],
            "posts": msgspec.to_builtins(chart.posts), "orientation": chart.orientation,
            "frames": _frames(chart), "edges": _edges(chart)}
    # JSON inside <script>: no "<" may appear raw, so "</script>" in a name cannot end the block.
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    placeholder = "搜索姓名或岗位" if zh else "Search name or post"
    return (f'<!doctype html>\n<html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{escape(chart.title)}</title><style>{STYLE}</style></head><body>"
            f'<header><h1 title="{escape(chart.title)}">{escape(chart.title)}</h1><p>{escape(chart.subtitle)}</p>'
            f'<input id="search" type="search" placeholder="{placeholder}" aria-label="{placeholder}">'
            f'<span id="count"></span><button id="fit">{"适应窗口" if zh else "Fit"}</button></header>'
            f'<main><div id="viewport">{svg_document(chart, interactive=True)}</div>'
            f'<aside id="panel" hidden></aside></main>'
            f'<script id="chart-data" type="application/json">{payload}</script>'
            f"<script>{SCRIPT}</script></body></html>\n")
