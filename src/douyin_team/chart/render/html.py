"""HTML: one self-contained offline page — the chart with pan and zoom, collapsible groups, search by
name or post, and a side panel with a person's duties and KPIs. No network, no external files."""

from __future__ import annotations

import json
from html import escape

import msgspec

from ..model import Chart
from .svg import svg_document

STYLE = """
*{box-sizing:border-box}body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
color:#1f2329;background:#f5f6f7;height:100vh;display:flex;flex-direction:column}
header{display:flex;gap:12px;align-items:center;padding:8px 16px;background:#fff;border-bottom:1px solid #dee0e3}
header h1{font-size:18px;margin:0}header p{margin:0;color:#646a73;font-size:13px;flex:1}
input{padding:6px 10px;border:1px solid #c9cdd4;border-radius:6px;width:240px}
button{padding:6px 10px;border:1px solid #c9cdd4;border-radius:6px;background:#fff;cursor:pointer}
main{flex:1;display:flex;min-height:0;position:relative}#viewport{flex:1;overflow:hidden;cursor:grab;background:#fff;
touch-action:none;user-select:none;-webkit-user-select:none}#viewport.dragging{cursor:grabbing}
#viewport svg{width:100%;height:100%}#panel{position:absolute;top:0;right:0;bottom:0;width:340px;max-width:100%;
overflow:auto;padding:12px 16px;background:#fff;border-left:1px solid #dee0e3;font-size:13px;
box-shadow:-4px 0 16px rgba(0,0,0,.12)}#panel[hidden]{display:none}#close{position:sticky;top:0;float:right;
font-size:18px;line-height:1;padding:6px 10px}
@media (max-width:600px){header{flex-wrap:wrap;padding:6px 10px}header p{flex-basis:100%;order:3}
input{flex:1;width:auto;min-width:0;font-size:16px}#panel{width:100%;top:auto;max-height:70%;border-left:0;
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
  refresh();
}));
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


def render_html(chart: Chart) -> str:
    """The chart as one self-contained HTML page (str)."""
    zh = any(ord(ch) > 0x2E80 for ch in chart.subtitle)
    labels = ({"vacancy": "待招聘", "before": "直播前", "during": "直播中", "after": "直播后", "close": "关闭"} if zh else
              {"vacancy": "to hire", "before": "Before the live", "during": "During", "after": "After",
               "close": "Close"})
    data = {"width": chart.width, "height": chart.height, "parents": chart.parents, "labels": labels,
            "cards": [{"id": c.id, "name": c.name, "roles": c.roles, "vacancy": c.vacancy, "x": c.x, "y": c.y,
                       "w": c.w, "h": c.h} for c in chart.cards],
            "posts": msgspec.to_builtins(chart.posts)}
    # JSON inside <script>: no "<" may appear raw, so "</script>" in a name cannot end the block.
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    placeholder = "搜索姓名或岗位" if zh else "Search name or post"
    return (f'<!doctype html>\n<html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{escape(chart.title)}</title><style>{STYLE}</style></head><body>"
            f"<header><h1>{escape(chart.title)}</h1><p>{escape(chart.subtitle)}</p>"
            f'<input id="search" type="search" placeholder="{placeholder}" aria-label="{placeholder}">'
            f'<span id="count"></span><button id="fit">{"适应窗口" if zh else "Fit"}</button></header>'
            f'<main><div id="viewport">{svg_document(chart, interactive=True)}</div>'
            f'<aside id="panel" hidden></aside></main>'
            f'<script id="chart-data" type="application/json">{payload}</script>'
            f"<script>{SCRIPT}</script></body></html>\n")
