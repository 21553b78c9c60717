// The wizard asks the plan API as answers come in and shows the stage diagnosis and the team it suggests.
(() => {
  const form = document.getElementById('wizard');
  if (!form) return;
  const lang = form.dataset.lang;
  const names = JSON.parse(document.getElementById('wizard-data').textContent);
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const $ = id => document.getElementById(id);
  let timer = null, seq = 0;

  // The questions come from the page (profilefields.QUESTIONS), so a new profile field needs no change here.
  function profile() {
    const data = new FormData(form), out = {};
    for (const q of names.questions) {
      const raw = String(data.get(q.name) || '').replace(/[,，]/g, '').trim();
      if (q.kind === 'checks') out[q.name] = data.getAll(q.name);
      else if (q.kind === 'yesno') { if (raw === 'yes' || raw === 'no') out[q.name] = raw === 'yes'; }
      else if (q.kind === 'radio') { if (raw) out[q.name] = raw; }
      else if (raw) out[q.name] = q.integer ? parseInt(raw, 10) : Number(raw);
    }
    const name = String(data.get('name') || '').trim(); if (name) out.merchant = name;
    return out;
  }

  // On a phone the diagnosis sits below all the questions: a line under the sales field says the stage at once
  // and leads down to it (the stylesheet shows the line on narrow screens only).
  function inline(stage, people) {
    let line = $('diagnosis-inline');
    if (!line) {
      line = Object.assign(document.createElement('a'), {id: 'diagnosis-inline', href: '#diagnosis'});
      const sales = form.querySelector('[data-field="monthly_sales"] input');
      if (!sales) return;
      sales.after(line);
    }
    line.textContent = lang === 'en' ? `${stage} · ${people} people suggested · see the diagnosis below ↓`
                                     : `${stage} · 推荐${people}人 · 诊断见下方 ↓`;
  }

  function show(plan) {
    const d = plan.diagnosis;
    $('diagnosis-empty').hidden = true; $('diagnosis-error').hidden = true; $('diagnosis-body').hidden = false;
    $('diagnosis-stage').textContent = names.stages[d.stage] || d.stage;
    $('diagnosis-reason').textContent = d.reason;
    const next = d.next_stage ? names.stages[d.next_stage] : null;
    $('diagnosis-next').textContent = next && d.sales_to_next != null
      ? (lang === 'en' ? `${Math.round(d.sales_to_next).toLocaleString()} CNY a month more to reach ${next}`
                       : `距${next}还差${d.sales_to_next / 10000}万元`) : '';
    const list = $('diagnosis-people'); list.replaceChildren();
    for (const p of plan.people) {
      const li = document.createElement('li');
      li.textContent = `${p.name}${lang === 'en' ? ': ' : '：'}${p.roles.map(r => names.roles[r] || r).join(lang === 'en' ? ', ' : '、')}`;
      list.append(li);
    }
    inline(names.stages[d.stage] || d.stage, plan.people.length);
    const count = s => plan.findings.filter(f => f.severity === s).length;
    $('diagnosis-findings').textContent = lang === 'en'
      ? `${plan.people.length} people · ${count('error')} errors, ${count('warning')} warnings`
      : `${plan.people.length}人 · ${count('error')}个错误，${count('warning')}个警告`;
  }

  async function diagnose() {
    const body = profile();
    if (body.monthly_sales === undefined) return;
    const mine = ++seq;
    const response = await fetch(`/api/v1/plan?lang=${lang}`, {
      method: 'POST', credentials: 'same-origin',
      headers: {'content-type': 'application/json', 'x-csrf-token': token}, body: JSON.stringify(body)});
    if (mine !== seq) return;  // a newer answer is on its way
    const data = await response.json();
    if (response.ok) show(data);
    else { $('diagnosis-error').hidden = false; $('diagnosis-error').textContent = data.error ? data.error.message : JSON.stringify(data.detail); }
  }

  form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(diagnose, 200); });
  diagnose();
})();
