// Patterns: routines with a heat map (hour of day by day) showing why each was found; devices used together
// with their lags; synergies, pairs and chains drawn as chains; anomalies on a timeline. Feedback on each.

import { api, h, svg, show, badge, meter, pct, when, act, notify, num } from '../lib.js';

const TABS = [
  ['routines', 'Routines'], ['together', 'Used together'], ['synergies', 'Synergies'], ['anomalies', 'Anomalies'],
];

export default async function patterns(root, args) {
  const tab = TABS.some(([k]) => k === args[0]) ? args[0] : 'routines';
  let names = {};
  try {
    for (const e of await api('/api/v1/entities?limit=10000')) names[e.entity_id] = e.name || e.entity_id;
  } catch { names = {}; /* ids are shown instead of names */ }
  const name = id => names[id] || id;
  const body = h('div', { class: 'tab-body' });
  show(root,
    h('nav', { class: 'tabs', 'aria-label': 'Kinds of pattern' }, TABS.map(([k, label]) =>
      h('a', { href: `#/patterns/${k}`, 'aria-current': k === tab ? 'page' : null }, label))),
    body);
  const render = { routines, together, synergies, anomalies }[tab];
  await render(body, name);
}

// ---- feedback ----

function feedback(kind, item, yesText, noText) {
  const box = h('div', { class: 'feedback', role: 'group', 'aria-label': 'Feedback' });
  const state = h('span', { class: 'muted', 'aria-live': 'polite' }, fbText(item.feedback));
  const send = accepted => async () => {
    const r = await api(`/api/v1/${kind}/${encodeURIComponent(item.id)}/feedback`, { method: 'POST', body: { accepted } });
    item.feedback = r.posterior;
    state.textContent = `${fbText(r.posterior)} · ${r.explanation}`;
    notify(`Feedback saved. ${r.explanation}`);
  };
  const yes = h('button', { type: 'button', class: 'secondary small', 'data-action': 'feedback-yes' }, yesText);
  const no = h('button', { type: 'button', class: 'secondary small', 'data-action': 'feedback-no' }, noText);
  yes.addEventListener('click', () => act(yes, send(true), 'Feedback not saved'));
  no.addEventListener('click', () => act(no, send(false), 'Feedback not saved'));
  box.append(yes, no, ' ', state);
  return box;
}

function fbText(f) {
  if (!f || (!f.accepted && !f.rejected)) return '';
  return `${f.accepted} up, ${f.rejected} down`;
}

async function list(kind, params) {
  const r = await api(`/api/v1/${kind}?${new URLSearchParams(params)}`);
  return r[kind];
}

function empty(text) {
  return h('p', { class: 'empty' }, text, ' ', h('a', { href: '#/overview' }, 'Run an analysis from the overview.'));
}

// ---- routines ----

async function routines(body, name) {
  const items = await list('patterns', { type: 'time_of_day', limit: 100 });
  if (!items.length) return show(body, empty('No routines found yet.'));
  show(body, h('div', { class: 'cards' }, items.map(p => {
    const map = h('div', { class: 'heatmap-box' });
    const btn = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'data-action': 'heatmap' }, 'Why? Show the heat map');
    btn.addEventListener('click', () => act(btn, async () => {
      const open = btn.getAttribute('aria-expanded') !== 'true';
      btn.setAttribute('aria-expanded', String(open));
      btn.textContent = open ? 'Hide the heat map' : 'Why? Show the heat map';
      btn.closest('article').classList.toggle('wide', open);
      if (!open) return map.replaceChildren();
      show(map, heatmap(await api(`/api/v1/patterns/${encodeURIComponent(p.id)}/heatmap`), name));
    }, 'The heat map could not be read'));
    return h('article', { class: 'card pattern', 'data-id': p.id },
      h('h3', null, `${name(p.entity_ids[0])} → ${p.state}`, ' ', h('span', { class: 'muted' }, `around ${p.details.typical_time}`)),
      h('p', null, p.explanation),
      h('p', { class: 'confidence' }, 'Confidence ', meter(p.confidence, 'Confidence'), ` ${pct(p.confidence)} · seen ${num(p.support)} times`),
      h('div', { class: 'actions' }, btn, feedback('patterns', p, 'Right', 'Not a routine')), map);
  })));
}

