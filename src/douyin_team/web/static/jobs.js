// Background jobs on the pages: a form with data-job-api starts its job through the JSON API (the session
// cookie and the CSRF header), and every .job-status line polls its job until it is done or failed.
(() => {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const lang = document.documentElement.lang === 'en' ? 'en' : 'zh';
  const POLL_MS = 1000;

  function show(line, job) {
    line.dataset.state = job.state;
    line.querySelector('.job-state').textContent = job.state_text;
    line.querySelector('.job-progress').textContent = job.progress.text;
    line.querySelector('.job-error').textContent = job.error && job.state === 'failed' ? job.error : '';
    const link = line.querySelector('.job-download');
    if (job.artefact_url) {
      link.href = job.artefact_url;
      link.hidden = false;
    }
  }

  async function poll(line) {
    while (line.dataset.state === 'queued' || line.dataset.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const response = await fetch(`${line.dataset.url}?lang=${lang}`, {headers: {accept: 'application/json'}});
      if (!response.ok) return;
      show(line, await response.json());
    }
  }

  function lineFor(job) {
    const line = document.createElement('p');
    line.className = 'job-status';
    line.id = `job-${job.id}`;
    line.dataset.url = job.url;
    line.setAttribute('role', 'status');
    for (const name of ['job-state', 'job-progress', 'job-error error']) {
      const span = document.createElement('span');
      span.className = name;
      line.append(span, ' ');
    }
    const link = document.createElement('a');
    link.className = 'job-download';
    link.hidden = true;
    link.setAttribute('download', '');
    link.textContent = `${lang === 'en' ? 'Download' : '下载'} ${job.filename}`;
    line.insertBefore(link, line.querySelector('.job-error'));
    return line;
  }

  async function start(event) {
    const form = event.target;
    event.preventDefault();
    const data = new FormData(form);
    const body = {what: data.get('what'), fmt: data.get('fmt')};
    if (data.get('rev')) body.revision = Number(data.get('rev'));
    const chosen = data.getAll('merchant').map(Number);
    if (form.querySelector('[name="merchant"]')) body.merchants = chosen.length ? chosen : null;
    const response = await fetch(`${form.dataset.jobApi}?lang=${lang}`, {
      method: 'POST', headers: {'content-type': 'application/json', 'x-csrf-token': token}, body: JSON.stringify(body)});
    const job = await response.json();
    const list = form.parentElement.querySelector('.job-list') || form.closest('section, div').querySelector('.job-list');
    if (!response.ok) {
      const error = document.createElement('p');
      error.className = 'error';
      error.textContent = job.error ? job.error.message : String(response.status);
      list.prepend(error);
      return;
    }
    const line = lineFor(job);
    list.prepend(line);
    show(line, job);
    poll(line);
  }

  for (const form of document.querySelectorAll('form[data-job-api]')) form.addEventListener('submit', start);
  for (const line of document.querySelectorAll('.job-status[data-url]')) poll(line);
})();
