// Every page: the header's menu button (phones) opens and closes the navigation.
(() => {
  const button = document.getElementById('menu-button'), top = button && button.closest('.top');
  if (!button) return;
  button.addEventListener('click', () => {
    const open = !top.classList.contains('open');
    top.classList.toggle('open', open); button.setAttribute('aria-expanded', String(open));
  });
  document.addEventListener('keydown', e => {
    if (e.key === 'Escape' && top.classList.contains('open')) { top.classList.remove('open'); button.setAttribute('aria-expanded', 'false'); }
  });
})();
// Printing a team: the page is landscape when the chart is wider than tall (the stylesheet's default), else
// portrait, so the chart fills the sheet either way.
(() => {
  const chart = document.querySelector('img.print-chart');
  if (!chart) return;
  const orient = () => {
    if (!chart.naturalWidth) return;
    const style = document.getElementById('print-page') || document.head.appendChild(Object.assign(document.createElement('style'), {id: 'print-page'}));
    const wide = chart.naturalWidth >= chart.naturalHeight;
    style.textContent = `@media print{@page{size:A4 ${wide ? 'landscape' : 'portrait'};margin:10mm}` +
      (wide ? '}' : '.print-chart{max-height:265mm}}');
  };
  if (chart.complete) orient(); else chart.addEventListener('load', orient);
})();
// A "copy" button (the share page's new link): copies the text of the element it names, says it did.
document.querySelectorAll('button.copy[data-copy]').forEach(button => {
  button.addEventListener('click', () => {
    const source = document.querySelector(button.dataset.copy);
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.textContent.trim()).then(() => { button.textContent = button.dataset.done; });
  });
});
// A chart frame (team and scenario pages) as tall as its chart drawn at the frame's width, within limits: a
// three-person team leaves no half-empty frame, a large one gets most of the window to pan and zoom in.
document.querySelectorAll('iframe[data-fit-chart]').forEach(frame => {
  const fit = () => {
    const doc = frame.contentDocument, source = doc && doc.getElementById('chart-data');
    if (!source) return;
    const data = JSON.parse(source.textContent), header = doc.querySelector('header');
    const drawn = data.height * Math.min(frame.clientWidth / data.width, 1);
    const low = 280, high = Math.max(low, Math.round(window.innerHeight * (window.innerWidth > 760 ? 0.85 : 0.7)));
    const height = Math.min(Math.max(Math.round((header ? header.offsetHeight : 0) + drawn + 24), low), high);
    if (Math.abs(height - frame.clientHeight) < 2) return;  // as it is: keep the reader's pan and zoom
    frame.style.height = `${height}px`;
    const redraw = frame.contentWindow && frame.contentWindow.fit;  // the chart's own "fit to window"
    if (typeof redraw === 'function') requestAnimationFrame(() => redraw());
  };
  frame.addEventListener('load', fit);
  if (frame.contentDocument && frame.contentDocument.readyState === 'complete') fit();
  // Only a change of width refits: a phone's address bar showing or hiding changes the height alone.
  let timer = null, width = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth === width) return;
    width = window.innerWidth; clearTimeout(timer); timer = setTimeout(fit, 150);
  });
});