/** Days down, hours across; darker is more changes; the routine's days and hour are outlined. */
export function heatmap(m, name) {
  const typicalHour = m.typical_minute == null ? null : Math.floor(m.typical_minute / 60);
  const shade = n => (n === 0 || !m.max ? 0 : 0.2 + 0.8 * (n / m.max));
  const inHour = m.days.filter(d => d.in_pattern && typicalHour != null && d.hours[typicalHour] > 0).length;
  const patternDays = m.days.filter(d => d.in_pattern).length;
  const fmtDay = d => new Date(`${d.date}T12:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  return h('figure', { class: 'heatmap' },
    h('figcaption', null, `${name(m.entity_id)} changing to “${m.state}”, by hour of day (${m.time_zone}), ${m.days.length} days.`,
      typicalHour != null ? ` In the ${String(typicalHour).padStart(2, '0')}:00 hour on ${inHour} of ${patternDays} routine days.` : ''),
    h('div', { class: 'table-wrap' }, h('table', { class: 'heat' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Day'),
        Array.from({ length: 24 }, (_, i) => h('th', { scope: 'col', class: i === typicalHour ? 'typical' : null }, String(i).padStart(2, '0'))))),
      h('tbody', null, m.days.map(d => h('tr', { class: d.in_pattern ? 'in-pattern' : null },
        h('th', { scope: 'row' }, fmtDay(d)),
        d.hours.map((n, i) => h('td', {
          class: i === typicalHour ? 'typical' : null,
          style: { '--v': shade(n) },
          title: `${d.date} ${String(i).padStart(2, '0')}:00 — ${n} change${n === 1 ? '' : 's'}`,
        }, n ? h('span', { class: 'sr-only' }, String(n)) : null))))))),
    h('p', { class: 'legend muted' }, 'Outlined rows: the routine’s days. Outlined column: its usual hour. Darker: more changes.'));
}

// ---- used together ----

async function together(body, name) {
  const items = await list('patterns', { type: 'co_occurrence', limit: 100 });
  if (!items.length) return show(body, empty('No devices used together yet.'));
  show(body, h('div', { class: 'cards' }, items.map(p => {
    const [from, to] = p.entity_ids;
    const [s1, s2] = String(p.state).split('->');
    const lag = p.details.median_lag_seconds;
    return h('article', { class: 'card pattern', 'data-id': p.id },
      chain([{ label: name(from), sub: s1 }, { label: name(to), sub: s2 }], [`${fmtLag(lag)}`]),
      h('p', null, p.explanation),
      h('p', { class: 'confidence' }, 'Confidence ', meter(p.confidence, 'Confidence'), ` ${pct(p.confidence)} · ${num(p.support)} times · lift ${num(p.details.lift, 1)}`),
      feedback('patterns', p, 'Right', 'Coincidence'));
  })));
}

function fmtLag(s) {
  if (s == null) return '';
  return s < 90 ? `after ${Math.round(s)} s` : `after ${(s / 60).toFixed(1)} min`;
}

/** Boxes joined by arrows; steps[i] labels the arrow after box i. Read as a list by screen readers. */
function chain(nodes, steps) {
  const ol = h('ol', { class: 'chain' });
  nodes.forEach((n, i) => {
    ol.append(h('li', { class: 'node' }, h('span', { class: 'node-label' }, n.label), n.sub ? h('span', { class: 'node-sub' }, n.sub) : null));
    if (i < nodes.length - 1) ol.append(h('li', { class: 'arrow', 'aria-label': `then ${steps[i] || ''}` }, h('span', null, steps[i] || ''), h('span', { 'aria-hidden': 'true' }, '→')));
  });
  return ol;
}

// ---- synergies ----

async function synergies(body, name) {
  const items = await list('synergies', { limit: 100 });
  if (!items.length) return show(body, empty('No synergies found yet.'));
  show(body, h('div', { class: 'cards' }, items.map(s => {
    const steps = s.type === 'device_chain' ? (s.details.step_confidences || []).map(c => pct(c)) : [s.details.rule || ''];
    return h('article', { class: 'card synergy', 'data-id': s.id },
      h('p', { class: 'badges' }, badge(s.type === 'device_chain' ? `chain of ${s.depth}` : 'pair', 'category'), ' ',
        s.details.complexity ? badge(`${s.details.complexity} effort`, 'priority') : null),
      chain(s.entity_ids.map(id => ({ label: name(id), sub: id.split('.')[0] })), steps),
      h('p', null, s.explanation),
      h('p', { class: 'confidence' }, 'Score ', meter(s.score, 'Score'), ` ${pct(s.score)}`,
        s.details.model_source ? h('span', { class: 'muted' }, s.details.model_source === 'heuristic'
          ? ' (scored by rules: no synergy scorer is trained yet)' : ` (scored by ${s.details.model_source})`) : null),
      feedback('synergies', s, 'Good idea', 'Not useful'));
  })));
}

// ---- anomalies ----

async function anomalies(body, name) {
  const items = await list('anomalies', { limit: 200, sort: 'last_seen' });
  if (!items.length) return show(body, h('p', { class: 'empty' }, 'No anomalies: the home behaved as usual.'));
  const times = items.flatMap(a => [new Date(a.start).getTime(), new Date(a.end || a.start).getTime()]);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 3600000);
  const types = [...new Set(items.map(a => a.type))];
  show(body, timeline(items, types, t0, t1, name),
    h('ol', { class: 'cards anomaly-list' }, [...items].sort((a, b) => new Date(b.start) - new Date(a.start)).map(a =>
      h('li', { class: 'card anomaly', id: `anomaly-${a.id}`, 'data-id': a.id },
        h('p', null, badge(a.severity_level || 'low'), ' ', badge(a.type.replace('_', ' '), 'category'), ' ',
          h('time', { datetime: a.start }, when(a.start)), ' ', h('strong', null, name(a.entity_id))),
        h('p', null, a.explanation),
        feedback('anomalies', a, 'Worth knowing', 'False alarm')))));
}

function timeline(items, types, t0, t1, name) {
  const W = 1000; const rowH = 28; const left = 130; const top = 10;
  const H = top + types.length * rowH + 30;
  const x = t => left + ((t - t0) / (t1 - t0)) * (W - left - 10);
  const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline', role: 'img',
    'aria-label': `${items.length} anomalies between ${when(new Date(t0).toISOString())} and ${when(new Date(t1).toISOString())}; the list below names each` });
  types.forEach((t, i) => {
    const y = top + i * rowH + rowH / 2;
    g.append(svg('text', { x: 0, y: y + 4, class: 'tl-label' }, t.replace('_', ' ')),
      svg('line', { x1: left, x2: W - 10, y1: y, y2: y, class: 'tl-axis' }));
  });
  const days = Math.ceil((t1 - t0) / 86400000);
  const step = days > 20 ? 7 : days > 6 ? 2 : 1;
  for (let d = 0; d <= days; d += step) {
    const t = t0 + d * 86400000;
    g.append(svg('text', { x: x(t), y: H - 8, class: 'tl-tick', 'text-anchor': 'middle' },
      new Date(t).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })));
  }
  for (const a of items) {
    const y = top + types.indexOf(a.type) * rowH + rowH / 2;
    const link = svg('a', { href: `#anomaly-${a.id}` },
      svg('circle', { cx: x(new Date(a.start).getTime()), cy: y, r: 4 + 5 * (a.severity || 0), class: `tl-dot ${a.severity_level || 'low'}` },
        svg('title', null, `${when(a.start)} ${name(a.entity_id)}: ${a.explanation}`)));
    link.addEventListener('click', ev => { // keep the router's hash; move to the list entry instead
      ev.preventDefault();
      const el = document.getElementById(`anomaly-${a.id}`);
      el?.scrollIntoView({ block: 'center' });
      el?.querySelector('button')?.focus({ preventScroll: true });
    });
    g.append(link);
  }
  return h('figure', { class: 'timeline-box' }, h('div', { class: 'table-wrap' }, g), h('figcaption', { class: 'muted' }, 'Each dot is an anomaly; larger is more unusual. Select one to jump to it.'));
}
