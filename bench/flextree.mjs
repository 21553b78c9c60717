// Lays out a tree with d3-flextree for bench_chart.py: reads {parents, widths, heights, gap, level}
// from stdin, prints {width, seconds} or {error}. Same spacing as ours: box + gap, box + level.
import { flextree } from "d3-flextree";
import { readFileSync } from "node:fs";

const t = JSON.parse(readFileSync(0, "utf8"));
const n = t.parents.length;
const kids = Array.from({ length: n }, () => []);
let root = 0;
t.parents.forEach((p, i) => (p < 0 ? (root = i) : kids[p].push(i)));
// Built with a loop, so that any stack overflow is flextree's own.
const nodes = t.parents.map((_, i) => ({ i, size: [t.widths[i] + t.gap, t.heights[i] + t.level], children: [] }));
kids.forEach((cs, p) => { nodes[p].children = cs.map((c) => nodes[c]); });
const build = (i) => nodes[i];
try {
  const start = performance.now();
  const layout = flextree();
  const tree = layout.hierarchy(build(root));
  layout(tree);
  let min = Infinity, max = -Infinity;
  tree.each((d) => { min = Math.min(min, d.x - d.xSize / 2); max = Math.max(max, d.x + d.xSize / 2 - t.gap); });
  console.log(JSON.stringify({ width: max - min, seconds: (performance.now() - start) / 1000 }));
} catch (e) {
  console.log(JSON.stringify({ error: e instanceof RangeError ? "stack overflow" : String(e).slice(0, 60) }));
}
