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
main{flex:1;display:flex;min-height:0}#viewport{flex:1;overflow:hidden;cursor:grab;background:#fff}
#viewport svg{width:100%;height:100%}#panel{width:340px;overflow:auto;padding:12px 16px;background:#fff;
border-left:1px solid #dee0e3;font-size:13px}#panel h2{font-size:16px;margin:4px 0}#panel h3{font-size:14px;
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
let drag = null;
svg.addEventListener('pointerdown', e => { drag = {x: e.clientX - view.x, y: e.clientY - view.y}; });
window.addEventListener('pointermove', e => { if (drag) { view.x = e.clientX - drag.x; view.y = e.clientY - drag.y; apply(); } });
window.addEventListener('pointerup', () => { drag = null; });
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
  panel.innerHTML = html; panel.hidden = false;
}
data.cards.forEach((c, i) => document.getElementById(c.id).addEventListener('click', () => show(i)));
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
  if (first >= 0) { const c = data.cards[first], box = svg.getBoundingClientRect();
    view.x = box.width / 2 - (c.x + c.w / 2) * view.k; view.y = box.height / 2 - (c.y + c.h / 2) * view.k; apply(); }
});
document.getElementById('fit').addEventListener('click', fit);
fit();
"""


def render_html(chart: Chart) -> str:
    """The chart as one self-contained HTML page (str)."""
    zh = any(ord(ch) > 0x2E80 for ch in chart.subtitle)
    labels = ({"vacancy": "待招聘", "before": "直播前", "during": "直播中", "after": "直播后"} if zh else
              {"vacancy": "to hire", "before": "Before the live", "during": "During", "after": "After"})
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
