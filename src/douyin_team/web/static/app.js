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
