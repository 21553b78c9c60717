// The staffing roster on a phone: each person folds to one line (name · skills · hours · cost), tapped open to
// edit; of the empty rows only one shows, with a button for another. The inputs stay in the form, folded or
// not, so what is sent is the same as without this script. On a wide screen the table is left as it is.
(function () {
  const table = document.getElementById('roster-input');
  if (!table) return;
  const en = document.documentElement.lang === 'en';
  const rows = Array.from(table.tBodies[0].rows);
  const value = (row, name) => { const input = row.querySelector(`input[name^="${name}_"]`); return input ? input.value.trim() : ''; };
  const filled = (row) => value(row, 'name') || value(row, 'skills');

  function summary(row) {
    const parts = [value(row, 'name') || (en ? '(no name)' : '（未填姓名）'), value(row, 'skills')];
    if (value(row, 'hours')) parts.push(value(row, 'hours') + (en ? ' h/week' : '小时/周'));
    if (value(row, 'monthly_cost')) parts.push(value(row, 'monthly_cost') + (en ? ' CNY' : '元'));
    if (value(row, 'available')) parts.push(value(row, 'available'));
    return parts.filter(Boolean).join(' · ');
  }

  rows.forEach((row) => {
    const cell = row.insertCell(0);
    cell.className = 'fold';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'fold-button';
    button.setAttribute('aria-expanded', 'false');
    cell.appendChild(button);
    const show = () => { button.textContent = summary(row); };
    show();
    row.addEventListener('input', show);
    button.addEventListener('click', () => {
      const open = row.classList.toggle('folded') === false;
      button.setAttribute('aria-expanded', String(open));
      if (open) { const first = row.querySelector('input:not([type=hidden])'); if (first) first.focus(); }
    });
    if (filled(row)) row.classList.add('folded');
  });
  const head = table.tHead && table.tHead.rows[0];
  if (head) head.insertCell(0).outerHTML = '<th class="fold"></th>';

  // Empty rows: the first shows, open; the others wait behind "add another".
  const blank = rows.filter((row) => !filled(row));
  blank.slice(1).forEach((row) => row.classList.add('spare'));
  if (blank.length > 1) {
    const add = document.createElement('button');
    add.type = 'button';
    add.id = 'add-person';
    add.className = 'add-person';
    add.textContent = en ? '+ Add another person' : '+ 再加一人';
    add.addEventListener('click', () => {
      const next = table.querySelector('tr.spare');
      if (next) { next.classList.remove('spare'); const input = next.querySelector('input'); if (input) input.focus(); }
      if (!table.querySelector('tr.spare')) add.remove();
    });
    table.closest('.scroll').after(add);
  }
  // A row with an error stays open (the server marks it with .bad-row).
  table.querySelectorAll('tr.bad-row').forEach((row) => row.classList.remove('folded'));
  table.classList.add('foldable');
})();
