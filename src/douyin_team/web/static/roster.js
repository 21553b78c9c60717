// The roster editor saves the whole team as one JSON document (no per-field form limit, any team size).
// An error is shown in the page, the row it is about marked; the edit stays as it is.
(() => {
  const form = document.getElementById('roster-form');
  if (!form || !window.fetch) return;
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const zh = form.dataset.lang !== 'en';
  const box = document.getElementById('save-error');
  const FIELDS = ['name', 'roles', 'reports_to', 'department', 'hours', 'monthly_cost', 'can_cover', 'phone'];
  const save = document.getElementById('save-roster');
  if (save.dataset.waits !== undefined) {  // a long roster: only this script can save it
    save.disabled = false;
    const waits = document.getElementById('save-waits'); if (waits) waits.hidden = true;
  }

  function rows() {
    return [...form.querySelectorAll('tbody tr')].map(tr => {
      const value = f => { const el = tr.querySelector(`[name^="${f}_"]`); return el ? el.value : ''; };
      const checked = f => { const el = tr.querySelector(`[name^="${f}_"]`); return !!(el && el.checked); };
      const row = {};
      for (const f of FIELDS) row[f] = value(f).trim();
      row.vacancy = checked('vacancy'); row.remove = checked('remove');
      const id = tr.querySelector('[name^="id_"]'); if (id) row.id = id.value;
      return row;
    });
  }

  function show(message, row, field) {
    form.querySelectorAll('.bad-row').forEach(tr => tr.classList.remove('bad-row'));
    form.querySelectorAll('input.bad').forEach(el => el.classList.remove('bad'));
    box.textContent = message; box.hidden = false;
    const tr = row != null ? form.querySelectorAll('tbody tr')[row] : null;
    if (tr) {
      tr.classList.add('bad-row');
      const input = tr.querySelector(`[name^="${field || 'name'}_"]`) || tr.querySelector('input');
      input.classList.add('bad'); input.focus();
    } else box.scrollIntoView({block: 'center'});
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    save.disabled = true;
    const body = {base_revision: form.elements.base_revision.value, message: form.elements.message.value, people: rows()};
    try {
      const response = await fetch(form.dataset.json, {method: 'POST', credentials: 'same-origin',
        headers: {'content-type': 'application/json', 'x-csrf-token': token}, body: JSON.stringify(body)});
      const data = await response.json().catch(() => ({}));
      if (response.ok && data.location) { window.location.assign(data.location); return; }
      const error = data.error || {};
      show(error.message || (zh ? `保存失败（${response.status}），你的修改还在页面上` : `Not saved (${response.status}); your edit is still here`),
           error.row, error.field);
    } catch (e) {
      show(zh ? '网络连接失败，没有保存；你的修改还在页面上，请再试一次' : 'No connection: not saved. Your edit is still here; try again');
    } finally { save.disabled = false; }
  });
})();
