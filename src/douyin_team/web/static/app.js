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
