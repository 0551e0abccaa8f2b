// Suggestions: cards with title, evidence, confidence and category; the YAML with its validation findings
// marked at their lines; approve, reject, deploy; a deployed one links to its automation.

import { api, h, show, errorBox, badge, meter, pct, when, act, notify, yamlView, findingsList, marksOf, qs } from '../lib.js';

const STATUSES = ['pending', 'approved', 'deployed', 'rejected', 'superseded'];

export default async function suggestions(root, args) {
  let status = STATUSES.includes(args[0]) ? args[0] : '';
  const list = h('div', { class: 'cards', 'data-testid': 'suggestion-list' });
  const filter = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Show suggestions by status' });
  const generateBox = h('div', { role: 'status', 'aria-live': 'polite' });
  const generate = h('button', { type: 'button', 'data-testid': 'generate-suggestions' }, 'Draft new suggestions');
  generate.addEventListener('click', () => act(generate, async () => {
    const r = await api('/api/v1/suggestions/generate', { method: 'POST', body: { limit: 10 } });
    const sk = r.skipped || {};
    show(generateBox, h('p', { class: 'outcome' },
      `${r.created} new suggestion${r.created === 1 ? '' : 's'} from ${r.considered} patterns and synergies`
      + ` (skipped: ${sk.already_suggested || 0} already suggested, ${sk.already_automated || 0} already automated in HA,`
      + ` ${sk.not_actionable || 0} not actionable, ${sk.invalid || 0} invalid).`),
      (r.notes || []).length ? h('ul', { class: 'warnings' }, r.notes.map(n => h('li', null, n))) : null);
    await load();
  }, 'Suggestions could not be drafted'));

  let counts = {};
  let loads = 0; // only the newest list request may render (fast filter clicks)
  function renderFilter() {
    show(filter, ['', ...STATUSES].map(s => {
      const b = h('button', { type: 'button', class: 'seg', 'aria-pressed': String(s === status) },
        s ? `${s}${counts[s] ? ` (${counts[s]})` : ''}` : 'all');
      b.addEventListener('click', () => { status = s; history.replaceState(null, '', `#/suggestions${s ? `/${s}` : ''}`); load(); });
      return b;
    }));
  }

  async function load() {
    const ticket = ++loads;
    try {
      const r = await api(`/api/v1/suggestions${qs({ status, limit: 100 })}`);
      if (ticket !== loads) return;
      counts = r.counts || {}; // statuses with no suggestion are left out: a stale count must not linger
      renderFilter();
      if (!r.suggestions.length) {
        show(list, h('p', { class: 'empty' }, status ? `No ${status} suggestions.` : 'No suggestions yet. Run an analysis (Overview) and draft suggestions from its patterns, or ask for an automation.'));
        return;
      }
      show(list, r.suggestions.map(s => suggestionCard(s, load)));
    } catch (e) {
      if (ticket === loads) show(list, errorBox(e, 'Suggestions could not be read'));
    }
  }

  show(root, h('div', { class: 'toolbar' }, filter, h('div', { class: 'actions' }, generate)), generateBox, list);
  renderFilter();
  await load();
}

/** One suggestion as a card; its buttons act on it and re-render it in place. */
export function suggestionCard(s, reload) {
  const el = h('article', { class: `card suggestion status-${s.status}`, 'data-id': s.id, 'aria-labelledby': `s-${s.id}` });
  const detail = h('div', { class: 'detail' });
  let open = false;

  function render(sug) {
    s = sug;
    el.className = `card suggestion status-${s.status}`;
    const buttons = [];
    const toggle = h('button', { type: 'button', class: 'secondary', 'aria-expanded': String(open) }, open ? 'Hide YAML' : 'YAML and checks');
    toggle.addEventListener('click', async () => {
      open = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? 'Hide YAML' : 'YAML and checks';
      if (open) await loadDetail(); else detail.replaceChildren();
    });
    buttons.push(toggle);
    if (s.status === 'pending') buttons.push(button('Approve', 'approve', async () => {
      render(await api(`/api/v1/suggestions/${enc(s.id)}/approve`, { method: 'POST', body: {} }));
      notify(`Approved: ${s.title}`);
    }));
    if (s.status === 'approved' || s.status === 'deployed') buttons.push(button(s.status === 'deployed' ? 'Deploy again' : 'Deploy to Home Assistant', 'deploy', async () => {
      const d = await api(`/api/v1/suggestions/${enc(s.id)}/deploy`, { method: 'POST', body: {} });
      notify(d.warning ? `Deployed with a warning: ${d.warning}` : `Deployed as ${d.entity_id || d.id} (version ${d.version.version})`, d.warning ? 'error' : 'ok');
      render(await api(`/api/v1/suggestions/${enc(s.id)}`));
      if (open) await loadDetail();
    }));
    if (s.status === 'pending' || s.status === 'approved') buttons.push(button('Reject', 'reject', async () => {
      render(await api(`/api/v1/suggestions/${enc(s.id)}/reject`, { method: 'POST', body: {} }));
      notify(`Rejected: ${s.title}`);
      if (reload) reload();
    }, 'danger'));

    show(el,
      h('header', null,
        h('h3', { id: `s-${s.id}` }, s.title),
        h('p', { class: 'badges' }, badge(s.status), ' ', badge(s.category, 'category'), ' ', badge(`${s.priority} priority`, 'priority'),
          ' ', h('span', { class: 'muted' }, `safety ${s.safety_score}/100`))),
      h('p', { class: 'evidence' }, s.evidence || s.description),
      h('p', { class: 'confidence' }, 'Confidence ', meter(s.confidence, 'Confidence'), ` ${pct(s.confidence)}`),
      s.status_reason ? h('p', { class: 'muted' }, s.status_reason) : null,
      s.automation_id ? h('p', null, h('a', { href: `#/automations/${enc(s.automation_id)}`, 'data-testid': 'automation-link' },
        `In Home Assistant as automation ${s.automation_id} →`)) : null,
      h('div', { class: 'actions' }, buttons),
      detail);
  }

  function button(text, name, fn, cls) {
    const b = h('button', { type: 'button', class: cls || null, 'data-action': name }, text);
    b.addEventListener('click', () => act(b, fn, `${text} failed`));
    return b;
  }

  async function loadDetail() {
    show(detail, h('p', { class: 'muted' }, 'Checking against the home…'));
    try {
      const full = await api(`/api/v1/suggestions/${enc(s.id)}`);
      const v = full.validation;
      show(detail,
        h('p', null, v.valid ? badge('valid', 'up') : badge('not valid', 'down'),
          ` safety score ${v.safety_score}/100 (${v.safety_level}), ${v.errors} errors, ${v.warnings} warnings`),
        yamlView(v.yaml || full.yaml, marksOf(v.findings)),
        findingsList(v.findings),
        h('p', { class: 'muted' }, `Drafted ${when(full.created_at)} from ${full.source.kind}${full.source.type ? ` (${full.source.type})` : ''}.`));
    } catch (e) {
      show(detail, errorBox(e, 'The suggestion could not be checked'));
    }
  }

  render(s);
  return el;
}

function enc(x) { return encodeURIComponent(x); }
