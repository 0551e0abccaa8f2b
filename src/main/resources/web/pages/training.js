// Training: start a run, watch runs with live progress, see the models with their metrics and which one is
// active, and activate a kept version.

import { api, h, show, errorBox, badge, table, when, duration, num, act, notify, poll, progress, pct } from '../lib.js';

const TYPES = {
  home_type_classifier: 'Home type classifier',
  synergy_scorer: 'Synergy scorer',
  suggestion_ranker: 'Suggestion ranker',
};

export default async function training(root) {
  const runsBox = h('div', { 'data-testid': 'training-runs' });
  // one short live line (phase changes and outcomes), not the whole table every second
  const runStatus = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const modelsBox = h('div', { 'data-testid': 'training-models' });
  const type = h('select', { id: 'train-type' }, Object.entries(TYPES).map(([v, l]) => h('option', { value: v }, l)));
  const homes = h('input', { id: 'train-homes', type: 'number', min: 10, max: 5000, step: 10, placeholder: 'default', inputmode: 'numeric' });
  const start = h('button', { type: 'submit' }, 'Start training');
  const form = h('form', { class: 'row train-form' },
    h('label', { for: 'train-type' }, 'Model'), type,
    h('label', { for: 'train-homes' }, 'Synthetic homes'), homes, start);
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    act(start, async () => {
      const body = { type: type.value };
      if (homes.value) body.homes = Number(homes.value);
      const run = await api('/api/v1/training/runs', { method: 'POST', body });
      notify(`${TYPES[run.type]} training started`);
      watch(); // not awaited: the page stays usable while the run goes
    }, 'Training could not start');
  });

  let watching = false;
  async function loadModels() {
    try {
      const r = await api('/api/v1/training/models');
      renderModels(modelsBox, r.models, loadModels);
    } catch (e) {
      show(modelsBox, errorBox(e, 'Models could not be read'));
    }
  }
  async function loadRuns() {
    const r = await api('/api/v1/training/runs?limit=20');
    renderRuns(runsBox, r.runs);
    const busy = r.runs.filter(x => x.status === 'queued' || x.status === 'running');
    const latest = r.runs[0];
    const line = busy.length ? busy.map(x => `${TYPES[x.type] || x.type}: ${x.phase}`).join('; ')
      : latest ? `${TYPES[latest.type] || latest.type} ${latest.status}` : '';
    if (runStatus.textContent !== line) runStatus.textContent = line;
    return busy.length > 0;
  }
  async function watch() {
    if (watching) return;
    watching = true;
    let wasBusy = false;
    await poll(async () => {
      const busy = await loadRuns();
      if (wasBusy && !busy) await loadModels(); // a run ended: its model may be the active one now
      wasBusy = busy;
      return !busy;
    }, 1000, e => show(runsBox, errorBox(e, 'Runs could not be read (retrying)')));
    watching = false;
  }

  show(root,
    h('section', { class: 'card', 'aria-labelledby': 'runs-h' }, h('h2', { id: 'runs-h' }, 'Runs'), form, runStatus, runsBox),
    h('section', { class: 'card', 'aria-labelledby': 'models-h' }, h('h2', { id: 'models-h' }, 'Models'), modelsBox));
  await loadModels();
  await loadRuns().catch(e => show(runsBox, errorBox(e, 'Runs could not be read')));
  watch(); // follows runs going now; not awaited, so the page is not marked busy while a run lasts
}

function metrics(m) {
  if (!m) return '–';
  const parts = [];
  if (m.accuracy != null) parts.push(`accuracy ${pct(m.accuracy, 1)}`);
  if (m.f1 != null) parts.push(`F1 ${Number(m.f1).toFixed(2)}`);
  if (m.auc != null) parts.push(`AUC ${Number(m.auc).toFixed(2)}`);
  if (m.loss != null) parts.push(`loss ${Number(m.loss).toFixed(3)}`);
  return parts.join(' · ') || '–';
}

function renderRuns(box, runs) {
  if (!runs.length) { show(box, h('p', { class: 'empty' }, 'No training runs yet.')); return; }
  show(box, table([
    { title: 'Model', cell: r => TYPES[r.type] || r.type },
    { title: 'Status', cell: r => [badge(r.status), r.status === 'running' || r.status === 'queued'
      ? [' ', progress(r.progress, `${TYPES[r.type]} progress`), ` ${r.phase} ${pct(r.progress)}`] : null] },
    { title: 'Result', cell: r => r.error ? h('span', { class: 'error-text' }, r.error)
      : r.model_version ? `version ${r.model_version}: ${metrics(r.metrics)}` : metrics(r.metrics) },
    { title: 'Examples', cell: r => num(r.dataset_size), class: 'num' },
    { title: 'Why', cell: r => r.trigger },
    { title: 'Started', cell: r => when(r.started_at || r.created_at) },
    { title: 'Took', cell: r => duration(r.duration_ms), class: 'num' },
  ], runs, { rowAttrs: r => ({ 'data-status': r.status, 'data-type': r.type }) }));
}

function renderModels(box, models, reload) {
  if (!models.length) { show(box, h('p', { class: 'empty' }, 'No trained models: Hestia uses its rules until one is trained.')); return; }
  const byType = {};
  for (const m of models) (byType[m.type] ||= []).push(m);
  show(box, Object.entries(byType).map(([t, list]) => h('div', { class: 'model-group' },
    h('h3', null, TYPES[t] || t),
    table([
      { title: 'Version', cell: m => [String(m.version), ' ', m.active ? badge('active', 'up') : null] },
      { title: 'Metrics', cell: m => metrics(m.metrics) },
      { title: 'Examples', cell: m => num(m.dataset_size), class: 'num' },
      { title: 'Algorithm', cell: m => m.algorithm },
      { title: 'Trained', cell: m => when(m.created_at) },
      { title: '', cell: m => m.active ? null : activateButton(m, reload) },
    ], list.sort((a, b) => b.version - a.version)))));
}

function activateButton(m, reload) {
  const b = h('button', { type: 'button', class: 'secondary', 'data-action': 'activate' }, `Use version ${m.version}`);
  b.addEventListener('click', () => act(b, async () => {
    await api(`/api/v1/training/models/${encodeURIComponent(m.type)}/${m.version}/activate`, { method: 'POST' });
    notify(`${TYPES[m.type] || m.type} version ${m.version} is active`);
    await reload();
  }, 'The model could not be activated'));
  return b;
}
